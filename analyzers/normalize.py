"""Character-level Arabic normalization rules (DESIGN.md, analysis rules 1-4).

Each rule is a plain function on one token's text so that it can be tested alone and reused by the
Whoosh filters in :mod:`analyzers.pipeline`, by the stop list loader (which must fold its words with
the very same function) and by the query side.

The character tables come from pyarabic where it has them (harakat, tatweel, alef forms); the
Quranic marks and Persian letters are not in pyarabic, so they are listed here by code point.
"""

from __future__ import annotations

import re
import unicodedata

import pyarabic.araby as araby

from analyzers.caching import memoize
from analyzers.limits import MAX_TOKEN_LEN, MAX_WORD_LEN  # noqa: F401 (re-exported)
from analyzers.uthmani import uthmani_fold

# Invisible format characters a word may carry: the zero-width (non-)joiners, and what an editor or
# a web page leaves inside words: the direction marks (RLM, LRM, the Arabic letter mark), the bidi
# embeddings and isolates, a soft hyphen, a zero-width space or no-break space (BOM), the word
# joiner. In the 31k corpus some 60 words hold one (و‏التجربة, ا​لمتلاعبين, المشا­كل), and text
# pasted into the search box does: each split its word in two. Kept inside the token (rule 1) and
# dropped by the fold (rule 2), as the joiners are.
INVISIBLE = ("\u200b\u200c\u200d\u200e\u200f\u061c\u00ad\ufeff\u2060"
             "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Rule 1: what may appear inside a token besides \w. Python's \w does not match combining marks
# (category Mn), so harakat, superscript alef and Quranic marks would otherwise split a vocalized
# word into pieces; tatweel and the invisible characters are kept inside words as well.
# U+08D3-08FF: the Madinah mushaf encoding's open tanween and other extended-A Quranic marks.
INWORD_MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u0640" + INVISIBLE
TOKEN_PATTERN = re.compile(rf"[\w{INWORD_MARKS}]+")

# Rule 3: marks that carry no lexical information for search.
_HARAKAT = "".join(chr(c) for c in range(0x064B, 0x0660))  # includes pyarabic.araby.TASHKEEL
_QURANIC = "".join(chr(c) for c in [*range(0x06D6, 0x06EE), *range(0x08D3, 0x0900)])
MARKS = _HARAKAT + araby.MINI_ALEF + _QURANIC + araby.TATWEEL
_STRIP_MARKS = str.maketrans("", "", MARKS)
# A letter written three times or more is emphasis (مبرووووك, جمييييل, الطااااير: a quoted tweet, a
# query typed as it is said) or a slip (الممملكة, لللاعب). Emphasis stretches a sound one can hold,
# a long vowel, which the word has once: ا و ي are cut to one (مبروك, جميل). Another letter is cut
# to two, which keeps a doubled one (المملكة, للاعب); the few words with a letter thrice are verbs
# whose ت meets their own two (تتتالى, تشتتت), and cut they stay the verb (تتالى, تشتت).
_LETTER_RUN = re.compile("([\u0621-\u063a\u0641-\u064a])\\1\\1+")
# Arabic's long vowels (the letters; also what a transliteration writes or drops:
# analyzers.spelling_variants).
LONG_VOWELS = "اوي"


def _cut_run(run: re.Match[str]) -> str:
    letter = run.group(1)
    return letter if letter in LONG_VOWELS else letter * 2


# Rule 4: letter folding. A hamza's seat (و, ي or none) follows the vowels around it, not the
# word: مسؤول/مسئول/مسءول, شؤون/شئون, أبناؤه/أبنائه/أبناءه are one word each. So ؤ and ئ fold to the
# seatless ء, which keeps the hamza (folding it away to و/ي/nothing merges رئيس with ريس and ماء
# with ما); docs/stemming.md has the measurement.
LETTER_FOLDS = {
    araby.WAW_HAMZA: araby.HAMZA,  # ؤ → ء
    araby.YEH_HAMZA: araby.HAMZA,  # ئ → ء
    araby.ALEF_HAMZA_ABOVE: araby.ALEF,  # أ
    araby.ALEF_HAMZA_BELOW: araby.ALEF,  # إ
    araby.ALEF_MADDA: araby.ALEF,  # آ
    araby.ALEF_WASLA: araby.ALEF,  # ٱ
    araby.ALEF_MAKSURA: araby.YEH,  # ى → ي
    araby.TEH_MARBUTA: araby.HEH,  # ة → ه
    "\u06a9": "\u0643",  # Persian keheh ک → ك
    "\u06cc": araby.YEH,  # Persian yeh ی → ي
    # An Urdu keyboard's letters for the same sounds: مکہ is مكة, لاہور لاهور, ھیئۃ هيئة.
    "\u06aa": "\u0643",  # swash kaf ڪ → ك
    "\u06c1": araby.HEH,  # heh goal ہ → ه
    "\u06c2": araby.HEH,  # heh goal with hamza ۂ → ه
    "\u06be": araby.HEH,  # heh doachashmee ھ → ه
    "\u06c0": araby.HEH,  # heh with yeh above ۀ (the Persian ezafe) → ه
    "\u06c3": araby.HEH,  # teh marbuta goal ۃ → ه, as ة
    "\u06d5": araby.HEH,  # ae ە → ه
    "\u06d2": araby.YEH,  # yeh barree ے → ي
    "\u06d3": araby.HAMZA,  # yeh barree with hamza ۓ → ء, as ئ
}
HAMZA_CARRIER_FOLDS = {
    araby.WAW_HAMZA: araby.WAW,  # ؤ → و
    araby.YEH_HAMZA: araby.YEH,  # ئ → ي
    araby.HAMZA: "",  # ء dropped
}
_FOLD_LETTERS = str.maketrans(LETTER_FOLDS)
_FOLD_LETTERS_AND_HAMZA = str.maketrans({**LETTER_FOLDS, **HAMZA_CARRIER_FOLDS})

# Rule 2: digits. NFKC does not map Arabic-Indic (U+0660..) or Persian (U+06F0..) digits.
_DIGITS = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
)
# The invisible characters go; an underscore parts words: a hashtag writes it for a space
# (#عاصفة_الحزم, #تعليم_وعمل: 120 forms in the 31k corpus) and a search for عاصفة الحزم must find it,
# as a search for the hashtag must find the articles writing the words apart (so do code names:
# vote_id, a handle's salem_sahab).
_ZERO_WIDTH_AND_UNDERSCORE = str.maketrans({**dict.fromkeys(INVISIBLE), "_": " "})
# A number glued to Arabic letters (or to the marks and tatweel inside an Arabic word) is a word of
# its own: news writes the era after a year (2015م, 1436هـ), a clitic before a number (و2015, الـ15,
# بـ5) and a unit after it (10كم) without a space, 12,000 times in the 31k corpus, and a search for
# 2015 must find them. So is a Latin word (بـGoogle, لـCNN, أوIELTS, an e-mail address before
# للتواصل: some 240 tokens), which a search for google must find. Latin letters stay with their
# digits (covid19, 5g, f16: one name each).
_ARABIC_SIDE = "\u0621-\u064a\u0640-\u065f\u0670\u0671-\u06d3\u06d5-\u06ed"
_OTHER_SIDE = "0-9a-z\u00e0-\u00f6\u00f8-\u024f"  # digits and Latin letters, lower-cased
_GLUED = re.compile(rf"(?<=[{_OTHER_SIDE}])(?=[{_ARABIC_SIDE}])|(?<=[{_ARABIC_SIDE}])(?=[{_OTHER_SIDE}])")
_HAS_OTHER = re.compile(f"[{_OTHER_SIDE}]")
# ... and an article glued to a number or a Latin word (الـ15, وبالـ5, للـ20: "the 15th"; الـiPhone),
# with the clitics before it, says nothing a search can use: it goes (read before the letters fold,
# so آل, a family, is never taken for it).
_ARTICLE_BEFORE_OTHER = re.compile(f"(?<![^ ])(?:[وف]?[بك]?ال|[وف]?لل)\u0640*(?= [{_OTHER_SIDE}])")
# Characters NFKC may change: presentation forms, ligatures, compatibility letters and the
# combining sequences it composes. Testing for them first keeps the common case cheap.
_NEEDS_NFKC = re.compile(r"[^\u0000-\u007f\u0621-\u063a\u0641-\u064a\u0660-\u0669\u06f0-\u06f9]")


