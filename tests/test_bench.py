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
from bench.builds import HUGO, BenchError
from bench.corpus import EDIT_MARK, CorpusSpec, generate
from bench.features import NOT_AVAILABLE, PROBES
from bench.hugo import NOT_INSTALLED, HugoSite, hugo_binary
from bench.registries import make_registries
from bs4 import BeautifulSoup
from conftest import ROOT
from PIL import Image
from vn_text import match_key

HAS_HUGO = hugo_binary() is not None  # CI installs it (requirements-dev.txt)


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


def article_links(page: Path) -> set[str]:
    """The articles a list page links to (ours also links their photos)."""
    main = BeautifulSoup(page.read_text("utf-8"), "html.parser").find("main")
    return {a["href"].split("#")[0] for a in main.find_all("a", href=True)
            if a["href"].startswith("/tin-tuc/")}


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
         "--memory-articles", "10",
         "--out", str(out), "--work", str(tmp_path / "work")],
        cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text("utf-8"))
    assert [s["articles"] for s in result["sizes"]] == [6, 20]
    steps = ["plain_cold", "cold", "warm", "edit"] + ["hugo_cold"] * HAS_HUGO
    for size in result["sizes"]:
        for step in steps:
            assert size[step]["seconds"] > 0 and size[step]["cpu_seconds"] > 0
            assert size[step]["peak_rss_mb"] >= size[step]["pelican_rss_mb"] > 10
            assert len(size[step]["runs"]) == 1
            assert size[step]["warnings"] == 0, "the synthetic corpus builds clean"
        assert size["cold"]["files"] > size["articles"]
        assert set(size["ratios"]) == set(size["cpu_ratios"]) == {
            "cold_vs_plain", "warm_vs_cold", "edit_vs_cold",
            "cold_vs_hugo", "warm_vs_hugo", "edit_vs_hugo"}
        if HAS_HUGO:
            assert size["hugo_cold"]["files"] > size["articles"]
            assert all(size[r]["warm_vs_hugo"] > 0 for r in ("ratios", "cpu_ratios"))
        else:
            assert size["hugo_cold"] == NOT_INSTALLED
        # Photo pipeline figures do not depend on the corpus: largest only.
        expected = set(PROBES) - ({"photos"} if size["articles"] == 6 else set())
        assert set(size["features"]) == expected
        for figures in size["features"].values():
            assert figures == NOT_AVAILABLE or "error" not in figures, figures
    assert result["sizes"][1]["photos"] > 0
    # The memory target from a build of its own, not extrapolated.
    assert result["memory"]["articles"] == 10
    assert result["memory"]["total_mb"] > 10 and result["memory"]["files"] > 10
    assert "10 articles (largest process" in done.stdout
    assert result["growth"]["articles_ratio"] == pytest.approx(20 / 6, rel=1e-3)
    with Image.open(tmp_path / "results.png") as chart:
        assert chart.format == "PNG" and chart.size == (900, 540)
    assert "| articles |" in done.stdout and "Targets:" in done.stdout
    assert "| Hugo cold |" in done.stdout
    assert "- warm ≤ 0.5× Hugo cold: " in done.stdout
    assert "Files written by a cold build:" in done.stdout
    if HAS_HUGO:
        assert result["machine"]["hugo"]
        # Hugo's unit and leader pages are ours (the same detection), with
        # the same articles on their first page.
        work = tmp_path / "work"
        for kind in ("don-vi", "lanh-dao"):
            ours = sorted(p.relative_to(work / "portal-20" / "output") for p
                          in (work / "portal-20/output" / kind).glob("*/index.html"))
            assert len(ours) > 10
            assert ours == sorted(
                p.relative_to(work / "hugo-20" / "output") for p
                in (work / "hugo-20/output" / kind).glob("*/index.html"))
            listed = [article_links(work / "hugo-20/output" / page)
                      for page in ours]
            assert sum(map(len, listed)) > len(ours)
            for page, hugo in zip(ours, listed, strict=True):
                assert hugo <= article_links(work / "portal-20/output" / page)
    # --profile: a cProfile of one cold build, and its top costs as text.
    assert (tmp_path / "results.prof").stat().st_size > 0
    assert "by cumulative" in (tmp_path / "results.txt").read_text("utf-8")


@pytest.mark.slow
def test_a_build_that_logs_a_warning_stops_the_benchmark(tmp_path):
    from bench.builds import PORTAL, Site

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


@pytest.mark.slow
@pytest.mark.skipif(not HAS_HUGO, reason=NOT_INSTALLED)
def test_a_hugo_build_that_warns_stops_the_benchmark(tmp_path):
    corpus = generate(tmp_path / "c", CorpusSpec(4))
    site = HugoSite(HUGO, corpus.content, tmp_path / "hugo")
    site.write_settings()
    clean = site.build("cold")
    assert clean.warnings == 0 and clean.files > 4
    home = site.source / "layouts" / "home.html"
    home.write_text(home.read_text("utf-8").replace(
        "<h1>", '{{ warnf "trang chủ: %s" "thiếu" }}<h1>'), "utf-8")
    with pytest.raises(BenchError) as failed:
        site.build("broken")
    assert "trang chủ: thiếu" in str(failed.value)


@pytest.mark.slow
def test_without_hugo_the_bench_says_so(tmp_path, monkeypatch, capsys):
    import bench.hugo
    import bench.suite
    from bench import Options, run_bench

    for module in (bench.hugo, bench.suite):
        monkeypatch.setattr(module, "hugo_binary", lambda: None)
    result = run_bench(Options(sizes=(3,), runs=1, features=False),
                       tmp_path / "results.json")
    size = result["sizes"][0]
    assert size["hugo_cold"] == NOT_INSTALLED and size["warm"]["seconds"] > 0
    assert size["ratios"]["warm_vs_hugo"] is None
    assert result["machine"]["hugo"] is None
    printed = capsys.readouterr().out
    assert f"Hugo: {NOT_INSTALLED}" in printed
    assert f"warm ≤ 0.5× Hugo cold: {NOT_INSTALLED} — not measured" in printed
    assert (tmp_path / "results.png").is_file()


def test_a_text_corpus_has_no_photos_whatever_its_seed(tmp_path):
    # The seed is passed by position (suite.py): it must not be read as
    # photo_every, which gave every 2,025th article photos.
    corpus = generate(tmp_path / "c", CorpusSpec(30, 0, 3))
    assert corpus.photos == 0 and corpus.spec.seed == 3
