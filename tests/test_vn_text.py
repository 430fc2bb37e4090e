"""Tests for the shared Vietnamese text package (plugins/vn_text)."""

import random
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import jinja2
import pytest
import vn_text
from pelican import signals

REFERENCE = Path(__file__).parent / "data" / "vi-collation-reference.txt"
ICT = timezone(timedelta(hours=7))


def nfd(text):
    return unicodedata.normalize("NFD", text)


def read_reference():
    """Sections of the ICU reference file as {name: [lines in order]}."""
    sections, current = {}, None
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        else:
            current.append(line)
    return sections


def shuffled(items, seed):
    result = list(items)
    random.Random(seed).shuffle(result)
    assert result != list(items), "the sort would have nothing to do"
    return result


# --- normalisation ---------------------------------------------------------


def test_nfc_composes_nfd_input():
    decomposed = nfd("Nguyễn Thị Ánh")
    assert decomposed != "Nguyễn Thị Ánh"
    assert vn_text.nfc(decomposed) == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", vn_text.nfc(decomposed))


# --- match keys --------------------------------------------------------------

OLD_AND_NEW_TONE_PLACEMENT = [
    ("hòa", "hoà"),
    ("hóa", "hoá"),
    ("hỏa", "hoả"),
    ("ủy", "uỷ"),
    ("thủy", "thuỷ"),
    ("Quận ủy", "Quận uỷ"),
    ("khỏe", "khoẻ"),
    ("lòe", "loè"),
]


@pytest.mark.parametrize(("old", "new"), OLD_AND_NEW_TONE_PLACEMENT)
def test_match_key_ignores_tone_placement(old, new):
    assert old != new
    assert vn_text.match_key(old) == vn_text.match_key(new)


@pytest.mark.parametrize(("old", "new"), OLD_AND_NEW_TONE_PLACEMENT)
def test_match_key_ignores_unicode_form_and_case(old, new):
    assert vn_text.match_key(nfd(old)) == vn_text.match_key(new)
    assert vn_text.match_key(old.upper()) == vn_text.match_key(nfd(new).title())


def test_match_key_ignores_whitespace_runs_and_line_breaks():
    assert vn_text.match_key("Quận\nủy") == vn_text.match_key("quận uỷ")
    assert vn_text.match_key("  Ủy ban\t nhân  dân \r\n") == vn_text.match_key(
        "ủy ban nhân dân"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("hòa", "hóa"),
        ("hoà", "hoá"),
        ("Đức", "Dục"),
        ("Đức", "Dức"),
        ("đ", "d"),
        ("ăn", "ân"),
        ("ăn", "an"),
        ("ê", "e"),
        ("ô", "ơ"),
        ("ư", "u"),
        ("thủy", "thùy"),
        ("Quận ủy", "Quận ủy ban"),
    ],
)
def test_match_key_keeps_different_words_apart(first, second):
    assert vn_text.match_key(first) != vn_text.match_key(second)
    assert vn_text.match_key(nfd(first)) != vn_text.match_key(nfd(second))


def test_match_key_is_readable_nfc_with_new_style_tones():
    assert vn_text.match_key(nfd("Hòa Bình")) == "hoà bình"
    assert vn_text.match_key("NGƯỜI") == "người"
    assert vn_text.match_key("giữa") == "giữa"
    assert vn_text.match_key("Quý") == "quý"


# --- accent folding and slugs -----------------------------------------------


def test_search_fold_strips_marks_and_maps_d_stroke():
    expected = "Doi Thanh tra Dia ban quan"
    assert vn_text.search_fold("Đội Thanh tra Địa bàn quận") == expected
    assert vn_text.search_fold(nfd("Đội Thanh tra Địa bàn quận")) == expected
    assert vn_text.search_fold("đường Đinh Tiên Hoàng") == "duong Dinh Tien Hoang"


def test_search_fold_folds_both_tone_placements_alike():
    assert vn_text.search_fold("Thủy") == vn_text.search_fold("Thuỷ") == "Thuy"
    assert vn_text.search_fold("hòa") == vn_text.search_fold(nfd("hoà")) == "hoa"
    assert vn_text.search_fold("Ưng Ơn Ăn Ân Ê Ô") == "Ung On An An E O"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đội Thanh tra Địa bàn quận", "doi-thanh-tra-dia-ban-quan"),
        ("Phòng VH & TT", "phong-vh-tt"),
        ("Trung tâm GDNN - GDTX", "trung-tam-gdnn-gdtx"),
        ("Ban Bồi thường, giải phóng mặt bằng", "ban-boi-thuong-giai-phong-mat-bang"),
        ("  Quyết định số 12/2025/QĐ-UBND  ", "quyet-dinh-so-12-2025-qd-ubnd"),
    ],
)
def test_slugify(text, slug):
    assert vn_text.slugify(text) == slug
    assert vn_text.slugify(nfd(text)) == slug


# --- collation ---------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sort_key_reproduces_icu_word_order(seed):
    reference = read_reference()["words"]
    assert sorted(shuffled(reference, seed), key=vn_text.sort_key) == reference


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sort_key_reproduces_icu_word_order_for_nfd_input(seed):
    reference = read_reference()["words"]
    decomposed = [nfd(word) for word in shuffled(reference, seed)]
    result = sorted(decomposed, key=vn_text.sort_key)
    assert [vn_text.nfc(word) for word in result] == reference


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_person_sort_key_reproduces_reference_index(seed):
    reference = read_reference()["people-by-given-name"]
    people = shuffled(reference, seed)
    assert sorted(people, key=vn_text.person_sort_key) == reference
    decomposed = sorted((nfd(p) for p in people), key=vn_text.person_sort_key)
    assert [vn_text.nfc(p) for p in decomposed] == reference


