"""Render only the pages whose inputs changed; write only changed bytes.

Pelican renders and writes every page on every build. Here each page's
rendering is watched: every variable the templates look up in the page's
context and every article or page whose attributes they read is recorded
with its fingerprint (`portal.fingerprint`). The record is kept in
CACHE_PATH. On the next build a page whose recorded inputs all have the same
fingerprints, whose output file is still as written, and whose site (theme,
plugin code, settings, registries) is unchanged, is not rendered again.
Feeds are skipped the same way, by the fingerprints of their entries.

What is rendered is written only when its bytes differ from the file in
output/, so `rsync --checksum`, CDNs and live reload see real changes only.
Pages and feeds written by an earlier build and not by this one (a deleted
article, a page that moved) are removed at the end of the build; files
this module did not write are never touched.

Correctness does not rest on knowing the templates: a lookup that cannot
be fingerprinted makes its page render on every build. Tests build sites,
change them in many ways, rebuild, and compare every byte with a clean
build (tests/test_incremental.py).
"""

from __future__ import annotations

import contextvars
import hashlib
import io
import logging
import os
import pickle
import sys
from functools import partial
from pathlib import Path

from jinja2.runtime import Context
from jinja2.utils import missing
from pelican.contents import Content
from pelican.log import console
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from .fingerprint import Fingerprints, Unknown, digest, lenient
from .output import write_atomic, write_if_changed
from .parallel import run_forked
from .settings import setting_or_default

logger = logging.getLogger(__name__)

STATE_KEY = "_PORTAL_PAGES"
SITE_INPUTS_KEY = "_PORTAL_SITE_INPUTS"
FILE_NAME = "portal-pages.pickle"  # under CACHE_PATH
VERSION = 1
# Pages are rendered in PORTAL_RENDER_PROCESSES processes (0: one per core)
# when at least PARALLEL_MIN of them changed; fewer are not worth a fork.
DEFAULTS = {"PORTAL_RENDER_PROCESSES": 0}
PARALLEL_MIN = 64
MISSING = "∅"

_recording: contextvars.ContextVar = contextvars.ContextVar("portal_recording",
                                                            default=None)


class _Unchanged(str):
    """What a skipped page "renders" to: the writer keeps the file."""


UNCHANGED = _Unchanged("")
DEFERRED = _Unchanged("")  # rendered at the end of the build, in parallel


def add_site_input(settings, name: str, fingerprint: str) -> None:
    """Declare an input of every page that is not in the settings, the
    theme or the code (the entities plugin declares its registries)."""
    settings.setdefault(SITE_INPUTS_KEY, {})[name] = fingerprint


class Recorder:
    """The inputs of one page being rendered."""

    def __init__(self, fingerprints: Fingerprints, inputs: dict, settings: dict):
        self.fingerprints = fingerprints
        self.inputs = inputs
        self.settings = settings
        self.names: dict[str, str] = {}
        self.contents: dict[str, str] = {}
        self.checked: set[str] = set()  # names looked at, settings included
        self.seen: set[int] = set()  # ids of the contents recorded
        self.unknown: str | None = None

    def name(self, key: str) -> None:
        self.checked.add(key)
        if key not in self.inputs:
            self.names[key] = MISSING
            return
        if key in self.settings and self.inputs[key] is self.settings[key]:
            return  # a setting: part of the site fingerprint
        try:
            self.names[key] = self.fingerprints.of(self.inputs[key])
        except Unknown as error:
            self.unknown = f"{key}: {error}"
            self.names[key] = MISSING

    def content(self, content: Content) -> None:
        self.seen.add(id(content))
        self.contents[content.source_path] = self.fingerprints.content(content)


class TrackingContext(Context):
    """Jinja's context, telling the page's recorder which inputs are read.
    (These lookups run for every variable of every page: kept minimal.)"""

    def resolve_or_missing(self, key):
        recorder = _recording.get()
        if key in self.vars:
            return self.vars[key]
        if recorder is not None and key not in recorder.checked:
            recorder.name(key)
        if key in self.parent:
            return self.parent[key]
        return missing


