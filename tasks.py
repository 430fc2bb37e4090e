"""Tasks of the district portal (run with `invoke <task>`; `invoke --list`).

The Makefile only prepares .venv and calls these. Messages for editors are in
Vietnamese; every task exits non-zero when it fails.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from portal import release  # noqa: E402
from portal.checker import check_content, format_report  # noqa: E402
from portal.diagnostics import PortalError, display_path  # noqa: E402
from portal.verify import verify_output  # noqa: E402
from vn_text import nfc, slugify  # noqa: E402

CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
CACHE = ROOT / ".cache"
PYTHON = sys.executable
HOST, PORT = "127.0.0.1", 8000
TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def shown(path: Path) -> str:
    """A path as the editor would type it: relative to the project if inside."""
    return display_path(str(path))


def pelican(c, settings="pelicanconf.py", warn=False, env=None, args=""):
    return c.run(
        f"{PYTHON} -m pelican --settings {settings} {CONTENT} {args}".rstrip(),
        warn=warn,
        pty=False,
        env=env or {},
    )


@task(help={"strict": "fail on any warning",
            "settings": "settings file (default pelicanconf.py)"})
def build(c, strict=False, settings="pelicanconf.py"):
    """Build the site into output/ (--strict: fail on any warning)."""
    env = {"PORTAL_STRICT": "1"} if strict else {}
    result = pelican(c, settings=settings, warn=True, env=env)
    if not result.ok:
        raise Exit("Dựng trang thất bại (xem các thông báo ở trên).", code=1)


@task
def serve(c, port=PORT):
    """Serve output/ at http://127.0.0.1:8000 without rebuilding."""
    c.run(f"{PYTHON} -m pelican --listen --bind {HOST} --port {port} "
          f"--settings pelicanconf.py --output {OUTPUT}", pty=False)


@task
def livereload(c, port=PORT):
    """Build, serve with live reload, rebuild when content/theme/plugins change."""
    from livereload import Server

    build(c)

    def rebuild():
        # A failed rebuild keeps the server up: the messages say what to fix.
        pelican(c, warn=True)

    server = Server()
    for pattern in ("content/**/*", "theme/**/*", "plugins/**/*.py", "*.py"):
        server.watch(str(ROOT / pattern), rebuild)
    print(f"Đang phục vụ trang tại http://{HOST}:{port}/ (Ctrl+C để dừng)")
    server.serve(root=str(OUTPUT), host=HOST, port=port, open_url_delay=None)


@task(help={"rsync": "Đích tải lên, dạng user@host:thu-muc (không bắt buộc)",
            "settings": "Tệp cấu hình (mặc định publishconf.py)"})
def publish(c, rsync=None, settings=str(ROOT / "publishconf.py")):
    """Strict production build, checked, then swapped in for output/ whole.

    Builds into a fresh folder beside output/, runs the content checks first
    and the output checks (links, feeds, sitemap, HTML validity) after; only
    then replaces output/ in one step. Any failure leaves output/ as it was.
    --rsync uploads the new output/ with checksums, deleting after upload."""
    from pelican.settings import read_settings

    if not os.environ.get("SITEURL"):
        raise Exit(
            "Chưa đặt biến môi trường SITEURL (địa chỉ công khai của trang, "
            "ví dụ SITEURL=https://quanmau.gov.vn invoke publish).",
            code=1,
        )
    settings_file = str(Path(settings).resolve())
    conf = read_settings(settings_file)
    try:
        output = release.guard_output(Path(conf["OUTPUT_PATH"]), ROOT,
                                      Path(conf["PATH"]))
        upload = release.rsync_command(output, rsync) if rsync else None
    except release.PublishError as error:
        raise Exit(str(error), code=1) from None
    check(c, content=conf["PATH"], settings=settings_file)
    try:
        with release.exclusive(output):
            build_and_swap(c, settings_file, conf, output)
    except release.PublishError as error:
        raise Exit(str(error), code=1) from None
    print(f"Đã xuất bản vào {shown(output)}.")
    if upload:
        result = c.run(upload, warn=True, pty=False)
        if not result.ok:
            raise Exit("Tải lên bằng rsync thất bại; trang trên máy chủ chưa bị "
                       "xóa gì (chỉ xóa sau khi tải lên xong).", code=1)


