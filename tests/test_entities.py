"""Detection of units and leaders, and the registries' checks, through the
Pelican-independent API (`entities.load`, `Registries.detect`) on real YAML
files: the repository's registries and small ones written in tmp_path."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from datetime import date, datetime

import entities
import pytest
from conftest import ROOT
from PIL import Image

SAMPLE = ROOT / "content/articles/2025/02/lam-viec-cac-don-vi-2025.md"
SAMPLE_UNITS = [
    "van-phong-hdnd-ubnd", "phong-noi-vu", "phong-tai-chinh-ke-hoach",
    "ban-boi-thuong-giai-phong-mat-bang", "ban-quan-ly-du-an-dau-tu-xay-dung-khu-vuc",
    "phong-van-hoa-thong-tin", "trung-tam-van-hoa-the-thao", "phong-tu-phap",
    "thanh-tra-quan", "doi-thanh-tra-dia-ban-quan", "phong-quan-ly-do-thi",
    "phong-giao-duc-dao-tao", "trung-tam-gdnn-gdtx", "phong-kinh-te",
    "chi-cuc-thong-ke", "phong-y-te", "trung-tam-y-te", "benh-vien-quan",
]


@pytest.fixture(scope="module")
def registries():
    """The repository's own registries."""
    loaded = entities.load(str(ROOT / "content"))
    assert loaded.problems == []
    return loaded


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def units_in(registries, text: str) -> list[str]:
    return registries.detect(body=text).units


def people_in(registries, text: str) -> list[str]:
    return registries.detect(body=text).people


def sample_parts():
    """Title, body and caption texts of the sample article, from its source."""
    text = SAMPLE.read_text("utf-8")
    header, body = text.split("\n\n", 1)
    title = re.search(r"^Title: (.*)$", header, re.M).group(1)
    captions, lines = [], body.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("!["):
            caption = []
            for following in lines[index + 1:]:
                if not following.strip() or following.startswith("!["):
                    break
                caption.append(following)
            captions.append("\n".join(caption))
    return title, body, captions


# --- the sample article -------------------------------------------------------

def test_sample_article_names_exactly_its_18_units_and_3_leaders(registries):
    title, body, captions = sample_parts()
    found = registries.detect(title, body, captions)
    assert sorted(found.units) == sorted(SAMPLE_UNITS)
    assert len(found.units) == 18
    assert found.people == ["nguyen-van-duc", "nguyen-minh-chanh", "vo-thi-chinh"]
    assert found.unregistered == []


def test_sample_captions_attach_people_units_and_titles(registries):
    title, body, captions = sample_parts()
    photos = registries.detect(title, body, captions).photos
    assert len(photos) == 8
    people = [photo["people"] for photo in photos]
    assert sum(p == ["nguyen-van-duc"] for p in people) == 2
    assert sum(p == ["vo-thi-chinh"] for p in people) == 2
    assert sum(p == ["nguyen-minh-chanh"] for p in people) == 1
    assert photos[0]["titles"] == {
        "nguyen-van-duc": "Phó Bí thư Quận ủy, Chủ tịch UBND quận"}
    # The titles as written, old tone placement included.
    assert photos[3]["titles"] == {
        "nguyen-van-duc": "Phó Bí thư quận uỷ, Chủ tịch UBND quận"}
    # The titles end where the caption says what the person does.
    assert photos[2]["titles"] == {
        "vo-thi-chinh": "Quận ủy viên, Phó Chủ tịch UBND quận"}
    # Abbreviated titles are spelt out for display; the caption is unchanged.
    assert photos[6]["titles"] == {
        "vo-thi-chinh": "Quận ủy viên, Phó Chủ tịch UBND quận"}
    assert "QUV, Phó Chủ tịch" in captions[6]
    assert photos[1]["units"] == ["ban-boi-thuong-giai-phong-mat-bang",
                                  "ban-quan-ly-du-an-dau-tu-xay-dung-khu-vuc"]
    assert photos[7] == {"units": ["phong-y-te", "trung-tam-y-te", "benh-vien-quan"],
                         "people": [], "titles": {}}


