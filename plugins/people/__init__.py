"""Leaders (lãnh đạo) as an `entities` kind.

The registry is `content/data/people.yml` (setting PEOPLE_REGISTRY). A
person's titles change over time, so titles are not fixed fields but a role
history: `title_at(date)` says what the person was on the day of an article.
Captions written "Đồng chí <Name> - <titles> <what they do>" also tell which
titles the caption used (`people.captions`).

Fields of an entry: id, name (full name), aliases (other written forms),
roles (a list of {title, unit, from, to}; no `to` means current), rank
(protocol rank: 1 first; Bí thư before Phó Bí thư, Chủ tịch before Phó Chủ
tịch), portrait (an image path under content/), description, detect.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from entities.fields import Field
from entities.kinds import Entity, Kind, Tag
from vn_text import person_sort_key
from vn_text.alphabet import TONE_MARKS

DEFAULTS = {
    "PEOPLE_REGISTRY": "data/people.yml",
    "PEOPLE_URL": "lanh-dao/{id}/",
    "PEOPLE_SAVE_AS": "lanh-dao/{id}/index.html",
    "PEOPLE_INDEX_URL": "lanh-dao/",
    "PEOPLE_INDEX_SAVE_AS": "lanh-dao/index.html",
    "PEOPLE_FEED_ATOM": "lanh-dao/{id}/feed.xml",
    "PEOPLE_PAGINATION": None,  # articles per page; None: DEFAULT_PAGINATION
    "PEOPLE_PHOTOS_MAX": None,  # photos on a person's page; None: every one
    # Words that introduce a person's name in Vietnamese news writing.
    "PEOPLE_HONORIFICS": ("Đồng chí", "Đ/c", "Ông", "Bà"),
    # Ranks and titles written before a name ("Thượng tá Phan Văn Điền",
    # "Phó Chủ tịch UBND huyện Nguyễn Xuân Danh"), and the words that open
    # a list of names ("các đồng chí: K'Thanh, Võ Đình Tín"). None of them
    # may start a unit's name: "Trưởng phòng" would hide "Phòng Nội vụ".
    "PEOPLE_RANKS": ("Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng",
                     "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy",
                     "Thượng úy", "Trung úy", "Thiếu úy"),
    "PEOPLE_TITLES": ("Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư",
                      "Giám đốc", "Phó Giám đốc", "Trưởng", "Phó Trưởng",
                      "Chỉ huy trưởng", "Hiệu trưởng", "PCT", "CT"),
    "PEOPLE_LISTS": ("các đồng chí", "các ông", "các bà"),
    # Abbreviated titles, spelt out in the titles shown with a photo (the
    # caption stays as written). TUV is "Tỉnh ủy viên" in a province.
    "PEOPLE_TITLE_ABBREVIATIONS": {
        "PCT": "Phó Chủ tịch", "CT": "Chủ tịch", "PBT": "Phó Bí thư",
        "UVTV": "Ủy viên Ban Thường vụ", "TUV": "Thành ủy viên",
        "QUV": "Quận ủy viên", "HUV": "Huyện ủy viên", "PUV": "Phường ủy viên",
    },
}


def _index_letter(word: str) -> str:
    """The letter a name is filed under: tone marks off, letter marks kept
    ("Ánh" under A, "Ẩn" under Â, "Đức" under Đ)."""
    first = unicodedata.normalize("NFD", word[:1].upper())
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in first if ch not in TONE_MARKS))


@dataclass(frozen=True)
class Role:
    title: str
    unit: str | None = None  # unit id
    start: date | None = None
    end: date | None = None  # None: held now

    def held_at(self, day: date) -> bool:
        return ((self.start is None or self.start <= day)
                and (self.end is None or day <= self.end))


class Person(Entity):
    def __init__(self, kind, id, url, position, values):
        records = values.pop("roles", ())
        super().__init__(kind, id, url, position, values)
        self.roles = tuple(
            Role(r["title"], r.get("unit"), r.get("from"), r.get("to"))
            for r, _line in records if "title" in r)

    def title_at(self, when) -> str:
        """The titles held on the date of `when` (a date or datetime), "" if
        none is known."""
        if when is None:
            return ""
        day = when.date() if isinstance(when, datetime) else when
        return ", ".join(r.title for r in self.roles if r.held_at(day))

    @property
    def current_roles(self) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.end is None)

    @property
    def current_title(self) -> str:
        return ", ".join(r.title for r in self.current_roles)

    @property
    def is_current(self) -> bool:
        # Decided by the registry alone, never by the clock, so that the same
        # content always builds the same pages.
        return not self.roles or bool(self.current_roles)

    @property
    def given_name(self) -> str:
        return self.name.split()[-1] if self.name else ""

    def order_key(self):
        rank = self.rank
        return (rank is None, rank or 0, person_sort_key(self.name), self.position)


def portrait_problem(content: str, person) -> str | None:
    """What is wrong with a person's portrait (the gallery plugin makes
    its derivatives), or None."""
    from portal.checks.photos import image_size

    if not person.portrait:
        return None
    named = f"ảnh chân dung '{person.portrait}' của '{person.id}'"
    root = os.path.realpath(content)
    real = os.path.realpath(os.path.join(root, person.portrait))
    if os.path.commonpath([real, root]) != root:
        return f"{named} nằm ngoài thư mục content/"
    if not os.path.exists(real):
        return f"không tìm thấy {named}"
    if not os.path.isfile(real):  # never opened: a FIFO would hang the check
        return f"{named} không phải là một tệp (thư mục, thiết bị, FIFO…)"
    if image_size(real) is None:
        return f"không đọc được {named} (không phải ảnh, hoặc tệp bị hỏng)"
    return None


class PeopleKind(Kind):
    name = "people"
    label = "lãnh đạo"
    entity = Person
    template = "person"
    defaults: ClassVar[dict] = DEFAULTS
    fields = (
        Field("name", required=True, label="họ và tên"),
        Field("aliases", "texts", label="cách viết khác"),
        Field("roles", "records", label="chức vụ", fields=(
            Field("title", required=True, label="chức vụ"),
            Field("unit", "ref", ref="units", label="đơn vị"),
            Field("from", "date", label="từ ngày"),
            Field("to", "date", label="đến ngày"),
        )),
        Field("rank", "int", label="thứ tự nghi thức"),
        Field("portrait", label="ảnh chân dung"),
        Field("description", label="giới thiệu"),
        Field("detect", "bool", label="tự nhận diện"),
    )

    def check(self, registries, report):
        content = registries.content_path
        for person in registries.entries[self.name].values():
            for role in person.roles:
                if role.start and role.end and role.end < role.start:
                    report(person, "roles", f"chức vụ '{role.title}' của "
                           f"'{person.id}' kết thúc ({role.end:%d/%m/%Y}) trước khi "
                           f"bắt đầu ({role.start:%d/%m/%Y})",
                           "hãy sửa ngày 'from' hoặc 'to'")
            problem = portrait_problem(content, person)
            if problem:
                report(person, "portrait", problem,
                       "đường dẫn tính từ thư mục content/, tới một ảnh JPEG, PNG "
                       "hoặc WebP, ví dụ images/lanh-dao/nguyen-van-duc.jpg")

    def ordered(self, entities, settings):
        return sorted(entities, key=lambda person: person.order_key())

    def learned_names(self, name):
        from entities.forms import person_forms

        return person_forms(name)

    def extra_names(self, settings):
        return [(text, Tag(self.name, what, text))
                for what, key in (("honorific", "HONORIFICS"), ("rank", "RANKS"),
                                  ("title", "TITLES"), ("list", "LISTS"))
                for text in self.setting(settings, key)]

    def found(self, scan, registries):
        from .names import given_names

        return given_names(self, scan, registries)

    def annotate(self, scan, registries):
        from .captions import annotate

        return annotate(self, scan, registries)


    def index_context(self, state, settings):
        """Current leaders in protocol order, former ones, and an A–Z index
        by given name in Vietnamese order."""
        people = state.ordered(self.name)
        alphabetical = sorted(people, key=lambda p: (person_sort_key(p.name), p.id))
        letters: dict[str, list] = {}
        for person in alphabetical:
            letter = _index_letter(person.given_name)
            letters.setdefault(letter, []).append(person)
        return {
            "entries": people,
            "current": [p for p in people if p.is_current],
            "former": [p for p in people if not p.is_current],
            "letters": list(letters.items()),
        }

    def page_context(self, person, state, settings):
        return {"roles": [(role, state.get("units", role.unit) if role.unit else None)
                          for role in person.roles]}


KIND = PeopleKind()


def register():
    """Pelican entry point: the entities mechanism, which enables every
    listed plugin that has a KIND (this one included)."""
    import entities

    entities.register()
