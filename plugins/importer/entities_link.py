"""Units and people of an imported article, for editors to review.

The build detects units and leaders by itself (the ``entities`` plugin);
the importer writes what it detects into ``Units:`` / ``People:`` so the
editor sees it in the file and can correct it. The registries are optional:
without the ``entities`` package or its registry files the importer still
works and says that it wrote no ids.
"""

from __future__ import annotations

from pathlib import Path

from .model import Draft, Photo, Text


class Detector:
    """Loads the site's registries once per run, on first use."""

    def __init__(self, content: Path):
        self.content = content
        self._registries = None
        self._loaded = False

    def registries(self):
        if not self._loaded:
            self._loaded = True
            try:
                from entities.registry import load
            except ImportError:
                return None
            registries = load(str(self.content))
            if any(registries.entries.values()):
                self._registries = registries
        return self._registries

    def problems(self) -> list:
        registries = self.registries()
        return list(registries.problems) if registries is not None else []

    def detect(self, draft: Draft, title: str) -> tuple[list[str], list[str]] | None:
        """(unit ids, person ids) named in the article, or None when the site
        has no registries to detect with."""
        registries = self.registries()
        if registries is None:
            return None
        body = "\n\n".join(block.plain for block in draft.blocks
                           if isinstance(block, Text))
        if draft.lead:
            body = draft.lead + "\n\n" + body
        captions = ["\n".join(block.caption_plain) for block in draft.blocks
                    if isinstance(block, Photo) and block.caption_plain]
        found = registries.detect(title=title, body=body, captions=captions)
        return list(found.ids.get("units", [])), list(found.ids.get("people", []))
