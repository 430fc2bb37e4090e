"""What editors say in an article's header about its units and people.

`Units:` / `People:` add ids to what detection found, `Units-Exclude:` /
`People-Exclude:` remove wrongly detected ones, and `People-Ignore:` lists
names after "Ông/Bà" that are not leaders (so they are not reported). An id
that is not in the registry is an error naming the file and the header line.
The build and `invoke check` both go through `apply`.
"""

from __future__ import annotations

import difflib
import os
import re

from portal.diagnostics import ERROR, WARNING, ContentError, Problem
from portal.source import Source, read_header, read_text
from vn_text import match_key

from .detect import Detection, ordered_ids
from .yamlfile import brief


def header_name(key: str) -> str:
    """"people-exclude" as editors write it: "People-Exclude"."""
    return "-".join(part.capitalize() for part in key.split("-"))


def split_ids(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        value = ",".join(map(str, value))
    return [part for part in re.split(r"[,;\s]+", str(value).strip()) if part]


def split_names(value) -> list[str]:
    if not value:
        return []
    return [" ".join(p.split()) for p in re.split(r"[,;]", str(value)) if p.strip()]


class SourceLocator:
    """Finds lines in an article's source, reading it only when a problem
    needs a line number (which is rare)."""

    def __init__(self, path: str, lines: list[str] | None = None):
        self.path = path
        self._lines = lines
        self._source: Source | None = None

    def _load(self):
        if self._source is None:
            if self._lines is None:
                try:
                    self._lines = read_text(self.path).splitlines()
                except (OSError, ContentError):
                    self._lines = []
            self._source = Source(self.path)
            read_header(self._source, self._lines)

    def header_line(self, key: str) -> int | None:
        self._load()
        found = self._source.header.get(key.lower())
        return found[0] if found else None

    def text_line(self, text: str) -> int | None:
        """The first body line that contains `text` (any case, tone style)."""
        self._load()
        wanted = match_key(text)
        for number in range(self._source.body_start, len(self._lines) + 1):
            if wanted in match_key(self._lines[number - 1]):
                return number
        return None


def apply(registries, detection: Detection, header: dict, locator: SourceLocator):
    """Combine detection with the header. Returns (ids per kind, photos,
    problems); `header` maps lower-case keys to their text values."""
    ids, problems = {}, []
    excluded = {}
    for name, kind in registries.kinds.items():
        known = registries.entries[name]
        wanted = {}
        for suffix in ("", "-exclude"):
            key = name + suffix
            wanted[suffix] = []
            for id_ in split_ids(header.get(key)):
                if id_ in known:
                    wanted[suffix].append(id_)
                else:
                    problems.append(_unknown_id(registries, kind, key, id_, locator))
        excluded[name] = set(wanted["-exclude"])
        chosen = (set(detection.ids.get(name, ())) - excluded[name]) | set(wanted[""])
        ids[name] = ordered_ids(registries, name, chosen)
    photos = []
    for photo in detection.photos:
        photo = dict(photo)
        for name in registries.kinds:
            photo[name] = [i for i in photo.get(name, ()) if i not in excluded[name]]
        if "titles" in photo:
            gone = excluded.get("people", ())
            photo["titles"] = {person: titles for person, titles
                               in photo["titles"].items() if person not in gone}
        photos.append(photo)
    for note in detection.unregistered:
        ignored = {match_key(n) for n in split_names(header.get(f"{note.kind}-ignore"))}
        if match_key(note.name) not in ignored:
            problems.append(_unregistered(registries, note, locator))
    return ids, photos, problems


def _unknown_id(registries, kind, key, id_, locator) -> Problem:
    registry = os.path.relpath(registries.paths.get(kind.name, kind.name))
    close = difflib.get_close_matches(id_, list(registries.entries[kind.name]), n=1)
    hint = f"có phải là '{close[0]}'? " if close else ""
    hint += f"hãy dùng một mã có trong {registry}, hoặc thêm {kind.label} này vào đó"
    return Problem(kind.name, locator.path, locator.header_line(key),
                   f"{header_name(key)}: không có {kind.label} nào mang mã "
                   f"'{brief(id_)}'", hint, ERROR)


def _unregistered(registries, note, locator) -> Problem:
    kind = registries.kinds[note.kind]
    registry = os.path.relpath(registries.paths.get(kind.name, kind.name))
    written = f"{note.honorific} {note.name}"
    ignore = header_name(f"{kind.name}-ignore")
    if note.suggestions:
        names = " hoặc ".join(f"'{s}'" for s in note.suggestions)
        hint = (f"có phải là {names}? Hãy sửa lại tên; nếu đúng là người khác, "
                f"hãy thêm vào {registry} hoặc ghi '{ignore}: {note.name}' "
                "ở phần đầu bài")
    else:
        hint = (f"nếu là {kind.label}, hãy thêm vào {registry}; nếu không, ghi "
                f"'{ignore}: {note.name}' ở phần đầu bài để không nhắc lại")
    return Problem(kind.name, locator.path, locator.text_line(written)
                   or locator.text_line(note.name),
                   f"tên '{note.name}' sau '{note.honorific}' chưa có trong danh "
                   f"sách {kind.label}", hint, WARNING)
