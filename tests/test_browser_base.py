"""The sample site in a real headless Chromium, as a citizen on a phone sees it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/tin-tuc/2025/02/lam-viec-cac-don-vi-2025/",
         "/chuyen-muc/tin-hoat-dong/", "/luu-tru/", "/404.html"]
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_no_horizontal_scrolling(browser, sample_url, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    external = []
    page.on("request", lambda r: external.append(r.url)
            if not r.url.startswith(sample_url) else None)
    for path in PAGES:
        page.goto(sample_url + path)
        overflow = page.evaluate(OVERFLOW)
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    assert external == []
    page.close()


def test_skip_link_is_first_and_reaches_main(browser, sample_url):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(sample_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Bỏ qua điều hướng"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#noi-dung"
    page.close()


def test_sample_photos_load(browser, sample_url):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(sample_url + PAGES[1])
    images = page.locator("figure img")
    assert images.count() == 8
    for i in range(images.count()):
        images.nth(i).scroll_into_view_if_needed()
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0")
    page.close()
