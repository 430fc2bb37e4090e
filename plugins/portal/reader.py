"""The Markdown reader of the portal: checks first, then Pelican's reader.

A file with a broken header, a missing title, an unreadable date or a photo
that does not exist is not built; the problems are reported with file and
line and the build goes on without it. The text is NFC-normalised before
conversion so NFD pasted text renders and links like NFC.
"""

from __future__ import annotations

import os

from markdown import Markdown
from pelican.readers import MarkdownReader

from .diagnostics import ContentError, Diagnostics
from .source import check_source, parse_date, read_text


class PortalMarkdownReader(MarkdownReader):
    def read(self, source_path):
        diagnostics = Diagnostics.of(self.settings)
        try:
            text = read_text(source_path)
            source = check_source(
                source_path,
                text,
                self.settings["PATH"],
                needs_date=self._is_article(source_path),
            )
            if source.problems:
                raise ContentError(source.problems)
        except ContentError as error:
            diagnostics.skip(source_path, error.problems)
            raise

        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = self._md.convert(text)
        metadata = self._parse_metadata(getattr(self._md, "Meta", {}))
        # Photos and captions seen by the figures extension (figures.photos).
        metadata["photos"] = list(getattr(self._md, "photos", []))
        # Our strict parse replaces Pelican's guessing one (see source.py).
        for key in ("date", "modified"):
            if key in source.header:
                metadata[key] = parse_date(source.header[key][1])
        return content, metadata

    def _is_article(self, source_path):
        root = os.path.abspath(self.settings["PATH"])
        rel = os.path.relpath(os.path.abspath(source_path), root)
        top = rel.split(os.sep, 1)[0]
        return top in self.settings["ARTICLE_PATHS"]
