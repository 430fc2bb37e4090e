"""Development settings of the portal (SITEURL empty, no minification).

publishconf.py imports everything from here and overrides what production
needs. Plugin settings are declared with their defaults in the README.
"""

import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Plugins import the shared text helpers (vn_text) as a normal package.
sys.path.insert(0, str(ROOT / "plugins"))

# --- The site --------------------------------------------------------------
# What the portal is (level of government, name, province, contact) is in
# portal.yml; every name and level word below comes from it (sitegen).
from sitegen import load_identity  # noqa: E402

portal = load_identity(ROOT / "portal.yml").pelican_settings()
SITENAME = portal["SITENAME"]
SITESUBTITLE = portal["SITESUBTITLE"]
# The agency's contact block (footer, Giới thiệu, Liên hệ).
PORTAL_CONTACT = portal["PORTAL_CONTACT"]
# The level (tinh, phuong, xa, dac-khu, quan, huyen) and its words
# ("phường", "Lãnh đạo phường", ...) for the templates.
PORTAL_LEVEL = portal["PORTAL_LEVEL"]
PORTAL_WORDS = portal["PORTAL_WORDS"]
AUTHOR = "Nhóm BTV"
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

# (title, url) pairs shown in the main navigation after the categories.
MENUITEMS = (("Giới thiệu", "/gioi-thieu/"), ("Liên hệ", "/lien-he/"))
DISPLAY_CATEGORIES_ON_MENU = True
DISPLAY_PAGES_ON_MENU = False

# --- The theme (issue 8): every visible string or colour another portal
# would change lives here (or in portal.yml), with its Vietnamese default. --
# Colours of the theme: CSS custom properties --vn-<name>, appended to the
# hashed main.css by the assets plugin. Light scheme, then the dark one
# (prefers-color-scheme: dark). Keep WCAG AA contrast when changing them.
PORTAL_COLORS = {
    "red": "#9b1c1c",        # header band, buttons (white text: 8.2:1)
    "red-dark": "#6b0f0f",   # navigation bar (white text: 12.4:1)
    "accent": "#9b1c1c",     # red text on the page background
    "yellow": "#ffdd00",     # emblem star, focus, current-item marker
}
PORTAL_COLORS_DARK = {
    "red": "#8a1616",
    "red-dark": "#4d0a0a",
    "accent": "#ff9a9a",     # on the dark background: 8.9:1
}
# English version of the agency's name and contact block (/en/).
PORTAL_ENGLISH = portal["PORTAL_ENGLISH"]
# Links to related agencies' portals (footer of every page): (title, url).
PORTAL_RELATED_LINKS = portal["PORTAL_RELATED_LINKS"]
# Extra footer links: (title, path relative to SITEURL, language or "").
PORTAL_FOOTER_LINKS = (
    ("Giới thiệu", "gioi-thieu/", ""),
    ("Liên hệ", "lien-he/", ""),
    ("English", "en/", "en"),
)
# Quick links of the home page: (title, path, description, plugin needed).
# An entry whose plugin is not in PLUGINS is not shown (no broken links).
PORTAL_QUICK_LINKS = (
    ("Cơ quan, đơn vị", "don-vi/", PORTAL_WORDS["units_text"], "units"),
    (PORTAL_WORDS["leaders"], "lanh-dao/", PORTAL_WORDS["leaders_text"], "people"),
    ("Thư viện ảnh", "anh/", PORTAL_WORDS["photos_text"], "gallery"),
    ("Tìm kiếm", "tim-kiem/", "Tìm tin bài, gõ có dấu hay không dấu đều được",
     "search"),
    ("Lưu trữ", "luu-tru/", "Tất cả tin bài theo năm và tháng", None),
    ("Giới thiệu", "gioi-thieu/", "Chức năng, nhiệm vụ, cơ cấu tổ chức", None),
)
# Share links of an article: (name, URL template with {url} and {title},
# both percent-encoded).
PORTAL_SHARE_LINKS = (
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("Zalo", "https://zalo.me/share?url={url}"),
)
# How many articles the home page shows: latest list, per category block,
# photos in the recent-photos strip.
PORTAL_HOME_LATEST = 6
PORTAL_HOME_PER_CATEGORY = 4
PORTAL_HOME_PHOTOS = 8

