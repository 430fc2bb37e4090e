"""Portals for any level of government, from data (not a Pelican plugin).

`identity` reads portal.yml, what the portal is (level, name, province,
contact), and gives the settings and words that follow from it;
`levels` reads the data of each level (levels/*.yml: words, categories,
standard structure of units); `newsite` writes a fresh portal of a level
(`invoke new-site`).
"""

from .identity import Identity, IdentityError, load_identity
from .levels import LEVELS, LevelError, load_level

__all__ = ["LEVELS", "Identity", "IdentityError", "LevelError", "load_identity",
           "load_level"]
