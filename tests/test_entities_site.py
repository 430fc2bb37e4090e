"""Unit and leader pages in built sites: the repository's sample site, and
tiny sites with their own registries for front matter, errors and paging.
Everything is asserted on the HTML and feeds a visitor gets."""

from __future__ import annotations

import textwrap
import unicodedata
from xml.etree import ElementTree

import pytest
from conftest import ROOT
from test_entities import SAMPLE_UNITS

SAMPLE_URL = "tin-tuc/2025/02/lam-viec-cac-don-vi-2025/"
ATOM = "{http://www.w3.org/2005/Atom}"


def hrefs(soup, prefix: str) -> list[str]:
    """Ids of the links to /<prefix>/<id>/ in a page, in page order."""
    found = []
    for link in soup.find_all("a", href=True):
        path = link["href"].split("://", 1)[-1]
        path = "/" + path.split("/", 1)[1] if "://" in link["href"] else path
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == prefix:
            found.append(parts[1])
    return found


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


# --- the sample site ---------------------------------------------------------------

def test_sample_article_links_its_18_units_and_3_leaders(sample_build):
    soup = sample_build.soup(SAMPLE_URL)
    block = soup.select_one(".vn-entities")
    assert block is not None
    assert sorted(set(hrefs(block, "don-vi"))) == sorted(SAMPLE_UNITS)
    assert hrefs(block, "lanh-dao") == ["nguyen-van-duc", "nguyen-minh-chanh",
                                        "vo-thi-chinh"]


@pytest.mark.parametrize("person, count", [
    ("nguyen-van-duc", 2), ("vo-thi-chinh", 2), ("nguyen-minh-chanh", 1)])
def test_leader_pages_show_the_sample_photos_of_the_leader(sample_build, person,
                                                           count):
    soup = sample_build.soup(f"lanh-dao/{person}/")
    section = soup.find(id="anh-hoat-dong").find_parent("section")
    items = [li for li in section.find_all("li")
             if li.find("a", href=lambda h: h and SAMPLE_URL in h)]
    assert len(items) == count
    for item in items:
        assert item.find("img")
        # The caption, with the titles it gave the person, is shown.
        assert "Phó Chủ tịch UBND quận" in text_of(item) or \
            "Chủ tịch UBND quận" in text_of(item)


def test_unit_directory_groups_units_with_counts(sample_build):
    soup = sample_build.soup("don-vi/")
    assert soup.find("h1").get_text(strip=True) == "Cơ quan, đơn vị"
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert headings[:3] == ["Cơ quan lãnh đạo", "Văn phòng", "Các phòng chuyên môn"]
    assert "Các phường" in headings
    rows = {text_of(li.find("a")): text_of(li) for li in soup.select("main li")
            if li.find("a", href=lambda h: h and "/don-vi/" in h)}
    assert "2 bài viết" in rows["Phòng Y tế"]
    assert "1 bài viết" in rows["Bệnh viện quận"]
    assert len(rows) == 27
    wards = soup.find("h2", string="Các phường").find_parent("section")
    assert [text_of(a) for a in wards.find_all("a")] == [
        "Phường 1", "Phường 2", "Phường An Khánh", "Phường Bình Minh",
        "Phường Phú Thạnh"]


def test_unit_page_has_contact_block_articles_and_feed(sample_build):
    soup = sample_build.soup("don-vi/phong-y-te/")
    assert soup.find("h1").get_text(strip=True) == "Phòng Y tế"
    contact = soup.find(id="lien-he-don-vi")
    assert "Số 9 Đường Trung tâm" in text_of(contact)
    assert contact.find("a", href="tel:+842838000090")
    assert contact.find("a", href="mailto:yte@quanmau.gov.vn")
    assert hrefs(soup.find("main"), "don-vi").count("ubnd-quan") >= 1  # parent
    articles = soup.find(id="tin-bai").find_parent("section")
    titles = [text_of(h) for h in articles.select("article h3")]
    assert titles == [
        "Kiểm tra công tác phòng, chống sốt xuất huyết tại Phường An Khánh",
        "Thường trực UBND quận làm việc với các đơn vị về chương trình công tác "
        "năm 2025"]
    photos = soup.find(id="anh-hoat-dong").find_parent("section")
    assert "Trung tâm Y tế" in text_of(photos)
    feed = soup.find("link", type="application/atom+xml",
                     href=lambda h: h and h.endswith("don-vi/phong-y-te/feed.xml"))
    assert feed is not None
    root = ElementTree.parse(sample_build.output / "don-vi/phong-y-te/feed.xml")
    entries = root.getroot().findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == titles


