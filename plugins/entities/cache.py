"""Detection results cached by the content hash of what was scanned.

A warm build reads articles from Pelican's content cache and would otherwise
spend its time re-scanning unchanged texts. The cache file is keyed on the
registries' fingerprint (any registry edit starts afresh) and lives in
CACHE_PATH, which the project already keys on the plugin sources. Only the
entries used by the current build are written back, so it never grows stale.
"""

from __future__ import annotations

import hashlib
import os
import pickle

FILE_NAME = "entities-detection.pickle"


def content_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class DetectionCache:
    def __init__(self, folder: str | None, fingerprint: str):
        self.path = os.path.join(folder, FILE_NAME) if folder else None
        self.fingerprint = fingerprint
        self.old: dict = {}
        self.used: dict = {}
        if self.path and os.path.isfile(self.path):
            try:
                with open(self.path, "rb") as handle:
                    stored_fingerprint, entries = pickle.load(handle)
            except (OSError, pickle.PickleError, EOFError, ValueError, TypeError,
                    AttributeError, ImportError):
                return  # unreadable (older code): start afresh
            if stored_fingerprint == fingerprint:
                self.old = entries

    def get(self, key: str):
        found = self.old.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, value) -> None:
        self.used[key] = value

    def save(self) -> None:
        if not self.path or self.used.keys() == self.old.keys():
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = self.path + ".tmp"
        with open(temporary, "wb") as handle:
            pickle.dump((self.fingerprint, self.used), handle)
        os.replace(temporary, self.path)