def test_detect_ids_is_what_the_importer_writes(registries):
    title, body, captions = sample_parts()
    ids = entities.detect_ids(registries, title, body, captions)
    assert set(ids) == {"units", "people"}
    assert len(ids["units"]) == 18 and len(ids["people"]) == 3


# --- matching -----------------------------------------------------------------

def test_nfd_text_matches(registries):
    text = nfd("Đồng chí Võ Thị Chính làm việc với Phòng Văn hóa và Thông tin.")
    assert not unicodedata.is_normalized("NFC", text)
    found = registries.detect(body=text)
    assert found.units == ["phong-van-hoa-thong-tin"]
    assert found.people == ["vo-thi-chinh"]


@pytest.mark.parametrize("written", [
    "Phòng Văn hóa và Thông tin", "Phòng Văn hoá và Thông tin",
    "PHÒNG VĂN HOÁ VÀ THÔNG TIN", "phòng văn hóa và thông tin",
])
def test_case_and_both_tone_placements(registries, written):
    assert units_in(registries, f"Lãnh đạo {written} dự họp.") == [
        "phong-van-hoa-thong-tin"]


def test_tone_placement_in_a_registered_alias(tmp_path):
    write_registry(tmp_path, "units.yml", """
        - id: phong-a
          name: Phòng Hòa giải
          type: phòng
    """)
    loaded = entities.load(str(tmp_path))
    assert loaded.detect(body="Phòng Hoà giải").units == ["phong-a"]
    assert loaded.detect(body="phòng hòa giải").units == ["phong-a"]


@pytest.mark.parametrize("written, unit", [
    ("Phòng VH & TT", "phong-van-hoa-thong-tin"),
    ("Phòng VH&TT", "phong-van-hoa-thong-tin"),
    ("Phòng GD & ĐT", "phong-giao-duc-dao-tao"),
    ("phòng GD&ĐT", "phong-giao-duc-dao-tao"),
    ("Phòng TC-KH", "phong-tai-chinh-ke-hoach"),
    ("Phòng TC – KH", "phong-tai-chinh-ke-hoach"),
    ("Phòng QLĐT", "phong-quan-ly-do-thi"),
    ("Ban BTGPMB", "ban-boi-thuong-giai-phong-mat-bang"),
    ("Ban QLDAĐTXDKV", "ban-quan-ly-du-an-dau-tu-xay-dung-khu-vuc"),
    ("Ban QLDA ĐTXD khu vực", "ban-quan-ly-du-an-dau-tu-xay-dung-khu-vuc"),
    ("Trung tâm GDNN - GDTX", "trung-tam-gdnn-gdtx"),
    ("Trung tâm GDNN-GDTX", "trung-tam-gdnn-gdtx"),
    ("Phòng LĐTB&XH", "phong-lao-dong-thuong-binh-xa-hoi"),
    ("Phòng TN&MT", "phong-tai-nguyen-moi-truong"),
])
def test_abbreviations(registries, written, unit):
    assert units_in(registries, f"Đại diện {written} quận báo cáo.") == [unit]


def test_lists_of_abbreviations_yield_every_unit(registries):
    assert units_in(registries, "làm việc với Phòng VH & TT và Trung tâm VH - TT "
                    "quận") == ["phong-van-hoa-thong-tin", "trung-tam-van-hoa-the-thao"]


def test_longest_match_wins(registries):
    assert units_in(registries, "Cán bộ Trung tâm Y tế quận") == ["trung-tam-y-te"]
    assert units_in(registries, "Đội Thanh tra Địa bàn quận ra quân") == [
        "doi-thanh-tra-dia-ban-quan"]
    assert units_in(registries, "Thanh tra quận công bố") == ["thanh-tra-quan"]


