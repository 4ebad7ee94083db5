"""A query typed with the keyboard left in its Latin layout, read as the Arabic layout meant it.

Someone who switches between English and Arabic often types an Arabic word before switching back:
``hgvdhq`` is الرياض, ``hgl;`` الملك (``;`` is the ك key). The suggestion offers the Arabic reading
when every word of it is a word the archive knows (:func:`search.suggest.wrong_layout` decides);
this module only holds the layout. Hand-written: the table is the standard Arabic (101) layout of
Windows and macOS, 47 keys, and no maintained Python package maps keyboard layouts for Arabic.
"""

from __future__ import annotations

import re

from analyzers.normalize import is_arabic

# Each key of a US keyboard → what the Arabic (101) layout types on it. Lower case and unshifted
# punctuation give the letters; shift gives the alef with its hamza or madda, the lam-alef
# ligatures and the harakat (which the analysis strips).
_KEYS = {
    "q": "ض", "w": "ص", "e": "ث", "r": "ق", "t": "ف", "y": "غ", "u": "ع", "i": "ه", "o": "خ", "p": "ح",
    "[": "ج", "]": "د", "a": "ش", "s": "س", "d": "ي", "f": "ب", "g": "ل", "h": "ا", "j": "ت", "k": "ن",
    "l": "م", ";": "ك", "'": "ط", "z": "ئ", "x": "ء", "c": "ؤ", "v": "ر", "b": "لا", "n": "ى", "m": "ة",
    ",": "و", ".": "ز", "/": "ظ", "`": "ذ",
    "Q": "\u064e", "W": "\u064b", "E": "\u064f", "R": "\u064c", "T": "لإ", "Y": "إ", "A": "\u0650",
    "S": "\u064d", "G": "لأ", "H": "أ", "Z": "~", "X": "\u0652", "B": "لآ", "N": "آ", "J": "\u0640",
}  # fmt: skip
_LATIN = re.compile("[A-Za-z]")


def arabic_layout(text: str) -> str | None:
    """``text`` as the Arabic layout types the same keys (``hgvdhq`` → ``الرياض``, ``Hksh`` →
    ``أنسا``: shifted keys too), or None for text with an Arabic letter or none in its reading.
    Keys the table lacks (digits, space, quotes of the query syntax) stay as they are."""
    if is_arabic(text) or not _LATIN.search(text):
        return None
    arabic = "".join(_KEYS.get(c, c) for c in text)
    return arabic if is_arabic(arabic) else None  # UIO, QWE: shifted keys of no letter


# ة and ى end a word; ء ؤ ئ never begin one (a first hamza sits on the alef); ~ and the harakat
# come from shifted keys that type no letter. A reading with them so is no Arabic word, whatever
# folding would make of it (ىخص is no يخص).
_MISPLACED = re.compile("[ةى](?!$)|^[ءؤئ]|[~\u064b-\u0652]")


def spelled_as_arabic(word: str) -> bool:
    """``word`` (one word of an :func:`arabic_layout` reading) spells letters where Arabic puts them."""
    return _MISPLACED.search(word) is None
