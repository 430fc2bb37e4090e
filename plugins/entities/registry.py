"""Load and check every registry of a site, and compile its one matcher.

`load(content_path)` is the entry point that needs no Pelican: the build,
`invoke check`, the importer and the benchmark all start here. Problems are
collected (never raised) with the registry file, the line and the value, so a
preview build can go on with what is valid while a strict build fails.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable

from portal import characters
from portal.diagnostics import ERROR, Problem

from .fields import ID, Field, check_mapping
from .kinds import DEFAULT_KINDS, Entity, Kind, resolve
from .matcher import Conflict, Matcher
from .yamlfile import Located, YamlError, brief, load_yaml

ID_FIELD = Field("id", required=True, label="mã định danh")


class Registries:
    """Every registry of a site: entries per kind, problems, the matcher."""

    def __init__(self, kinds: list[Kind], settings: dict, content_path: str = ""):
        self.content_path = content_path
        self.kinds = {kind.name: kind for kind in kinds}
        self.settings = settings
        self.entries: dict[str, dict[str, Entity]] = {k.name: {} for k in kinds}
        self.paths: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.lines: dict[tuple[str, str, str], int] = {}  # (kind, id, field)
        self.matcher = Matcher()
        self.rank: dict[str, dict[str, int]] = {}  # kind -> id -> display order
        # Results kinds may reuse between texts (e.g. the titles after a
        # name); they live and die with these registries.
        self.memo: dict[str, dict] = {}
        self.fingerprint = ""

    # --- lookup ---------------------------------------------------------
    def get(self, kind: str, id: str) -> Entity | None:
        return self.entries.get(kind, {}).get(id)

    def ordered(self, kind: str) -> list[Entity]:
        rank = self.rank[kind]
        return sorted(self.entries[kind].values(), key=lambda e: rank[e.id])

    def all(self) -> Iterable[Entity]:
        for entries in self.entries.values():
            yield from entries.values()

    def detect(self, title: str = "", body: str = "", captions=()):
        """What the texts of one article name; see `entities.detect`."""
        from .detect import detect

        return detect(self, title, body, captions)

    # --- problems -------------------------------------------------------
    def problem(self, kind: str, line, message: str, hint: str = "",
                level: str = ERROR):
        self.problems.append(
            Problem(kind, self.paths.get(kind, kind), line, message, hint, level))

    def report_at(self, entity: Entity, field: str, message: str, hint: str = ""):
        line = self.lines.get((entity.kind, entity.id, field))
        if line is None:
            line = self.lines.get((entity.kind, entity.id, "id"))
        self.problem(entity.kind, line, message, hint)


def settings_with_defaults(settings: dict | None, kinds: list[Kind]) -> dict:
    """A copy of `settings` with every kind's defaults filled in."""
    merged = {"PATH": "content"}
    for kind in kinds:
        merged.update(kind.defaults)
    merged.update(settings or {})
    return merged


def load(content_path: str, settings: dict | None = None,
         kinds: Iterable[str | Kind] = DEFAULT_KINDS) -> Registries:
    """Read, check and compile the registries under `content_path`.

    `settings` may be Pelican's settings or None (defaults); `kinds` are
    plugin package names or Kind objects. Never raises for bad content:
    look at `registries.problems`."""
    kinds = [k if isinstance(k, Kind) else resolve([k])[0] for k in kinds]
    settings = settings_with_defaults(settings, kinds)
    registries = Registries(kinds, settings, content_path)
    digest = hashlib.sha256()
    references = []
    for kind in kinds:
        path = os.path.join(content_path, kind.setting(settings, "REGISTRY"))
        registries.paths[kind.name] = path
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except FileNotFoundError:
            # A site may have no units or no leaders yet: nothing to match.
            continue
        digest.update(kind.name.encode() + b"\0" + raw + b"\0")
        references += _read(registries, kind, raw)
    _check_references(registries, references)
    for kind in kinds:
        kind.check(registries, registries.report_at)
    for kind in kinds:
        # Ordering is asked for every article: sort once, keep the position.
        ordered = kind.ordered(registries.entries[kind.name].values(), settings)
        registries.rank[kind.name] = {e.id: i for i, e in enumerate(ordered)}
    _compile(registries, kinds)
    for kind in kinds:
        for name, tag in kind.extra_names(settings):
            digest.update(f"{name}\0{tag}\0".encode())
    registries.fingerprint = digest.hexdigest()[:16]
    return registries


