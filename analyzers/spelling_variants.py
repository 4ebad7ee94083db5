"""Spellings of one transliterated word: the rules that generate them, and what they must not touch.

A foreign name or brand has no one Arabic spelling: the sound g is written ج غ ق ك or گ (جوجل,
غوغل, قوقل), a long vowel is written or dropped (يوتيوب / يوتوب, نتنياهو / نتانياهو), a sound Arabic
lacks is written with a Persian letter or without (روڤر / روفر). Each spelling is
its own term in the index, so a search for one misses the others (issue 19). The query side
(:mod:`search.expansion`) looks for the terms these rules generate in the index vocabulary and adds
the ones that occur as lower-weight alternatives::

    variants("جوجل", in_index)  → ["غوغل", "قوقل", ...]: the rules' spellings the index has
    is_native("كتاب")           → True: a dictionary word, never expanded nor produced

The same rules would turn native words into other native words (قلب / كلب, جمال / جمل, كتاب /
كتب), so both the typed word and each variant must be unknown to the Arabic dictionary — the
pinned Arramooz lexicon the roots come from (:func:`analyzers.dictionary.spellings`: every noun,
broken plural and verb it lists): a native word is in it, a transliterated name is not. Its
loanwords are the exception (``data/loanwords.txt``: أوروبا, فيروس, تلسكوب): words the dictionary
files under no root, with the spellings any transliteration has (أوربا, فايروس, تليسكوب). The stop
words are native too: function words the dictionary does not list (بينما is no spelling of بنما,
nor مازلت of مازالت).
``tests/test_spelling_variants.py`` measures this on issue 14's word lists and on families mined
from the corpus by rule.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from importlib import resources

from analyzers import dictionary, roots
from analyzers.hamza_seats import final_seat_spelling
from analyzers.limits import MAX_WORD_LEN
from analyzers.normalize import LONG_VOWELS  # the vowels a transliteration writes or drops
from analyzers.stopwords import stopwords

# The letters the sound g is written with (گ is Persian; folding leaves it as it is).
G_LETTERS = "جغقكگ"
# The letters Persian adds for the sounds Arabic lacks, each with the Arabic spellings news writes
# for it (روڤر / روفر, الپيشمرگه / البيشمركة, رژيم / ريجيم, چ for ch as تشيلسي or شيلسي). Folding keeps
# them (DESIGN.md's rule 4 folds only ک and ی), so each is a spelling of its own.
PERSIAN_LETTERS = {"ڤ": ("ف",), "پ": ("ب",), "چ": ("تش", "ش", "ج"), "ژ": ("ج", "ز")}
# The other way: each Arabic spelling → the Persian letter it may stand for.
_WRITTEN_PERSIAN = tuple((arabic, persian) for persian, spellings in PERSIAN_LETTERS.items()
                         for arabic in spellings)
# A word with more Persian letters than this is read in no Arabic spelling (3**n readings), and one
# with more letters Persian may stand for (ف ب ج ش ز) than MAX_PERSIAN_PLACES is written in no
# Persian spelling: a name has a few (بيشمركه 2), a junk word of 20 such letters would cost a
# look-up per letter in each of its g spellings.
MAX_PERSIAN_LETTERS = 2
MAX_PERSIAN_PLACES = 3
_PERSIAN_PLACES = frozenset(arabic for arabic, _p in _WRITTEN_PERSIAN if len(arabic) == 1)  # تش: its ش
# A word with more g letters than this gets no g variants (5**n spellings).
MAX_G_LETTERS = 2
# Shorter terms are left alone: three letters or fewer are mostly native, and their variants are
# other short words.
MIN_LENGTH = 4

# Cuts dearer than this are not believed: ك+لينت+ون (كلينتون) would make the name "softness".
# In the roots' cost units (tenths): a verb prefix ي 8, an ending ون 4, a pronoun ها 5.
MAX_CUT_COST = 16

_HAMZAS = str.maketrans({"ء": "ا", "ئ": "ا", "ؤ": "ا"})  # the dictionary writes every hamza as ا


@functools.cache
def _loanwords() -> frozenset[str]:
    """``data/loanwords.txt`` (bench/build_loanwords.py): the dictionary's underived nouns that no
    Arabic pattern reads, أوروبا, فيروس, بترول, but not بركان (CCCان of برك), انسان, رمضان, whose rule
    spellings are names (بريكان)."""
    text = resources.files("analyzers").joinpath("data", "loanwords.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@functools.cache
def _native_stems() -> frozenset[str]:
    """The dictionary's spellings but its loanwords, the stems its verbs are conjugated on
    (يكتب: كتب), and the masdars it leaves out (:func:`assimilated_masdars`)."""
    verbs = frozenset(roots.verb_stems())
    return (dictionary.spellings() - _loanwords()) | verbs | assimilated_masdars(verbs)


def assimilated_masdars(verbs: frozenset[str]) -> frozenset[str]:
    """The masdar إفعال of each verb أفعل whose root starts with و, as the dictionary keys spell
    (every hamza ا): أوجد → ايجاد, أوقف → ايقاف, أوحى → ايحاا (إيحاء). The dictionary lists the masdars
    of the other roots (إعلان, إنجاز), not these, whose و is written ي — so the g rule took إيقاد
    (kindling, 15 uses) for a spelling of إيجاد (creating, 1,222)."""
    return frozenset("اي" + v[2] + "ا" + ("ا" if v[3] in "اي" else v[3])
                     for v in verbs if len(v) == 4 and v.startswith("او"))


def is_loanword(term: str) -> bool:
    """Whether the dictionary lists ``term`` as a transliterated word (:func:`_loanwords`: أوروبا,
    فيروس): a word with spellings, though the dictionary knows one of them."""
    return term.translate(_HAMZAS) in _loanwords()


def in_dictionary(term: str) -> bool:
    """Whether ``term`` is a dictionary word, native or a loanword: the side of a pair the
    dictionary knows, for the tests that join one of its spellings to a rarer one
    (:mod:`analyzers.house_spellings`, :mod:`analyzers.context_spellings`)."""
    return is_loanword(term) or is_native(term)


def is_listed(term: str) -> bool:
    """Whether the dictionary lists ``term`` itself (a spelling or a verb's stem, not a
    loanword), no affix cut."""
    return term.translate(_HAMZAS) in _native_stems()


def _listed(term: str) -> bool:
    return term in stopwords() or is_listed(term)


def is_native(term: str) -> bool:
    """Whether ``term`` (a folded form or a light stem) is an Arabic dictionary word
    (:func:`_reads_native`), one written with its final hamza's other seat (شواطيء, شاطيء for
    شواطئ, شاطئ: :func:`analyzers.hamza_seats.final_seat_spelling`), or a name compounded of one
    (:func:`head_compound`: عبدالله). The seat's spelling was read as a transliteration, and the
    vowel rule dropped its و: شواطيء → شاطيء made the singular a spelling of the plural, and a
    search for الشواطئ scored الشاطئ at the spellings' weight, not the other number's."""
    other_seat = final_seat_spelling(term)
    return _reads_native(term) or _head_name(term) or (other_seat is not None and _reads_native(other_seat))


def head_compound(term: str) -> bool:
    """Whether ``term`` is native only as a name of a :data:`COMPOUND_HEADS` word and a dictionary
    word (عبدالعزيز, عبدالله): one name that the news writes joined or apart, which the compound
    rules (:mod:`analyzers.compounds`) therefore join when it is typed apart."""
    return _head_name(term) and not _reads_native(term)


def _head_name(term: str) -> bool:
    return not is_loanword(term) and _compound(term.translate(_HAMZAS), _native_stems())


def _reads_native(term: str) -> bool:
    """Whether ``term`` is an Arabic dictionary word: itself, or once a clitic, verb prefix,
    ending or pronoun (:data:`analyzers.roots.PREFIXES`,
    :data:`~analyzers.roots.SUFFIXES`) is cut off, leaving three letters or more (يقارب, نستطيع,
    حاولوا, the light stem وزار of وزارة), or two after an ending alone (كلنا). A first و ف ب ك ل
    that the light stemmer keeps is a letter of the word (:func:`analyzers.roots.radical_clitic`):
    بنتاجون is no ب+نتاج, فلكلور no ف+لكلور; an imperfect prefix takes no noun's ending (سنابشات is
    no سن+ابش+ات). A loanword the dictionary lists is not native (:func:`is_loanword`): أوروبا
    has the spelling أوربا as جوجل has غوغل."""
    if term in stopwords():
        return True  # a function word the dictionary does not list: بينما is not a spelling of بنما
    if is_loanword(term):
        return False  # فيروس: the dictionary's own reading, not ف + يروس
    if is_listed(term):
        return True
    key = term.translate(_HAMZAS)
    native = _native_stems()
    n = len(key)
    radical = roots.radical_clitic(term)
    for cost, p, k in roots.cuts(key):
        if cost > MAX_CUT_COST:
            break
        if radical and roots.bare_clitic(key[:p]):
            continue  # بنتاجون, فلكلور: the stemmer's evidence keeps the letter, no ب+نتاجون
        if roots.impossible_cut(key[:p], key[n - k :]):
            continue
        # two letters left only by an ending alone (كل+نا): a prefix too leaves too little
        if (n - p - k >= 3 or p == 0) and any(
            form in native for form in roots.stem_forms(key[p : n - k], key[n - k :])
        ):
            return True
    return False


# The closed class of words Arabic names are compounded with, written joined to the next word
# (عبدالله, ابوظبي, ابنسينا); any dictionary word as a head would take in foreign names (انج+لترا).
COMPOUND_HEADS = ("عبد", "ابو", "ابن", "بن", "بنت", "ام", "ذو")


def _compound(key: str, native: frozenset[str]) -> bool:
    """A name compounded of a :data:`COMPOUND_HEADS` word and a dictionary word, maybe with the
    article (عبدالله, عبدالاله, ابوظبي)."""
    for head in COMPOUND_HEADS:
        tail = key[len(head) :]
        if key.startswith(head) and len(tail) >= 3:
            if tail in native or (tail.startswith("ال") and tail[2:] in native):
                return True
    return False


def family(term: str, occurs: Callable[[str], bool], limit: int,
           apart: Callable[[str, str], bool] | None = None) -> list[str]:
    """:func:`variants` of ``term``, then of each of them (the rules chain: عبيدالله → عبدالله →
    عبدالاله), breadth first, up to ``limit`` spellings besides ``term``; a pair ``apart`` says is
    two words (:attr:`analyzers.context_spellings.Pair.apart`) neither joins nor chains, and a
    spelling apart from one the family has already taken stays out: بوينج / بينغ are two words
    (Boeing; Xi Jinping's بينغ), so بوينغ, one word with بوينج, takes بوينج (a g letter, tried
    first) and not بينغ (a vowel dropped), as بوينج does."""
    found: dict[str, None] = {}
    queue = [term]
    while queue and len(found) < limit:
        spelling = queue.pop(0)
        for v in variants(spelling, occurs):
            if v == term or v in found or len(found) >= limit:
                continue
            if apart is not None and kept_apart(apart, (term, *found), v):
                continue
            found[v] = None
            queue.append(v)
    return list(found)


def kept_apart(apart: Callable[[str, str], bool], members: Iterable[str], spelling: str) -> bool:
    """Whether ``apart`` (the index's table) keeps ``spelling``, or it written with other g
    letters, apart from one of ``members``: بوينغ beside بينغ, as the table parts بوينج, Boeing's
    commoner spelling, from بينغ."""
    spellings = g_variants(spelling)
    return any(apart(member, g) for member in members for g in spellings)


def g_variants(term: str) -> list[str]:
    positions = [i for i, ch in enumerate(term) if ch in G_LETTERS]
    if not positions or len(positions) > MAX_G_LETTERS:
        return [term]
    out = [term]
    for i in positions:
        out = [v[:i] + g + v[i + 1 :] for v in out for g in G_LETTERS]
    return out


def consistent_g_spellings(text: str) -> list[str]:
    """``text`` with each g letter it holds written as another g letter wherever it stands, one
    mapping for the whole text: «هونغ كونغ» → «هونج كونج», «هونق كونق», … (a writer transliterates
    the sound one way throughout a name). Not ``text`` itself; none when it holds more than
    :data:`MAX_G_LETTERS` distinct g letters. Bounded where :func:`g_variants` is not: a name of
    two words may hold three or four g letters (هونغ كونغ), but seldom three different ones."""
    letters = sorted({ch for ch in text if ch in G_LETTERS})
    if not letters or len(letters) > MAX_G_LETTERS:
        return []
    spellings = (text.translate(str.maketrans(dict(zip(letters, written, strict=True))))
                 for written in itertools.product(G_LETTERS, repeat=len(letters)))
    return [v for v in dict.fromkeys(spellings) if v != text]


def arabic_readings(term: str) -> list[str]:
    """``term`` with each Persian letter written in Arabic, every combination (روڤر → روفر):
    empty when it has none, or more than :data:`MAX_PERSIAN_LETTERS`."""
    return _written_in(term, PERSIAN_LETTERS)


# Every letter Persian adds, گ too, with the Arabic letters news writes for it.
_ARABIC_FOR = {**PERSIAN_LETTERS, "گ": tuple(g for g in G_LETTERS if g != "گ")}


def arabic_spellings(term: str) -> list[str]:
    """``term`` with each Persian letter, گ included, written in Arabic, every combination
    (گاز → جاز غاز قاز كاز; چاي → تشاي شاي جاي): the words a writer of a Persian letter may mean,
    and nothing else of the word changed (:func:`g_variants` would also swap its Arabic g
    letters). Empty when it has none, or more than :data:`MAX_PERSIAN_LETTERS`."""
    return _written_in(term, _ARABIC_FOR)


def _written_in(term: str, letters: dict[str, tuple[str, ...]]) -> list[str]:
    if not 0 < sum(term.count(p) for p in letters) <= MAX_PERSIAN_LETTERS:
        return []
    out = [""]
    for ch in term:
        out = [v + a for v in out for a in letters.get(ch, (ch,))]
    return out


def persian_spellings(term: str) -> Iterator[str]:
    """``term`` with one Arabic letter (or تش) written as the Persian letter it may stand for
    (روفر → روڤر): the inverse of :func:`arabic_readings`, one letter at a time; none for a word
    with more than :data:`MAX_PERSIAN_PLACES` such letters."""
    if sum(ch in _PERSIAN_PLACES for ch in term) > MAX_PERSIAN_PLACES:
        return
    for arabic, persian in _WRITTEN_PERSIAN:
        start = term.find(arabic)
        while start >= 0:
            yield term[:start] + persian + term[start + len(arabic) :]
            start = term.find(arabic, start + 1)


def vowel_edits(term: str) -> Iterator[str]:
    """One long vowel dropped after a consonant (never the first or last letter), or written
    after one — each edit the inverse of another, so that any two spellings reach each other.
    A و or ي doubled (:data:`DOUBLED_VOWELS`) is also written once, and the other way round."""
    for i in range(1, len(term) - 1):
        if term[i] in LONG_VOWELS and term[i - 1] not in LONG_VOWELS:
            yield term[:i] + term[i + 1 :]
    for i in range(1, len(term)):
        if term[i - 1] not in LONG_VOWELS:
            for v in LONG_VOWELS:
                yield term[:i] + v + term[i:]
    yield from doubled_vowel_edits(term)


# A long vowel after another vowel that transliterations write doubled or once: داوود / داود,
# هوليوود / هوليود, رافاييل / رافايل, هاييتي / هايتي (after a consonant, سوفييت / سوفيت, the drop above
# already reaches it). Not the first letter's double: ووقانا is و + وقانا.
DOUBLED_VOWELS = "وي"


def doubled_vowel_edits(term: str) -> Iterator[str]:
    """``term`` with a doubled و or ي written once, or one written twice (neither the first nor
    the last letter: each edit the other's inverse)."""
    for i in range(1, len(term) - 1):
        if term[i] in DOUBLED_VOWELS:
            if term[i + 1] == term[i] and i + 1 < len(term) - 1:
                yield term[: i + 1] + term[i + 2 :]
            yield term[: i + 1] + term[i] + term[i + 1 :]


def variants(term: str, occurs: Callable[[str], bool]) -> list[str]:
    """The other spellings of ``term`` under the rules for which ``occurs`` (the index vocabulary)
    says yes: g letters swapped, a Persian letter written in Arabic or an Arabic one in Persian (in
    the g spellings too: بيشمركه → پيشمرگه), then one long vowel written or dropped in the typed
    spelling, its Arabic readings and each spelling found — so the rules combine without trying
    every product. Empty for a native word, a short one, or one longer than any word
    (:data:`MAX_WORD_LEN`: a junk "word" of 2,000 letters would have 8,000 vowel edits to look
    up); never a native word, but for a Persian letter's reading that is native only through a
    cut (below)."""
    if not MIN_LENGTH <= len(term) <= MAX_WORD_LEN or is_native(term):
        return []
    found: dict[str, None] = {}

    def look(v: str, native: Callable[[str], bool] = is_native) -> None:
        if v != term and v not in found and len(v) >= MIN_LENGTH and occurs(v) and not native(v):
            found[v] = None

    readings = arabic_readings(term)
    for spelling in g_variants(term):
        look(spelling)
        for v in persian_spellings(spelling):
            look(v)
    for reading in readings:
        for v in g_variants(reading):
            # A Persian letter marks the word foreign: its Arabic spelling is refused only when
            # the dictionary lists it as it is (رژيم is no رجيم), not for a cut reading (ڤيليب is
            # فيليب, no ف + ي + ليب).
            look(v, _listed)
    for base in (term, *readings, *list(found)):
        for v in vowel_edits(base):
            look(v)
    return list(found)
