"""Write an imported article: the Markdown file and its photos beside it.

The output follows the editors' conventions of the README: front matter,
then paragraphs and photo paragraphs ("![alt](slug/anh-01.jpg)" with the
caption lines right under it), photos in a folder named after the article.
Nothing that exists is replaced unless the editor asked (``--force``), and
then the old files are first copied to a backup folder outside content/
(content/ is published as it is, so a backup there would be too).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import images, mdtext
from .model import Draft, Photo, Text


@dataclass
class Metadata:
    title: str
    date: datetime
    has_time: bool
    category: str
    author: str
    units: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    summary: str | None = None
    source: str | None = None
    people_ignore: list[str] = field(default_factory=list)


@dataclass
class Planned:
    """Everything an import would write, so a dry run can print it."""

    markdown_path: Path
    text: str
    files: dict[Path, bytes] = field(default_factory=dict)
    missing: list[tuple[Photo, Path]] = field(default_factory=list)
    reused: list[Path] = field(default_factory=list)


def _one_line(value: str) -> str:
    return " ".join(mdtext.clean_text(value).split())


def front_matter(meta: Metadata) -> str:
    date = meta.date.strftime("%Y-%m-%d %H:%M" if meta.has_time else "%Y-%m-%d")
    lines = [
        f"Title: {_one_line(meta.title)}",
        f"Date: {date}",
        f"Category: {_one_line(meta.category)}",
        f"Author: {_one_line(meta.author)}",
    ]
    if meta.units:
        lines.append(f"Units: {', '.join(meta.units)}")
    if meta.people:
        lines.append(f"People: {', '.join(meta.people)}")
    if meta.people_ignore:
        lines.append(f"People-Ignore: {', '.join(meta.people_ignore)}")
    if meta.source:
        lines.append(f"Source: {_one_line(meta.source)}")
    if meta.summary:
        # Pelican renders the summary as Markdown.
        lines.append(f"Summary: {mdtext.escape(_one_line(meta.summary))}")
    return "\n".join(lines) + "\n"


def plan(draft: Draft, meta: Metadata, markdown_path: Path) -> Planned:
    """Name the photos, decide their files, and render the Markdown."""
    slug = markdown_path.stem
    folder = markdown_path.parent / slug
    planned = Planned(markdown_path, "")
    parts: list[str] = []
    number = 0
    for block in draft.blocks:
        if isinstance(block, Text):
            parts.append(block.markdown)
            continue
        number += 1
        data = images.photo_bytes(block)
        if data is not None:
            data, suffix = images.to_web_format(data)
            target = folder / f"anh-{number:02d}{suffix}"
            planned.files[target] = data
        else:
            target = _existing(folder, number) or folder / (
                f"anh-{number:02d}{images.missing_suffix(block)}")
            if target.is_file():
                # The editor already put the photo in place.
                planned.reused.append(target)
            else:
                planned.missing.append((block, target))
        image_line = f"![{mdtext.alt_text(block.alt)}]({slug}/{target.name})"
        parts.append("\n".join([image_line, *block.caption]))
    planned.text = front_matter(meta) + "\n" + "\n\n".join(parts) + "\n"
    return planned


def _existing(folder: Path, number: int) -> Path | None:
    for suffix in images.IMAGE_SUFFIXES:
        path = folder / f"anh-{number:02d}{suffix}"
        if path.is_file():
            return path
    return None


def conflicts(planned: Planned) -> list[Path]:
    """Existing files the import would change."""
    found = []
    if planned.markdown_path.exists():
        found.append(planned.markdown_path)
    for path, data in planned.files.items():
        if path.exists() and path.read_bytes() != data:
            found.append(path)
    return found


def backup(paths: list[Path], content: Path, root: Path) -> list[Path]:
    """Copy ``paths`` under ``root``, keeping their place below content/."""
    copies = []
    for path in paths:
        try:
            rel = path.resolve().relative_to(content.resolve())
        except ValueError:
            rel = Path(path.name)
        copy = root / rel
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        copies.append(copy)
    return copies


def write(planned: Planned) -> None:
    """Photos first, the article last (atomically), so a failure never
    leaves an article pointing at photos that were not written."""
    for path, data in planned.files.items():
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, data)
    planned.markdown_path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(planned.markdown_path, planned.text.encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.importing")
    tmp.write_bytes(data)
    os.replace(tmp, path)
