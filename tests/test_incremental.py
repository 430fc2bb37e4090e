"""Incremental builds (portal.incremental): a rebuild renders only what
changed, and its output is byte for byte that of a clean build.

One copy of the sample site is built again and again, each time after one
kind of edit an editor or a developer makes; after each, a clean build of
the same input (fresh output and caches) must give exactly the same files.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, Site
from PIL import Image

ARTICLE = "articles/2025/03/tap-huan-hoa-giai-o-co-so-2025.md"
PHOTO_ARTICLE = "articles/2025/03/giai-viet-da-truyen-thong-2025"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(rel for rel in set(left) | set(right)
                  if left.get(rel) != right.get(rel))


def counts(log: str) -> tuple[int, int, int]:
    found = re.search(r"Trang: dựng lại (\d+), giữ nguyên (\d+)[^,]*, xóa (\d+)", log)
    assert found, log[-3000:]
    return tuple(int(x) for x in found.groups())


class Workspace:
    """The sample site and theme copied, built incrementally and cleanly."""

    def __init__(self, root: Path):
        shutil.copytree(ROOT / "content", root / "content")
        shutil.copytree(ROOT / "theme", root / "theme")
        self.site = Site(root)
        self.root = root
        self.extra = f"THEME = {str(root / 'theme')!r}\n"
        self.clean_builds = 0

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.site.content / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def incremental(self):
        # Strict: a problem anywhere (the search index too) fails the build
        # with its message, instead of showing up as a difference.
        result = self.site.build("inc", strict=True, extra=self.extra)
        assert result.returncode == 0, result.log
        return result

    def assert_same_as_clean(self) -> None:
        self.clean_builds += 1
        name = f"clean{self.clean_builds}"
        clean = self.site.build(name, strict=True, extra=self.extra)
        assert clean.returncode == 0, clean.log
        assert differences(self.root / "inc", clean.output) == []
        shutil.rmtree(clean.output)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return Workspace(tmp_path_factory.mktemp("incremental"))


def test_first_build_renders_all_and_second_renders_none(work):
    first = counts(work.incremental().log)
    assert first[0] > 150 and first[1] == 0
    before = {p: p.stat().st_mtime_ns for p in (work.root / "inc").rglob("*.html")}
    second = counts(work.incremental().log)
    assert second == (0, first[0], 0)
    after = {p: p.stat().st_mtime_ns for p in (work.root / "inc").rglob("*.html")}
    assert after == before  # nothing rewritten
    work.assert_same_as_clean()


def test_body_edit_renders_few_pages(work):
    work.edit(ARTICLE, "hạn chế khiếu kiện vượt cấp.",
              "hạn chế khiếu kiện vượt cấp. Hội nghị kết thúc lúc 17 giờ.")
    rendered, kept, _ = counts(work.incremental().log)
    assert 0 < rendered < 40 < kept
    page = (work.root / "inc/tin-tuc/2025/03/tap-huan-hoa-giai-o-co-so-2025/index.html")
    assert "Hội nghị kết thúc lúc 17 giờ." in page.read_text(encoding="utf-8")
    work.assert_same_as_clean()


@pytest.mark.parametrize("change", [
    "title", "summary", "units", "date", "category", "new-article",
    "delete-article", "photo", "registry", "page", "template", "setting",
])
def test_rebuild_after_change_equals_clean_build(work, change):
    content = work.site.content
    if change == "title":
        work.edit(ARTICLE, "Title: Tập huấn", "Title: Khai mạc tập huấn")
    elif change == "summary":
        work.edit(ARTICLE, "Ngày 05/3, Phòng Tư pháp", "Sáng ngày 05/3, Phòng Tư pháp")
    elif change == "units":
        work.edit(ARTICLE, "Tags:", "Units: phong-noi-vu\nTags:")
    elif change == "date":
        work.edit(ARTICLE, "Date: 2025-03-05 14:20", "Date: 2025-04-05 14:20")
    elif change == "category":
        work.edit(ARTICLE, "Category: Xây dựng chính quyền", "Category: Tin hoạt động")
    elif change == "new-article":
        work.site.write("articles/2025/12/bai-moi.md",
                        "Title: Bài mới về Phòng Nội vụ\nDate: 2025-12-01 08:00\n"
                        "Category: Tin hoạt động\n\nPhòng Nội vụ quận họp giao ban.\n")
    elif change == "delete-article":
        (content / "articles/2025/12/bai-moi.md").unlink()
    elif change == "photo":
        photo = content / PHOTO_ARTICLE / "anh-01.jpg"
        Image.new("RGB", (1200, 700), (20, 90, 160)).save(photo, "JPEG", quality=85)
    elif change == "registry":
        path = content / "data/units.yml"
        text = path.read_text(encoding="utf-8")
        assert "Phòng Nội vụ" in text
        path.write_text(text.replace("Phòng Nội vụ", "Phòng Nội vụ quận", 1),
                        encoding="utf-8")
    elif change == "page":
        path = content / "pages/lien-he.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\nGiờ tiếp dân: sáng thứ Năm.\n", encoding="utf-8")
    elif change == "template":
        path = work.root / "theme/templates/base.html"
        text = path.read_text(encoding="utf-8")
        assert "</footer>" in text
        text = text.replace("</footer>", "<p>Phiên bản thử.</p></footer>")
        path.write_text(text, encoding="utf-8")
    elif change == "setting":
        work.extra += 'SITESUBTITLE = "Ủy ban nhân dân Quận Mẫu"\n'
    work.incremental()
    work.assert_same_as_clean()


def test_removed_article_page_is_deleted_but_other_files_are_kept(work):
    keep = work.root / "inc" / "ghi-chu-cua-bien-tap.txt"
    keep.write_text("không phải trang do bản dựng tạo", encoding="utf-8")
    (work.site.content / ARTICLE).unlink()
    removed = counts(work.incremental().log)[2]
    assert removed >= 1
    gone = work.root / "inc/tin-tuc/2025/03/tap-huan-hoa-giai-o-co-so-2025"
    assert not gone.exists()
    assert keep.read_text(encoding="utf-8").startswith("không phải")
    keep.unlink()
    work.assert_same_as_clean()


def test_edited_output_file_is_rendered_again(work):
    page = work.root / "inc" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original + "<!-- sửa tay -->".encode())
    os.utime(page, ns=(1, 1))
    work.incremental()
    assert page.read_bytes() == original


def test_output_does_not_depend_on_the_number_of_render_processes(work):
    one = work.site.build("one", extra=work.extra + "PORTAL_RENDER_PROCESSES = 1\n")
    three = work.site.build("three", extra=work.extra + "PORTAL_RENDER_PROCESSES = 3\n")
    assert one.returncode == 0 and three.returncode == 0, one.log + three.log
    assert counts(one.log)[0] == counts(three.log)[0] > 64
    assert differences(one.output, three.output) == []


def _square_or_fail(n):
    if n == 7:
        raise ValueError("trang số 7 hỏng")
    return n * n


def test_forked_work_comes_back_in_order_and_failures_are_reported():
    from portal.parallel import WorkerError, run_forked

    assert run_forked(list(range(20)), lambda n: n * n, 3) == [n * n for n in range(20)]
    with pytest.raises(WorkerError, match="trang số 7 hỏng"):
        run_forked(list(range(20)), _square_or_fail, 3)
