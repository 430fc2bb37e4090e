"""Published output a web server of another user can read; what a killed
publish left is cleaned up; publishing onto a mount point, a read-only or a
full disk ends with a Vietnamese message and the old site kept."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import stat
import subprocess
import textwrap
import time

import pytest
import test_quality_publish
from test_build import hashes
from test_quality_publish import leftovers, publish, publish_command

tiny = test_quality_publish.tiny  # the same two-article site, as a fixture

# A plugin that stops for a long time once the build has written a page.
SLOW = textwrap.dedent('''\
    import time
    from pelican import signals

    def register():
        signals.content_written.connect(lambda path, context: time.sleep(600),
                                        weak=False)
    ''')


def modes(folder):
    found = {}
    for path in [folder, *folder.rglob("*")]:
        found.setdefault(stat.S_IMODE(path.stat().st_mode), []).append(path)
    return found


def test_published_folders_are_0755_and_files_0644_under_umask_077(tiny):
    old = os.umask(0o077)
    try:
        code, log = publish(tiny)
    finally:
        os.umask(old)
    assert code == 0, log
    output = tiny.root / "output"
    found = modes(output)
    assert set(found) == {0o755, 0o644}, {oct(m): p[:3] for m, p in found.items()}
    assert all(p.is_dir() for p in found[0o755])
    assert all(p.is_file() for p in found[0o644])
    assert (output / "index.html") in found[0o644]


def slow_plugin(site) -> str:
    plugins = site.root / "slow-plugins"
    plugins.mkdir(exist_ok=True)
    (plugins / "slow.py").write_text(SLOW, encoding="utf-8")
    return f"PLUGIN_PATHS = PLUGIN_PATHS + [{str(plugins)!r}]\nPLUGINS += ['slow']\n"


def test_a_killed_publish_is_cleaned_up_and_publishes_do_not_overlap(tiny):
    command, env = publish_command(tiny, extra=slow_plugin(tiny))
    running = subprocess.Popen(command, cwd=tiny.root, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not any(tiny.root.glob(".publish-output-*/*")):
            assert running.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        code, log = publish(tiny)
        assert code == 1
        assert "Một lần xuất bản khác vào" in log and "đang chạy" in log
    finally:
        os.killpg(running.pid, signal.SIGKILL)
        running.wait()
    assert leftovers(tiny.root), "the killed publish left its staging folder"
    assert not (tiny.root / "output").exists()

    code, log = publish(tiny)
    assert code == 0, log
    assert leftovers(tiny.root) == []
    assert (tiny.root / "output/index.html").is_file()


def in_namespace(script: str, cwd, env) -> subprocess.CompletedProcess:
    """Run `script` in a mount namespace of its own: mounts vanish with it."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("needs root and unshare to mount")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip("cannot make a mount namespace here")
    return subprocess.run(["unshare", "-m", "sh", "-ec", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def publish_mounted(site, mount: str) -> subprocess.CompletedProcess:
    """`invoke publish` after the shell commands `mount`, in a namespace."""
    command, env = publish_command(site)
    script = f"{mount}\n" + shlex.join(command) + " 2>&1"
    return in_namespace(script, site.root, env)


@pytest.mark.parametrize("case", ["mount-point", "read-only"])
def test_mount_point_and_read_only_output_keep_the_site(tiny, case):
    code, log = publish(tiny)
    assert code == 0, log
    output = tiny.root / "output"
    before = hashes(output)
    mount = {
        "mount-point": f"mount --bind '{output}' '{output}'",
        "read-only": f"mount --bind '{tiny.root}' '{tiny.root}'\n"
                     f"mount -o remount,bind,ro '{tiny.root}'",
    }[case]
    proc = publish_mounted(tiny, mount)
    log = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode != 0
    assert "Traceback" not in log
    if case == "mount-point":
        assert "là một điểm gắn kết (mount point)" in log
    else:
        assert "ổ đĩa chỉ cho đọc" in log and "được giữ nguyên" in log
    assert hashes(output) == before


def test_a_swap_the_system_refuses_is_a_vietnamese_message(tmp_path, monkeypatch):
    """EBUSY from renameat2 (a folder in use, a mount point made after the
    checks): simulated, as the kernel gives it."""
    import errno

    from portal import release

    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("cũ", encoding="utf-8")
    staging = release.make_staging(output)
    (staging / "index.html").write_text("mới", encoding="utf-8")

    def busy(a, b):
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(b))

    monkeypatch.setattr(release, "_exchange", busy)
    with pytest.raises(release.PublishError) as raised:
        release.swap_in(staging, output)
    assert "thư mục đang được dùng hoặc là một điểm gắn kết" in str(raised.value)
    assert "Trang đang đăng được giữ nguyên" in str(raised.value)
    assert (output / "index.html").read_text("utf-8") == "cũ"
    release.discard(staging, output)
    assert leftovers(tmp_path) == []
