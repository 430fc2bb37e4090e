"""Development settings of the district portal (SITEURL empty, no minification).

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
SITENAME = "Cổng thông tin điện tử Quận Mẫu"
SITESUBTITLE = "Ủy ban nhân dân Quận Mẫu, Thành phố Hồ Chí Minh"
AUTHOR = "Nhóm BTV"
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

PORTAL_CONTACT = {
    "agency": "Ủy ban nhân dân Quận Mẫu",
    "address": "Số 1 Đường Trung tâm, Phường 1, Quận Mẫu, TP. Hồ Chí Minh",
    "phone": "(028) 3800 0000",
    "email": "ubnd@quanmau.gov.vn",
    "hours": "Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:00 – 17:00",
    "responsible": "Chánh Văn phòng HĐND và UBND quận",
}
# (title, url) pairs shown in the main navigation after the categories.
MENUITEMS = (("Giới thiệu", "/gioi-thieu/"), ("Liên hệ", "/lien-he/"))
DISPLAY_CATEGORIES_ON_MENU = True
DISPLAY_PAGES_ON_MENU = False

# --- Content ---------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Photos live beside their article; they are static files that articles
# attach to themselves ({attach}), so they land beside the article's page.
STATIC_PATHS = ["articles", "pages", "images"]
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
TEMPLATE_PAGES = {"404.html": "404.html"}

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
PLUGINS = ["portal", "vn_text", "figures"]
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# A fresh CI clone has new mtimes: compare content hashes instead.
CHECK_MODIFIED_METHOD = "sha256"
CACHE_PATH = str(ROOT / ".cache" / "pelican" / _plugins_fingerprint())
DELETE_OUTPUT_DIRECTORY = False
# A strict build fails on any warning (publishconf.py sets it; so does
# PORTAL_STRICT=1 in the environment).
PORTAL_STRICT = os.environ.get("PORTAL_STRICT", "") not in ("", "0")
