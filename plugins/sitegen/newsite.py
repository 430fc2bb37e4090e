"""`invoke new-site`: turn the checkout into a fresh portal of a level.

Writes portal.yml (the identity), the pages Giới thiệu and Liên hệ, the
registries with the level's standard structure (each entry marked CẦN
ĐIỀN, to be filled in) and one sample article naming the level's offices,
so that the first build already detects units. Code and theme are not
touched. Existing articles or registries are never overwritten without
`force`; with it, the old content is moved to .cache/new-site-backups/
first. Every message is Vietnamese: the editors run this.
"""

from __future__ import annotations

import shutil
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from .identity import Identity, capitalise, fill, official_name, split_name
from .levels import LevelError, load_level

FILES = yaml.safe_load(Path(__file__).with_name("files.yml").read_text("utf-8"))
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")
# What a fresh portal replaces under content/ (moved to the backup first).
REPLACED = ("articles", "data", "pages", "images")
UNIT_FIELDS = ("id", "name", "type", "aliases", "parent", "detect", "order")


class NewSiteError(ValueError):
    """Why the portal was not written (Vietnamese, for the editor)."""


class _Dumper(yaml.SafeDumper):
    """Block style, but a list of plain values on one line:
    "aliases: [UBND phường]", as the sample's registries are written."""

    def represent_list(self, data):
        flat = all(isinstance(item, (str, int)) for item in data)
        return self.represent_sequence("tag:yaml.org,2002:seq", data,
                                       flow_style=flat)


_Dumper.add_representer(list, _Dumper.represent_list)


def _dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=80)


def _with_noun(text: str, nouns, cities) -> tuple[str, str]:
    """(noun, official name) of a name typed with or without its noun."""
    noun, bare = split_name(text, nouns)
    if text.strip() != bare:
        return noun, text.strip()  # the noun as the editor typed it
    if bare in cities and "thành phố" in nouns:
        return "thành phố", f"Thành phố {bare}"
    return noun, official_name(noun, bare)


def plan(level: str, name: str, province: str = "") -> Identity:
    """The identity of the new portal, from the command's arguments."""
    try:
        data = load_level(level)
    except LevelError as error:
        raise NewSiteError(str(error)) from None
    if not name.strip():
        raise NewSiteError("cần tên của cổng: --name \"Bến Thành\"")
    cities = data["cities"]
    _, full = _with_noun(name, data["nouns"], cities)
    if level == "tinh":
        province = full
    elif not province.strip():
        raise NewSiteError("cần tỉnh, thành phố: --province \"Lâm Đồng\"")
    else:
        _, province = _with_noun(province, ("tỉnh", "thành phố"), cities)
        if province.startswith("thành phố"):
            province = capitalise(province)
    return Identity(level, full, province, {}, data)


def _units(identity: Identity) -> list[dict]:
    words = identity.words
    units = []
    for raw in identity.level_data["units"]:
        unit = {key: fill(raw[key], words) for key in UNIT_FIELDS if key in raw}
        units.append(unit)
    return units


def _offices(identity: Identity, units) -> str:
    kinds = identity.level_data["offices_types"]
    offices = sorted((u for u in units if u["type"] in kinds and u.get("detect", True)),
                     key=lambda u: (kinds.index(u["type"]), u.get("order", 0)))
    names = [u["name"] for u in offices]
    return "; ".join(names[:-1]) + (" và " if len(names) > 1 else "") + names[-1]


def _portal_yml(identity: Identity, words: dict) -> str:
    data = {"level": identity.level, "name": identity.name,
            "province": identity.province}
    for key in ("contact", "categories", "related_links", "english"):
        data[key] = fill(identity.level_data[key], words)
    return FILES["portal"].format_map(words) + "\n" + _dump(data)


