"""Leaders' titles in captions read to their end at every level (issue 18):
"Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", "Chủ tịch UBND đặc khu", not cut
after the first word a district portal never wrote."""

from __future__ import annotations

import entities
import pytest

PEOPLE = """\
- id: nguyen-van-an
  name: Nguyễn Văn An
  roles:
    - title: Chủ tịch UBND tỉnh
"""


@pytest.mark.parametrize("titles", [
    "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh",
    "Bí thư Đảng ủy đặc khu, Chủ tịch UBND đặc khu",
    "Tỉnh ủy viên, Phó Chủ tịch UBND thành phố",
    "Chủ tịch UBND phường",
    "Chủ tịch UBND xã",
])
def test_caption_titles_of_every_level(tmp_path, titles):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "people.yml").write_text(PEOPLE, encoding="utf-8")
    registries = entities.load(str(tmp_path))
    assert not registries.problems
    caption = f"Đồng chí Nguyễn Văn An - {titles} phát biểu tại hội nghị"
    found = registries.detect(title="Hội nghị", body="Nội dung.", captions=[caption])
    assert found.photos[0]["titles"] == {"nguyen-van-an": titles}