def build_and_swap(c, settings_file: str, conf: dict, output: Path):
    """The strict build into a staging folder, its checks, the swap."""
    staging = release.make_staging(output)
    kept = f"Trang đang đăng ({shown(output)}) được giữ nguyên."
    try:
        result = c.run(f"{PYTHON} -m pelican --settings {settings_file} "
                       f"--output {staging}", warn=True, pty=False,
                       env={"PORTAL_STRICT": "1"})
        if not result.ok:
            raise Exit(f"Xuất bản thất bại: bản dựng có lỗi. {kept}", code=1)
        try:
            problems = verify_output(staging, conf)
        except PortalError as error:
            raise Exit(f"{error} {kept}", code=1) from None
        for problem in problems:
            # Name the folder being published, not the temporary one.
            print(problem.format().replace(shown(staging), shown(output)))
        if problems:
            raise Exit(f"Xuất bản thất bại: bản dựng có {len(problems)} lỗi (xem "
                       f"ở trên). {kept}", code=1)
        release.swap_in(staging, output)
    finally:
        release.discard(staging, output)


@task(help={"level": "Cấp: tinh, phuong, xa, dac-khu, quan, huyen",
            "name": "Tên: \"Bến Thành\" hoặc \"phường Bến Thành\"",
            "province": "Tỉnh, thành phố (không cần với --level tinh)",
            "force": "chuyển bài viết và sổ đơn vị, lãnh đạo cũ vào "
                     ".cache/new-site-backups/ rồi tạo mới"})
def new_site(c, level, name, province="", force=False):
    """Make the checkout a fresh portal of a level (sitegen.newsite):
    portal.yml, pages, registries of the level's structure, a sample article."""
    from sitegen.newsite import NewSiteError, create

    try:
        for line in create(ROOT, level, name, province, force=force):
            print(line)
    except NewSiteError as error:
        raise Exit(str(error), code=1) from None


@task(help={"title": "Tiêu đề bài viết", "category": "Chuyên mục",
            "author": "Tác giả", "content": "Thư mục nội dung (mặc định content/)"})
def new_article(c, title, category="Tin hoạt động", author="Nhóm BTV",
                content=str(CONTENT)):
    """Create content/articles/YYYY/MM/<slug>.md from a title; never overwrites."""
    title = nfc(" ".join(title.split()))
    slug = slugify(title)
    if not slug:
        raise Exit("Tiêu đề trống: hãy ghi tiêu đề bài viết trong dấu ngoặc kép.",
                   code=1)
    now = datetime.now(TIMEZONE)
    path = Path(content) / "articles" / f"{now:%Y}" / f"{now:%m}" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # "x" mode: creating and checking are one step, nothing is overwritten.
        handle = path.open("x", encoding="utf-8")
    except FileExistsError:
        raise Exit(f"Tệp {shown(path)} đã có; không ghi đè. Hãy đổi tiêu đề "
                   "hoặc sửa tệp có sẵn.", code=1) from None
    with handle:
        handle.write(
        f"Title: {title}\n"
        f"Date: {now:%Y-%m-%d %H:%M}\n"
        f"Category: {category}\n"
        f"Author: {author}\n"
        "Summary: \n"
        "\n"
        "Đoạn mở đầu của bài viết.\n"
        "\n"
        f"![Mô tả ảnh]({slug}/anh-01.jpg)\n"
        "Chú thích ảnh: ai, làm gì, ở đâu\n"
        )
    print(f"Đã tạo {shown(path)}")
    print(f"Ảnh của bài đặt trong thư mục {shown(path.parent / slug)}/")


@task(help={"source": "Tệp xuất (.txt), trang đã lưu (.html) hoặc thư mục chứa chúng",
            "title": "Tiêu đề (khi nguồn không có, hoặc để thay tiêu đề của nguồn)",
            "date": "Ngày đăng, ví dụ \"2025-02-10 16:30\"",
            "category": "Chuyên mục (mặc định: Tin hoạt động)",
            "author": "Tác giả (khi nguồn không có dòng tác giả)",
            "slug": "Tên tệp bài viết (mặc định: tên tệp nguồn hoặc tiêu đề)",
            "dry_run": "Chỉ in ra những gì sẽ ghi, không ghi tệp nào",
            "force": "Ghi đè bài đã có (bản cũ sao lưu vào .cache/import-backups/)",
            "content": "Thư mục nội dung (mặc định content/)"})
def import_article(c, source, title=None, date=None, category=None, author=None,
                   slug=None, dry_run=False, force=False, content=str(CONTENT)):
    """Import a legacy article (text export or saved HTML page) into Markdown."""
    from importer import Options, run

    options = Options(content=Path(content), title=title, date=date,
                      category=category, author=author, slug=slug,
                      dry_run=dry_run, force=force)
    if run(source, options):
        raise Exit(code=1)


