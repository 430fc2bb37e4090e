"""Government units (phòng, ban, trung tâm, phường, …) as an `entities` kind.

The registry is `content/data/units.yml` (setting UNITS_REGISTRY): one entry
per unit with a stable id that is also its URL slug. This package only says
what a unit is — its fields, how units are grouped and ordered, the URLs and
templates of its pages; detection, attaching, pages and feeds are the
`entities` mechanism.

Fields of an entry: id, name (official name), type (one of UNITS_TYPES),
aliases (other names and official abbreviations, all detected), parent (unit
id), description, address, phone, email, head (person id), english_name,
order (display order), detect (false: never detected, only tagged by hand),
to (the day it ended: dissolved, or merged into `successor`, a unit id). A
unit that ended keeps its page and its articles; the directory lists it in a
last group of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import yaml
from entities.fields import Field
from entities.kinds import Kind

from .places import elsewhere


def _types() -> dict:
    path = Path(__file__).with_name("types.yml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


DEFAULTS = {
    "UNITS_REGISTRY": "data/units.yml",
    "UNITS_URL": "don-vi/{id}/",
    "UNITS_SAVE_AS": "don-vi/{id}/index.html",
    "UNITS_INDEX_URL": "don-vi/",
    "UNITS_INDEX_SAVE_AS": "don-vi/index.html",
    "UNITS_FEED_ATOM": "don-vi/{id}/feed.xml",
    "UNITS_PAGINATION": None,  # articles per page; None: DEFAULT_PAGINATION
    "UNITS_PHOTOS_MAX": 12,  # photos in a unit page's strip; None: all
    # Unit types in the order the directory shows them, with the heading of
    # each group (types.yml beside this file). An entry whose type is not
    # here is an error.
    "UNITS_TYPES": _types(),
    # Heading of the directory's last group: units that have ended (`to`).
    "UNITS_FORMER_HEADING": "Đơn vị đã sáp nhập, giải thể",
}


class UnitsKind(Kind):
    name = "units"
    label = "đơn vị"
    template = "unit"
    defaults: ClassVar[dict] = DEFAULTS
    fields = (
        Field("name", required=True, label="tên chính thức"),
        Field("type", required=True, label="loại đơn vị"),
        Field("aliases", "texts", label="tên khác và tên viết tắt"),
        Field("parent", "ref", ref="units", label="đơn vị cấp trên"),
        Field("description", label="giới thiệu"),
        Field("address", label="địa chỉ"),
        Field("phone", label="điện thoại"),
        Field("email", "email", label="thư điện tử"),
        Field("head", "ref", ref="people", label="người đứng đầu"),
        Field("english_name", label="tên tiếng Anh"),
        Field("order", "int", label="thứ tự hiển thị"),
        Field("detect", "bool", label="tự nhận diện"),
        Field("to", "date", label="ngày kết thúc hoạt động"),
        Field("successor", "ref", ref="units", label="đơn vị tiếp nhận"),
    )

    def check(self, registries, report):
        types = self.setting(registries.settings, "TYPES")
        for unit in registries.entries[self.name].values():
            if unit.type not in types:
                report(unit, "type", f"loại đơn vị '{unit.type}' của '{unit.id}' "
                       "không có trong danh sách loại",
                       "các loại được dùng: " + ", ".join(types))
            if unit.successor and not unit.to:
                report(unit, "successor", f"'{unit.id}' có đơn vị tiếp nhận nhưng "
                       "chưa có ngày kết thúc", "hãy thêm dòng 'to: YYYY-MM-DD' "
                       "(ngày sáp nhập)")
            if unit.successor == unit.id:
                report(unit, "successor", f"'{unit.id}' không thể tiếp nhận chính "
                       "nó", "hãy ghi mã của đơn vị mới")
        self._check_parent_cycles(registries, report)

    def _check_parent_cycles(self, registries, report):
        entries = registries.entries[self.name]
        for unit in entries.values():
            seen, current = {unit.id}, unit
            while current.parent and current.parent in entries:
                if current.parent in seen:
                    report(unit, "parent", f"đơn vị cấp trên của '{unit.id}' "
                           "tạo thành vòng lặp", "hãy sửa trường 'parent'")
                    break
                seen.add(current.parent)
                current = entries[current.parent]

    def ordered(self, entities, settings):
        # Current units first, then those that ended; each grouped by type in
        # the UNITS_TYPES order, then each unit's order.
        types = list(self.setting(settings, "TYPES"))

        def key(unit):
            group = types.index(unit.type) if unit.type in types else len(types)
            return (unit.to is not None, group, *unit.order_key())
        return sorted(entities, key=key)

    def learned_names(self, name):
        # "P. Nội vụ", "Phòng VH-TT", "UBND P.15": see entities.forms.
        from entities.forms import unit_forms

        return unit_forms(name)

    def rejects(self, scan, match, registries):
        # "Phòng Nội vụ huyện Cư Jút" is another district's: see units.places.
        return elsewhere(scan, match, registries)


    def index_context(self, state, settings):
        """Current units grouped by type, each with its article count; the
        units that ended in a last group of their own."""
        units = state.ordered(self.name)
        groups = []
        for type_, heading in self.setting(settings, "TYPES").items():
            members = [(u, len(state.articles_of(u))) for u in units
                       if u.type == type_ and u.to is None]
            if members:
                groups.append((type_, heading, members))
        former = [(u, len(state.articles_of(u))) for u in units if u.to is not None]
        if former:
            groups.append(("", self.setting(settings, "FORMER_HEADING"), former))
        return {"entries": units, "groups": groups}

    def page_context(self, unit, state, settings):
        return {
            "parent": state.get(self.name, unit.parent) if unit.parent else None,
            "head": state.get("people", unit.head) if unit.head else None,
            "children": [u for u in state.ordered(self.name)
                         if u.parent == unit.id and u.to is None],
            "successor": (state.get(self.name, unit.successor)
                          if unit.successor else None),
            "predecessors": [u for u in state.ordered(self.name)
                             if u.successor == unit.id],
        }


KIND = UnitsKind()


def register():
    """Pelican entry point: the entities mechanism, which enables every
    listed plugin that has a KIND (this one included)."""
    import entities

    entities.register()