def _units_yml(identity: Identity, units, words: dict) -> str:
    types = "\n#                 ".join(textwrap.wrap(", ".join(_unit_types()), 60))
    parts = [FILES["units"].format_map({**words, "types": types})]
    for unit in units:
        parts.append(FILES["unit_todo"] + "\n" + _dump([unit]))
    return "\n".join(parts)


def _unit_types() -> list[str]:
    path = Path(__file__).parent.parent / "units" / "types.yml"
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def _article(identity: Identity, offices: str, words: dict, now: datetime):
    raw = identity.level_data["article"]
    texts = {**words, "units": offices}
    rel = f"articles/{now:%Y}/{now:%m}/{raw['slug']}.md"
    text = (f"Title: {raw['title'].format_map(texts)}\n"
            f"Date: {now:%Y-%m-%d %H:%M}\n"
            f"Category: {raw['category']}\n"
            "Author: Nhóm BTV\n\n" + raw["text"].format_map(texts))
    return rel, text


def _existing(content: Path) -> list[str]:
    """What a fresh portal would overwrite: articles and registries."""
    found = []
    articles = sorted((content / "articles").rglob("*.md")) if (
        content / "articles").is_dir() else []
    if articles:
        found.append(f"{len(articles)} bài viết trong content/articles/")
    for name in ("units.yml", "people.yml"):
        if (content / "data" / name).exists():
            found.append(f"content/data/{name}")
    return found


def create(root: Path, level: str, name: str, province: str = "",
           force: bool = False, now: datetime | None = None) -> list[str]:
    """Write the new portal into the checkout at `root`; returns the report
    (one line each). Raises NewSiteError when nothing was written."""
    identity = plan(level, name, province)
    content = root / "content"
    existing = _existing(content)
    if existing and not force:
        raise NewSiteError(
            "Không tạo cổng mới: đã có " + ", ".join(existing) + ". Lệnh này "
            "không ghi đè bài viết và sổ đơn vị, lãnh đạo. Thêm --force để "
            "chuyển nội dung cũ vào .cache/new-site-backups/ rồi tạo cổng mới.")
    now = now or datetime.now(TIMEZONE)
    report = []
    backup = root / ".cache" / "new-site-backups" / f"{now:%Y%m%d-%H%M%S}"
    for sub in REPLACED:
        if (content / sub).exists():
            backup.mkdir(parents=True, exist_ok=True)
            shutil.move(str(content / sub), str(backup / sub))
    if (root / "portal.yml").exists():
        backup.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / "portal.yml", backup / "portal.yml")
    if backup.exists():
        report.append(f"Đã chuyển nội dung cũ vào {backup.relative_to(root)}/")

    words = identity.words
    units = _units(identity)
    offices = _offices(identity, units)
    page_words = {**words, "offices": offices}
    files = {
        "portal.yml": _portal_yml(identity, words),
        "content/data/units.yml": _units_yml(identity, units, words),
        "content/data/people.yml": FILES["people"].format_map(words) + "\n[]\n",
    }
    for slug, text in identity.level_data["pages"].items():
        files[f"content/pages/{slug}.md"] = text.format_map(page_words)
    article, text = _article(identity, offices, words, now)
    files[f"content/{article}"] = text
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    report += [
        f"Đã tạo cổng {words['site_name']} (cấp {identity.noun}, "
        f"{identity.province}):",
        f"  portal.yml: tên, cấp, tỉnh/thành phố, liên hệ, "
        f"{len(identity.level_data['categories'])} chuyên mục",
        f"  content/data/units.yml: {len(units)} cơ quan, đơn vị theo cơ cấu "
        f"chuẩn của cấp {identity.noun}",
        "  content/data/people.yml: chưa có lãnh đạo",
        "  content/pages/: "
        + ", ".join(f"{slug}.md" for slug in identity.level_data["pages"]),
        f"  content/{article}: bài viết mẫu",
        "Tiếp theo: điền các mục 'CẦN ĐIỀN' trong portal.yml và "
        "content/data/*.yml, rồi chạy 'make build'.",
    ]
    return report
