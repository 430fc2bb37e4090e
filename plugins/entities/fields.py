"""The fields an entry of a registry may have, and their validation.

Each kind (units, people) declares its fields once; the same declaration
checks the YAML, converts values (dates, lists, numbers) and collects the
references to other entries (a unit's parent and head, a role's unit) for the
cross-check that runs once every registry is read. Messages are for editors,
in Vietnamese, with the line of the bad value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from vn_text import nfc

from .yamlfile import Located, brief

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
DATE_HINT = "hãy viết ngày theo dạng 2025-02-10 (năm-tháng-ngày) hoặc 10/02/2025"


@dataclass(frozen=True)
class Field:
    """One field of an entry.

    type: "text", "texts" (a list of texts, or one text), "date", "int",
    "bool", "email", "ref" (the id of an entry of kind `ref`) or "records"
    (a list of mappings, each validated with `fields`)."""

    name: str
    type: str = "text"
    required: bool = False
    ref: str | None = None
    fields: tuple[Field, ...] = ()
    label: str = ""  # Vietnamese name of the field in messages


@dataclass(frozen=True)
class Reference:
    """An id given in one entry that must exist in the registry of `kind`."""

    kind: str
    id: str
    line: int
    field: str


@dataclass(frozen=True)
class Issue:
    """A problem found in one value: line, message, hint."""

    line: int | None
    message: str
    hint: str = ""


class Checked:
    """What validating one mapping produced."""

    def __init__(self):
        self.values: dict = {}
        self.issues: list[Issue] = []
        self.refs: list[Reference] = []


def check_mapping(data: Located, fields: tuple[Field, ...], what: str) -> Checked:
    """Validate one mapping of the registry (an entry, or one of its roles)."""
    out = Checked()
    for key, line in getattr(data, "duplicates", []):
        out.issues.append(Issue(line, f"trường '{key}' được khai báo hai lần trong "
                                f"{what}", "hãy giữ một dòng và xóa dòng kia"))
    known = {f.name for f in fields}
    for key in data:
        if key not in known:
            out.issues.append(Issue(
                data.lines.get(key, data.line),
                f"trường lạ '{key}' trong {what}",
                "các trường được dùng: " + ", ".join(sorted(known)),
            ))
    for field in fields:
        line = data.lines.get(field.name, data.line)
        value = data.get(field.name)
        if value is None or value == "" or value == []:
            if field.required:
                out.issues.append(Issue(
                    line, f"thiếu trường '{field.name}' ({field.label}) trong {what}",
                    f"hãy thêm dòng '{field.name}: …' vào {what}"))
            continue
        _check_value(field, value, line, what, out)
    return out


def _check_value(field: Field, value, line: int, what: str, out: Checked):
    name = field.name
    if field.type == "records":
        if not isinstance(value, list):
            out.issues.append(Issue(line, f"trường '{name}' trong {what} phải là "
                                    "một danh sách", "mỗi mục bắt đầu bằng '- '"))
            return
        records = []
        lines = getattr(value, "lines", [line] * len(value))
        for item, item_line in zip(value, lines, strict=True):
            if not isinstance(item, Located):
                out.issues.append(Issue(item_line, f"mỗi mục của '{name}' trong "
                                        f"{what} phải có dạng 'khóa: giá trị'"))
                continue
            sub = check_mapping(item, field.fields, f"một mục '{name}' của {what}")
            out.issues.extend(sub.issues)
            out.refs.extend(sub.refs)
            records.append((sub.values, item_line))
        out.values[name] = records
        return
    if field.type == "texts":
        items = value if isinstance(value, list) else [value]
        lines = getattr(items, "lines", [line] * len(items))
        texts = []
        for item, item_line in zip(items, lines, strict=True):
            if isinstance(item, dict | list | bool):
                out.issues.append(Issue(item_line, f"giá trị '{brief(item)}' của "
                                        f"trường '{name}' trong {what} phải là chữ"))
                continue
            texts.append(nfc(" ".join(str(item).split())))
        out.values[name] = tuple(texts)
        return
    if isinstance(value, dict | list):
        out.issues.append(Issue(line, f"trường '{name}' trong {what} phải là một "
                                "giá trị, không phải danh sách"))
        return
    if field.type == "date":
        parsed = parse_date(value)
        if parsed is None:
            out.issues.append(Issue(line, f"ngày '{brief(value)}' của trường "
                                    f"'{name}' trong {what} không hợp lệ", DATE_HINT))
            return
        out.values[name] = parsed
        return
    if field.type == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            out.issues.append(Issue(line, f"trường '{name}' trong {what} phải là một "
                                    f"số nguyên, không phải '{brief(value)}'"))
            return
        out.values[name] = value
        return
    if field.type == "bool":
        if not isinstance(value, bool):
            out.issues.append(Issue(line, f"trường '{name}' trong {what} phải là "
                                    f"true hoặc false, không phải '{brief(value)}'"))
            return
        out.values[name] = value
        return
    text = nfc(" ".join(str(value).split()))
    if field.type == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        out.issues.append(Issue(line, f"địa chỉ thư điện tử '{brief(text)}' trong "
                                f"{what} không hợp lệ", "ví dụ: pnv@quanmau.gov.vn"))
        return
    if field.type == "ref":
        out.refs.append(Reference(field.ref, text, line, name))
    out.values[name] = text


def parse_date(value) -> date | None:
    """A date from YAML (already a date) or from text in an accepted form."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    return None
