"""Fingerprints: short, stable digests of what a page is made from.

`Fingerprints.of(value)` digests a value a template can see: text, numbers,
dates, Pelican's articles and pages, categories and tags, paginator pages,
lists, dicts and dataclasses of these. An article or page is digested by
what it is made of (`Fingerprints.content`): its source file, its HTML after
every plugin (photos included), the identity of the articles it points to
(related, newer, older, translations) and, when it links to other content
with `{filename}`, the URL of every content of the site. A value of any
other kind raises `Unknown`: the page that uses it is always rendered.

Objects may define ``__fingerprint__()`` (a str) to be digested; registry
entries and the entities build state do.

Fingerprints are only compared within one checkout and tool version (the
site fingerprint covers the code), never stored for other uses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import types

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

# Pelican's intrasite link markers ({filename}, |static|, {attach}, …).
_LINK = re.compile(r"[{|](?:filename|static|attach|index|category|tag|author)[}|]")
_SCALARS = (type(None), bool, int, float)
_TIMES = (dt.date, dt.time, dt.timedelta)
_MEMO_MIN = 8  # lists at least this long are digested once per build


class Unknown(TypeError):
    """A value that cannot be fingerprinted."""


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"),
                           digest_size=12).hexdigest()


class Fingerprints:
    """Digests for one build. Memoised values are kept referenced, so an id
    is never reused while its digest is remembered."""

    def __init__(self, url_map=None):
        self._memo: dict[int, tuple[object, str]] = {}
        self._url_map = url_map  # () -> str, digest of every content's URL
        self._url_digest: str | None = None

    def _remember(self, value, text: str) -> str:
        self._memo[id(value)] = (value, text)
        return text

    def of(self, value) -> str:
        if isinstance(value, _SCALARS):
            return repr(value)
        if isinstance(value, str):
            return value if len(value) < 48 else digest(value)
        if isinstance(value, (dt.datetime, *_TIMES)):
            return repr(value)
        if isinstance(value, os.PathLike):
            return os.fspath(value)
        remembered = self._memo.get(id(value))
        if remembered is not None:
            return remembered[1]
        if isinstance(value, Content):
            return self.content(value)
        if isinstance(value, URLWrapper):
            return f"{type(value).__name__}:{value.name}:{value.slug}"
        if isinstance(value, (list, tuple)):
            text = digest("[" + ",".join(self.of(v) for v in value) + "]")
            return self._remember(value, text) if len(value) >= _MEMO_MIN else text
        if isinstance(value, dict):
            return digest("{" + ",".join(f"{self.of(k)}:{self.of(v)}"
                                         for k, v in value.items()) + "}")
        if isinstance(value, (set, frozenset)):
            return digest("{" + ",".join(sorted(self.of(v) for v in value)) + "}")
        method = getattr(type(value), "__fingerprint__", None)
        if method is not None:
            return self._remember(value, method(value))
        if isinstance(value, Page):
            return self._remember(value, digest(
                f"page:{value.number}:{value.base_url}:{value.full_name}:"
                + self.of(value.paginator) + self.of(value.object_list)))
        if isinstance(value, Paginator):
            return (f"paginator:{value.name}:{value.url}:{value.count}:"
                    f"{value.per_page}:{value.orphans}")
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return digest(type(value).__qualname__ + self.of(
                [getattr(value, f.name) for f in dataclasses.fields(value)]))
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType,
                              types.ModuleType)):
            return "code"  # the site fingerprint covers code
        if type(value).__name__ == "Macro":  # Jinja macros: template code
            return "code"
        raise Unknown(type(value).__qualname__)

    def content(self, content: Content) -> str:
        """An article or page: its own inputs and who it points to."""
        remembered = self._memo.get(id(content))
        if remembered is not None:
            return remembered[1]
        parts = [content.source_path or "", type(content).__name__,
                 _file_digest(content.source_path), content._content or ""]
        if _LINK.search(content._content or ""):
            parts.append(self._urls())
        for name, value in sorted(vars(content).items()):
            if isinstance(value, Content):
                parts.append(f"{name}={value.source_path}")
            elif (isinstance(value, (list, tuple)) and value
                  and isinstance(value[0], Content)):
                parts.append(f"{name}=" + ",".join(
                    getattr(v, "source_path", "?") for v in value))
        return self._remember(content, digest("\0".join(parts)))

    def _urls(self) -> str:
        if self._url_digest is None:
            self._url_digest = self._url_map() if self._url_map else ""
        return self._url_digest


def _file_digest(path) -> str:
    if not path:
        return ""
    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(), digest_size=12).hexdigest()
    except OSError:
        return "missing"


def lenient(fingerprints: Fingerprints, value) -> str:
    """A fingerprint of a setting: objects of unknown kinds (a bytecode
    cache, build state) count by their type."""
    try:
        return fingerprints.of(value)
    except Unknown:
        if isinstance(value, dict):
            return digest(",".join(f"{k!r}:{lenient(fingerprints, v)}"
                                   for k, v in value.items()))
        if isinstance(value, (list, tuple)):
            return digest(",".join(lenient(fingerprints, v) for v in value))
        return type(value).__qualname__
