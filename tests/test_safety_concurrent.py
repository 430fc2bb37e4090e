"""Two cold builds of one site at once (an editor's preview and a second
terminal, or two CI jobs on one runner) both finish without a traceback."""

from __future__ import annotations

import subprocess
import sys

from test_build import article


def test_two_cold_builds_at_once_into_one_output(site):
    body = "\n\n".join(f"![Ảnh {n}](anh/{n}.jpg)\nChú thích ảnh {n}" for n in range(12))
    for n in range(12):
        site.image(f"articles/2025/03/anh/{n}.jpg", size=(1600, 1200),
                   color=(20 * n, 40, 40))
    site.write("articles/2025/03/anh.md", article(body=body))
    # Settings written by one build(): the same output, caches and images.
    site.build("first-settings")
    conf = site.root / "conf-first-settings.py"
    for rendered in (site.root / "image-cache", site.root / "first-settings",
                     site.root / "cache-first-settings"):
        subprocess.run(["rm", "-rf", str(rendered)], check=True)
    runs = [subprocess.Popen([sys.executable, "-m", "pelican", "--settings", str(conf)],
                             cwd=site.root, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
            for _ in range(2)]
    logs = [run.communicate(timeout=600)[0] for run in runs]
    for run, log in zip(runs, logs, strict=True):
        assert "Traceback" not in log and "SameFileError" not in log, log
        assert run.returncode == 0, log
    assert any("Một bản dựng khác đang ghi vào" in log for log in logs)
    figures = (site.root / "first-settings/tin-tuc/2025/03/anh/index.html").read_text()
    assert figures.count("<figure") == 12