def test_unit_head_links_to_the_leader(sample_build):
    soup = sample_build.soup("don-vi/ubnd-quan/")
    facts = soup.select_one(".vn-entity__facts")
    assert hrefs(facts, "lanh-dao") == ["nguyen-van-duc"]
    assert "Chủ tịch UBND quận" in text_of(facts)


def test_leader_index_in_protocol_order_with_a_to_z(sample_build):
    soup = sample_build.soup("lanh-dao/")
    current = soup.find(id="duong-nhiem").find_parent("section")
    assert hrefs(current, "lanh-dao") == ["nguyen-van-duc", "nguyen-minh-chanh",
                                          "vo-thi-chinh"]
    assert "Phó Bí thư Quận ủy, Chủ tịch UBND quận" in text_of(current)
    index = soup.find(id="theo-ten").find_parent("section")
    letters = [text_of(h) for h in index.find_all("h3")]
    assert letters == ["C", "Đ"]  # Chánh, Chính before Đức: Vietnamese order
    assert hrefs(index, "lanh-dao") == ["nguyen-minh-chanh", "vo-thi-chinh",
                                        "nguyen-van-duc"]


def test_leader_page_has_roles_articles_and_feed(sample_build):
    soup = sample_build.soup("lanh-dao/nguyen-minh-chanh/")
    assert soup.find("h1").get_text(strip=True) == "Nguyễn Minh Chánh"
    rows = [[text_of(td) for td in tr.find_all("td")]
            for tr in soup.select(".vn-roles tbody tr")]
    assert rows == [["Ủy viên Ban Thường vụ Quận ủy", "Quận ủy", "hiện nay"],
                    ["Phó Chủ tịch UBND quận", "Ủy ban nhân dân quận", "hiện nay"]]
    section = soup.find(id="tin-bai").find_parent("section")
    assert len(section.select("article")) == 7
    feed = sample_build.output / "lanh-dao/nguyen-minh-chanh/feed.xml"
    assert len(ElementTree.parse(feed).getroot().findall(f"{ATOM}entry")) == 7


def test_english_page_lists_units_from_the_registry(sample_build):
    text = text_of(sample_build.soup("en/").find("main"))
    assert "Department of Health" in text and "Nguyễn Văn Đức" in text


# --- tiny sites --------------------------------------------------------------------

UNITS = """
- id: phong-y-te
  name: Phòng Y tế
  type: phòng
- id: trung-tam-y-te
  name: Trung tâm Y tế
  type: trung tâm
- id: thanh-tra-quan
  name: Thanh tra quận
  type: thanh tra
- id: doi-thanh-tra
  name: Đội Thanh tra Địa bàn quận
  type: đội
"""
PEOPLE = """
- id: tran-thi-hoa
  name: Trần Thị Hòa
  rank: 1
  roles:
    - title: Phó Chủ tịch UBND quận
      from: 2019-07-01
      to: 2025-03-31
    - title: Chủ tịch UBND quận
      from: 2025-04-01
- id: le-van-nam
  name: Lê Văn Nam
  rank: 2
  roles:
    - title: Chánh Thanh tra quận
      unit: thanh-tra-quan
      to: 2024-12-31
"""


