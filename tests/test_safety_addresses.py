"""Header values that become addresses: `Save_as: ../../evil.html`,
`Slug: ../../x`, `URL: javascript:…` and a tag `..` were Pelican's English
errors (or a page written at a wrong address) and `invoke check` said
nothing. They are errors with the file and line: the preview leaves that
article out and builds the others, a strict build fails."""

from __future__ import annotations

import pytest
from conftest import ROOT
from portal.checker import check_content, format_report
from test_build import article

INSIDE = "không phải là một đường dẫn bên trong trang"
BAD = {
    "save-as": ("Save_as: ../../evil.html", f"'Save_as: ../../evil.html' {INSIDE}"),
    "slug": ("Slug: ../../x", "địa chỉ bài (Slug) '../../x' không hợp lệ"),
    "url": ("URL: javascript:alert(1)", f"'URL: javascript:alert(1)' {INSIDE}"),
    "tag": ("Tags: .., bình thường",
            "thẻ '..' không có chữ hay số nào để làm địa chỉ trang"),
}


@pytest.fixture
def bad_site(site):
    site.write("articles/2025/03/dung.md", article(
        title="Bài đúng", extra="Slug: bai-dung\nURL: tin/bai-dung/\n"
        "Save_as: tin/bai-dung/index.html\nTags: họp, năm 2025\n"))
    for name, (line, _message) in BAD.items():
        site.write(f"articles/2025/03/{name}.md", article(title=name,
                                                          extra=line + "\n"))
    return site


def test_preview_leaves_them_out_with_file_and_line(bad_site):
    result = bad_site.build()
    log = " ".join(result.log.split())
    assert result.returncode == 0, result.log
    for name, (_line, message) in BAD.items():
        assert f"content/articles/2025/03/{name}.md:5: {message}" in log
    assert "outside output path" not in log and "Unable to generate" not in log
    assert not list(bad_site.root.rglob("evil.html"))
    assert (result.output / "tin/bai-dung/index.html").is_file()
    assert not (result.output / "tin-tuc/x").exists()
    links = [a["href"] for a in result.soup("index.html").find_all("a", href=True)]
    assert not [h for h in links if h.startswith("javascript:")]


def test_strict_build_fails(bad_site):
    assert bad_site.build(strict=True).returncode != 0


def test_check_names_them(bad_site):
    report = check_content(str(bad_site.content), str(ROOT / "pelicanconf.py"))
    text = format_report(report)
    assert report.failed
    for name, (_line, message) in BAD.items():
        block = text.split(f"{name}.md\n", 1)[1]
        assert block.startswith(f"  dòng 5: [lỗi] {message}"), text
    assert "dung.md" not in text