def test_reference_file_is_complete():
    sections = read_reference()
    assert len(sections["words"]) == 119
    assert len(sections["people-by-given-name"]) == 393


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Ánh", "ăn"),  # ă is a letter after a, whatever the tone
        ("Dũng", "Đức"),  # đ is a letter after d
        ("Huỳnh", "Hưng"),  # ư is a letter after u
        ("Hoàng", "Hồ"),  # ô is a letter after o
        ("an", "An"),  # case is the last difference, lower first
        ("Hòa", "hóa"),  # tone outranks case
        ("an", "anh"),  # a prefix sorts first
        ("Thu", "Thu Hà"),
        ("a b", "a-b"),  # space before punctuation
        ("a-b", "a1"),  # punctuation before digits
        ("a1", "ab"),  # digits before letters
        ("a10", "a2"),  # digits compare one by one (no numeric collation)
        ("ă", "z"),  # code point order would put ă after z
    ],
)
def test_sort_key_pairs(before, after):
    assert vn_text.sort_key(before) < vn_text.sort_key(after)
    assert vn_text.sort_key(nfd(after)) > vn_text.sort_key(nfd(before))


def test_sort_key_orders_the_six_tones():
    # ngang < huyền < hỏi < ngã < sắc < nặng
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(shuffled(tones, 4), key=vn_text.sort_key) == tones
    assert sorted(reversed(tones), key=vn_text.sort_key) == tones


def test_sort_key_is_equal_for_nfc_and_nfd():
    assert vn_text.sort_key("Nguyễn Thị Ặng") == vn_text.sort_key(nfd("Nguyễn Thị Ặng"))


def test_person_sort_key_sorts_by_given_name_then_family_name():
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn Bình", "Đỗ An"]
    assert sorted(people, key=vn_text.person_sort_key) == [
        "Đỗ An",
        "Nguyễn Thị An",
        "Lê Văn Bình",
        "Trần Văn Bình",
    ]


# --- dates ---------------------------------------------------------------------

WEEK = [
    (date(2025, 2, 10), "Thứ Hai, 10/02/2025"),
    (date(2025, 2, 11), "Thứ Ba, 11/02/2025"),
    (date(2025, 2, 12), "Thứ Tư, 12/02/2025"),
    (date(2025, 2, 13), "Thứ Năm, 13/02/2025"),
    (date(2025, 2, 14), "Thứ Sáu, 14/02/2025"),
    (date(2025, 2, 15), "Thứ Bảy, 15/02/2025"),
    (date(2025, 2, 16), "Chủ Nhật, 16/02/2025"),
]


@pytest.mark.parametrize(("day", "expected"), WEEK)
def test_format_date_each_weekday(day, expected):
    assert vn_text.format_date(day) == expected
    noon = datetime(day.year, day.month, day.day, 12, 0)
    assert vn_text.format_date(noon) == expected


@pytest.mark.parametrize(("day", "expected"), WEEK)
def test_format_long_datetime_each_weekday(day, expected):
    moment = datetime(day.year, day.month, day.day, 8, 5, tzinfo=ICT)
    assert vn_text.format_long_datetime(moment) == f"{expected} 08:05"


def test_format_datetime_naive_aware_and_date():
    assert vn_text.format_datetime(datetime(2025, 2, 10, 16, 30)) == "10/02/2025 16:30"
    aware = datetime(2025, 2, 10, 16, 30, tzinfo=ICT)
    assert vn_text.format_datetime(aware) == "10/02/2025 16:30"
    assert vn_text.format_datetime(date(2025, 2, 10)) == "10/02/2025 00:00"
    sunday = date(2025, 2, 16)
    assert vn_text.format_long_datetime(sunday) == "Chủ Nhật, 16/02/2025 00:00"


def test_aware_datetimes_keep_their_own_date_near_midnight():
    # 01:00 on Monday in Hà Nội is still Sunday in UTC.
    early = datetime(2025, 2, 10, 1, 0, tzinfo=ICT)
    assert vn_text.format_date(early) == "Thứ Hai, 10/02/2025"
    assert vn_text.format_long_datetime(early) == "Thứ Hai, 10/02/2025 01:00"


# --- Jinja filters and the Pelican plugin ------------------------------------


def test_jinja_filters_are_fresh_dicts_with_the_portal_names():
    filters = vn_text.jinja_filters()
    assert set(filters) == {
        "vn_date",
        "vn_datetime",
        "vn_long_datetime",
        "vn_sort_key",
        "search_fold",
        "vn_slugify",
    }
    filters.clear()
    assert len(vn_text.jinja_filters()) == 6


def test_filters_render_in_a_jinja_template():
    env = jinja2.Environment()
    env.filters.update(vn_text.jinja_filters())
    template = env.from_string(
        "{{ d|vn_date }} | {{ d|vn_datetime }} | {{ d|vn_long_datetime }} | "
        "{{ t|search_fold }} | {{ t|vn_slugify }} | "
        "{{ (a|vn_sort_key) < (b|vn_sort_key) }}"
    )
    rendered = template.render(
        d=datetime(2025, 2, 10, 16, 30, tzinfo=ICT),
        t="Phòng Tư pháp",
        a="Dũng",
        b="Đức",
    )
    assert rendered == (
        "Thứ Hai, 10/02/2025 | 10/02/2025 16:30 | Thứ Hai, 10/02/2025 16:30 | "
        "Phong Tu phap | phong-tu-phap | True"
    )


def test_register_connects_add_filters_to_generator_init():
    vn_text.register()
    receivers = list(signals.generator_init.receivers_for(object()))
    assert vn_text.add_filters in receivers
