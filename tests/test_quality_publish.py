"""Safe publish: `invoke publish` replaces output/ whole, or not at all.

Each test publishes a tiny site with the project's production settings (the
real Pelican build, the real checks) into tmp_path, and looks at what is in
the output folder afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, Site
from portal import release
from test_build import article, hashes

SITEURL = "https://quanmau.example/cong"
# A plugin that stops the build after it has written a few pages.
BOOM = textwrap.dedent('''\
    import sys
    from pelican import signals

    def register():
        written = []

        def count(path, context):
            written.append(path)
            if len(written) == 3:
                print("BOOM sau 3 tệp", file=sys.stderr)
                raise RuntimeError("hỏng giữa chừng")

        signals.content_written.connect(count, weak=False)
    ''')


def publish(site: Site, *args, extra: str = "", output: str | None = None):
    """Run `invoke publish` with production settings for this tiny site."""
    command, env = publish_command(site, *args, extra=extra, output=output)
    proc = subprocess.run(command, cwd=site.root, env=env, capture_output=True,
                          text=True, timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def publish_command(site: Site, *args, extra: str = "", output: str | None = None):
    """The command line and environment of `publish`."""
    conf = site.root / "publish-conf.py"
    conf.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *  # noqa\n"
        f"PATH = {str(site.content)!r}\n"
        f"OUTPUT_PATH = {output or str(site.root / 'output')!r}\n"
        f"CACHE_PATH = {str(site.root / 'cache')!r}\n" + extra,
        encoding="utf-8")
    env = {**os.environ, "SITEURL": SITEURL, "COLUMNS": "1000", "TERM": "dumb"}
    return [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "publish",
            "--settings", str(conf), *args], env


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if p.name.startswith(release.STAGING_PREFIX))


@pytest.fixture
def tiny(site):
    for n in (1, 2):
        site.write(f"articles/2025/03/bai-{n}.md",
                   article(title=f"Bài số {n}", date=f"2025-03-0{n} 08:00"))
    # The theme links to these pages from every page.
    for slug, title in (("gioi-thieu", "Giới thiệu"), ("lien-he", "Liên hệ")):
        site.write(f"pages/{slug}.md", f"Title: {title}\n\nNội dung.\n")
    return site


def test_output_is_replaced_only_after_build_and_checks_pass(tiny):
    output = tiny.root / "output"
    code, log = publish(tiny)
    assert code == 0, log
    first = hashes(output)
    assert "tin-tuc/2025/03/bai-1/index.html" in first
    assert leftovers(tiny.root) == []

    tiny.write("articles/2025/03/bai-3.md", article(title="Bài số 3"))
    plugins = tiny.root / "test-plugins"
    plugins.mkdir()
    (plugins / "boom.py").write_text(BOOM, encoding="utf-8")
    code, log = publish(tiny, extra=f"PLUGIN_PATHS = PLUGIN_PATHS + "
                        f"[{str(plugins)!r}]\nPLUGINS = PLUGINS + ['boom']\n")
    assert code != 0
    assert "BOOM sau 3 tệp" in log
    assert "Xuất bản thất bại: bản dựng có lỗi." in log
    assert "được giữ nguyên" in log
    assert hashes(output) == first
    assert leftovers(tiny.root) == []

    # The build succeeds but a page links to nothing: the output check fails.
    code, log = publish(tiny, extra="MENUITEMS = MENUITEMS + "
                        "(('Hỏng', '/khong-ton-tai/'),)\n")
    assert code != 0
    assert f"liên kết '{SITEURL}/khong-ton-tai/' không trỏ tới tệp nào" in log
    assert "Xuất bản thất bại" in log and "được giữ nguyên" in log
    assert hashes(output) == first
    assert leftovers(tiny.root) == []

    code, log = publish(tiny)
    assert code == 0, log
    second = hashes(output)
    assert "tin-tuc/2025/03/bai-3/index.html" in second
    assert second != first
    assert leftovers(tiny.root) == []


def test_content_errors_stop_publish_before_building(tiny):
    tiny.write("articles/2025/03/sai.md", article(date="31/02/2025"))
    code, log = publish(tiny)
    assert code == 1
    assert "không đọc được ngày '31/02/2025'" in log
    assert not (tiny.root / "output").exists()
    assert leftovers(tiny.root) == []


@pytest.mark.parametrize("where", ["root", "content", "foreign"])
def test_publish_refuses_an_output_folder_it_could_destroy(tiny, where):
    foreign = tiny.root / "tai-lieu"
    foreign.mkdir()
    (foreign / "ghi-chu.txt").write_text("giữ lại", encoding="utf-8")
    output = {"root": tiny.root, "content": tiny.content, "foreign": foreign}[where]
    before = hashes(tiny.root)
    code, log = publish(tiny, output=str(output))
    assert code == 1
    expected = {"root": "thư mục cha", "content": "thư mục content/",
                "foreign": "không giống một bản dựng"}[where]
    assert expected in " ".join(log.split())
    assert "Traceback" not in log
    after = hashes(tiny.root)
    assert {k: v for k, v in after.items() if k != "publish-conf.py"} == {
        k: v for k, v in before.items() if k != "publish-conf.py"}


def test_guard_refuses_the_project_and_its_parents(tmp_path):
    project = tmp_path / "du-an"
    content = project / "content"
    content.mkdir(parents=True)
    for bad in (project, tmp_path, content, content / "output", Path("/")):
        with pytest.raises(release.PublishError):
            release.guard_output(bad, project, content)
    assert release.guard_output(project / "output", project, content) == (
        project / "output").resolve()
    link = project / "lien-ket"
    link.symlink_to(tmp_path)
    with pytest.raises(release.PublishError):
        release.guard_output(link, project, content)


@pytest.mark.parametrize("atomic", [True, False])
def test_swap_replaces_the_folder_whole(tmp_path, monkeypatch, atomic):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("cũ", encoding="utf-8")
    (output / "chi-co-o-ban-cu.html").write_text("cũ", encoding="utf-8")
    staging = release.make_staging(output)
    (staging / "index.html").write_text("mới", encoding="utf-8")
    if not atomic:
        monkeypatch.setattr(release, "_exchange", lambda a, b: False)
    release.swap_in(staging, output)
    assert hashes(output).keys() == {"index.html"}
    assert (output / "index.html").read_text("utf-8") == "mới"
    assert (staging / "index.html").read_text("utf-8") == "cũ"
    release.discard(staging, output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    with pytest.raises(release.PublishError):
        release.discard(tmp_path / "output", output)


def test_rsync_uploads_with_checksums_and_deletes_stale_files(tiny):
    if not release.shutil.which("rsync"):
        reason = "rsync not installed (.ci/run installs Debian's rsync)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    remote = tiny.root / "may-chu"
    remote.mkdir()
    (remote / "cu-da-xoa.html").write_text("cũ", encoding="utf-8")
    (remote / "index.html").write_text("cũ", encoding="utf-8")
    code, log = publish(tiny, "--rsync", str(remote))
    assert code == 0, log
    assert hashes(remote) == hashes(tiny.root / "output")
    command = release.rsync_command(tiny.root / "output", "u@h:/srv/www")
    assert "--checksum" in command and "--delete-after" in command
    assert "--delay-updates" in command


def test_rsync_target_must_not_be_an_option(tiny):
    code, log = publish(tiny, "--rsync", "--delete")
    assert code == 1
    assert "Đích rsync không hợp lệ" in log
    assert not (tiny.root / "output").exists()
