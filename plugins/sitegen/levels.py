"""The levels of government as data: one YAML file per level in levels/.

A level says its common nouns ("phường"; a province is "tỉnh" or "thành
phố"), the words every visible string is made of, the categories, the
standard structure of its units and the texts `invoke new-site` writes.
common.yml holds what all levels share; a file may start from another with
`base:` (its `units` are added to the base's by id, `omit` drops some).
"""

from __future__ import annotations

from pathlib import Path

import yaml

FOLDER = Path(__file__).with_name("levels")
# The levels a portal can be (file names in levels/, without .yml).
LEVELS = ("tinh", "phuong", "xa", "dac-khu", "quan", "huyen")


class LevelError(ValueError):
    """An unknown level, or a level file that does not hold together."""


def _read(name: str) -> dict:
    path = FOLDER / f"{name}.yml"
    if not path.is_file():
        raise LevelError(f"không có cấp chính quyền '{name}'; các cấp: "
                         + ", ".join(LEVELS))
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _merge(base: dict, data: dict) -> dict:
    merged = dict(base)
    for key, value in data.items():
        if key == "units":
            continue
        if key == "words":  # words add to the base's; any other key replaces
            merged[key] = {**base[key], **value}
        else:
            merged[key] = value
    omit = set(data.get("omit") or ())
    units = {u["id"]: u for u in base.get("units") or () if u["id"] not in omit}
    for unit in data.get("units") or ():
        units[unit["id"]] = unit
    merged["units"] = list(units.values())
    merged.pop("omit", None)
    merged.pop("base", None)
    return merged


def load_level(name: str) -> dict:
    """The level's data, common.yml and its bases merged in."""
    if name not in LEVELS:
        raise LevelError(f"không có cấp chính quyền '{name}'; các cấp: "
                         + ", ".join(LEVELS))
    chain, current = [], name
    while current:
        data = _read(current)
        chain.append(data)
        current = data.get("base")
    merged = _read("common")
    for data in reversed(chain):
        merged = _merge(merged, data)
    merged["level"] = name
    return merged
