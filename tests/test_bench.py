"""The benchmark: its corpus is deterministic and shaped like real content,
and `invoke bench` runs end to end at a tiny size. Timings are never asserted
(see the README's Performance section): only that every figure is there."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bench.corpus import EDIT_MARK, CorpusSpec, generate
from bench.features import NOT_AVAILABLE, PROBES
from bench.registries import make_registries
from conftest import ROOT
from PIL import Image
from vn_text import match_key


def tree_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_registries_have_sixty_units_and_forty_leaders():
    registries = make_registries()
    assert len(registries.units) == 60 and len(registries.people) == 40
    assert len({u.id for u in registries.units}) == 60
    assert len({p.id for p in registries.people}) == 40
    assert "Phòng VH & TT" in registries.units[5].aliases
    assert registries.people[0].name == "Nguyễn Văn Đức"


def test_corpus_is_deterministic_and_grows_by_prefix(tmp_path):
    spec = CorpusSpec(12, photos_per_article=2, photo_size=(64, 48))
    first = generate(tmp_path / "a", spec)
    again = generate(tmp_path / "b", spec)
    assert tree_hashes(first.root) == tree_hashes(again.root)
    assert first.photos > 0 and len(first.articles) == 12

    larger = generate(tmp_path / "c", CorpusSpec(30, 2, photo_size=(64, 48)))
    small, big = tree_hashes(first.content), tree_hashes(larger.content)
    assert all(big[name] == digest for name, digest in small.items())

    # Every photo file is distinct (the image cache keys on content hashes).
    photos = [h for name, h in big.items() if name.endswith(".jpg")]
    assert len(photos) == len(set(photos)) == larger.photos
    with Image.open(next(larger.content.rglob("*.jpg"))) as image:
        assert image.size == (64, 48)


def test_articles_mention_registered_units_and_leaders(tmp_path):
    corpus = generate(tmp_path / "c", CorpusSpec(40))
    registries = make_registries()
    names = [match_key(u.name) for u in registries.units]
    names += [match_key(a) for u in registries.units for a in u.aliases]
    leaders = [match_key(p.name) for p in registries.people]
    texts = [match_key(p.read_text("utf-8")) for p in corpus.articles]
    assert all(any(name in text for name in names) for text in texts)
    with_leader = sum(any(name in text for name in leaders) for text in texts)
    assert 0.3 * len(texts) < with_leader < len(texts)
    sizes = [len(p.read_bytes()) for p in corpus.articles]
    assert 1000 < sum(sizes) / len(sizes) < 6000
    assert (corpus.content / "data/units.yml").is_file()


def test_edit_changes_one_article_each_time(tmp_path):
    corpus = generate(tmp_path / "c", CorpusSpec(10))
    before = tree_hashes(corpus.content)
    corpus.edit(1)
    once = tree_hashes(corpus.content)
    corpus.edit(2)
    twice = tree_hashes(corpus.content)
    target = str(corpus.edit_target().relative_to(corpus.content))
    assert {n for n in before if before[n] != once[n]} == {target}
    assert once[target] != twice[target]
    assert corpus.edit_target().read_text("utf-8").count(EDIT_MARK) == 1


@pytest.mark.slow
def test_invoke_bench_writes_figures_and_chart(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "bench",
         "--sizes", "6,20", "--runs", "1", "--photos-per-article", "1",
         "--photo-size", "64x48", "--photo-bench", "2", "--profile",
         "--out", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text("utf-8"))
    assert [s["articles"] for s in result["sizes"]] == [6, 20]
    for size in result["sizes"]:
        for step in ("plain_cold", "cold", "warm", "edit"):
            assert size[step]["seconds"] > 0 and size[step]["cpu_seconds"] > 0
            assert size[step]["peak_rss_mb"] >= size[step]["pelican_rss_mb"] > 10
            assert len(size[step]["runs"]) == 1
        assert size["cold"]["files"] > size["articles"]
        assert size["cold"]["warnings"] == 0, "the synthetic corpus builds clean"
        assert set(size["ratios"]) == {"cold_vs_plain", "warm_vs_cold",
                                       "edit_vs_cold"}
        # Photo pipeline figures do not depend on the corpus: largest only.
        expected = set(PROBES) - ({"photos"} if size["articles"] == 6 else set())
        assert set(size["features"]) == expected
        for figures in size["features"].values():
            assert figures == NOT_AVAILABLE or "error" not in figures, figures
    assert result["sizes"][1]["photos"] > 0
    assert result["growth"]["articles_ratio"] == pytest.approx(20 / 6, rel=1e-3)
    with Image.open(tmp_path / "results.png") as chart:
        assert chart.format == "PNG" and chart.size == (900, 540)
    assert "| articles |" in done.stdout and "Targets:" in done.stdout
    # --profile: a cProfile of one cold build, and its top costs as text.
    assert (tmp_path / "results.prof").stat().st_size > 0
    assert "by cumulative" in (tmp_path / "results.txt").read_text("utf-8")


@pytest.mark.slow
def test_a_build_that_logs_a_warning_stops_the_benchmark(tmp_path):
    from bench.builds import PORTAL, BenchError, Site

    corpus = generate(tmp_path / "c", CorpusSpec(4))
    site = Site(PORTAL, corpus.content, tmp_path / "ours")
    clean = site.build("cold")
    assert clean.warnings == 0 and clean.search["articles"] == 4
    assert clean.total_mb >= clean.pelican_rss_mb * 0.5 > 5
    # An unregistered leader is a warning: the figures of that build are
    # not reported, the message is.
    broken = corpus.articles[0]
    broken.write_text(broken.read_text("utf-8")
                      + "\nĐồng chí Trịnh Văn Khôngcó phát biểu.\n", "utf-8")
    with pytest.raises(BenchError) as failed:
        site.build("broken")
    assert "Trịnh Văn Khôngcó" in str(failed.value)
    assert broken.name in str(failed.value)
