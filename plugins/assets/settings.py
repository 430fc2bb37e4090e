"""The assets plugin's settings and their defaults (declared once, here)."""

DEFAULTS = {
    "ASSETS_PATTERNS": ["css/*.css", "js/*.js"],
    "ASSETS_HASH_LENGTH": 10,
    "ASSETS_CSS_VARIABLES": {},
    "ASSETS_CSS_VARIABLES_DARK": {},
    "ASSETS_CSS_VARIABLES_FILE": "css/main.css",
    # Minify the hashed copies (the plain files stay as written, for reading).
    "ASSETS_MINIFY": True,
}


def setting(settings, name):
    """A setting's value, or its default when the site does not set it."""
    value = settings.get(name)
    return DEFAULTS[name] if value is None else value
