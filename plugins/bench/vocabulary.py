"""Vietnamese text for the synthetic corpus, from a real vocabulary.

Random syllables would not exercise the code like real articles do: the
entity matcher memoises a few thousand distinct syllables, Markdown and the
search index see real word lengths and diacritics. So sentences are built
from clauses cut out of the sample articles (`phrases.txt`, cut once from
the body text under content/; captions left out), with unit and leader names
woven in by `bench.corpus`.
"""

from __future__ import annotations

import random
from pathlib import Path

PHRASES_FILE = Path(__file__).with_name("phrases.txt")


def load_phrases() -> tuple[str, ...]:
    """The clauses, in file order (the generator's randomness is seeded)."""
    lines = PHRASES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line for line in lines if line and not line.startswith("#"))


def sentence(rng: random.Random, phrases: tuple[str, ...],
             extra: str = "") -> str:
    """One to three clauses as a sentence; `extra` (a mention) joins it."""
    parts = [rng.choice(phrases) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
    if extra:
        parts.insert(rng.randrange(len(parts) + 1), extra)
    text = ", ".join(parts)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, phrases: tuple[str, ...],
              mentions: list[str]) -> str:
    """A body paragraph (one long line, as editors write them)."""
    count = rng.randint(2, 5)
    extras = mentions + [""] * max(0, count - len(mentions))
    return " ".join(sentence(rng, phrases, extra) for extra in extras)


def title(rng: random.Random, phrases: tuple[str, ...], mention: str) -> str:
    """A headline: one clause and, usually, the unit it is about."""
    words = rng.choice(phrases).split()[:12]
    text = " ".join(words)
    if mention:
        text = f"{text} tại {mention}"
    return text[0].upper() + text[1:]
