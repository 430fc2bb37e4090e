"""What the readers of legacy sources hand to the writer.

A text export and a saved HTML page look nothing alike, but both come down to
the same article: metadata that may be missing, then a sequence of text
blocks and photos with their captions. Keeping that shape in one place lets
each reader stay about its own format and the writer about Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from portal.diagnostics import ERROR, NOTICE, WARNING, PortalError, Problem

PLUGIN = "importer"


@dataclass
class Text:
    """A block of body text, already Markdown (escaped), and its plain text
    (for detection of units and people)."""

    markdown: str
    plain: str


@dataclass
class Photo:
    """One photo: where its bytes come from, its alt text and caption lines.

    Exactly one of ``data`` (decoded from a ``data:`` URI) and ``file`` (a
    file beside the source) is set when the image could be found; otherwise
    ``ref`` says what the source pointed at."""

    line: int | None = None
    alt: str = ""
    caption: list[str] = field(default_factory=list)  # Markdown lines
    caption_plain: list[str] = field(default_factory=list)
    data: bytes | None = None
    file: Path | None = None
    ref: str = ""
    # Why the bytes are missing when they are (a Vietnamese phrase).
    missing: str = ""


Block = Text | Photo


@dataclass
class Draft:
    """An article read from one legacy source, before options are applied."""

    source: Path
    title: str | None = None
    date: datetime | None = None
    has_time: bool = False
    author: str | None = None
    credit: str | None = None  # the source: "Theo Báo …", "Nguồn: …"
    lead: str | None = None  # plain text, one line
    # For a whole-site import: how sure the reading is, and whether the
    # page is a list of articles rather than one.
    title_guessed: bool = False
    date_outside: bool = False
    title_links: int = 0
    address: str = ""  # where the page was saved from, when it says so
    blocks: list[Block] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def photos(self) -> list[Photo]:
        return [block for block in self.blocks if isinstance(block, Photo)]

    def warn(self, line: int | None, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(PLUGIN, str(self.source), line, message, hint, WARNING))

    def notice(self, line: int | None, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem(PLUGIN, str(self.source), line, message, hint, NOTICE))


class ImporterError(PortalError):
    """A source cannot be imported; carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))


def error(source: Path, line: int | None, message: str, hint: str = "") -> Problem:
    return Problem(PLUGIN, str(source), line, message, hint, ERROR)
