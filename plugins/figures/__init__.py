"""Pelican plugin that turns photo paragraphs into figures and galleries.

The work is done by the Markdown extension in ``figures.extension``; this
module exists so Pelican can load the package as a plugin and add that
extension to the ``MARKDOWN`` setting, and so Markdown also accepts the short
extension name ``"figures"``.

Settings:

``FIGURES_RELATIVE_PREFIX``
    Prefix for relative image paths (the extension's ``relative_prefix``;
    default ``"{attach}"``, empty string disables the rewriting).
``FIGURES_CAPTION_MAX_LINE_LENGTH``
    From the second caption line on, a line longer than this many characters
    is body text, not caption (``caption_max_line_length``; default 150,
    0 disables).
"""

from figures.extension import FiguresExtension, makeExtension

EXTENSION_NAME = "figures.extension"

# Names under which Markdown would load this same extension.
_KNOWN_NAMES = frozenset(
    {"figures", EXTENSION_NAME, f"{EXTENSION_NAME}:FiguresExtension"}
)

# Pelican setting -> extension config key.
_SETTINGS = {
    "FIGURES_RELATIVE_PREFIX": "relative_prefix",
    "FIGURES_CAPTION_MAX_LINE_LENGTH": "caption_max_line_length",
}

__all__ = [
    "EXTENSION_NAME",
    "FiguresExtension",
    "add_extension",
    "makeExtension",
    "register",
]


def add_extension(pelican_object) -> None:
    """Add the figures extension to the Pelican object's ``MARKDOWN`` setting.

    The setting is rebuilt rather than changed in place: Pelican may hand out
    its module-level default dict, which must not carry this across builds.
    """
    settings = pelican_object.settings
    markdown_settings = dict(settings.get("MARKDOWN") or {})
    extensions = list(markdown_settings.get("extensions") or [])
    configs = dict(markdown_settings.get("extension_configs") or {})

    name = next(
        (ext for ext in extensions if isinstance(ext, str) and ext in _KNOWN_NAMES),
        None,
    )
    has_instance = any(isinstance(ext, FiguresExtension) for ext in extensions)
    if name is None and not has_instance:
        # The string form keeps the setting picklable for Pelican's cache.
        name = EXTENSION_NAME
        extensions.append(name)

    overrides = {
        key: settings[setting]
        for setting, key in _SETTINGS.items()
        if settings.get(setting) is not None
    }
    if overrides and name is not None:
        configs[name] = {**configs.get(name, {}), **overrides}

    markdown_settings["extensions"] = extensions
    markdown_settings["extension_configs"] = configs
    settings["MARKDOWN"] = markdown_settings


def register() -> None:
    """Pelican plugin entry point: only connects signals."""
    # Imported here so the Markdown extension works without Pelican installed
    # (the importer and the tests use it on its own).
    from pelican import signals

    signals.initialized.connect(add_extension)
