"""Units that ended (issue 18, item 3): `to` and `successor` in units.yml.

A merged or dissolved unit keeps its page, which says so first and links
the unit that took it in; its old articles keep it; /don-vi/ lists it in a
last group of its own, and the successor's page names it.
"""

from __future__ import annotations

from textwrap import dedent

UNITS = dedent("""\
    - id: ubnd-quan
      name: Ủy ban nhân dân quận
      type: cơ quan
      detect: false
    - id: phong-noi-vu
      name: Phòng Nội vụ
      type: phòng
      parent: ubnd-quan
    - id: phong-lao-dong
      name: Phòng Lao động - Thương binh và Xã hội
      aliases: [Phòng LĐ-TB&XH]
      type: phòng
      parent: ubnd-quan
      to: 2025-03-01
      successor: phong-noi-vu
    - id: doi-quy-tac
      name: Đội Quy tắc đô thị
      type: đội
      to: 2024-12-31
    """)


def words(node) -> str:
    return " ".join(node.get_text(" ").split())


def test_a_merged_unit_keeps_its_page_and_articles(site):
    site.write("data/units.yml", UNITS)
    site.write("articles/2025/01/tet.md", dedent("""\
        Title: Phòng LĐ-TB&XH thăm hộ nghèo
        Date: 2025-01-20 09:00
        Category: Tin hoạt động

        Phòng Lao động - Thương binh và Xã hội cùng Phòng Nội vụ tặng quà Tết.
        """))
    result = site.build(strict=True)
    assert result.returncode == 0, result.log

    old = result.soup("don-vi/phong-lao-dong/")
    note = old.select_one(".vn-entity__ended")
    assert words(note).startswith("Đơn vị đã sáp nhập vào Phòng Nội vụ từ ngày "
                                  "01/03/2025.")
    assert note.a["href"] == "/don-vi/phong-noi-vu/"
    assert "Phòng LĐ-TB&XH thăm hộ nghèo" in words(old.select_one("main"))

    dissolved = result.soup("don-vi/doi-quy-tac/")
    assert "Đơn vị đã giải thể từ ngày 31/12/2024." in words(
        dissolved.select_one(".vn-entity__ended"))

    new = result.soup("don-vi/phong-noi-vu/")
    assert new.select_one(".vn-entity__ended") is None
    facts = {words(d.dt): words(d.dd) for d in new.select(".vn-entity__fact")}
    assert facts["Tiếp nhận từ"] == ("Phòng Lao động - Thương binh và Xã hội "
                                     "(01/03/2025)")

    article = result.soup("tin-tuc/2025/01/tet/")
    linked = [a["href"] for a in article.select("main a[href*='/don-vi/']")]
    assert "/don-vi/phong-lao-dong/" in linked and "/don-vi/phong-noi-vu/" in linked

    directory = result.soup("don-vi/")
    groups = {words(s.h2): [words(a) for a in s.select("a")]
              for s in directory.select(".vn-unit-group")}
    assert list(groups)[-1] == "Đơn vị đã sáp nhập, giải thể"
    assert groups["Đơn vị đã sáp nhập, giải thể"] == [
        "Phòng Lao động - Thương binh và Xã hội", "Đội Quy tắc đô thị"]
    assert groups["Các phòng chuyên môn"] == ["Phòng Nội vụ"]
    assert "Các đội" not in groups
    children = [words(a) for a in result.soup("don-vi/ubnd-quan/").select(
        ".vn-entity__children a")]
    assert children == ["Phòng Nội vụ"]


def test_a_successor_needs_an_end_date(site):
    site.write("data/units.yml", UNITS.replace("  to: 2025-03-01\n", ""))
    site.write("articles/2025/01/a.md", "Title: A\nDate: 2025-01-20 09:00\n"
               "Category: Tin hoạt động\n\nPhòng Nội vụ họp.\n")
    result = site.build(strict=True)
    assert result.returncode != 0
    assert ("'phong-lao-dong' có đơn vị tiếp nhận nhưng chưa có ngày kết thúc"
            in result.log)


def test_the_sample_district_merged_two_offices_in_2025(sample_build):
    directory = sample_build.soup("don-vi/")
    last = directory.select(".vn-unit-group")[-1]
    assert words(last.h2) == "Đơn vị đã sáp nhập, giải thể"
    assert [words(a) for a in last.select("a")] == [
        "Phòng Lao động - Thương binh và Xã hội", "Phòng Tài nguyên và Môi trường"]
    for old, successor in (("phong-lao-dong-thuong-binh-xa-hoi", "phong-noi-vu"),
                           ("phong-tai-nguyen-moi-truong", "phong-quan-ly-do-thi")):
        note = sample_build.soup(f"don-vi/{old}/").select_one(".vn-entity__ended")
        assert note.a["href"] == f"/don-vi/{successor}/"
