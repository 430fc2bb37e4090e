"""The portal's identity: what it is, read from portal.yml.

portal.yml (beside pelicanconf.py) says the level of government, the
official name, the province, the contact block, the categories, related
portals and the English block. With the level's words (levels/) it gives
every setting that names the portal or its level: SITENAME, SITESUBTITLE,
PORTAL_CONTACT, PORTAL_WORDS (the words templates use) ... so that "quận",
"phường" or "tỉnh" is written in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from vn_text import search_fold

from .levels import LevelError, load_level


class IdentityError(ValueError):
    """portal.yml is missing, unreadable or incomplete (Vietnamese message)."""


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def split_name(name: str, nouns) -> tuple[str, str]:
    """("phường", "Bến Thành") from "phường Bến Thành" or "Bến Thành"."""
    lowered = name.casefold()
    for noun in nouns:
        if lowered.startswith(noun.casefold() + " "):
            return noun, name[len(noun) + 1:].strip()
    return next(iter(nouns)), name.strip()


def official_name(noun: str, bare: str) -> str:
    """The name as Decree 30/2020 writes it in running text: "phường Bến
    Thành", but "Phường 1" (the noun is capitalised before a number)."""
    return f"{capitalise(noun) if bare[:1].isdigit() else noun} {bare}"


def fill(value, words: dict):
    """`value` (text, list or dict) with {placeholders} from `words`."""
    if isinstance(value, str):
        return value.format_map(words)
    if isinstance(value, list):
        return [fill(item, words) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, words) for key, item in value.items()}
    return value


@dataclass
class Identity:
    level: str
    name: str              # "phường Bến Thành", "Quận Mẫu"
    province: str
    data: dict             # portal.yml as read
    level_data: dict = field(repr=False)

    @property
    def noun(self) -> str:
        return split_name(self.name, self.level_data["nouns"])[0]

    @property
    def bare_name(self) -> str:
        return split_name(self.name, self.level_data["nouns"])[1]

    @property
    def words(self) -> dict:
        """Every level word, filled in: PORTAL_WORDS of the templates."""
        noun = self.noun
        about = self.level_data["nouns"][noun]
        base = {"name": self.name, "Name": capitalise(self.name), "noun": noun,
                "Noun": capitalise(noun), "province": self.province,
                "party": about["party"],
                "english_noun": about["english"].lower(),
                "english_name": f"{search_fold(self.bare_name)} {about['english']}"}
        raw = self.level_data["words"]
        base["units_list"] = raw.get("units_list", "")
        words = dict(base)
        for key, text in raw.items():
            words[key] = text.format_map(base)
        return words

    def setting(self, key: str):
        """A value of portal.yml, else the level's default, filled in."""
        if key in self.data:
            return self.data[key]
        return fill(self.level_data.get(key), self.words)

    @property
    def contact(self) -> dict:
        words, given = self.words, self.data.get("contact") or {}
        contact = {"agency": given.get("agency") or words["agency"]}
        for key in ("address", "phone", "email", "hours"):
            if given.get(key):
                contact[key] = given[key]
        contact["responsible"] = given.get("responsible") or words["responsible"]
        return contact

    def pelican_settings(self) -> dict:
        """The settings pelicanconf.py takes from the identity."""
        words = self.words
        return {
            "SITENAME": words["site_name"],
            "SITESUBTITLE": words["subtitle"],
            "SITE_META_SHORT_NAME": words["short_name"],
            "PORTAL_CONTACT": self.contact,
            "PORTAL_ENGLISH": self.setting("english"),
            "PORTAL_CATEGORIES": tuple(self.setting("categories")),
            "PORTAL_RELATED_LINKS": tuple(tuple(link) for link in
                                          self.setting("related_links")),
            "PORTAL_LEVEL": self.level,
            "PORTAL_WORDS": words,
        }


def load_identity(path: Path) -> Identity:
    """Read portal.yml; errors say which file and what to write."""
    shown = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IdentityError(f"{shown}: không tìm thấy tệp danh tính của cổng; "
                            "hãy tạo bằng 'invoke new-site --level … --name … "
                            "--province …'") from None
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = f":{line + 1}" if line is not None else ""
        raise IdentityError(f"{shown}{where}: không đọc được YAML ({error})") from None
    if not isinstance(data, dict):
        raise IdentityError(f"{shown}: cần các dòng 'level:', 'name:', 'province:'")
    missing = [key for key in ("level", "name") if not data.get(key)]
    if missing:
        raise IdentityError(f"{shown}: thiếu {', '.join(missing)}")
    try:
        level_data = load_level(str(data["level"]))
    except LevelError as error:
        raise IdentityError(f"{shown}: {error}") from None
    province = str(data.get("province") or data["name"])
    return Identity(str(data["level"]), str(data["name"]), province, data, level_data)