def _tracked(lookup):
    def tracked_lookup(obj, attribute):
        recorder = _recording.get()
        if (recorder is not None and isinstance(obj, Content)
                and id(obj) not in recorder.seen):
            recorder.content(obj)
        return lookup(obj, attribute)

    return tracked_lookup


def install_tracking(generator) -> None:
    """generator_init: watch lookups in this generator's environment."""
    env = generator.env
    if env.context_class is TrackingContext:
        return
    env.context_class = TrackingContext
    env.getattr = _tracked(env.getattr)
    env.getitem = _tracked(env.getitem)


class Entry:
    """What one output file was made from, and its size and mtime as written."""

    __slots__ = ("always", "contents", "key", "names", "stat")

    def __init__(self, key, names=(), contents=(), always=False, stat=None):
        self.key = key
        self.names = tuple(names)
        self.contents = tuple(contents)
        self.always = always
        self.stat = stat

    def __getstate__(self):
        return (self.key, self.names, self.contents, self.always, self.stat)

    def __setstate__(self, state):
        self.key, self.names, self.contents, self.always, self.stat = state


def _stat(path: str):
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


class PageCache:
    """The build's record of pages: the last build's, and this one's."""

    def __init__(self, settings=None):
        self.settings = settings
        self.fingerprints = Fingerprints(self._url_map)
        self.contents: dict[str, Content] = {}
        self.old: dict[str, Entry] = {}
        self.new: dict[str, Entry] = {}
        self.site = ""
        self.output = ""
        self.skipped = self.rendered = 0
        self.deferred: list = []
        self.processes = render_processes(settings) if settings is not None else 1

    def __reduce__(self):
        # Settings travel with cached articles; build state must not.
        return (PageCache, ())

    @classmethod
    def of(cls, settings) -> PageCache:
        cache = settings.get(STATE_KEY)
        if cache is None or cache.settings is None:
            cache = settings[STATE_KEY] = cls(settings)
        return cache

    # -- the start and end of a build ------------------------------------
    @property
    def path(self) -> Path:
        return Path(self.settings["CACHE_PATH"]) / FILE_NAME

    def start(self, output_path: str) -> None:
        self.output = os.path.realpath(output_path)
        self.site = site_fingerprint(self.settings, self.fingerprints)
        try:
            with self.path.open("rb") as handle:
                saved = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError,
                ValueError, TypeError, ImportError):
            return
        if (not isinstance(saved, dict) or saved.get("version") != VERSION
                or saved.get("output") != self.output):
            return
        self.old = saved.get("pages", {})
        if saved.get("site") != self.site:
            # Everything is rendered again; the old list is kept for pruning.
            for entry in self.old.values():
                entry.key = None

    def finish(self) -> None:
        if not self.output:
            return
        self.render_deferred()
        removed = 0
        for rel in sorted(set(self.old) - set(self.new)):
            path = os.path.join(self.output, rel)
            if os.path.isfile(path):
                os.remove(path)
                removed += 1
                _remove_empty_parents(os.path.dirname(path), self.output)
        write_atomic(self.path, pickle.dumps(
            {"version": VERSION, "output": self.output, "site": self.site,
             "pages": self.new}, protocol=pickle.HIGHEST_PROTOCOL))
        console.print(f"Trang: dựng lại {self.rendered}, giữ nguyên {self.skipped} "
                      f"(không đổi), xóa {removed} trang cũ.")

    def index_contents(self, generators) -> None:
        for generator in generators:
            for value in vars(generator).values():
                if isinstance(value, list):
                    for item in value:
                        if isinstance(item, Content) and item.source_path:
                            self.contents.setdefault(item.source_path, item)

    def _url_map(self) -> str:
        return digest("\n".join(f"{path}\t{content.url}" for path, content
                                in sorted(self.contents.items())))

    # -- one page ------------------------------------------------------
    def unchanged(self, rel: str, path: str, key: str, inputs: dict) -> bool:
        entry = self.old.get(rel)
        if (entry is None or entry.always or entry.key != key
                or entry.stat is None or _stat(path) != entry.stat):
            return False
        fingerprints = self.fingerprints
        try:
            for name, value in entry.names:
                current = (fingerprints.of(inputs[name]) if name in inputs
                           else MISSING)
                if current != value:
                    return False
        except Unknown:
            return False
        for source, value in entry.contents:
            content = self.contents.get(source)
            if content is None or fingerprints.content(content) != value:
                return False
        return True

    def render(self, template, localcontext, rel: str) -> tuple[str, Entry]:
        """Render a page, recording what it was made from."""
        recorder = Recorder(self.fingerprints, localcontext, self.settings)
        token = _recording.set(recorder)
        try:
            output = template.render(localcontext)
        finally:
            _recording.reset(token)
        if recorder.unknown:
            logger.debug("%s is rendered on every build (%s)", rel, recorder.unknown)
        return output, Entry(template.name or "", sorted(recorder.names.items()),
                             sorted(recorder.contents.items()),
                             always=bool(recorder.unknown))

    def render_page(self, template, localcontext, rel: str, path: str):
        """A deferred page: render, write, and what the build records."""
        output, entry = self.render(template, localcontext, rel)
        write_if_changed(path, output.encode("utf-8"))
        entry.stat = _stat(path)
        return rel, entry.__getstate__()

    def render_deferred(self) -> None:
        """The pages left for the end, shared among the processes."""
        jobs, self.deferred = self.deferred, []
        processes = self.processes if len(jobs) >= PARALLEL_MIN else 1
        for rel, state in run_forked(jobs, _run, processes):
            entry = Entry(None)
            entry.__setstate__(state)
            self.new[rel] = entry
            self.rendered += 1

    def keep(self, rel: str) -> None:
        self.new[rel] = self.old[rel]
        self.skipped += 1

    def record(self, rel: str, entry: Entry, path: str) -> None:
        entry.stat = _stat(path)
        self.new[rel] = entry
        self.rendered += 1


