"""Read a registry YAML file keeping the line of every value.

Registry errors must say where they are ("content/data/units.yml:14: unknown
parent 'phong-x'"), but PyYAML's plain loader forgets lines, silently keeps
the last of two equal keys and raises on a date like 2025-13-01. This loader
records lines, reports duplicate keys and leaves a bad date as text, so that
validation can name the line and the value.
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


class YamlError(ValueError):
    """The file is not valid YAML; `line` is 1-based or None."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


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


def load_yaml(text: str):
    """Parse `text`; raises YamlError with the line of a syntax error."""
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "cú pháp không hợp lệ"
        raise YamlError(problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlError(str(error), None) from None
