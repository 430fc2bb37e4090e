"""Shared fixtures: tiny sites built in tmp_path with the real Pelican build,
and the repository's own sample site built once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PLUGINS_DIR = ROOT / "plugins"
if str(PLUGINS_DIR) not in sys.path:
    sys.path.insert(0, str(PLUGINS_DIR))


@dataclass
class BuildResult:
    returncode: int
    log: str
    output: Path

    def soup(self, rel: str) -> BeautifulSoup:
        path = self.output / rel
        if path.is_dir() or rel.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class Site:
    """A throw-away site: content in tmp, the project's settings and theme."""

    def __init__(self, root: Path, content: Path | None = None):
        self.root = root
        self.content = content or root / "content"
        self.content.mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, text: str) -> Path:
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def image(self, rel: str, size=(64, 48), color=(180, 40, 40)) -> Path:
        from PIL import Image

        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, color).save(path, "JPEG", quality=80)
        return path

    def build(self, name="output", strict=False, settings="pelicanconf.py",
              cache: str | None = None, env: dict | None = None,
              extra: str = "", preexec_fn=None, timeout=600) -> BuildResult:
        """Build with the project's settings; `extra` is appended settings code;
        `preexec_fn` runs in the build's process first (resource limits)."""
        output = self.root / name
        conf = self.root / f"conf-{name}.py"
        conf.write_text(
            "import sys\n"
            f"sys.path.insert(0, {str(ROOT)!r})\n"
            f"from {Path(settings).stem} import *  # noqa\n"
            f"PATH = {str(self.content)!r}\n"
            f"OUTPUT_PATH = {str(output)!r}\n"
            f"CACHE_PATH = {str(self.root / (cache or 'cache-' + name))!r}\n"
            # Derivative images: one cache per test site, never the repo's.
            f"GALLERY_CACHE_PATH = {str(self.root / 'image-cache')!r}\n"
            + extra,
            encoding="utf-8",
        )
        run_env = {**os.environ, "COLUMNS": "1000", "TERM": "dumb",
                   "PORTAL_STRICT": "1" if strict else "0", **(env or {})}
        proc = subprocess.run(
            [sys.executable, "-m", "pelican", "--settings", str(conf)],
            cwd=self.root, env=run_env, capture_output=True, text=True,
            timeout=timeout, preexec_fn=preexec_fn,
        )
        return BuildResult(proc.returncode, proc.stdout + proc.stderr, output)


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> BuildResult:
    """The repository's own content, built once (strict: it must be clean)."""
    root = tmp_path_factory.mktemp("sample")
    result = Site(root, content=ROOT / "content").build(strict=True)
    assert result.returncode == 0, result.log
    return result


# --- browser -----------------------------------------------------------------

def find_chromium() -> str | None:
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    found = find_chromium()
    if found:
        return found
    reason = ("Chromium not found (install Debian's `chromium` package): "
              "browser tests skipped")
    if os.environ.get("CI") == "true":
        pytest.fail(reason.replace("skipped", "are required under CI=true"))
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A phone-sized page; a script error on it fails the test."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def block_other_hosts(target, base_url: str) -> list[str]:
    """Let a Playwright page or context fetch from `base_url` only: every
    other request is aborted and recorded in the returned list."""
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    target.route("**/*", route)
    return outside


def serve(folder: Path):
    """Serve a folder on a free local port in a thread; returns (url, server)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def sample_url(sample_build):
    url, server = serve(sample_build.output)
    yield url
    server.shutdown()


# --- screenshots ---------------------------------------------------------------

SCREENSHOTS = ROOT / ".cache" / "screenshots"


def pytest_sessionstart(session):
    import time

    session.config._screenshots_since = time.time()


def pytest_terminal_summary(terminalreporter, config):
    """Say where the screenshots of this run are (tests/test_theme_browser.py)."""
    since = getattr(config, "_screenshots_since", None)
    if since is None or not SCREENSHOTS.is_dir():
        return
    shots = sorted(p.name for p in SCREENSHOTS.glob("*.png")
                   if p.stat().st_mtime >= since)
    if shots:
        terminalreporter.write_sep("-", "screenshots")
        terminalreporter.write_line(f"{len(shots)} screenshots in {SCREENSHOTS}: "
                                    + ", ".join(shots))