def test_line_breaks_and_spaces_inside_names(registries):
    text = "buổi làm việc với Trung tâm\nY tế và Đội Thanh tra\r\n Địa  bàn quận"
    assert units_in(registries, text) == ["doi-thanh-tra-dia-ban-quan",
                                          "trung-tam-y-te"]
    assert people_in(registries, "đồng chí Nguyễn Văn\nĐức") == ["nguyen-van-duc"]


def test_whole_words_only(registries):
    assert units_in(registries, "tổ dân phố của Phường 10 và Phường 12") == []
    assert units_in(registries, "tổ dân phố của Phường 1, Phường 2.") == [
        "phuong-1", "phuong-2"]
    assert units_in(registries, "Trường THCS An Khánh") == []


def test_a_unit_only_tagged_by_hand_is_not_detected(registries):
    # "UBND quận" is registered with `detect: false`: titles name it everywhere.
    assert units_in(registries, "Chủ tịch UBND quận, Thường trực UBND quận") == []


# --- people in captions -------------------------------------------------------

def test_titles_as_written_in_a_caption(registries):
    caption = ("Ông Nguyễn Minh Chánh, Ủy viên Ban Thường vụ Quận uỷ,\n"
               "Phó Chủ tịch UBND quận kiểm tra công trình tại Phường 2")
    photo = registries.detect(captions=[caption]).photos[0]
    assert photo["people"] == ["nguyen-minh-chanh"]
    assert photo["titles"] == {"nguyen-minh-chanh": "Ủy viên Ban Thường vụ Quận uỷ, "
                                                    "Phó Chủ tịch UBND quận"}
    assert photo["units"] == ["phuong-2"]


def test_a_caption_without_titles(registries):
    photo = registries.detect(captions=["Bà Võ Thị Chính trao quà Tết"]).photos[0]
    assert photo == {"units": [], "people": ["vo-thi-chinh"], "titles": {}}


# --- unregistered and near-miss names -----------------------------------------

def test_near_miss_name_is_reported_with_the_registered_one(registries):
    found = registries.detect(body="Đồng chí Nguyễn Văn Dức - Chủ tịch UBND quận "
                              "phát biểu.")
    assert found.people == []  # never added silently
    [note] = found.unregistered
    assert (note.honorific, note.name) == ("Đồng chí", "Nguyễn Văn Dức")
    assert note.suggestions == ("Nguyễn Văn Đức",)


def test_unknown_name_after_ong_ba_is_reported_without_suggestion(registries):
    found = registries.detect(body="Ông Trần Quốc Hùng, Giám đốc công ty, phát biểu. "
                              "Bà con khu phố và Bà Rịa - Vũng Tàu.")
    assert [(n.honorific, n.name, n.suggestions) for n in found.unregistered] == [
        ("Ông", "Trần Quốc Hùng", ())]


def test_a_registered_name_followed_by_titles_is_not_unregistered(registries):
    found = registries.detect(body="Đồng chí Nguyễn Văn Đức Phó Bí thư Quận ủy")
    assert found.people == ["nguyen-van-duc"] and found.unregistered == []


# --- the registries' checks ---------------------------------------------------

def write_registry(root, name, text):
    path = root / "data" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def problems(root) -> list[str]:
    return [p.format() for p in entities.load(str(root)).problems]


def test_yaml_syntax_error_names_the_line(tmp_path):
    write_registry(tmp_path, "units.yml", """
        - id: phong-a
          name: Phòng A
          type: phòng
        - id: phong-b
          name: [Phòng B
    """)
    [message] = problems(tmp_path)
    assert "units.yml:" in message and "lỗi cú pháp YAML" in message
    assert re.search(r"units\.yml:[67]: ", message)