# --- Content ---------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Nothing is published for lying in a folder (STATIC_PATHS is not used):
# a file beside an article is published only when a page links it with
# {attach} or {static}, and only from inside content/ (portal.published).
# Photos are published as derivatives, never raw (GALLERY_* below).
STATIC_PATHS = []
# Photo paths stay as written: the gallery plugin resolves them itself.
FIGURES_RELATIVE_PREFIX = ""
ARTICLE_EXCLUDES = []
# Articles are Markdown; the reStructuredText reader only adds a docutils
# warning ("no localization for 'vi'") that would fail strict builds.
READERS = {"rst": None}
THEME = str(ROOT / "theme")
OUTPUT_PATH = "output"
# The file name is the URL slug: a stable URL even when a title is edited.
SLUGIFY_SOURCE = "basename"
SUMMARY_MAX_PARAGRAPHS = 1
SUMMARY_MAX_LENGTH = 60
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

# Titles, captions and every other value are HTML-escaped in templates:
# markup typed by an editor shows as text and never runs. HTML made by the
# Markdown reader is marked `|safe` where it is printed (article and page
# content, the lead): the reader passes it through the allow-list of
# portal.safehtml first.
JINJA_ENVIRONMENT = {"autoescape": True}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# --- URLs: Vietnamese words, no diacritics, trailing slash ------------------
ARTICLE_URL = "tin-tuc/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
DRAFT_URL = "ban-nhap/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHOR_URL = "tac-gia/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_URL = "tac-gia/"
AUTHORS_SAVE_AS = AUTHORS_URL + "index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
MONTH_ARCHIVE_URL = "luu-tru/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL + "index.html"
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors"]
TEMPLATE_PAGES = {"404.html": "404.html", "en.html": "en/index.html"}

# --- Feeds (Atom), at <page>/feed.xml ----------------------------------------
# Feed entries need absolute links; in development they point at `make serve`.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feed.xml"
CATEGORY_FEED_ATOM = "chuyen-muc/{slug}/feed.xml"
TAG_FEED_ATOM = "the/{slug}/feed.xml"
AUTHOR_FEED_ATOM = "tac-gia/{slug}/feed.xml"
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20


# --- Build -----------------------------------------------------------------
def _plugins_fingerprint():
    """Reader output is cached, but the cache does not know our Markdown
    extensions changed; keying the cache folder on the plugin sources makes a
    code change start a fresh cache instead of serving stale HTML."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = [
    "portal",
    "vn_text",
    "figures",
    "gallery",
    "units",
    "people",
    "assets",
    "site_meta",
    "related",
    "search",
    "redirects",
]
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# A fresh CI clone has new mtimes: compare content hashes instead.
CHECK_MODIFIED_METHOD = "sha256"
CACHE_PATH = str(ROOT / ".cache" / "pelican" / _plugins_fingerprint())
# Derivative images, by content hash (kept between deploys; see deploy.yml).
GALLERY_CACHE_PATH = str(ROOT / ".cache" / "images")
DELETE_OUTPUT_DIRECTORY = False
# A strict build fails on any warning (publishconf.py sets it; so does
# PORTAL_STRICT=1 in the environment).
PORTAL_STRICT = os.environ.get("PORTAL_STRICT", "") not in ("", "0")

# --- Content checks (`invoke check`, portal.checks) -------------------------
# The site's categories: an article in another one is reported (a typo
# would otherwise open a new section). Empty: any category is accepted.
PORTAL_CATEGORIES = portal["PORTAL_CATEGORIES"]
# A photo file larger than this is refused by `invoke check`.
PORTAL_PHOTO_MAX_BYTES = 20 * 1024 * 1024
# A photo whose long side is shorter gets a notice (None: the largest of
# GALLERY_WIDTHS, 1440 by default).
PORTAL_PHOTO_MIN_WIDTH = None
# More photos than this in one article, or a larger article file, is reported.
PORTAL_ARTICLE_MAX_PHOTOS = 60
PORTAL_ARTICLE_MAX_BYTES = 256 * 1024

# --- Theme plugins (issue 8): assets, site_meta, related --------------------
ASSETS_CSS_VARIABLES = {f"--vn-{k}": v for k, v in PORTAL_COLORS.items()}
ASSETS_CSS_VARIABLES_DARK = {f"--vn-{k}": v for k, v in PORTAL_COLORS_DARK.items()}
SITE_META_SHORT_NAME = portal["SITE_META_SHORT_NAME"]
SITE_META_THEME_COLOR = PORTAL_COLORS["red"]
SITE_META_ICON_COLORS = (PORTAL_COLORS["red"], PORTAL_COLORS["yellow"])
RELATED_MAX = 4
# Pages the search page offers when it cannot run (no JavaScript) or finds
# nothing: (label, path). The leaders' label follows the level.
SEARCH_FALLBACK_LINKS = (
    ("Danh bạ các đơn vị", "don-vi/"),
    (PORTAL_WORDS["leaders"], "lanh-dao/"),
    ("Lưu trữ tin bài", "luu-tru/"),
)
