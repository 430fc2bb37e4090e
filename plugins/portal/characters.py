"""Characters that must not reach the site, and invisible ones an editor
cannot see.

A control character (NUL, ESC, or U+000B, the soft line break Word pastes)
is not allowed in XML 1.0: one of them in one article made the Atom feed
raise and took the whole build down. They are taken out when a file is read
(line breaks of that kind become a space) and reported with the line.
Invisible and bidirectional characters (ZWJ, ZWSP, U+202E …) are legal but
silently stop a name from being detected, or turn text around: they are
reported, and kept.
"""

from __future__ import annotations

import re
import unicodedata

from .diagnostics import WARNING, Problem

PLUGIN = "portal"
# Breaks that read as a line break where they were typed: kept as a space so
# that words stay apart and line numbers stay those of the editor's "\n".
_AS_SPACE = "\x0b\x0c\x85\u2028\u2029"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                       "\u2060-\u2064\u2066-\u2069\ufeff]")
NAMES = {
    "\x00": "ký tự rỗng NUL",
    "\x0b": "ngắt dòng mềm (Shift+Enter trong Word)",
    "\x0c": "ngắt trang",
    "\x1b": "ký tự ESC",
    "\u00ad": "dấu gạch nối mềm",
    "\u200b": "khoảng trắng độ rộng 0 (ZWSP)",
    "\u200c": "ký tự ngăn nối (ZWNJ)",
    "\u200d": "ký tự nối độ rộng 0 (ZWJ)",
    "\u202e": "ký tự đảo chiều chữ (RLO)",
    "\ufeff": "dấu BOM giữa văn bản",
}


def clean(text: str) -> str:
    """`text` without control characters (some become a space)."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: " " if m[0] in _AS_SPACE else "", text)


def describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = NAMES.get(char) or unicodedata.name(char, "")
    return f"{code} ({name})" if name else code


def problems(path: str, text: str, controls: bool = True,
             plugin: str = PLUGIN) -> list[Problem]:
    """One warning per character found in `text` (as stored), with every
    line it is on; only invisible ones unless `controls`."""
    found: dict[tuple[str, str], list[int]] = {}
    patterns = [(INVISIBLE, "invisible")]
    if controls:
        patterns.insert(0, (CONTROL, "control"))
    for number, line in enumerate(text.split("\n"), 1):
        for pattern, kind in patterns:
            for match in pattern.finditer(line):
                lines = found.setdefault((kind, match[0]), [])
                if number not in lines:
                    lines.append(number)
    result = []
    for (kind, char), lines in found.items():
        where = ", ".join(map(str, lines[:5])) + (", …" if len(lines) > 5 else "")
        if kind == "control":
            done = "đã được thay bằng dấu cách" if char in _AS_SPACE else "đã bị bỏ"
            message = f"ký tự điều khiển {describe(char)} ở dòng {where} {done}"
            hint = ("ký tự này không hiển thị được và làm hỏng nguồn tin; hãy xóa "
                    "nó (thường do dán từ Word), rồi lưu lại tệp")
        else:
            message = f"ký tự vô hình {describe(char)} ở dòng {where}"
            hint = ("ký tự này không nhìn thấy nhưng làm tên đơn vị, lãnh đạo không "
                    "được nhận ra hoặc đảo chiều chữ; hãy xóa nó (đặt con trỏ "
                    "cạnh chỗ đó, xóa và gõ lại chữ)")
        result.append(Problem(plugin, path, lines[0], message, hint, WARNING))
    return result
