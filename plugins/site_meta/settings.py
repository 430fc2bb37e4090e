"""The site_meta plugin's settings and their defaults (declared once, here)."""

from portal.settings import setting_or_default

DEFAULTS = {
    # Scheme and host for absolute URLs (canonical, Open Graph, sitemap);
    # None: SITEURL when it is absolute, else FEED_DOMAIN.
    "SITE_META_ORIGIN": None,
    # Output files (fnmatch patterns, relative to output/) left out of the
    # sitemap: error pages, search results, drafts.
    "SITE_META_SITEMAP_EXCLUDE": ["404.html", "tim-kiem/*", "ban-nhap/*"],
    # Short name under the icon of the installed web app.
    "SITE_META_SHORT_NAME": "Cổng TTĐT",
    # Colours of the browser bar, of the icons (background, star) and of the
    # app's splash screen.
    "SITE_META_THEME_COLOR": "#9b1c1c",
    "SITE_META_ICON_COLORS": ("#9b1c1c", "#ffdd00"),
    "SITE_META_BACKGROUND_COLOR": "#ffffff",
    # Extra robots.txt lines (e.g. "Disallow: /ban-nhap/").
    "SITE_META_ROBOTS": ["Disallow: /ban-nhap/"],
}


def setting(settings, name):
    return setting_or_default(settings, name, DEFAULTS)


def origin(settings) -> str:
    """Scheme and host that absolute URLs start with ("" when unknown)."""
    explicit = setting(settings, "SITE_META_ORIGIN")
    if explicit:
        return explicit.rstrip("/")
    siteurl = settings.get("SITEURL") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    return (settings.get("FEED_DOMAIN") or "").rstrip("/")