def test_duplicate_id_names_both_lines(tmp_path):
    write_registry(tmp_path, "units.yml", """
        - id: phong-a
          name: Phòng A
          type: phòng
        - id: phong-a
          name: Phòng B
          type: phòng
    """)
    [message] = problems(tmp_path)
    assert "units.yml:4: mã 'phong-a' bị trùng (đã dùng ở dòng 1)" in message


def test_unknown_parent_head_and_role_unit(tmp_path):
    write_registry(tmp_path, "units.yml", """
        - id: phong-a
          name: Phòng A
          type: phòng
          parent: phong-x
          head: nguoi-x
    """)
    write_registry(tmp_path, "people.yml", """
        - id: nguoi-a
          name: Nguyễn Văn A
          roles:
            - title: Trưởng phòng
              unit: phong-y
    """)
    found = problems(tmp_path)
    assert any("units.yml:4: trường 'parent' của mục 'phong-a' ghi 'phong-x', nhưng "
               "không có đơn vị nào mang mã này" in m for m in found)
    assert any("units.yml:5: trường 'head' của mục 'phong-a' ghi 'nguoi-x', nhưng "
               "không có lãnh đạo nào mang mã này" in m for m in found)
    assert any("people.yml:5: trường 'unit' của mục 'nguoi-a' ghi 'phong-y'" in m
               for m in found)
    assert len(found) == 3


def test_missing_name_and_unknown_type(tmp_path):
    write_registry(tmp_path, "units.yml", """
        - id: phong-a
          type: phòng
        - id: phong-b
          name: Phòng B
          type: hợp tác xã
    """)
    found = problems(tmp_path)
    assert any("units.yml:1: thiếu trường 'name' (tên chính thức) trong mục "
               "'phong-a'" in m for m in found)
    assert any("units.yml:5: loại đơn vị 'hợp tác xã' của 'phong-b' không có "
               "trong danh sách loại" in m for m in found)


@pytest.mark.parametrize("value", ["2025-13-01", "ngày 5/2", "31/02/2025"])
def test_malformed_dates(tmp_path, value):
    write_registry(tmp_path, "people.yml", f"""
        - id: nguoi-a
          name: Nguyễn Văn A
          roles:
            - title: Chủ tịch
              from: {value}
    """)
    [message] = problems(tmp_path)
    assert f"people.yml:5: ngày '{value}' của trường 'from'" in message
    assert "không hợp lệ" in message and "2025-02-10" in message


def test_bad_id_duplicate_field_and_conflicting_alias(tmp_path):
    write_registry(tmp_path, "units.yml", """
        - id: Phòng A
          name: Phòng A
          type: phòng
        - id: phong-b
          name: Phòng B
          name: Phòng Bê
          type: phòng
        - id: phong-c
          name: Phòng C
          type: phòng
          aliases: [Phòng B]
    """)
    found = problems(tmp_path)
    assert any("units.yml:1: mã 'Phòng A' không hợp lệ" in m for m in found)
    assert any("units.yml:6: trường 'name' được khai báo hai lần" in m for m in found)
    assert any("units.yml:11: tên 'Phòng B' của 'phong-c' trùng với tên của "
               "'phong-b'" in m for m in found)


def test_missing_registries_are_empty_not_errors(tmp_path):
    loaded = entities.load(str(tmp_path))
    assert loaded.problems == []
    assert loaded.detect(body="Phòng Y tế").units == []


# --- people: roles, order -----------------------------------------------------

def test_title_at_follows_the_role_history(tmp_path):
    write_registry(tmp_path, "people.yml", """
        - id: tran-thi-hoa
          name: Trần Thị Hòa
          roles:
            - title: Phó Chủ tịch UBND quận
              from: 2019-07-01
              to: 2022-03-31
            - title: Chủ tịch UBND quận
              from: 01/04/2022
    """)
    person = entities.load(str(tmp_path)).get("people", "tran-thi-hoa")
    assert person.title_at(datetime(2020, 5, 1, 9, 30)) == "Phó Chủ tịch UBND quận"
    assert person.title_at(date(2022, 4, 1)) == "Chủ tịch UBND quận"
    assert person.title_at(date(2018, 1, 1)) == ""
    assert person.current_title == "Chủ tịch UBND quận" and person.is_current


