"""Find the theme's static files, hash them and publish the hashed copies.

The manifest is made once per build (``initialized``), kept in the settings
like the portal's diagnostics (never in a module global), handed to
templates as ``asset_url`` and written out at ``finalized``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath

from jinja2 import pass_context
from portal.output import write_if_changed

from .settings import setting


class AssetNotFound(LookupError):
    """A template asked for an asset the theme does not have."""


def css_variables(light: dict, dark: dict) -> str:
    """The custom properties as CSS rules ("" when there are none)."""

    def block(values):
        return "".join(f"{name}:{value};" for name, value in values.items())

    css = ""
    if light:
        css += f"\n:root{{{block(light)}}}\n"
    if dark:
        css += f"@media (prefers-color-scheme:dark){{:root{{{block(dark)}}}}}\n"
    return css


def minify(name: str, data: bytes) -> bytes:
    """CSS and JS without comments and spare whitespace (rcssmin / rjsmin:
    deterministic, and they keep strings and `/*!` licence comments)."""
    if name.endswith(".css"):
        import rcssmin

        return rcssmin.cssmin(data.decode("utf-8"), keep_bang_comments=True).encode(
            "utf-8"
        )
    if name.endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(data.decode("utf-8"), keep_bang_comments=True).encode(
            "utf-8"
        )
    return data


class Manifest:
    """Logical asset path ("css/main.css") -> hashed file name and bytes."""

    SETTINGS_KEY = "_ASSETS_MANIFEST"

    def __init__(self, files: dict[str, bytes], static_dir: str, hash_length: int):
        self.static_dir = static_dir.strip("/")
        self.files: dict[str, tuple[str, bytes]] = {}
        for logical, data in sorted(files.items()):
            digest = hashlib.sha256(data).hexdigest()[:hash_length]
            path = PurePosixPath(logical)
            hashed = str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))
            self.files[logical] = (hashed, data)

    def __reduce__(self):
        # Pelican's content cache pickles settings with the articles; build
        # state must not travel with them.
        return (Manifest, ({}, self.static_dir, 10))

    @classmethod
    def from_settings(cls, settings) -> Manifest:
        files = collect(settings)
        extra = css_variables(
            setting(settings, "ASSETS_CSS_VARIABLES"),
            setting(settings, "ASSETS_CSS_VARIABLES_DARK"),
        )
        target = setting(settings, "ASSETS_CSS_VARIABLES_FILE")
        if extra and target in files:
            files[target] = files[target] + extra.encode("utf-8")
        if setting(settings, "ASSETS_MINIFY"):
            files = {name: minify(name, data) for name, data in files.items()}
        return cls(
            files,
            settings.get("THEME_STATIC_DIR", "theme"),
            setting(settings, "ASSETS_HASH_LENGTH"),
        )

    def path(self, logical: str) -> str:
        """Output path, relative to SITEURL, of the hashed copy."""
        try:
            hashed = self.files[logical.lstrip("/")][0]
        except KeyError:
            raise AssetNotFound(
                f"assets: no theme static file {logical!r} matches ASSETS_PATTERNS"
            ) from None
        return f"{self.static_dir}/{hashed}"

    def write(self, output_path: str) -> None:
        """Write every hashed copy whose bytes are not already there."""
        for hashed, data in self.files.values():
            write_if_changed(Path(output_path) / self.static_dir / hashed, data)


def collect(settings) -> dict[str, bytes]:
    """Bytes of every matching file in the theme's static folders; a later
    folder in THEME_STATIC_PATHS wins, as when Pelican copies them."""
    theme = Path(settings["THEME"])
    patterns = setting(settings, "ASSETS_PATTERNS")
    found: dict[str, bytes] = {}
    for folder in settings.get("THEME_STATIC_PATHS", ["static"]):
        base = theme / folder
        for pattern in patterns:
            for path in sorted(base.glob(pattern)):
                if path.is_file():
                    logical = path.relative_to(base).as_posix()
                    found[logical] = path.read_bytes()
    return found


def start(pelican) -> None:
    pelican.settings[Manifest.SETTINGS_KEY] = Manifest.from_settings(pelican.settings)


def install_global(generator) -> None:
    """Give templates ``asset_url("css/main.css")`` → "/theme/css/main.<h>.css"."""
    manifest = generator.settings.get(Manifest.SETTINGS_KEY)
    if manifest is None:
        return

    @pass_context
    def asset_url(context, logical: str) -> str:
        # SITEURL from the page being rendered (it may be relative).
        return f"{context.get('SITEURL', '')}/{manifest.path(logical)}"

    generator.env.globals["asset_url"] = asset_url


def write_assets(pelican) -> None:
    manifest = pelican.settings.get(Manifest.SETTINGS_KEY)
    if manifest is not None:
        manifest.write(os.fspath(pelican.output_path))