def page(title, date, body, extra=""):
    return (f"Title: {title}\nDate: {date}\nCategory: Tin hoạt động\n"
            f"Author: Nhóm BTV\n{extra}\n{body}\n")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    from conftest import Site

    site = Site(tmp_path_factory.mktemp("entities-site"))
    site.write("data/units.yml", UNITS)
    site.write("data/people.yml", PEOPLE)
    # NFD text, old tone placement, a name broken over two lines.
    site.write("articles/2025/03/nfd.md", page(
        "Kiểm tra y tế", "2025-03-01 08:00", unicodedata.normalize(
            "NFD", "Đồng chí Trần Thị Hoà cùng Trung tâm\nY tế quận kiểm tra.")))
    site.image("articles/2025/05/anh/a.jpg")
    site.write("articles/2025/05/anh.md", page(
        "Ra quân", "2025-05-02 08:00",
        "Đội Thanh tra Địa bàn quận ra quân.\n\n"
        "![Chủ tịch UBND quận](anh/a.jpg)\n"
        "Bà Trần Thị Hòa - Chủ tịch UBND quận\nphát biểu tại lễ ra quân",
        extra="Units: phong-y-te\nUnits-Exclude: doi-thanh-tra\n"
              "People: le-van-nam\n"))
    site.write("articles/2025/06/sai.md", page(
        "Bài có lỗi", "2025-06-01 08:00",
        "Đoạn đầu.\n\nĐồng chí Trần Thị Hỏa - Chủ tịch UBND quận dự.\n\n"
        "Ông Phạm Quốc Hùng, giám đốc doanh nghiệp, phát biểu.",
        extra="Units: phong-khong-co\n"))
    site.write("articles/2025/07/bo-qua.md", page(
        "Bỏ qua tên", "2025-07-01 08:00", "Ông Phạm Quốc Hùng phát biểu.",
        extra="People-Ignore: Phạm Quốc Hùng\n"))
    preview = site.build("preview", extra="PEOPLE_PAGINATION = 1\n")
    strict = site.build("strict", strict=True)
    return site, preview, strict


def test_tiny_detection_nfd_and_front_matter(tiny):
    _site, result, _ = tiny
    assert result.returncode == 0, result.log
    nfd_page = result.soup("tin-tuc/2025/03/nfd/").select_one(".vn-entities")
    assert hrefs(nfd_page, "don-vi") == ["trung-tam-y-te"]
    assert hrefs(nfd_page, "lanh-dao") == ["tran-thi-hoa"]
    # The person's title on the article's date, from the role history.
    assert "Phó Chủ tịch UBND quận" in text_of(nfd_page)
    tagged = result.soup("tin-tuc/2025/05/anh/").select_one(".vn-entities")
    assert hrefs(tagged, "don-vi") == ["phong-y-te"]  # added; Đội excluded
    assert hrefs(tagged, "lanh-dao") == ["tran-thi-hoa", "le-van-nam"]
    assert not (result.soup("don-vi/doi-thanh-tra/").select("#tin-bai ~ ul article"))


def test_tiny_leader_page_paginates_and_says_titles_of_the_day(tiny):
    _site, result, _ = tiny
    first = result.soup("lanh-dao/tran-thi-hoa/")
    second = result.soup("lanh-dao/tran-thi-hoa/trang/2/")
    titles = [text_of(h) for h in first.select("#tin-bai ~ ul article h3")]
    assert titles == ["Ra quân"]  # "Trần Thị Hỏa" in sai.md is someone else
    assert [text_of(h) for h in second.select("article h3")] == ["Kiểm tra y tế"]
    assert "Chức vụ khi đó: Phó Chủ tịch UBND quận" in text_of(second)
    assert first.select_one("a[rel=next]")
    photos = first.find(id="anh-hoat-dong").find_parent("section")
    assert "Bà Trần Thị Hòa - Chủ tịch UBND quận" in text_of(photos)
    # A former leader is listed below the current ones.
    index = result.soup("lanh-dao/")
    former = index.find(id="qua-cac-thoi-ky").find_parent("section")
    assert hrefs(former, "lanh-dao") == ["le-van-nam"]
    assert "Nguyên Chánh Thanh tra quận" in text_of(former)


