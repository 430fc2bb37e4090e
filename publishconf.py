"""Production settings: everything from pelicanconf.py, plus the public
address (SITEURL from the environment), a clean output folder and a strict
build that fails on any warning."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
PORTAL_STRICT = True
# The deploy workflow saves .cache/images after every publish: keep in it
# only the derivative images this site uses, so it does not grow for ever.
GALLERY_CLEAN_CACHE = True