def _read(registries: Registries, kind: Kind, raw: bytes) -> list:
    """Entries of one registry file; returns the references to check."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        registries.problem(kind.name, line, "tệp không phải văn bản UTF-8",
                           "hãy lưu lại tệp với bảng mã UTF-8")
        return []
    try:
        data = load_yaml(text)
    except YamlError as error:
        if error.hint:
            registries.problem(kind.name, error.line, str(error), error.hint)
            return []
        registries.problem(
            kind.name, error.line, f"lỗi cú pháp YAML: {error}",
            "hãy kiểm tra thụt đầu dòng (dùng dấu cách, không dùng tab), dấu "
            "hai chấm sau tên trường và dấu '- ' trước mỗi mục")
        return []
    # A ZWJ inside a name stops it from being matched, unseen.
    registries.problems += characters.problems(
        registries.paths[kind.name], text, controls=False, plugin=kind.name)
    if data is None:
        return []
    if not isinstance(data, list):
        registries.problem(
            kind.name, getattr(data, "line", 1),
            f"tệp danh sách {kind.label} phải là một danh sách các mục",
            "mỗi mục bắt đầu bằng '- id: …' ở đầu dòng")
        return []
    references = []
    fields = (ID_FIELD, *kind.fields)
    entries = registries.entries[kind.name]
    for position, (item, line) in enumerate(zip(data, data.lines, strict=True)):
        if not isinstance(item, Located):
            registries.problem(kind.name, line, f"mục '{brief(item)}' không đúng dạng",
                               "mỗi mục gồm các dòng 'trường: giá trị'")
            continue
        label = f"mục '{brief(item.get('id', '?'))}'"
        checked = check_mapping(item, fields, label)
        for issue in checked.issues:
            registries.problem(kind.name, issue.line, issue.message, issue.hint)
        id_ = checked.values.get("id")
        if id_ is None:
            continue
        if not ID.match(id_):
            registries.problem(
                kind.name, item.lines["id"], f"mã '{id_}' không hợp lệ",
                "mã chỉ gồm chữ thường không dấu, số và dấu gạch nối, ví dụ "
                "'phong-y-te'")
            continue
        if id_ in entries:
            first = registries.lines[(kind.name, id_, "id")]
            registries.problem(kind.name, item.lines["id"],
                               f"mã '{id_}' bị trùng (đã dùng ở dòng {first})",
                               "mỗi mục cần một mã riêng")
            continue
        if "name" not in checked.values:
            continue  # reported as missing; an entry without a name is unusable
        for key, key_line in item.lines.items():
            registries.lines[(kind.name, id_, key)] = key_line
        url = kind.setting(registries.settings, "URL").format(id=id_)
        entries[id_] = kind.entity(kind.name, id_, url, position, checked.values)
        references += [(kind.name, id_, ref) for ref in checked.refs]
    return references


def _check_references(registries: Registries, references: list):
    for kind, id_, ref in references:
        if ref.kind not in registries.kinds:
            continue  # that kind is not enabled on this site
        if ref.id not in registries.entries[ref.kind]:
            target = registries.kinds[ref.kind]
            path = os.path.relpath(registries.paths[ref.kind])
            registries.problem(
                kind, ref.line,
                f"trường '{ref.field}' của mục '{id_}' ghi '{ref.id}', nhưng "
                f"không có {target.label} nào mang mã này",
                f"hãy dùng một mã có trong {path}")


def _learn(registries: Registries):
    """Add the spellings kinds learn from the names (after every explicit
    name, so that those win); one that two entries share names neither."""
    matcher = registries.matcher
    learned: dict[tuple, tuple[str, set]] = {}
    for entity in registries.all():
        if not entity.detected:
            continue
        kind = registries.kinds[entity.kind]
        for name in sorted(f for n in entity.names() for f in kind.learned_names(n)):
            keys = matcher.name_keys(name)
            if name not in matcher:
                learned.setdefault(keys, (name, set()))[1].add(entity)
    for name, owners in learned.values():
        if len(owners) == 1:
            matcher.add(name, owners.pop())


def _compile(registries: Registries, kinds: list[Kind]):
    matcher = registries.matcher
    for entity in registries.all():
        if not entity.detected:
            continue
        for name in entity.names():
            try:
                matcher.add(name, entity)
            except Conflict as conflict:
                registries.report_at(
                    entity, "aliases" if name != entity.name else "name",
                    f"tên '{name}' của '{entity.id}' trùng với tên của "
                    f"'{conflict.old.id}'",
                    "mỗi tên hoặc tên viết tắt chỉ được dùng cho một mục")
    _learn(registries)
    for kind in kinds:
        for name, tag in kind.extra_names(registries.settings):
            try:
                matcher.add(name, tag)
            except Conflict:
                continue  # a registered name wins over an honorific
    matcher.compile()
