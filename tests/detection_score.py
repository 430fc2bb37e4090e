"""Precision and recall of unit and leader detection on a labelled set.

tests/data/detection/cases.yml holds sentences and photo captions written
the ways Vietnamese portals really write (abbreviations with dots and
dashes, both apostrophes, all caps, titles and ranks before names, lists,
other localities' units), each with the units and people a right detection
finds, and the unregistered names it must warn about ("warn"), against the
small registries beside it (a district's in huyen/, a ward's in phuong/).

Used by tests/test_detection_score.py, and as a script that prints the
figures and every case that is not right:

    .venv/bin/python tests/detection_score.py [-v]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests/data/detection"
KINDS = ("units", "people", "warn")


@dataclass
class Tally:
    right: int = 0
    extra: int = 0   # found, not expected (false positives)
    missed: int = 0  # expected, not found

    @property
    def precision(self) -> float:
        found = self.right + self.extra
        return self.right / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.right + self.missed
        return self.right / expected if expected else 1.0


@dataclass
class Score:
    tallies: dict[str, Tally] = field(
        default_factory=lambda: {kind: Tally() for kind in KINDS})
    wrong: list[tuple[dict, dict]] = field(default_factory=list)
    cases: int = 0


def load_cases(path: Path = DATA / "cases.yml") -> list[dict]:
    return yaml.safe_load(path.read_text("utf-8"))


def _found(registries, case: dict) -> dict[str, set[str]]:
    from vn_text import match_key

    text = case["text"]
    if case.get("caption"):
        detection = registries.detect(captions=[text])
    else:
        detection = registries.detect(body=text)
    return {"units": set(detection.units), "people": set(detection.people),
            "warn": {match_key(note.name) for note in detection.unregistered}}


def score(cases: list[dict] | None = None) -> Score:
    import entities
    from vn_text import match_key

    cases = load_cases() if cases is None else cases
    loaded = {}
    result = Score()
    for case in cases:
        site = case["site"]
        if site not in loaded:
            loaded[site] = entities.load(str(DATA / site))
            assert loaded[site].problems == [], loaded[site].problems
        found = _found(loaded[site], case)
        expected = {"units": set(case.get("units") or ()),
                    "people": set(case.get("people") or ()),
                    "warn": {match_key(n) for n in case.get("warn") or ()}}
        for kind in KINDS:
            tally = result.tallies[kind]
            tally.right += len(found[kind] & expected[kind])
            tally.extra += len(found[kind] - expected[kind])
            tally.missed += len(expected[kind] - found[kind])
        if found != expected:
            result.wrong.append((case, found))
        result.cases += 1
    return result


def report(result: Score, verbose: bool = False) -> str:
    lines = [f"{result.cases} câu và chú thích, {len(result.wrong)} chưa đúng"]
    names = {"units": "đơn vị", "people": "lãnh đạo", "warn": "cảnh báo tên lạ"}
    for kind in KINDS:
        tally = result.tallies[kind]
        lines.append(f"  {names[kind]:<16} precision {tally.precision:.3f}  "
                     f"recall {tally.recall:.3f}  (đúng {tally.right}, "
                     f"thừa {tally.extra}, thiếu {tally.missed})")
    if verbose:
        for case, found in result.wrong:
            lines.append(f"- [{case['site']}] {case['text']}")
            for kind in KINDS:
                want = set(case.get(kind) or ())
                if kind == "warn":
                    from vn_text import match_key
                    want = {match_key(n) for n in want}
                if found[kind] != want:
                    lines.append(f"    {kind}: thấy {sorted(found[kind])}, "
                                 f"cần {sorted(want)}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]
    print(report(score(), verbose="-v" in sys.argv))
