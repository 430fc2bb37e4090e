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
        self._all = None  # loaded even without entries: for unregistered names
        self._loaded = False
        # Why no ids were written, for the end of the run (Vietnamese).
        self.note = ""

    def registries(self):
        if not self._loaded:
            self._loaded = True
            self.note = ("chưa có danh mục đơn vị và lãnh đạo (content/data/"
                         "units.yml, people.yml) nên chưa ghi Units:/People:")
            try:
                from entities.registry import load
            except ImportError:
                return None
            try:
                registries = load(str(self.content))
            except Exception as failure:  # detection is a help, not a must
                self.note = (f"không đọc được danh mục đơn vị và lãnh đạo ({failure}) "
                             "nên chưa ghi Units:/People:")
                return None
            self._all = registries
            if any(registries.entries.values()):
                self._registries = registries
                self.note = ""
                if registries.problems:
                    self.note = ("danh mục đơn vị và lãnh đạo có lỗi (hãy chạy "
                                 "invoke check); Units:/People: có thể thiếu")
        return self._registries

    def detect(self, draft: Draft, title: str) -> tuple[list[str], list[str]] | None:
        """(unit ids, person ids) named in the article, or None when the site
        has no registries to detect with."""
        registries = self.registries()
        found = self._detect(registries, draft, title) if registries else None
        if found is None:
            return None
        return list(found.ids.get("units", [])), list(found.ids.get("people", []))

    def unregistered_people(self, draft: Draft, title: str) -> list[str]:
        """Names written after a title ("đồng chí X") that the people
        registry does not have: in an archive, mostly former officials."""
        self.registries()
        found = self._detect(self._all, draft, title) if self._all else None
        names = [note.name for note in (found.unregistered if found else [])
                 if note.kind == "people"]
        return list(dict.fromkeys(names))

    def _detect(self, registries, draft: Draft, title: str):
        body = "\n\n".join(block.plain for block in draft.blocks
                           if isinstance(block, Text))
        if draft.lead:
            body = draft.lead + "\n\n" + body
        captions = ["\n".join(block.caption_plain) for block in draft.blocks
                    if isinstance(block, Photo) and block.caption_plain]
        try:
            return registries.detect(title=title, body=body, captions=captions)
        except Exception as failure:  # detection is a help, not a must
            self.note = (f"nhận diện đơn vị và lãnh đạo gặp lỗi ({failure}) nên "
                         "chưa ghi Units:/People:")
            return None