def _run(job):
    return job()


def render_processes(settings) -> int:
    wanted = int(setting_or_default(settings, "PORTAL_RENDER_PROCESSES", DEFAULTS))
    return wanted if wanted > 0 else (os.cpu_count() or 1)


def _remove_empty_parents(folder: str, root: str) -> None:
    while folder != root and folder.startswith(root + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


def site_fingerprint(settings, fingerprints: Fingerprints) -> str:
    """Everything every page depends on besides its own inputs: theme and
    plugin files, settings, declared site inputs, library versions."""
    import jinja2
    import markdown
    import pelican

    hasher = hashlib.blake2b(digest_size=16)
    for folder in [settings.get("THEME"), *(settings.get("PLUGIN_PATHS") or [])]:
        if folder:
            _hash_tree(hasher, Path(folder))
    for key in sorted(settings):
        if key[:1].isupper():
            hasher.update(f"{key}={lenient(fingerprints, settings[key])}\n".encode())
    for name, value in sorted((settings.get(SITE_INPUTS_KEY) or {}).items()):
        hasher.update(f"input:{name}={value}\n".encode())
    hasher.update(f"{sys.version}|{pelican.__version__}|{jinja2.__version__}|"
                  f"{markdown.__version__}".encode())
    return hasher.hexdigest()


def _hash_tree(hasher, root: Path) -> None:
    for folder, names, files in os.walk(root):
        names[:] = sorted(n for n in names
                          if not n.startswith(".") and n != "__pycache__")
        for name in sorted(files):
            path = Path(folder, name)
            hasher.update(str(path.relative_to(root)).encode() + b"\0")
            try:
                hasher.update(hashlib.blake2b(path.read_bytes()).digest())
            except OSError:
                hasher.update(b"unreadable")


class _Page:
    """Stands for a page's template in Pelican's Writer.write_file: skips
    it when its inputs did not change, else renders it now (one process)
    or leaves it for the processes started at the end (`render_deferred`)."""

    def __init__(self, template, writer: IncrementalWriter):
        self.template = template
        self.writer = writer

    def render(self, localcontext) -> str:
        cache = self.writer.cache
        rel = localcontext["output_file"]
        path = sanitised_join(self.writer.output_path, rel)
        if cache.unchanged(rel, path, self.template.name or "", localcontext):
            cache.keep(rel)
            return UNCHANGED
        if cache.processes > 1:
            cache.deferred.append(partial(cache.render_page, self.template,
                                          localcontext, rel, path))
            return DEFERRED
        output, entry = cache.render(self.template, localcontext, rel)
        self.writer.pending[path] = (rel, entry)
        return output


class _OutputFile(io.StringIO):
    """A file being written: its text is compared with the file on disk at
    close, and written only when different."""

    def __init__(self, writer: IncrementalWriter, path: str, encoding: str):
        super().__init__()
        self.writer, self.target, self.encoding_name = writer, path, encoding
        self.unchanged = False

    def write(self, text):
        if isinstance(text, _Unchanged):
            self.unchanged = True
            return 0
        return super().write(text)

    def __exit__(self, kind, value, traceback):
        if kind is None and self.target != os.devnull:
            self.writer.finish_file(self.target, self.getvalue(), self.unchanged,
                                    self.encoding_name)
        return super().__exit__(kind, value, traceback)


class IncrementalWriter(Writer):
    """Pelican's Writer, rendering and writing only what changed."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.cache = PageCache.of(self.settings)
        self.cache.start(output_path)
        self.pending: dict[str, tuple[str, Entry]] = {}

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _Page(template, self), context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):
        if not path:
            return super().write_feed(elements, context, path, url, feed_type,
                                      override_output, feed_title)
        complete = sanitised_join(self.output_path, path)
        try:
            items = list(elements[: self.settings["FEED_MAX_ITEMS"]])
            key = digest("|".join(map(str, (
                "feed", url, feed_type, feed_title, override_output,
                context.get("SITEURL"), context.get("FEED_DOMAIN"),
                self.cache.fingerprints.of(items)))))
        except Unknown:
            key = None
        if key and complete not in self._written_files and self.cache.unchanged(
                path, complete, key, {}):
            self._written_files.add(complete)
            self.cache.keep(path)
            return None
        arguments = (elements, context, path, url, feed_type, override_output,
                     feed_title)
        if self.cache.processes > 1:  # written with the deferred pages
            self._written_files.add(complete)
            self.cache.deferred.append(partial(
                self._write_feed_now, complete, Entry(key, always=key is None),
                arguments))
            return None
        self.pending[complete] = (path, Entry(key, always=key is None))
        return super().write_feed(*arguments)

    def _write_feed_now(self, complete: str, entry: Entry, arguments: tuple):
        self._written_files.discard(complete)  # added when it was deferred
        super().write_feed(*arguments)
        entry.stat = _stat(complete)
        return arguments[2], entry.__getstate__()

    def _open_w(self, filename, encoding, override=False):
        # Pelican's bookkeeping of files written twice, then a buffered file.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time '
                    "(was previously overwritten)")
            logger.info('Skipping "%s", not overwriting', filename)
            filename = os.devnull
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already '
                "written to it previously (set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _OutputFile(self, filename, encoding)

    def finish_file(self, path: str, text: str, unchanged: bool, encoding: str) -> None:
        if not unchanged:
            write_if_changed(path, text.encode(encoding))
        pending = self.pending.pop(path, None)
        if pending is not None and not unchanged:
            self.cache.record(pending[0], pending[1], path)


def get_writer(pelican):
    """get_writer: Pelican uses this Writer for every page and feed."""
    return IncrementalWriter


def index_contents(generators) -> None:
    """all_generators_finalized: every article and page, by source path;
    and the menu's categories and pages as (name, URL) pairs, so that
    every page does not depend on every article through the menu."""
    if not generators:
        return
    PageCache.of(generators[0].settings).index_contents(generators)
    context = generators[0].context
    categories = context.get("categories", [])
    context["menu_categories"] = [(c.name, c.url) for c, _ in categories]
    context["menu_pages"] = [(p.title, p.url) for p in context.get("pages", [])]


def finish(pelican) -> None:
    """finalized: forget what this build did not write; save the record."""
    cache = pelican.settings.get(STATE_KEY)
    if cache is not None and cache.settings is not None:
        cache.finish()
