"""The importer on pages of the software old Vietnamese portals ran
(tests/fixtures/legacy/, written for this project) and, when the folder is
present, on the real pages of ../shared/legacy-pages: every criterion of the
extraction score (tests/importer_score.py) must be full, and what was
imported must build strictly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from importer_score import (
    CRITERIA,
    LEGACY_PAGES,
    fixture_cases,
    legacy_cases,
    picture,
    score_all,
    table,
)


def failures(results) -> list[str]:
    found = []
    for name, (scores, imported) in results.items():
        for criterion in CRITERIA:
            if scores[criterion] < 1:
                found.append(f"{name}: {criterion} {scores[criterion]:.2f}")
        if any(scores[c] < 1 for c in CRITERIA):
            found.append(imported.output)
            found.append(imported.markdown)
    return found


def test_every_fixture_imports_right(tmp_path):
    results = score_all(fixture_cases(tmp_path / "pages"), tmp_path / "out")
    print(table(results))
    assert not failures(results), "\n".join(failures(results))


@pytest.mark.skipif(not LEGACY_PAGES.is_dir(),
                    reason="../shared/legacy-pages is absent")
def test_every_real_page_imports_right(tmp_path):
    results = score_all(legacy_cases(), tmp_path / "out")
    print(table(results))
    assert not failures(results), "\n".join(failures(results))


# --- one report, one truth ---------------------------------------------------------

def import_into(site, cases) -> dict[str, tuple[int, str]]:
    from importer import Options, run

    outputs = {}
    for case in cases:
        lines: list[str] = []
        code = run(case.page, Options(content=site.content, **case.options),
                   out=lines.append)
        outputs[case.name] = (code, "\n".join(lines))
    return outputs


def warnings_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if "[cảnh báo]" in line]


def check_warnings(site) -> dict[str, int]:
    """Warnings `invoke check` reports, per file."""
    from portal.checker import check_content
    from portal.diagnostics import WARNING

    report = check_content(str(site.content),
                           settings_file=str(ROOT / "pelicanconf.py"))
    counts: dict[str, int] = {}
    for problem in report.problems:
        if problem.level == WARNING:
            counts[Path(problem.path).name] = counts.get(Path(problem.path).name, 0) + 1
    return counts


def assert_one_truth_and_strict_build(site, cases):
    """The importer's warnings are the check's, file by file; they are only
    photos to copy in; once the editor has copied them (where the hint
    says), the site builds strictly."""
    outputs = import_into(site, cases)
    checked = check_warnings(site)
    for code, output in outputs.values():
        assert code == 0, output
        target = re.search(r"đã nhập thành (\S+\.md)", output).group(1)
        warned = warnings_of(output)
        assert len(warned) == checked.get(Path(target).name, 0), (output, checked)
        for warning in warned:
            assert "chưa có tệp" in warning, output
            drop_in = Path(warning.rsplit("hãy chép ảnh vào ", 1)[1])
            drop_in.parent.mkdir(parents=True, exist_ok=True)
            drop_in.write_bytes(picture(size=(1600, 1200)))
    assert not check_warnings(site)
    built = site.build(strict=True)
    assert built.returncode == 0, built.log
    return built


def test_fixtures_warn_as_the_check_does_and_build_strictly(site):
    cases = fixture_cases(site.root / "pages")
    built = assert_one_truth_and_strict_build(site, cases)
    page = built.soup("tin-tuc/2018/03/sharepoint-wayback/")
    body = page.select_one(".vn-article__body")
    paragraphs = [" ".join(p.get_text(" ").split()) for p in body.find_all("p")
                  if not p.find_parent("figure")]
    expect = cases[0].expect
    assert paragraphs == expect["body"]
    assert [" ".join(f.figcaption.get_text(" ").split())
            for f in body.select("figure")] == expect["captions"]
    assert page.select_one(".vn-article__source").get_text(strip=True) == (
        "Nguồn: Báo Lâm Đồng điện tử")
    text = page.select_one("main").get_text(" ")
    for junk in ("Internet Archive", "TIN ĐÃ ĐƯA", "This page location"):
        assert junk not in text
    # The photo without alt or caption got the title as alt, not nothing.
    fragment = built.soup("tin-tuc/2019/04/ckeditor-fragment/")
    alts = [img.get("alt") for img in fragment.select(".vn-article__body img")]
    assert "Ảnh: Giao nhận quân năm 2019 tại phường Mẫu Bắc" in alts
    assert all(alts)


@pytest.mark.skipif(not LEGACY_PAGES.is_dir(),
                    reason="../shared/legacy-pages is absent")
def test_real_pages_warn_as_the_check_does_and_build_strictly(site):
    built = assert_one_truth_and_strict_build(site, legacy_cases())
    page = built.soup("tin-tuc/2019/06/krongno-moi-truong/")
    assert len(page.select(".vn-article__body figure figcaption")) == 3
    assert page.select_one(".vn-article__source") is not None
