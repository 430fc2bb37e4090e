"""Accessibility of the sample site: axe-core in headless Chromium.

One page of every kind (the same choice as the HTML validity test) at a
phone's and a desktop's width must have no axe violation. axe-core comes from
the axe-playwright-python package (its bundled axe.min.js) and is injected
into the page; nothing is fetched from the network, which the test enforces.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import block_other_hosts
from portal.htmlcheck import sample_pages

pytestmark = pytest.mark.browser

WIDTHS = (360, 1280)


def page_urls(output) -> list[str]:
    urls = []
    for path in sample_pages(output).values():
        rel = path.relative_to(output).as_posix()
        urls.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html")
                           else rel))
    return urls


def violations_text(url: str, results) -> list[str]:
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(f"{url}: {violation['id']} ({violation['impact']}): "
                     f"{violation['help']} — {', '.join(targets[:3])}")
    return lines


def run_axe(browser, base_url: str, paths: list[str], width: int):
    """(violations as text, requests that left the local server)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    outside = block_other_hosts(context, base_url)
    page = context.new_page()
    axe = Axe()
    found = []
    try:
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            found += violations_text(path, axe.run(page))
    finally:
        context.close()
    return found, outside


@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violation_on_any_kind_of_page(browser, sample_build, sample_url,
                                               width):
    paths = page_urls(sample_build.output)
    assert len(paths) >= 12
    found, outside = run_axe(browser, sample_url, paths, width)
    assert outside == []
    assert found == [], "\n".join(found)


def test_axe_reports_an_inaccessible_page(browser, tmp_path):
    from conftest import serve

    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        "<img src='x.png'><a href='/'></a>"
        "<p style='color:#bbb;background:#fff'>chữ mờ</p></body></html>",
        encoding="utf-8")
    url, server = serve(tmp_path)
    try:
        found, outside = run_axe(browser, url, ["/"], 360)
    finally:
        server.shutdown()
    rules = {line.split(": ")[1].split(" ")[0] for line in found}
    assert {"html-has-lang", "image-alt", "link-name", "color-contrast"} <= rules
    assert outside == []