def test_people_in_protocol_order(tmp_path):
    write_registry(tmp_path, "people.yml", """
        - id: pho-chu-tich
          name: Lê Văn Bình
          rank: 30
        - id: bi-thu
          name: Đỗ Thị An
          rank: 10
        - id: chu-tich
          name: Phạm Minh Đức
          rank: 20
    """)
    loaded = entities.load(str(tmp_path))
    assert loaded.detect(body="Lê Văn Bình, Phạm Minh Đức và Đỗ Thị An").people == [
        "bi-thu", "chu-tich", "pho-chu-tich"]


def test_a_missing_portrait_is_an_error(tmp_path):
    write_registry(tmp_path, "people.yml", """
        - id: nguoi-a
          name: Nguyễn Văn A
          portrait: images/lanh-dao/nguoi-a.jpg
    """)
    [message] = problems(tmp_path)
    assert ("people.yml:3: không tìm thấy ảnh chân dung 'images/lanh-dao/nguoi-a.jpg'"
            " của 'nguoi-a'") in message
    (tmp_path / "images/lanh-dao").mkdir(parents=True)
    (tmp_path / "images/lanh-dao/nguoi-a.jpg").write_bytes(b"\xff\xd8\xff")
    [message] = problems(tmp_path)
    assert "people.yml:3: không đọc được ảnh chân dung" in message
    Image.new("RGB", (120, 150)).save(tmp_path / "images/lanh-dao/nguoi-a.jpg")
    assert problems(tmp_path) == []


def test_bench_detection_task_reports_its_figures(tmp_path):
    """The benchmark runs end to end on a small synthetic site (figures are
    only reported, never asserted: timings are not tests)."""
    import json
    import subprocess
    import sys

    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT),
         "bench-detection", "--articles", "12", "--units", "20", "--people", "6",
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "tỉ lệ nhận diện / đọc" in proc.stdout
    figures = json.loads(out.read_text("utf-8"))
    assert figures["articles"] == 12 and figures["units"] == 20
    assert figures["registry_problems"] == 0
    # Every synthetic paragraph that names a unit, and every caption, is found.
    assert figures["matches"] >= 12
    assert figures["ratio"] > 0


# --- forms learned from the registry (issue 19) -----------------------------------

def test_learned_forms_yield_to_aliases_and_are_dropped_when_shared(tmp_path):
    write_registry(tmp_path, "units.yml", """
        - id: phong-van-hoa
          name: Phòng Văn hóa và Thông tin
          type: phòng
        - id: phong-van-hoa-the-thao
          name: Phòng Văn hóa Thể thao
          type: phòng
          aliases: [Phòng VH-TT]
        - id: phong-van-tho
          name: Phòng Văn thư Thông tin
          type: phòng
    """)
    loaded = entities.load(str(tmp_path))
    assert loaded.problems == []
    # Learned: "P." for "Phòng", the parts' initials, the join left out.
    assert loaded.detect(body="P. Văn hóa Thông tin").units == ["phong-van-hoa"]
    # "VH-TT" is also learned from the first name: the alias wins.
    assert loaded.detect(body="Phòng VH-TT").units == ["phong-van-hoa-the-thao"]
    # "VTTT"? no: "Phòng VHTT" comes from two names, so it names neither...
    assert loaded.detect(body="Phòng VHTT").units == []
    # ...while a form only one name gives is found.
    assert loaded.detect(body="Phòng VTTT").units == ["phong-van-tho"]