@task(help={"mirror": "Thư mục bản sao của cổng cũ (wget, HTTrack, Wayback)",
            "since": "Chỉ nhập bài đăng từ ngày này, ví dụ \"2019-01-01\"",
            "dry_run": "Chỉ đọc và lập báo cáo, không ghi bài nào",
            "force": "Ghi đè bài đã có (bản cũ sao lưu vào .cache/import-backups/)",
            "category": "Chuyên mục (mặc định: Tin hoạt động)",
            "workers": "Số tiến trình đọc trang (mặc định: theo số lõi)",
            "content": "Thư mục nội dung (mặc định content/)"})
def import_site(c, mirror, since=None, dry_run=False, force=False, category=None,
                workers=0, content=str(CONTENT)):
    """Import a whole mirrored old portal: articles, redirects, review report."""
    from importer.mirror import SiteOptions, run_site

    options = SiteOptions(content=Path(content), since=since, dry_run=dry_run,
                          force=force, category=category, workers=int(workers))
    if run_site(mirror, options):
        raise Exit(code=1)


@task(help={"format": "text (mặc định) hoặc json",
            "content": "Thư mục nội dung (mặc định content/)",
            "settings": "Tệp cấu hình (mặc định pelicanconf.py)"})
def check(c, format="text", content=str(CONTENT),
          settings=str(ROOT / "pelicanconf.py")):
    """Check all content without building; exit 1 on any warning or error."""
    report = check_content(content, settings_file=settings)
    print(format_report(report, format))
    if report.failed:
        raise Exit(code=1)


@task
def lint(c):
    """ruff on the code and actionlint on the CI workflows."""
    c.run(f"{PYTHON} -m ruff check .", pty=False)
    c.run(f"{Path(PYTHON).parent / 'actionlint'} -no-color", pty=False)


@task(pre=[lint])
def test(c):
    """Lint, then the whole test suite."""
    result = c.run(f"{PYTHON} -m pytest", warn=True, pty=False)
    if result.exited == 5:
        raise Exit("pytest không tìm thấy bài kiểm thử nào: đó là lỗi.", code=1)
    if not result.ok:
        raise Exit(code=result.exited or 1)


@task
def clean(c):
    """Remove output/ and the build cache."""
    for path in (OUTPUT, CACHE / "pelican"):
        shutil.rmtree(path, ignore_errors=True)
        print(f"Đã xóa {path.relative_to(ROOT)}")


@task(help={"settings": "settings file (default pelicanconf.py)"})
def clean_images(c, settings="pelicanconf.py"):
    """Remove cached derivative images no photo of the site uses (a build
    that encodes nothing new, then prunes GALLERY_CACHE_PATH)."""
    result = pelican(c, settings=settings, warn=True,
                     args="--extra-settings GALLERY_CLEAN_CACHE=true")
    if not result.ok:
        raise Exit("Dọn bộ nhớ đệm ảnh thất bại (xem các thông báo ở trên).", code=1)


@task(help={"count": "number of generated camera-sized JPEGs (default 100)",
            "sizes": "their sizes, WxH, comma-separated (default "
                     "4000x3000,6000x4000)",
            "workers": "processes of our pipeline (default: every core)",
            "out": "JSON file of the figures (default bench/photos.json)",
            "work": "keep the photos in this folder between runs"})
def bench_photos(c, count=100, sizes="4000x3000,6000x4000", workers=0,
                 out="bench/photos.json", work=""):
    """Photo pipeline benchmark: ours cold and warm against a naive one."""
    from gallery.bench import format_report, run_photo_bench, write_json
    from pelican.settings import read_settings

    sizes = tuple(tuple(int(n) for n in size.lower().split("x"))
                  for size in sizes.split(",") if size.strip())
    result = run_photo_bench(int(count), sizes, int(workers) or None,
                             Path(work) if work else None,
                             read_settings(str(ROOT / "pelicanconf.py")))
    print(format_report(result))
    write_json(result, Path(out))
    print(f"Đã ghi {out}")


