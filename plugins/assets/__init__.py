"""Content-hashed theme assets, so CSS and JS can be cached for a year.

Every theme static file that matches ``ASSETS_PATTERNS`` is published a
second time under a name that carries a hash of its bytes
(``theme/css/main.3f9a1c2b7d.css``); templates ask for the URL with the
Jinja global ``asset_url("css/main.css")``. A changed file gets a new name,
an unchanged one keeps its name from build to build (the hash depends on the
bytes only, so the build stays deterministic).

Settings (declared with their defaults in ``assets.settings``):

``ASSETS_PATTERNS``
    Glob patterns, relative to a theme static folder, of the files to
    fingerprint (default ``["css/*.css", "js/*.js"]``).
``ASSETS_HASH_LENGTH``
    Hex digits of the SHA-256 kept in the name (default 10).
``ASSETS_CSS_VARIABLES`` / ``ASSETS_CSS_VARIABLES_DARK``
    CSS custom properties (``{"--vn-red": "#9b1c1c"}``) appended to
    ``ASSETS_CSS_VARIABLES_FILE`` (default ``css/main.css``) as a ``:root``
    rule, the dark ones inside ``@media (prefers-color-scheme: dark)``: the
    theme's colours are settings without a template engine in the CSS.
``ASSETS_MINIFY``
    Minify the hashed CSS and JS copies with rcssmin / rjsmin (default
    True); the unhashed files Pelican copies stay readable.
"""

from .manifest import Manifest, install_global, start, write_assets

__all__ = ["Manifest", "register"]


def register() -> None:
    """Pelican entry point: only connects signals."""
    from pelican import signals

    signals.initialized.connect(start)
    signals.generator_init.connect(install_global)
    signals.finalized.connect(write_assets)
