"""Vietnamese letters and tone marks in Unicode terms.

Both the collation and the tone-insensitive match key need to tell the five
tone marks apart from the marks that make new letters (ă â ê ô ơ ư), so the
data lives here once.
"""

# Primary order of the Vietnamese alphabet, with the Latin letters Vietnamese
# does not use (f j w z) where the Latin alphabet puts them. Each entry is one
# NFC character, so a base letter plus a letter mark can be recognised by
# composing it and looking it up here.
ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")

# The combining tone marks in collation order: huyền (grave), hỏi (hook above),
# ngã (tilde), sắc (acute), nặng (dot below). Ngang has no mark.
TONE_MARKS = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
