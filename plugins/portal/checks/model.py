"""What every content check gets: one file as read, and the site around it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from ..diagnostics import ERROR, Problem
from ..safehtml import Sanitiser
from ..source import Source

PLUGIN = "portal"


@dataclass
class ContentFile:
    """One Markdown file: its text (NFC) and raw form, and what the shared
    checks (portal.source) learned: header with line numbers, body start."""

    path: str
    rel: str  # relative to the content folder, with "/"
    raw: str  # as stored (maybe NFD)
    text: str  # NFC
    source: Source
    is_article: bool
    lines: list[str] = field(init=False)

    def __post_init__(self):
        self.lines = self.text.splitlines()

    @classmethod
    def read(cls, path: str, content_root: str, text: str, source: Source,
             is_article: bool) -> ContentFile:
        """`text` is what portal.source.read_text gave; the raw form is read
        again (the file is known to be UTF-8 by then)."""
        with open(path, encoding="utf-8-sig") as handle:
            raw = handle.read()
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(content_root))
        return cls(path, rel.replace(os.sep, "/"), raw, text, source, is_article)

    @property
    def header_complete(self) -> bool:
        """False when the shared checks stopped reading the header early
        (a broken line): then a missing key is not news to report."""
        return not any(p.level == ERROR and p.line and p.line < self.source.body_start
                       for p in self.source.problems)

    def header(self, key: str) -> tuple[int, str] | None:
        """(line, value) of a front-matter key, or None."""
        return self.source.header.get(key.lower())

    def body(self):
        """(line number, line) of every body line."""
        for index in range(self.source.body_start - 1, len(self.lines)):
            yield index + 1, self.lines[index]

    def problem(self, line, level, message, hint="") -> Problem:
        return Problem(PLUGIN, self.path, line, message, hint, level)


@dataclass(frozen=True)
class CheckContext:
    settings: dict
    content_root: str
    now: datetime  # local time of the site, naive like the header dates

    @classmethod
    def of(cls, settings: dict, content_root: str,
           now: datetime | None = None) -> CheckContext:
        zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
        now = now or datetime.now(zone).replace(tzinfo=None)
        return cls(settings, os.path.abspath(content_root), now)

    @cached_property
    def sanitiser(self) -> Sanitiser:
        return Sanitiser()

    def html(self, markdown_text: str) -> str:
        """`markdown_text` as the build's Markdown converts it (without the
        plugins' extensions: they only rearrange what the sanitiser sees)."""
        md = self.__dict__.get("_markdown")
        if md is None:
            from markdown import Markdown

            options = dict(self.settings.get("MARKDOWN") or {})
            configs = options.get("extension_configs") or {}
            # As Pelican's reader: every configured extension is loaded.
            options["extensions"] = [*dict.fromkeys(
                [*(options.get("extensions") or []), *configs])]
            md = self.__dict__["_markdown"] = Markdown(**options)
        md.reset()
        return md.convert(markdown_text)
