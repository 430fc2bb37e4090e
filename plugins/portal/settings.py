"""Plugin settings with their declared defaults.

Each plugin declares its settings once, with defaults, in a DEFAULTS dict;
a site's pelicanconf.py overrides only what it needs. This is the one lookup
they all use.
"""


def setting_or_default(settings, name: str, defaults: dict):
    """A setting's value, or its default when the site does not set it."""
    value = settings.get(name)
    return defaults[name] if value is None else value
