"""The photo benchmark: our pipeline against a naive one, in the same run.

On a generated set of camera-sized JPEGs (12 MP phone and 24 MP camera
photos, a few MB each, as bench.photos makes them for the build benchmark)
it measures, for the full derivative set of every photo (every width, WebP
and JPEG, the same encoder settings on both sides):

* ours, cold: `gallery.pipeline.Pipeline` with an empty cache, over all
  cores, exactly as a build runs it;
* ours, warm: the same run again (every set found in the cache);
* the naive reference: one process, for each photo and each size `open`,
  `exif_transpose`, `thumbnail`, `save` (WebP and JPEG).

Photos per second per core compare the two whatever the number of cores:
photos per second of CPU time (a busy core gives one second of it per
second), which does not depend on what else the machine is doing; the
wall-clock figures (ours divided by the workers it used) are reported too.
`invoke bench-photos` prints the table and writes the figures as JSON;
`invoke bench` (issue 9) can call `run_photo_bench` and `format_report`.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageOps

from .cache import ImageCache
from .encode import register_openers
from .pipeline import Pipeline
from .settings import Spec
from .settings import workers as default_workers

CAMERA_SIZES = ((4000, 3000), (6000, 4000))


@dataclass
class PhotoBench:
    photos: int
    sizes: list
    source_megabytes: float
    workers: int
    derivatives_per_photo: float
    cold_seconds: float
    cold_cpu_seconds: float
    warm_seconds: float
    warm_encoded: int
    naive_seconds: float
    naive_cpu_seconds: float
    ours_megabytes: float
    naive_megabytes: float

    @property
    def cold_per_core(self) -> float:
        """Photos per CPU second (per core)."""
        return self.photos / self.cold_cpu_seconds

    @property
    def naive_per_core(self) -> float:
        return self.photos / self.naive_cpu_seconds

    @property
    def ratio_per_core(self) -> float:
        return self.cold_per_core / self.naive_per_core

    @property
    def cold_wall_per_core(self) -> float:
        return self.photos / (self.cold_seconds * self.workers)

    @property
    def naive_wall_per_core(self) -> float:
        return self.photos / self.naive_seconds

    @property
    def ratio_wall(self) -> float:
        return self.cold_wall_per_core / self.naive_wall_per_core

    @property
    def warm_per_core(self) -> float:
        return self.photos / (max(self.warm_seconds, 1e-9) * self.workers)

    def as_dict(self) -> dict:
        return {**asdict(self),
                "cold_photos_per_second_per_core": round(self.cold_per_core, 3),
                "naive_photos_per_second_per_core": round(self.naive_per_core, 3),
                "ratio_per_core": round(self.ratio_per_core, 2),
                "cold_wall_photos_per_second_per_core":
                    round(self.cold_wall_per_core, 3),
                "naive_wall_photos_per_second_per_core":
                    round(self.naive_wall_per_core, 3),
                "ratio_wall_per_core": round(self.ratio_wall, 2),
                "warm_photos_per_second_per_core": round(self.warm_per_core, 1)}


def make_photos(folder: Path, count: int, sizes=CAMERA_SIZES,
                seed: int = 4) -> list[Path]:
    """`count` distinct camera-sized JPEGs, alternating the sizes."""
    from bench.photos import PhotoMaker

    makers = [PhotoMaker(seed, tuple(size)) for size in sizes]
    paths = []
    for number in range(count):
        path = folder / f"anh-{number:04d}.jpg"
        if not path.is_file():
            makers[number % len(makers)].write(path, number)
        paths.append(path)
    return paths


def naive_set(path: Path, out: Path, spec: Spec) -> int:
    """The reference: what a first attempt at a photo pipeline does."""
    widths = [w for w in spec.widths] + [spec.large]
    written = 0
    for width in widths:
        with Image.open(path) as image:
            image = ImageOps.exif_transpose(image)
            last = width == spec.large
            box = (width, width) if last else (width, width * 10)
            image.thumbnail(box)
            for ext, options in (
                ("webp", {"quality": spec.webp_quality, "method": spec.webp_method}),
                ("jpg", {"quality": spec.jpeg_quality, "progressive": True,
                         "optimize": True}),
            ):
                data = io.BytesIO()
                image.save(data, "WEBP" if ext == "webp" else "JPEG", **options)
                (out / f"{path.stem}-{width}.{ext}").write_bytes(data.getvalue())
                written += 1
    return written


def run_photo_bench(count: int = 100, sizes=CAMERA_SIZES, workers: int | None = None,
                    work: Path | None = None, settings: dict | None = None,
                    log=print) -> PhotoBench:
    settings = settings or {}
    spec = Spec.from_settings(settings)
    workers = workers or default_workers(settings)
    own_tmp = work is None
    root = Path(tempfile.mkdtemp(prefix="bench-photos-")) if own_tmp else Path(work)
    try:
        photos_dir = root / "photos"
        photos_dir.mkdir(parents=True, exist_ok=True)
        log(f"Ảnh mẫu: {count} ảnh {', '.join(f'{w}×{h}' for w, h in sizes)} "
            f"trong {photos_dir}")
        paths = make_photos(photos_dir, count, sizes)
        source_mb = sum(p.stat().st_size for p in paths) / 1e6
        register_openers()

        cache_dir = root / "cache"
        shutil.rmtree(cache_dir, ignore_errors=True)
        cache = ImageCache(cache_dir)
        log(f"Đường ống của dự án, bộ đệm trống, {workers} tiến trình…")
        cold_outcomes, cold = Pipeline(spec, cache, workers).run(map(str, paths))
        log("Đường ống của dự án, chạy lại (bộ đệm đầy)…")
        _, warm = Pipeline(spec, cache, workers).run(map(str, paths))
        ours_bytes = sum(size for o in cold_outcomes.values() if o.ok
                         for size in o.meta["files"].values())
        files = sum(len(o.meta["files"]) for o in cold_outcomes.values() if o.ok)

        naive_dir = root / "naive"
        shutil.rmtree(naive_dir, ignore_errors=True)
        naive_dir.mkdir()
        log("Đường ống đơn giản (một tiến trình)…")
        started, cpu = time.perf_counter(), time.process_time()
        for path in paths:
            naive_set(path, naive_dir, spec)
        naive_seconds = time.perf_counter() - started
        naive_cpu = time.process_time() - cpu
        naive_bytes = sum(p.stat().st_size for p in naive_dir.iterdir())
        return PhotoBench(
            photos=count, sizes=[list(s) for s in sizes],
            source_megabytes=round(source_mb, 1), workers=workers,
            derivatives_per_photo=round(files / max(1, cold.encoded), 2),
            cold_seconds=round(cold.seconds, 3),
            cold_cpu_seconds=round(cold.cpu_seconds, 3),
            warm_seconds=round(warm.seconds, 4), warm_encoded=warm.encoded,
            naive_seconds=round(naive_seconds, 3),
            naive_cpu_seconds=round(naive_cpu, 3),
            ours_megabytes=round(ours_bytes / 1e6, 2),
            naive_megabytes=round(naive_bytes / 1e6, 2))
    finally:
        if own_tmp:
            shutil.rmtree(root, ignore_errors=True)


def format_report(result: PhotoBench) -> str:
    r = result
    rows = [
        ("", "thời gian (s)", "CPU (s)", "ảnh/giây/lõi (CPU)",
         "ảnh/giây/lõi (đồng hồ)"),
        (f"dự án, lạnh ({r.workers} tiến trình)", f"{r.cold_seconds:.2f}",
         f"{r.cold_cpu_seconds:.2f}", f"{r.cold_per_core:.3f}",
         f"{r.cold_wall_per_core:.3f}"),
        ("dự án, ấm (bộ đệm đầy)", f"{r.warm_seconds:.3f}", "", "",
         f"{r.warm_per_core:.0f}"),
        ("đơn giản (1 tiến trình)", f"{r.naive_seconds:.2f}",
         f"{r.naive_cpu_seconds:.2f}", f"{r.naive_per_core:.3f}",
         f"{r.naive_wall_per_core:.3f}"),
    ]
    width = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = [f"Ảnh: {r.photos} ảnh gốc ({r.source_megabytes:.0f} MB), "
             f"{r.derivatives_per_photo:g} tệp dẫn xuất mỗi ảnh"]
    lines += ["  ".join(cell.ljust(width[i]) if i == 0 else cell.rjust(width[i])
                        for i, cell in enumerate(row)) for row in rows]
    lines.append(f"Nhanh hơn đường ống đơn giản: {r.ratio_per_core:.2f}× mỗi lõi "
                 f"(theo đồng hồ: {r.ratio_wall:.2f}×); chạy lại tạo mới "
                 f"{r.warm_encoded} ảnh. Dung lượng: {r.ours_megabytes:.1f} MB "
                 f"(dự án) / {r.naive_megabytes:.1f} MB (đơn giản).")
    return "\n".join(lines)


def write_json(result: PhotoBench, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8")