def test_a_unit_of_another_locality_is_not_ours(tmp_path):
    write_registry(tmp_path, "units.yml", """
        - id: tram-y-te
          name: Trạm Y tế Phường Bình Minh
          type: trạm
          aliases: [Trạm Y tế phường]
    """)
    loaded = entities.load(str(tmp_path))
    assert loaded.detect(body="Trạm Y tế phường tiêm vắc xin").units == ["tram-y-te"]
    assert loaded.detect(body="Trạm Y tế phường Bình Minh").units == ["tram-y-te"]
    assert loaded.detect(body="Trạm Y tế phường Tân Định").units == []
    assert loaded.detect(body="Trạm Y tế phường 10 hỗ trợ").units == []
    assert loaded.detect(body="Trạm Y tế P.Bình Minh").units == ["tram-y-te"]
    assert loaded.detect(body="Trạm Y tế các phường").units == []


def test_given_name_after_an_honorific(tmp_path):
    write_registry(tmp_path, "people.yml", """
        - id: tran-thi-mai
          name: Trần Thị Mai
        - id: nguyen-thi-mai
          name: Nguyễn Thị Mai
        - id: le-hoang-nam
          name: Lê Hoàng Nam
    """)
    loaded = entities.load(str(tmp_path))
    found = loaded.detect(captions=["Đ/c Nam - PCT UBND phường phát biểu"])
    assert found.people == ["le-hoang-nam"] and found.unregistered == []
    assert found.photos[0]["titles"] == {"le-hoang-nam": "Phó Chủ tịch UBND phường"}
    found = loaded.detect(body="Đ/c Mai chủ trì.")
    assert found.people == []
    [note] = found.unregistered
    assert (note.name, set(note.suggestions)) == (
        "Mai", {"Trần Thị Mai", "Nguyễn Thị Mai"})


def test_an_all_caps_caption_keeps_its_verbs_out_of_the_titles(registries):
    caption = "ĐỒNG CHÍ VÕ THỊ CHÍNH - PHÓ CHỦ TỊCH UBND QUẬN PHÁT BIỂU"
    photo = registries.detect(captions=[caption]).photos[0]
    assert photo["titles"] == {"vo-thi-chinh": "PHÓ CHỦ TỊCH UBND QUẬN"}


@pytest.mark.parametrize("text, name", [
    ("Thượng tá Phan Văn Điền, Trưởng Công an quận báo cáo.", "Phan Văn Điền"),
    ("Phó Chủ tịch UBND quận Đinh Văn Mười dự lễ.", "Đinh Văn Mười"),
    ("Tham dự có các đồng chí: Võ Thị Chính, Võ Đình Tín.", "Võ Đình Tín"),
])
def test_unregistered_names_after_ranks_titles_and_in_lists(registries, text, name):
    found = registries.detect(body=text)
    assert [n.name for n in found.unregistered] == [name]


def test_registered_names_without_diacritics(registries):
    found = registries.detect(body="Dong chi Nguyen Van Duc kiem tra")
    assert found.people == ["nguyen-van-duc"] and found.unregistered == []


def test_the_check_keeps_its_registries_only_while_their_files_stay(tmp_path):
    from entities.check import check_articles

    data = tmp_path / "data"
    data.mkdir()
    (data / "units.yml").write_text("- id: phong-noi-vu\n  name: Phòng Nội vụ\n"
                                    "  type: phòng\n", encoding="utf-8")
    settings = {"PLUGINS": ["units"]}
    article = [(str(tmp_path / "a.md"), "Title: Phòng Tư pháp họp\n\nPhòng Tư pháp.\n")]
    first = check_articles(str(tmp_path), settings, article)
    assert any(p.line is not None or "đơn vị" in p.message for p in first)
    assert check_articles(str(tmp_path), settings, article) == first  # kept
    (data / "units.yml").write_text("- id: phong-tu-phap\n  name: Phòng Tư pháp\n"
                                    "  type: phòng\n", encoding="utf-8")
    assert check_articles(str(tmp_path), settings, article) != first  # reloaded
