"""Make Pagefind's bundle byte-identical from build to build.

Pagefind 1.5 keeps filters in Rust hash maps, whose order is random per run:
the same site gives filter files (and the metadata file naming them, and the
entry file naming that) with the values in another order, hence other bytes
and other file names. Everything else it writes is stable. This module
rewrites those files in a fixed order (filters by name, values by value) and
renames them after their new bytes. The format is Pagefind's own: gzip, the
signature "pagefind_dcd", then CBOR (RFC 8949), of which only the types
Pagefind writes are read here; anything else stops the build with a clear
message rather than publishing a bundle this code does not understand.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class FormatError(ValueError):
    """The bundle is not in the format this module knows (Pagefind 1.5)."""


def canonicalize(bundle: Path) -> None:
    """Rewrite ``bundle``'s filter, metadata and entry files in a fixed order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise FormatError(f"{meta_path.name}: không có danh sách bộ lọc")
        prefix = language["hash"].split("_")[0]
        filters = []
        for name, old_hash in meta[3]:
            old_path = bundle / "filter" / f"{old_hash}.pf_filter"
            name_read, values = _read(old_path)
            data = _encode([name_read, sorted(values, key=lambda v: v[0])])
            new_hash = _write(bundle / "filter", prefix, data, 7, ".pf_filter")
            if new_hash != old_hash:
                old_path.unlink()
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        # Sort orders ([name, page order]) come from a hash map too.
        if len(meta) > 4 and isinstance(meta[4], list):
            meta[4] = sorted(meta[4], key=lambda sort: sort[0])
        new_meta = _write(bundle, f"pagefind.{prefix}", _encode(meta), 10, ".pf_meta")
        if f"pagefind.{new_meta}.pf_meta" != meta_path.name:
            meta_path.unlink()
        language["hash"] = new_meta[len("pagefind.") :]
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise FormatError(f"{path.name}: thiếu chữ ký {SIGNATURE.decode()}")
    value, end = _decode(data, len(SIGNATURE))
    if end != len(data):
        raise FormatError(f"{path.name}: dữ liệu thừa sau CBOR")
    return value


def _write(folder: Path, prefix: str, payload: bytes, digits: int, suffix: str) -> str:
    """Write gzip(signature + payload) under a name from its hash; return the
    name without the suffix."""
    data = SIGNATURE + payload
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    # mtime=0: the gzip header would otherwise carry the clock.
    (folder / f"{name}{suffix}").write_bytes(
        gzip.compress(data, compresslevel=9, mtime=0)
    )
    return name


def _decode(data: bytes, pos: int):
    if pos >= len(data):
        raise FormatError("CBOR bị cắt cụt")
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], pos
        if info == 27:
            return struct.unpack(">d", data[pos : pos + 8])[0], pos + 8
        raise FormatError(f"kiểu CBOR 7/{info} không được hỗ trợ")
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise FormatError("CBOR độ dài không xác định không được hỗ trợ")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        raw = data[pos : pos + arg]
        return (raw if major == 2 else raw.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = {}
        for _ in range(arg):
            key, pos = _decode(data, pos)
            pairs[key], pos = _decode(data, pos)
        return pairs, pos
    raise FormatError(f"kiểu CBOR {major} không được hỗ trợ")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise FormatError("số quá lớn cho CBOR")


def _encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(
            _encode(k) + _encode(v) for k, v in value.items()
        )
    raise FormatError(f"không mã hóa được {type(value).__name__}")
