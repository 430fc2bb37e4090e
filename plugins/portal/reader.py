"""The Markdown reader of the portal: checks first, then Pelican's reader.

A file with a broken header, a missing title, an unreadable date or a photo
path outside content/ is not built; the problems are reported with file and
line and the build goes on without it. Photo files themselves (missing,
broken) are checked by the gallery plugin on every build, because this
reader's output is cached: the article is built with a placeholder. The
text is NFC-normalised before conversion so NFD pasted text renders and
links like NFC.
"""

from __future__ import annotations

import os

from markdown import Markdown
from markdown.extensions.meta import MetaPreprocessor
from pelican.readers import MarkdownReader

from . import safehtml
from .diagnostics import ERROR, ContentError, Diagnostics
from .safehtml import Sanitiser
from .source import check_source, parse_date, read_text

# Where markdown.extensions.meta registers its preprocessor.
META_PRIORITY = 27
# Metadata key of the warnings reading a file gave.
PROBLEMS_KEY = "portal_problems"


def replay(generators) -> None:
    """all_generators_finalized: the warnings of every file read, also of
    those taken from Pelican's cache (without this, a strict build after a
    preview passed over them). Reported once per build."""
    if not generators:
        return
    diagnostics = Diagnostics.of(generators[0].settings)
    for content in generators[0].context.get("generated_content", {}).values():
        for problem in getattr(content, "metadata", {}).get(PROBLEMS_KEY, ()):
            diagnostics.report(problem)


class PortalMarkdownReader(MarkdownReader):
    def read(self, source_path):
        diagnostics = Diagnostics.of(self.settings)
        start = len(diagnostics.log)
        try:
            found = []
            text = read_text(source_path, found)
            source = check_source(
                source_path,
                text,
                self.settings["PATH"],
                needs_date=self._is_article(source_path),
                check_files=False,
            )
            source.problems.extend(found)
            if any(p.level == ERROR for p in source.problems):
                raise ContentError(source.problems)
            for problem in source.problems:
                diagnostics.report(problem)
        except ContentError as error:
            diagnostics.skip(source_path, error.problems)
            raise

        self._source_path = source_path
        self._md = self._markdown()
        content = self._md.convert(text)
        # Photos and captions seen by the figures extension (figures.photos),
        # taken before _parse_metadata renders a Summary with the same
        # instance, which resets them.
        photos = list(getattr(self._md, "photos", []))
        metadata = self._parse_metadata(getattr(self._md, "Meta", {}))
        metadata["photos"] = photos
        content = self._sanitize(content, source, text, metadata, diagnostics)
        # Our strict parse replaces Pelican's guessing one (see source.py).
        for key in ("date", "modified"):
            if key in source.header:
                metadata[key] = parse_date(source.header[key][1])
        # Pelican caches what this returns: the warnings go with it, and are
        # reported again by every build that uses the cache (replay).
        metadata[PROBLEMS_KEY] = tuple(diagnostics.log[start:])
        return content, metadata

    def _sanitize(self, content, source, text, metadata, diagnostics) -> str:
        """The body and the Summary as published (portal.safehtml), with a
        warning at the line of everything taken out."""
        sanitiser = getattr(self, "_sanitiser", None)
        if sanitiser is None:
            sanitiser = self._sanitiser = Sanitiser()
        lines = text.splitlines()
        content, removed = sanitiser.sanitize(content)
        found = safehtml.problems(removed, source.path, source.body_start, lines,
                                  source.body_start)
        if metadata.get("summary"):
            metadata["summary"], removed = sanitiser.sanitize(metadata["summary"])
            line = source.header.get("summary", (None,))[0]
            found += safehtml.problems(removed, source.path, line)
        for problem in found:
            diagnostics.report(problem)
        return content

    def _markdown(self) -> Markdown:
        """This reader's Markdown instance, reset for the next file.

        Making a new one per file (as Pelican does) loads and registers every
        extension again, about 1 ms per article; Markdown supports reuse
        through reset(). Pelican's _parse_metadata unregisters the meta
        preprocessor (so a Summary is not read as a header), so it is put
        back here."""
        md = getattr(self, "_shared_md", None)
        if md is None:
            md = self._shared_md = Markdown(**self.settings["MARKDOWN"])
            return md
        md.reset()
        if "meta" not in md.preprocessors:
            md.preprocessors.register(MetaPreprocessor(md), "meta", META_PRIORITY)
        return md

    def _is_article(self, source_path):
        root = os.path.abspath(self.settings["PATH"])
        rel = os.path.relpath(os.path.abspath(source_path), root)
        top = rel.split(os.sep, 1)[0]
        return top in self.settings["ARTICLE_PATHS"]
