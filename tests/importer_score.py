"""Extraction score of the importer over saved pages of old portals.

Each case is a page and what a right import of it says: title, date, author
and source, lead and body paragraphs, photo captions, and strings of the page
around the article that must not come along ("junk"). The page is imported
with the real importer into a throw-away content folder, the Markdown it
writes is read back, and each of the six criteria gets a score from 0 to 1.

Used by tests/test_importer_score.py, and as a script to measure any version
of the importer (``--plugins`` points at another checkout's plugins/):

    .venv/bin/python tests/importer_score.py [--plugins DIR] [--pages DIR]

Expected texts of the real pages (../shared/legacy-pages) are kept as
digests, so that their text is not copied into this repository.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/legacy"
LEGACY_PAGES = ROOT.parent / "shared/legacy-pages"
CRITERIA = ("title", "date", "author", "body", "captions", "junk")


@dataclass
class Case:
    name: str
    page: Path  # the page to import (a copy for fixtures)
    expect: dict

    @property
    def options(self) -> dict:
        return self.expect.get("options", {})


@dataclass
class Imported:
    """What the importer wrote for one page, read back."""

    code: int
    output: str
    markdown: str = ""
    meta: dict = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list)
    photos: list[tuple[str, str]] = field(default_factory=list)  # (alt, caption)
    body_markdown: str = ""


# --- cases ---------------------------------------------------------------------

def picture(size=(320, 240), color=(120, 140, 90)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", quality=80)
    return out.getvalue()


def fixture_cases(folder: Path) -> list[Case]:
    """The fixtures copied into ``folder`` with their photos generated."""
    expected = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
    cases = []
    for number, (name, expect) in enumerate(expected.items()):
        root = folder / Path(name).stem
        page = root / expect.get("at", "") / name
        page.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / name, page)
        for index, rel in enumerate(expect.get("files", [])):
            path = root / rel  # photo files, relative to the mirror's root
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(picture(color=(40 * number % 255, 30 * index + 60, 90)))
        cases.append(Case(name, page, expect))
    return cases


def legacy_cases(folder: Path = LEGACY_PAGES) -> list[Case]:
    expected = json.loads((FIXTURES / "legacy-pages.json").read_text("utf-8"))
    return [Case(name, folder / name, expect) for name, expect in expected.items()]


# --- reading what was written -------------------------------------------------

def plain(markdown_text: str) -> str:
    from bs4 import BeautifulSoup
    from markdown import markdown

    soup = BeautifulSoup(markdown(markdown_text, extensions=["extra"]), "html.parser")
    for line_break in soup.find_all("br"):
        line_break.replace_with(" ")
    return " ".join(soup.get_text().split())


def read_markdown(text: str) -> tuple[dict, list[str], list[tuple[str, str]], str]:
    head, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    paragraphs, photos = [], []
    for block in body.split("\n\n"):
        block = block.strip("\n")
        if not block:
            continue
        if block.startswith("!["):
            first, *caption = block.split("\n")
            alt = first[2:first.index("](")]
            photos.append((alt, " ".join(plain(line) for line in caption)))
        else:
            paragraphs.append(plain(block))
    return meta, paragraphs, photos, body


def run_import(case: Case, content: Path) -> Imported:
    from importer import Options, run

    lines: list[str] = []
    code = run(case.page, Options(content=content, **case.options), out=lines.append)
    result = Imported(code, "\n".join(lines))
    written = sorted(content.rglob("*.md"))
    if written:
        result.markdown = written[0].read_text("utf-8")
        (result.meta, result.paragraphs, result.photos,
         result.body_markdown) = read_markdown(result.markdown)
    return result


# --- scoring -------------------------------------------------------------------

def digest(text: str) -> str:
    key = " ".join(unicodedata.normalize("NFC", text).split())
    return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def same(expected: str, actual: str | None) -> bool:
    actual = actual or ""
    if expected.startswith("sha256:"):
        return digest(actual) == expected if actual else expected == digest("")
    return " ".join(expected.split()) == " ".join(actual.split())


def _overlap(expected: list[str], actual: list[str]) -> float:
    """Share of the expected items found, penalised by extra ones."""
    if not expected and not actual:
        return 1.0
    left = list(actual)
    hits = 0
    for item in expected:
        for index, candidate in enumerate(left):
            if same(item, candidate):
                hits += 1
                del left[index]
                break
    return hits / (len(expected) + len(left))


def score(case: Case, result: Imported) -> dict[str, float]:
    expect, meta = case.expect, result.meta
    if not result.markdown:
        return dict.fromkeys(CRITERIA, 0.0)
    credits = [same(expect["author"], meta.get("Author"))]
    if "source" in expect:
        credits.append(same(expect["source"], meta.get("Source")))
    lead = [expect["lead"]] if expect.get("lead") else []
    summary = [meta["Summary"].replace("\\", "")] if meta.get("Summary") else []
    captions = [caption for _alt, caption in result.photos]
    body_text = result.body_markdown.lower()
    junk = expect.get("junk", [])
    return {
        "title": float(same(expect["title"], meta.get("Title"))),
        "date": float(expect["date"] == meta.get("Date")),
        "author": sum(credits) / len(credits),
        "body": _overlap(lead + expect["body"], summary + result.paragraphs),
        "captions": (1.0 if not expect["captions"] and not captions else
                     sum(same(e, a) for e, a in zip(expect["captions"], captions,
                                                      strict=False))
                     / max(len(expect["captions"]), len(captions))),
        "junk": (sum(j.lower() not in body_text for j in junk) / len(junk)
                 if junk else 1.0),
    }


def score_all(cases: list[Case], work: Path) -> dict[str, tuple[dict, Imported]]:
    results = {}
    for number, case in enumerate(cases):
        imported = run_import(case, work / f"content-{number}")
        results[case.name] = (score(case, imported), imported)
    return results


def table(results: dict[str, tuple[dict, Imported]]) -> str:
    lines = [f"{'page':40} " + " ".join(f"{c:>8}" for c in CRITERIA) + "    total"]
    totals = []
    for name, (scores, _imported) in results.items():
        total = sum(scores.values()) / len(CRITERIA)
        totals.append(total)
        cells = " ".join(f"{scores[c]:8.2f}" for c in CRITERIA)
        lines.append(f"{name[:40]:40} {cells} {total:8.1%}")
    if totals:
        lines.append(f"{'mean':40} " + " " * 9 * len(CRITERIA)
                     + f"{sum(totals) / len(totals):8.1%}")
    return "\n".join(lines)


def mean(results) -> float:
    totals = [sum(s.values()) / len(CRITERIA) for s, _ in results.values()]
    return sum(totals) / len(totals) if totals else 0.0


def main(argv: list[str]) -> int:
    plugins = ROOT / "plugins"
    pages = LEGACY_PAGES
    if "--plugins" in argv:
        plugins = Path(argv[argv.index("--plugins") + 1]).resolve()
    if "--pages" in argv:
        pages = Path(argv[argv.index("--pages") + 1]).resolve()
    sys.path.insert(0, str(plugins))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"importer: {plugins}")
        print("fixtures (tests/fixtures/legacy):")
        print(table(score_all(fixture_cases(work / "fixtures"), work / "out-f")))
        if pages.is_dir() and (FIXTURES / "legacy-pages.json").is_file():
            print(f"\nreal pages ({pages}):")
            print(table(score_all(legacy_cases(pages), work / "out-l")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