# News text repeats the same surface forms endlessly, and a cache hit costs less than even one
# str.translate over a word, so each per-token rule is memoized (per process, bounded by size).
CACHE_BYTES = 32 << 20


@memoize(CACHE_BYTES, MAX_TOKEN_LEN)
def unicode_fold(text: str) -> str:
    """NFKC, drop the invisible characters (:data:`INVISIBLE`), lower-case, ASCII digits, words joined by an underscore apart,
    a number or a Latin word apart from the Arabic letters glued to it.

    ``ﻛﺘﺎﺏ`` (presentation forms) → ``كتاب``; ``٢٠١٥`` → ``2015``; ``ﷺ`` → ``صلى الله عليه وسلم``,
    ``2015م`` → ``2015 م``, ``بـGoogle`` → ``بـ google``, ``عاصفة_الحزم`` → ``عاصفة الحزم`` (several
    words: the caller splits them).
    """
    if _NEEDS_NFKC.search(text):
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_ZERO_WIDTH_AND_UNDERSCORE).translate(_DIGITS).lower()
    if _HAS_OTHER.search(text) and _GLUED.search(text):
        text = _ARTICLE_BEFORE_OTHER.sub("", _GLUED.sub(" ", text)).lstrip()
    return text


@memoize(CACHE_BYTES, MAX_TOKEN_LEN)
def strip_marks(text: str) -> str:
    """Remove harakat, superscript alef, Quranic marks and tatweel, and cut a letter's run:
    ``كَتَبَ`` → ``كتب``, ``مبرووووك`` → ``مبروك``, ``الممملكة`` → ``المملكة``."""
    return _LETTER_RUN.sub(_cut_run, text.translate(_STRIP_MARKS))


@memoize(CACHE_BYTES, MAX_TOKEN_LEN)
def fold_letters(text: str, fold_hamza: bool = False) -> str:
    """Fold alef/yaa/taa-marbuta forms and hamza seats: ``إسلامية`` → ``اسلاميه``, ``مستشفى`` →
    ``مستشفي``, ``مسؤول`` and ``مسئول`` → ``مسءول``.

    With ``fold_hamza`` the hamza goes too: ``مسؤول`` → ``مسوول``, and ``ء`` disappears.
    """
    return text.translate(_FOLD_LETTERS_AND_HAMZA if fold_hamza else _FOLD_LETTERS)


def normalize_word(text: str, fold_hamza: bool = False) -> str:
    """Rules 2-4 on one word, as the index stores it before stemming.

    Used wherever a word list (stopwords, protected words, lexicon) must meet indexed terms.
    """
    return fold_letters(strip_marks(uthmani_fold(unicode_fold(text))), fold_hamza)


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def is_arabic(text: str) -> bool:
    """True when the word has at least one Arabic letter (Latin and digits are never stemmed)."""
    return _ARABIC_LETTER.search(text) is not None
