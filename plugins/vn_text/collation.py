"""Vietnamese alphabetical order, as ICU sorts with the CLDR "vi" tailoring.

Python compares code points, which puts "Đức" after "Yến" and "ăn" after
"z". The site must not depend on PyICU (a compiled library), so this module
rebuilds ICU's three-level comparison for the characters the portal uses:

* primary: base letters in the Vietnamese alphabet (ă, â, ê, ô, ơ, ư and đ are
  letters of their own), with ICU's non-ignorable groups before them: spaces,
  punctuation, symbols, currency signs, digits;
* secondary: tone marks, ngang < huyền < hỏi < ngã < sắc < nặng;
* tertiary: case, lower before upper.

Every level is a tuple, so a string that is a prefix of another sorts first,
as with ICU sort keys. Characters outside Vietnamese and Latin are only
approximated (by code point inside their group).
"""

import unicodedata

from .alphabet import ALPHABET, TONE_MARKS

_SPACE, _PUNCTUATION, _SYMBOL, _CURRENCY, _DIGIT, _LETTER = range(6)
_COMMON = 0  # secondary weight of a base character without a mark


def sort_key(text: str) -> tuple[tuple, tuple, tuple]:
    """Return a ``sorted()`` key giving ICU's Vietnamese order."""
    primary, secondary, tertiary = [], [], []
    for base, marks in _clusters(unicodedata.normalize("NFD", text)):
        letter, marks = _contract_letter(base, marks)
        weight = _primary_weight(letter)
        if weight is not None:
            primary.append(weight)
            secondary.append(_COMMON)
            tertiary.append(int(base.isupper()))
        for mark in marks:
            secondary.append(_secondary_weight(mark))
            tertiary.append(0)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def person_sort_key(full_name: str) -> tuple:
    """Key ordering people by given name (the last word), then by family and
    middle names in written order, as Vietnamese name indexes do."""
    words = full_name.split()
    given = words[-1] if words else ""
    return sort_key(given), sort_key(" ".join(words[:-1]))


def _clusters(chars: str):
    """Yield (base character, its combining marks); base is "" for marks
    at the start of the text."""
    base, marks = "", ""
    for ch in chars:
        if unicodedata.category(ch).startswith("M"):
            marks += ch
            continue
        if base or marks:
            yield base, marks
        base, marks = ch, ""
    if base or marks:
        yield base, marks


def _contract_letter(base: str, marks: str) -> tuple[str, str]:
    """Fold a letter mark into its base when they make a Vietnamese letter.

    NFD may put a dot below between the base and its breve or circumflex
    ("ặ" is a, dot below, breve), so every mark of the cluster is tried,
    like ICU's discontiguous contractions.
    """
    lower = base.lower()
    for index, mark in enumerate(marks):
        letter = unicodedata.normalize("NFC", lower + mark)
        if letter in ALPHABET:
            return letter, marks[:index] + marks[index + 1 :]
    return lower, marks


def _primary_weight(letter: str) -> tuple[int, int] | None:
    if not letter:
        return None
    if letter in ALPHABET:
        return _LETTER, ALPHABET.index(letter)
    if letter.isspace():
        return _SPACE, ord(letter)
    category = unicodedata.category(letter)
    if category == "Nd":
        return _DIGIT, unicodedata.decimal(letter)
    if category.startswith("L"):
        return _LETTER, len(ALPHABET) + ord(letter[0])
    if category.startswith("P"):
        return _PUNCTUATION, ord(letter)
    if category == "Sc":
        return _CURRENCY, ord(letter)
    if category.startswith("C"):
        # Controls and format characters (zero-width joiners...) are
        # completely ignorable in ICU.
        return None
    return _SYMBOL, ord(letter)


def _secondary_weight(mark: str) -> int:
    if mark in TONE_MARKS:
        return 1 + TONE_MARKS.index(mark)
    # Marks Vietnamese does not use come after the tones.
    return 1 + len(TONE_MARKS) + ord(mark)
