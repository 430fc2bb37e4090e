"""`invoke bench-photos` runs end to end on a few small photos (the real
figures come from 100 camera-sized ones; timings are never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_bench_photos_task_measures_both_pipelines(tmp_path):
    out = tmp_path / "photos.json"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "bench-photos",
         "--count", "3", "--sizes", "1200x900,900x1200", "--workers", "2",
         "--out", str(out), "--work", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text("utf-8"))
    assert figures["photos"] == 3 and figures["workers"] == 2
    assert figures["warm_encoded"] == 0
    # 1200 px wide: 480, 960, 1200; 900 px: 480, 900 — WebP and JPEG each.
    assert figures["derivatives_per_photo"] == round((6 + 4 + 6) / 3, 2)
    for key in ("cold_photos_per_second_per_core", "naive_photos_per_second_per_core",
                "ratio_per_core", "ratio_wall_per_core"):
        assert figures[key] > 0, key
    assert "ảnh/giây/lõi" in result.stdout
    assert "Nhanh hơn đường ống đơn giản" in result.stdout
    # The naive reference wrote its full set too: every width, both formats.
    assert len(list((tmp_path / "work" / "naive").iterdir())) == 3 * 4 * 2
