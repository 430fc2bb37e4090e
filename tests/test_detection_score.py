"""Unit and leader detection measured on the labelled set of
tests/data/detection (see tests/detection_score.py)."""

from __future__ import annotations

import entities
import pytest
from detection_score import DATA, load_cases, score


def test_the_set_is_labelled_against_its_registries():
    cases = load_cases()
    assert len(cases) >= 150
    sites = {site: entities.load(str(DATA / site)) for site in ("huyen", "phuong")}
    for case in cases:
        registries = sites[case["site"]]
        for kind in ("units", "people"):
            for id_ in case.get(kind) or ():
                assert registries.get(kind, id_), (case["text"], id_)


@pytest.fixture(scope="module")
def result():
    return score()


def test_every_case_is_scored(result):
    assert result.cases == len(load_cases())
    assert all(t.right + t.missed > 0 for t in result.tallies.values())


@pytest.mark.parametrize("kind", ["units", "people", "warn"])
def test_precision_and_recall_reach_the_target(result, kind):
    tally = result.tallies[kind]
    assert tally.precision >= 0.97 and tally.recall >= 0.97, (
        kind, tally, [case["text"] for case, _ in result.wrong])
