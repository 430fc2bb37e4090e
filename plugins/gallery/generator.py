"""The gallery's Pelican generator: photos in, derivatives and pages out.

It runs after the articles and pages generators (plugins' generators come
after Pelican's own), and after their content cache has been saved, so the
cache keeps the photos as the editor wrote them and every build rewrites
them from the derivative sets of the current files.

`generate_context` finds every local image of every article and page (body
and featured image), runs the pipeline, reports problems with file and line,
rewrites the HTML, and fills in `photo["image"]` and `featured_image` for
templates. `generate_output` publishes the derivatives (hard links into the
cache, so publishing copies nothing), removes derivatives no page uses any
more, and writes the photo library.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pelican.contents import Content
from pelican.generators import Generator
from pelican.log import console
from portal.diagnostics import Diagnostics, Problem, display_path
from portal.fingerprint import digest
from portal.incremental import add_site_input

from .cache import ImageCache
from .errors import PLUGIN, Failure, describe
from .library import photo_items
from .markup import Document, Renderers, Rewriter
from .pipeline import Outcome, Pipeline, Stats
from .references import LineFinder, featured_src, resolve
from .rendition import Rendition
from .settings import Spec, setting, workers


class PhotoGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # output path -> (rendition, file name in its cache entry)
        self.renditions: dict[str, tuple[Rendition, str]] = {}
        self.used_keys: set[str] = set()
        self.items = []
        self.stats: Stats | None = None
        self.cache = ImageCache(setting(self.settings, "GALLERY_CACHE_PATH"))

    # --- reading ---------------------------------------------------------------

    def generate_context(self):
        # Every article and page read, drafts and hidden ones too (files
        # that failed to read are there as None).
        contents = sorted((c for c in self.context.get("generated_content", {}).values()
                           if c is not None), key=lambda c: c.source_path)
        wanted: dict[int, list[tuple[str, str]]] = {}
        documents: dict[int, Document] = {}
        for content in contents:
            document = documents[id(content)] = Document(content._content or "")
            srcs = document.image_sources()
            featured = featured_src(content)
            if featured:
                srcs.append(featured)
            refs = []
            for src in dict.fromkeys(srcs):
                path = resolve(src, content, self.path)
                if path is not None:
                    refs.append((src, path))
            wanted[id(content)] = refs

        portraits = self._portraits()
        pipeline = Pipeline(Spec.from_settings(self.settings), self.cache,
                            workers(self.settings), self._progress_printer())
        paths = {path for refs in wanted.values() for _, path in refs}
        outcomes, self.stats = pipeline.run(paths | set(portraits.values()))
        self._attach_portraits(portraits, outcomes)
        self.used_keys = {o.key for o in outcomes.values() if o.key}

        rewriter = Rewriter(self._renderers(),
                            int(setting(self.settings, "GALLERY_GRID_CAPTION_LENGTH")))
        lines = LineFinder()
        for content in contents:
            by_path = {path: self._rendition(outcomes[path])
                       for _, path in wanted[id(content)]}
            found = {src: by_path[path] for src, path in wanted[id(content)]}
            self._report(content, wanted[id(content)], outcomes, lines)
            content._content = rewriter.rewrite(documents.pop(id(content)), found.get)
            self._attach(content, by_path)
        _forget_rendered(contents)

        self.items = photo_items(self.context.get("articles", []))
        self.context["gallery_photos"] = self.items
        self._print_summary()

    def _portraits(self) -> dict:
        """person -> file of the leaders' portraits (`portrait:` in
        people.yml, a path under content/; the people plugin reports the
        ones that are missing or outside)."""
        registries = getattr(self.context.get("ENTITIES"), "registries", None)
        if registries is None or "people" not in registries.kinds:
            return {}
        root = os.path.realpath(self.path)
        found = {}
        for person in registries.entries["people"].values():
            if person.portrait:
                real = os.path.realpath(os.path.join(root, person.portrait))
                if os.path.commonpath([real, root]) == root and os.path.isfile(real):
                    found[person] = real
        return found

    def _attach_portraits(self, portraits: dict, outcomes) -> None:
        """`person.portrait_image` (a Rendition) for templates; a portrait
        that cannot be made is reported at its line of people.yml."""
        if not portraits:
            return
        registries = self.context["ENTITIES"].registries
        diagnostics = Diagnostics.of(self.settings)
        keys = []
        for person, path in sorted(portraits.items(), key=lambda item: item[0].id):
            rendition = self._rendition(outcomes[path])
            if isinstance(rendition, Rendition):
                person.portrait_image = rendition
                keys.append(f"{person.id}:{rendition.key}")
                continue
            message, hint, level = describe(rendition, person.portrait)
            diagnostics.report(Problem(
                PLUGIN, registries.paths["people"],
                registries.lines.get(("people", person.id, "portrait")),
                f"ảnh chân dung của '{person.id}': {message}", hint, level))
        # The registry names the file; a new photo in that file is a new
        # derivative, so the pages showing it are rendered again.
        add_site_input(self.settings, "portraits", digest("|".join(keys)))

    def _rendition(self, outcome: Outcome) -> Rendition | Failure:
        if not outcome.ok:
            return outcome.failure
        rendition = Rendition.from_meta(
            outcome.key, outcome.meta, setting(self.settings, "GALLERY_OUTPUT_DIR"),
            self.settings.get("SITEURL", ""),
            int(setting(self.settings, "GALLERY_DEFAULT_WIDTH")))
        for name, target in rendition.files():
            self.renditions[target] = (rendition, name)
        return rendition

    def _attach(self, content, found: dict) -> None:
        """`photo["image"]` for each photo record, and `featured_image`
        (`found`: rendition or failure by source path)."""
        def image(src):
            path = resolve(src, content, self.path) if src else None
            return found.get(path) if path else None

        photos = getattr(content, "photos", None) or []
        for photo in photos:
            rendition = image(photo.get("src", ""))
            photo["image"] = rendition if isinstance(rendition, Rendition) else None
        featured = image(featured_src(content))
        if not isinstance(featured, Rendition):
            featured = next((p["image"] for p in photos if p["image"]), None)
        if featured is None:
            featured = next(
                (r for r in found.values() if isinstance(r, Rendition)), None)
        content.featured_image = featured

    def _report(self, content, refs, outcomes, lines: LineFinder) -> None:
        diagnostics = Diagnostics.of(self.settings)
        for src, path in refs:
            outcome = outcomes[path]
            problems = [outcome.failure] if outcome.failure else [
                Failure(kind) for kind in (outcome.meta or {}).get("notices", [])]
            for failure in problems:
                message, hint, level = describe(failure, src)
                line = lines.line(content.source_path, src)
                diagnostics.report(Problem(PLUGIN, content.source_path, line,
                                           message, hint, level))

    def _renderers(self) -> Renderers:
        def macro(template, name):
            return getattr(self.env.get_template(template).module, name)

        return Renderers(
            picture=macro("components/picture.html", "picture"),
            photo=macro("components/photo.html", "photo"),
            missing=macro("components/photo_missing.html", "photo_missing"),
        )

    # --- progress and summary -------------------------------------------------

    def _progress_printer(self):
        minimum = int(setting(self.settings, "GALLERY_PROGRESS_MIN"))
        shown = {"step": -1}

        def progress(done: int, total: int) -> None:
            if total <= minimum:
                return
            step = done * 10 // total  # a line per tenth: readable in CI logs
            if step != shown["step"]:
                shown["step"] = step
                console.print(f"Ảnh: đã tạo {done}/{total} bộ ảnh ({step * 10}%)")

        return progress

    def _print_summary(self) -> None:
        s = self.stats
        cache = display_path(str(self.cache.root))
        text = (f"Ảnh: {s.sources} ảnh gốc; tạo mới {s.encoded} ảnh "
                f"({s.files_written} tệp) trong {s.seconds:.1f} giây với "
                f"{s.workers} tiến trình; dùng lại {s.reused} ảnh từ bộ nhớ "
                f"đệm {cache}")
        if s.failed:
            text += f"; {s.failed} ảnh lỗi (xem các thông báo ở trên)"
        console.print(text + ".")

    # --- writing ---------------------------------------------------------------

    def generate_output(self, writer):
        self._publish()
        self._write_library(writer)
        if setting(self.settings, "GALLERY_CLEAN_CACHE"):
            removed, freed = self.cache.prune(self.used_keys)
            console.print(f"Ảnh: đã xóa {removed} mục không dùng khỏi bộ nhớ đệm "
                          f"({freed / 1_000_000:.1f} MB).")

    def _publish(self) -> None:
        """Link each derivative into output/ and remove the ones no page uses
        (a photo taken off the site must not stay published)."""
        output = Path(self.output_path)
        folder = output / setting(self.settings, "GALLERY_OUTPUT_DIR")
        for target, (rendition, name) in sorted(self.renditions.items()):
            _link(self.cache.entry(rendition.key) / name, output / target)
        if not folder.is_dir():
            return
        used = {str(output / target) for target in self.renditions}
        for dirpath, _dirnames, filenames in os.walk(folder, topdown=False):
            for name in filenames:
                path = os.path.join(dirpath, name)
                if path not in used:
                    os.remove(path)
            if dirpath != str(folder) and not os.listdir(dirpath):
                os.rmdir(dirpath)

    def _write_library(self, writer) -> None:
        save_as = setting(self.settings, "GALLERY_PHOTOS_SAVE_AS")
        if not save_as:
            return
        writer.write_file(
            save_as, self.get_template("photos"), self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            paginated={"photos": self.items}, template_name="photos",
            url=setting(self.settings, "GALLERY_PHOTOS_URL"),
            photo_count=len(self.items),
        )


def _link(source: Path, target: Path) -> None:
    """Hard-link (or, across file systems, copy) a cached derivative into
    the output; a file already there with the same size is the same file
    (names are content hashes), so it is left alone and keeps its time."""
    try:
        if target.stat().st_size == source.stat().st_size:
            return
        target.unlink()
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _forget_rendered(contents) -> None:
    """Pelican memoizes `content` and `summary` per object; drop what a
    plugin may have rendered from the HTML before it was rewritten."""
    changed = {id(c) for c in contents}
    for memo in (Content.get_content.cache, Content.get_summary.cache):
        for key in [k for k in memo if k and id(k[0]) in changed]:
            del memo[key]
