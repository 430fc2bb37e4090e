"""Read a registry YAML file keeping the line of every value.

Registry errors must say where they are ("content/data/units.yml:14: unknown
parent 'phong-x'"), but PyYAML's plain loader forgets lines, silently keeps
the last of two equal keys and raises on a date like 2025-13-01. This loader
records lines, reports duplicate keys and leaves a bad date as text, so that
validation can name the line and the value.

A registry needs no anchors or aliases (`&a`, `*a`), and ten nested aliases
make a file of a few hundred bytes expand to gigabytes: they are refused
before anything is built, as are oversized files and values.
"""

from __future__ import annotations

import yaml


class Located(dict):
    """A mapping with the line of the mapping and of each of its values."""

    line: int = 0
    lines: dict
    duplicates: list  # (key, line) of keys given twice


class LocatedList(list):
    """A sequence with the line of the sequence and of each of its items."""

    line: int = 0
    lines: list


# A registry of 200 units is about 100 KB; a description a few paragraphs.
MAX_FILE_BYTES = 2_000_000
MAX_VALUE_CHARS = 5_000


class YamlError(ValueError):
    """The file is not valid YAML, or not accepted as a registry; `line` is
    1-based or None; `hint` is set for what is valid YAML but refused."""

    def __init__(self, message: str, line: int | None, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.hint = hint


# The C parser when PyYAML was built with libyaml (ten times faster), with
# the same safe constructors either way.
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    pass


def _mapping(loader, node):
    loader.flatten_mapping(node)
    result = Located()
    result.line = node.start_mark.line + 1
    result.lines, result.duplicates = {}, []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if key in result.lines:
            result.duplicates.append((key, line))
            continue
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


def _sequence(loader, node):
    result = LocatedList(
        loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [item.start_mark.line + 1 for item in node.value]
    return result


def _timestamp(loader, node):
    # 2025-13-01 looks like a date to YAML and makes it raise; keep the text so
    # validation can say which line holds the impossible date.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:map", _mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def brief(value, limit: int = 60) -> str:
    """A value as shown in a message: never more than `limit` characters."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _refuse_expansion(text: str):
    """Raise YamlError at the first anchor, alias or oversized value."""
    if len(text) > MAX_FILE_BYTES:
        raise YamlError(f"tệp quá lớn ({len(text):,} ký tự, tối đa "
                        f"{MAX_FILE_BYTES:,})", None,
                        "hãy kiểm tra xem có dán nhầm nội dung vào tệp không")
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1
        if getattr(event, "anchor", None) is not None:
            raise YamlError(f"không được dùng neo hoặc bí danh YAML "
                            f"('&{event.anchor[:40]}', '*{event.anchor[:40]}')",
                            line, "hãy viết thẳng giá trị vào từng mục")
        value = getattr(event, "value", None)
        if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
            raise YamlError(f"giá trị dài {len(value):,} ký tự, tối đa "
                            f"{MAX_VALUE_CHARS:,}", line, "hãy rút gọn giá trị")


def load_yaml(text: str):
    """Parse `text`; raises YamlError with the line of a syntax error, an
    anchor or alias, or a value over the limits."""
    try:
        _refuse_expansion(text)
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "cú pháp không hợp lệ"
        raise YamlError(problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlError(str(error), None) from None