def test_tiny_unknown_ids_and_names_are_reported_with_file_and_line(tiny):
    _site, result, strict = tiny
    log = " ".join(result.log.split())
    assert ("sai.md:5: Units: không có đơn vị nào mang mã 'phong-khong-co'") in log
    assert ("sai.md:9: tên 'Trần Thị Hỏa' sau 'Đồng chí' chưa có trong danh sách "
            "lãnh đạo — có phải là 'Trần Thị Hòa'?") in log
    assert "sai.md:11: tên 'Phạm Quốc Hùng' sau 'Ông'" in log
    assert "People-Ignore: Phạm Quốc Hùng" in log  # the hint says how to silence it
    assert "bo-qua.md" not in log
    # The bad article is still built (preview), without the unknown unit.
    assert (result.output / "tin-tuc/2025/06/sai/index.html").is_file()
    assert strict.returncode != 0
    assert "Bản dựng nghiêm ngặt thất bại" in strict.log


def test_invoke_check_reports_the_same_problems(tiny):
    from portal.checker import check_content, format_report
    from portal.diagnostics import NOTICE

    site, _, _ = tiny
    report = check_content(str(site.content), str(ROOT / "pelicanconf.py"))
    # Warnings and errors only: notices (e.g. "names no unit") are not problems.
    report.problems = [p for p in report.problems
                       if p.plugin in ("units", "people") and p.level != NOTICE]
    text = format_report(report)
    assert report.failed
    assert "dòng 5: [lỗi] Units: không có đơn vị nào mang mã 'phong-khong-co'" in text
    assert "dòng 9: [cảnh báo] tên 'Trần Thị Hỏa' sau 'Đồng chí'" in text
    assert "có phải là 'Trần Thị Hòa'?" in text
    assert "bo-qua.md" not in text and "nfd.md" not in text


def test_registry_errors_fail_a_strict_build(site):
    site.write("data/units.yml", textwrap.dedent("""
        - id: phong-a
          name: Phòng A
          type: phòng
          parent: phong-x
    """).lstrip())
    site.write("data/people.yml", "- id: nguoi-a\n  name: [Nguyễn\n")
    site.write("articles/2025/03/a.md", page("Bài", "2025-03-01 08:00", "Phòng A."))
    result = site.build(strict=True)
    log = " ".join(result.log.split())
    assert result.returncode != 0
    assert ("units: content/data/units.yml:4: trường 'parent' của mục 'phong-a' ghi "
            "'phong-x'") in log or "units.yml:4: trường 'parent'" in log
    assert "people.yml:2: lỗi cú pháp YAML" in log or "people.yml:3: lỗi cú pháp" in log


def test_a_registry_edit_reaches_articles_read_from_the_cache(site):
    site.write("data/units.yml", "- id: phong-y-te\n  name: Phòng Y tế\n"
               "  type: phòng\n")
    site.write("articles/2025/03/a.md", page(
        "Bài", "2025-03-01 08:00", "Phòng Y tế và Trung tâm Y tế họp."))
    first = site.build("first", cache="shared")
    assert first.returncode == 0, first.log
    links = first.soup("tin-tuc/2025/03/a/").select_one(".vn-entities")
    assert hrefs(links, "don-vi") == ["phong-y-te"]
    assert list((site.root / "shared").glob("entities-*.pickle"))
    site.write("data/units.yml", "- id: phong-y-te\n  name: Phòng Y tế\n"
               "  type: phòng\n- id: trung-tam-y-te\n  name: Trung tâm Y tế\n"
               "  type: trung tâm\n")
    second = site.build("second", cache="shared")
    assert second.returncode == 0, second.log
    links = second.soup("tin-tuc/2025/03/a/").select_one(".vn-entities")
    assert hrefs(links, "don-vi") == ["phong-y-te", "trung-tam-y-te"]