@task
def lock(c):
    """Re-pin requirements.txt (build, serve, publish) and requirements-dev.txt
    (tests, lint) from their .in files, with the hash of every file, for
    Python 3.11 on any platform. The development lock holds only what the
    build lock lacks, at the versions the build lock pins."""
    uv = Path(PYTHON).parent / "uv"
    if not uv.is_file():
        raise Exit("Không thấy uv trong .venv: hãy chạy `make venv-dev` trước.",
                   code=1)
    compile_ = (f"{uv} pip compile --quiet --generate-hashes --universal "
                "--python-version 3.11 --no-header --annotation-style line")
    with c.cd(str(ROOT)):
        c.run(f"{compile_} requirements.in -o requirements.txt", pty=False)
        built = [line.split("==", 1)[0] for line in
                 (ROOT / "requirements.txt").read_text("utf-8").splitlines()
                 if "==" in line and not line.startswith((" ", "#"))]
        skip = " ".join(f"--no-emit-package {name}" for name in built)
        c.run(f"{compile_} requirements-dev.in {skip} -o requirements-dev.txt",
              pty=False)
    for name in ("requirements.txt", "requirements-dev.txt"):
        path = ROOT / name
        path.write_text(f"# Pinned with hashes by `invoke lock` from "
                        f"{name.replace('.txt', '.in')}; do not edit by hand.\n"
                        + path.read_text("utf-8"), encoding="utf-8")


@task(help={
    "articles": "largest corpus size (default 1000)",
    "sizes": "comma-separated corpus sizes (default: articles/5 and articles)",
    "photos_per_article": "mean photos per article (default 0: text only)",
    "runs": "runs of each measurement; the median is reported (default 3)",
    "out": "JSON file of the figures (default bench/results.json); the PNG "
           "chart goes beside it",
    "work": "keep corpora and builds in this folder (default: a temporary one)",
    "photo_size": "size of the generated photos, WxH (default 4000x3000)",
    "profile": "also profile a cold build of the largest corpus (cProfile)",
    "project": "checkout whose pelicanconf.py is measured (default this one)",
    "photo_bench": "photos made by the photo pipeline benchmark (default 24)",
    "memory_articles": "also one cold build of this many articles for the "
                       "memory target (default 0: extrapolated)",
})
def bench(c, articles=1000, sizes="", photos_per_article=0, runs=3,
          out="bench/results.json", work="", photo_size="", profile=False,
          project=str(ROOT), photo_bench=24, memory_articles=0):
    """Benchmark builds: plain Pelican vs ours, cold, warm and one edit."""
    from bench import BenchError, Options, run_bench

    counts = tuple(int(n) for n in sizes.split(",") if n.strip()) or (
        max(1, int(articles) // 5), int(articles))
    size = tuple(int(n) for n in photo_size.lower().split("x")) if photo_size \
        else None
    options = Options(sizes=tuple(sorted(set(counts))), runs=int(runs),
                      photos_per_article=int(photos_per_article),
                      photo_size=size, project=Path(project).resolve(),
                      photo_bench_count=int(photo_bench),
                      memory_articles=int(memory_articles))
    try:
        run_bench(options, Path(out), work=Path(work) if work else None,
                  profile=profile)
    except BenchError as error:
        raise Exit(str(error), code=1) from None


@task(help={"copies": "how many times each article of content/ is indexed "
                      "(default 1)",
            "content": "content folder (default content/)",
            "out": "also write the figures to this JSON file"})
def bench_search(c, copies=1, content=str(CONTENT), out=""):
    """Search index: build time and size per article (search.bench.measure)."""
    import json
    import tempfile

    from search.bench import measure

    with tempfile.TemporaryDirectory(prefix="bench-search-") as work:
        try:
            figures = measure(Path(content), Path(work), copies=int(copies))
        except RuntimeError as error:
            raise Exit(str(error), code=1) from None
    print(f"bài viết               {figures['articles']}")
    print(f"thời gian lập chỉ mục  {figures['index_seconds']:.2f} s "
          f"(Pagefind {figures['pagefind_seconds']:.2f} s)")
    print(f"gói Pagefind           {figures['bundle_bytes'] / 1024:.0f} KB")
    print(f"dữ liệu mỗi bài        {figures['bytes_per_article'] / 1024:.2f} KB")
    print(f"cả bản dựng            {figures['build_seconds']:.2f} s")
    if out:
        Path(out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


@task(help={"articles": "synthetic articles (default 5000)",
            "units": "units in the synthetic registry (default 200)",
            "people": "leaders in the synthetic registry (default 100)",
            "out": "also write the figures to this JSON file"})
def bench_detection(c, articles=5000, units=200, people=100, out=""):
    """Unit and leader detection: its time over Pelican's reading time."""
    import json

    from entities.bench import format_result, measure

    figures = measure(int(articles), int(units), int(people))
    print(format_result(figures))
    if out:
        Path(out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
