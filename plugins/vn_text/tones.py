"""Match keys that ignore where a Vietnamese tone mark was placed.

The same word is written "hòa" (old style) or "hoà" (new style), "Thủy" or
"Thuỷ", and both styles coexist in the portal's documents. Names of units and
people must still match, so the key takes the tone off each syllable and puts
it back by a single rule.
"""

import re
import unicodedata

from .alphabet import TONE_MARKS

# A syllable is a run of letters with their combining marks (all Vietnamese
# marks live in the Combining Diacritical Marks block).
_SYLLABLE = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
_VOWELS = "aăâeêioôơuưy"
_MARKED_VOWELS = "ăâêôơư"
# Open two-vowel rhymes whose tone goes on the second vowel in the new style.
_TONE_ON_SECOND = ("oa", "oe", "uy")


def match_key(text: str) -> str:
    """Return a key equal for texts that differ only in case, Unicode form,
    whitespace or tone-mark placement ("Quận ủy" and "quận  uỷ")."""
    folded = unicodedata.normalize("NFD", text.casefold())
    folded = " ".join(folded.split())
    return unicodedata.normalize("NFC", _SYLLABLE.sub(_place_tone, folded))


def _place_tone(match: re.Match) -> str:
    syllable = match.group()
    tones = "".join(ch for ch in syllable if ch in TONE_MARKS)
    if not tones:
        return syllable
    letters = unicodedata.normalize(
        "NFC", "".join(ch for ch in syllable if ch not in TONE_MARKS)
    )
    position = _tone_position(letters)
    return letters[: position + 1] + tones + letters[position + 1 :]


def _tone_position(letters: str) -> int:
    """Index of the letter that carries the tone in new-style spelling.

    Any rule that depends only on the toneless letters makes the key
    placement-insensitive; following the modern rule keeps the key readable.
    """
    start = next((i for i, ch in enumerate(letters) if ch in _VOWELS), None)
    if start is None:
        return len(letters) - 1
    end = start
    while end < len(letters) and letters[end] in _VOWELS:
        end += 1
    # In "qu" and "gi" the u / i belong to the initial consonant ("quả",
    # "giữa"), unless they are the only vowel ("gì").
    if end - start > 1 and letters[:2] in ("qu", "gi") and start == 1:
        start += 1
    marked = [i for i in range(start, end) if letters[i] in _MARKED_VOWELS]
    if marked:
        # "ươ" takes the tone on ơ, the last marked vowel ("người").
        return marked[-1]
    length = end - start
    if length == 1:
        return start
    if length >= 3:
        return start + 1
    closed = end < len(letters)
    if closed or letters[start:end] in _TONE_ON_SECOND:
        return start + 1
    return start
