"""The assets plugin's settings and their defaults (declared once, here)."""

from portal.settings import setting_or_default

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
    return setting_or_default(settings, name, DEFAULTS)
