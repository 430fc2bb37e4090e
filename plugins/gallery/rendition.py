"""A published derivative set, as templates see it.

`Rendition` answers what a `<picture>` needs: the WebP and fallback
srcsets, the default src, width and height, the large image. File names
come from the cache key (a hash of the source bytes and the spec): a new
photo gets new URLs, so browsers and CDNs may cache them for ever.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

MIME = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class Rendition:
    key: str
    sizes: tuple[tuple[int, int], ...]  # ascending; the last is the large
    fallback: str                       # "jpg", or "png" for transparency
    folder: str                         # output folder, relative to SITEURL
    siteurl: str
    default_width: int

    @classmethod
    def from_meta(cls, key: str, meta: dict, folder: str, siteurl: str,
                  default_width: int) -> Rendition:
        return cls(key, tuple(tuple(size) for size in meta["sizes"]),
                   meta["fallback"], folder.strip("/"), siteurl, default_width)

    # --- files ---------------------------------------------------------------

    def name(self, width: int, ext: str) -> str:
        return f"{self.key[:16]}-{width}.{ext}"

    def output_path(self, width: int, ext: str) -> str:
        """Path of a derivative relative to the output folder."""
        return posixpath.join(self.folder, self.key[:2], self.name(width, ext))

    def files(self) -> list[tuple[str, str]]:
        """(name in the cache entry, path in the output) of every file."""
        return [(f"{w}.{ext}", self.output_path(w, ext))
                for w, _ in self.sizes for ext in ("webp", self.fallback)]

    def url(self, width: int, ext: str) -> str:
        return f"{self.siteurl}/{self.output_path(width, ext)}"

    # --- what templates use ----------------------------------------------------

    @property
    def width(self) -> int:
        return self.sizes[-1][0]

    @property
    def height(self) -> int:
        return self.sizes[-1][1]

    @property
    def fallback_type(self) -> str:
        return MIME[self.fallback]

    def srcset(self, ext: str) -> str:
        return ", ".join(f"{self.url(w, ext)} {w}w" for w, _ in self.sizes)

    @property
    def webp_srcset(self) -> str:
        return self.srcset("webp")

    @property
    def fallback_srcset(self) -> str:
        return self.srcset(self.fallback)

    @property
    def default(self) -> tuple[int, int]:
        """The size an <img src> shows: the widest not above the default
        width (the smallest when all are wider)."""
        fitting = [s for s in self.sizes if s[0] <= self.default_width]
        return fitting[-1] if fitting else self.sizes[0]

    @property
    def src(self) -> str:
        return self.url(self.default[0], self.fallback)

    @property
    def src_width(self) -> int:
        return self.default[0]

    @property
    def src_height(self) -> int:
        return self.default[1]

    @property
    def large(self) -> str:
        """The large image in the fallback format (what a plain link opens)."""
        return self.url(self.width, self.fallback)

    @property
    def large_webp(self) -> str:
        return self.url(self.width, "webp")
