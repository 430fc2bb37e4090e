"""The documented `portrait:` of people.yml: made into derivatives by the
gallery, shown on the leader's page and in the list of leaders, checked by
`invoke check`; publish used to fail at the link checker on it."""

from __future__ import annotations

import os

import test_quality_publish
from bs4 import BeautifulSoup
from conftest import ROOT
from portal.checker import check_content, format_report
from test_quality_publish import publish

tiny = test_quality_publish.tiny

PEOPLE = """\
- id: nguyen-van-a
  name: Nguyễn Văn A
  rank: 1
  roles:
    - title: Chủ tịch UBND quận
  portrait: images/lanh-dao/nguyen-van-a.jpg
"""


def test_a_portrait_is_published_as_derivatives_and_shown(tiny):
    tiny.write("data/people.yml", PEOPLE)
    tiny.image("images/lanh-dao/nguyen-van-a.jpg", size=(600, 750))
    code, log = publish(tiny)
    assert code == 0, log
    output = tiny.root / "output"
    for page, layout in (("lanh-dao/nguyen-van-a/", "vn-person__portrait"),
                         ("lanh-dao/", "vn-person-card__portrait")):
        html = (output / page / "index.html").read_text("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        img = soup.select_one(f"picture img.{layout}")
        assert img is not None, page
        srcset = [part.split()[0] for part in img["srcset"].split(",")]
        for url in [img["src"], *srcset]:
            path = url.split("/cong/", 1)[1]
            assert (output / path).is_file(), url
    assert soup.select_one("picture source[type='image/webp']")
    assert not list(output.rglob("nguyen-van-a.jpg"))  # never the raw upload


def test_check_reports_a_portrait_it_cannot_use(tmp_path):
    content = tmp_path / "content"
    (content / "data").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "images/hong.jpg").write_bytes(b"not a photo")
    os.mkfifo(content / "images/fifo.jpg")
    (content / "data/people.yml").write_text(
        "- id: nguoi-a\n  name: Nguyễn Văn A\n  portrait: ../../etc/passwd\n"
        "- id: nguoi-b\n  name: Trần Văn B\n  portrait: images/hong.jpg\n"
        "- id: nguoi-c\n  name: Lê Văn C\n  portrait: images/fifo.jpg\n",
        encoding="utf-8")
    text = format_report(check_content(str(content), str(ROOT / "pelicanconf.py")))
    assert ("dòng 3: [lỗi] ảnh chân dung '../../etc/passwd' của 'nguoi-a' nằm ngoài "
            "thư mục content/") in text
    assert "dòng 6: [lỗi] không đọc được ảnh chân dung 'images/hong.jpg'" in text
    assert ("dòng 9: [lỗi] ảnh chân dung 'images/fifo.jpg' của 'nguoi-c' không phải "
            "là một tệp") in text
