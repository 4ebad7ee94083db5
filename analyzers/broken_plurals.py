"""Broken plurals and their singulars, in stemmed term space (DESIGN.md rule 6, issue 14 item 4).

مدارس / مدرسة, طلاب / طالب, مساجد / مسجد share no stem, and light stemming must not join them:
merged in the index, the verb كتب would become the books كتب and the book كتاب. They meet at query
time instead: for each stemmed query term the query side adds the terms :func:`forms_of` gives,
as alternatives of lower weight in the stemmed fields::

    from analyzers.broken_plurals import forms_of
    stem = light_stem(folded_word)            # the term the text fields hold: مدرسة → مدرس
    Or([Term(field, stem), *(Term(field, other, boost=PLURAL_WEIGHT) for other in forms_of(stem))])

(دول / دولة need no entry: their light stems are already one term.) The pairs are the Arramooz
dictionary's nouns and the broken plurals it lists for them (the pinned package the roots come
from; read at first use, never copied into the repository), both mapped through
:func:`analyzers.stemming.light_stem`, so they are always the terms the index holds. A pair is
left out when the dictionary entry is garbled (the plural lacks the root's consonants), when the
plural is also another word — a verb (كتب), an إفعال verbal noun once hamza is folded (أعداد /
إعداد), a noun with plurals of its own (كُتّاب / كتاب), or stems into a dictionary word (طلبة →
طلب) — and when news text (the ``analyzers/data`` lexicon) barely uses one of the two forms.
bench/broken_plurals.py prints a sample to read and the coverage of frequent plurals. At query
time a pair is also left out when the index's articles use its two forms as two words, by how
often they meet (:func:`two_words`: قطر, Qatar / قطار, trains).
"""

from __future__ import annotations

import functools

from analyzers import chance, dictionary
from analyzers.evidence import written_maqsura
from analyzers.normalize import normalize_word
from analyzers.stemming import lexicon, light_stem

# Both forms must stand alone at least this often in the news lexicon (analyzers/data), and the
# commoner at most MAX_RATIO times as often as the other: a pair like صبيح/صِباح (1,502 times صباح,
# "morning") is a rare sense whose expansion would only add noise.
MIN_COUNT = 10
MAX_RATIO = 60
# A word's two numbers share their subjects: an article with one has the other at several times
# chance (4.9 at the median of the 31k corpus's pairs that can be measured). Two words the
# dictionary pairs by their letters meet at chance or below: قطر (Qatar) / قطار (train), محافظ
# (governor) / محفظة (wallet), ملك (king) / ملائكة (angels), نقل (transport) / نقول (we say).
# :func:`two_words` keeps them apart when the index says so at this significance.
RELATED_LIFT = 3.0
# The sound plurals of a noun in اة: the root's و or ي back before ات (folded: اه → يات / وات).
RESTORED_PLURALS = ("يات", "وات")
SIGNIFICANCE = 0.01


@functools.cache
def table() -> dict[str, tuple[str, ...]]:
    """Stem → the stems of its other number (singular ↔ broken plural), most used first."""
    counts = lexicon()
    with dictionary.connect() as db:
        nouns = db.execute(
            "SELECT unvocalized, broken_plural, root, wordtype LIKE '%مصدر%' FROM nouns ORDER BY id"
        ).fetchall()
        verbs = db.execute("SELECT unvocalized FROM verbs ORDER BY id").fetchall()
    # A plural spelled like a verb (كتب: wrote / books), like a verbal noun إفعال once hamza is
    # folded (أعداد/إعداد, أعلام/إعلام), or stemmed into another dictionary word (طلبة → طلب,
    # أوزان → اوز), would pull that other sense into the expansion: such plurals are left out.
    # A noun with a plural of its own is a word in its own right too (كُتّاب, writers, is spelled
    # كتاب, book); one without (the participle مُدارِس beside مدارس) rarely is what people mean.
    homographs = {normalize_word(w) for (w,) in verbs}
    homographs.update(f for w, _p, _r, masdar in nouns if masdar and (f := normalize_word(w)).startswith("ا"))
    listed = {(normalize_word(w), p) for w, plurals, _r, _m in nouns for p in dictionary.folded_plurals(plurals)}
    # ... but not the few plurals entered the wrong way round (أيام with "plural" يوم).
    homographs.update(w for w, p in listed if (p, w) not in listed)
    words = homographs | {normalize_word(w) for w, *_rest in nouns}
    pairs: dict[str, dict[str, None]] = {}

    def pair(singular: str, plural: str, in_maqsura: frozenset[str] = frozenset()) -> None:
        stem, singular_stem = light_stem(plural), light_stem(singular)
        low, high = sorted((counts.get(plural, 0), counts.get(singular, 0)))
        if (
            low < MIN_COUNT
            or high > MAX_RATIO * low
            or stem == singular_stem  # دول/دولة already share their stem
            or plural in homographs
            # a plural in ى the news writes with ي is another word there: حربى (of حرب) is the
            # nisba حربي, the family name الحربي, in the news
            or (plural in in_maqsura and not written_maqsura(plural))
            or (stem != plural and stem in words)
        ):
            return
        pairs.setdefault(singular_stem, {})[stem] = None
        pairs.setdefault(stem, {})[singular_stem] = None

    for singular, plurals, raw_root, _masdar in nouns:
        entry_roots = dictionary.fold_roots(raw_root)
        for plural in dictionary.folded_plurals(plurals):
            # a garbled entry: the plural lacks the consonants of every root the entry gives. An
            # entry with no root is a primitive noun the dictionary lists whole, with its plural
            # (امرأة / نساء, سنة / سنوات, مليون / ملايين, برنامج / برامج): nothing to check it by.
            if not entry_roots or any(dictionary.consistent(dictionary.letters(plural), r) for r in entry_roots):
                pair(normalize_word(singular), plural, frozenset(_plurals_in_maqsura(plurals)))
    # A noun in اة of a weak root restores the root's letter in its sound plural, which the
    # dictionary seldom lists: مباراة / مباريات, فتاة / فتيات, قناة / قنوات. Not when a noun in وة or
    # ية the news writes as often is the plural's own singular (خطوة / خطوات, هوية / هويات).
    for plural in counts:
        if plural.endswith(RESTORED_PLURALS) and len(plural) > len(RESTORED_PLURALS[0]) + 1:
            base, letter = plural[:-3], plural[-3]
            singular = base + "اه"
            if singular in words and counts.get(base + letter + "ه", 0) < counts.get(singular, 0):
                pair(singular, plural)
    return {
        stem: tuple(sorted(others, key=lambda s: (-counts.get(s, 0), s)))
        for stem, others in sorted(pairs.items())
    }


def _plurals_in_maqsura(field: str) -> set[str]:
    """The folded plurals of a dictionary entry that it writes with a final ى (حَرْبَى → حربي)."""
    return {normalize_word(p) for p in dictionary.written_plurals(field) if p.endswith("ى")}


def two_words(docs_a: int, docs_b: int, both: int, documents: int) -> bool:
    """Whether a pair of :func:`table`, in ``docs_a`` and ``docs_b`` of ``documents`` with
    ``both`` having the two, are two words the index uses apart: they meet no more often than
    chance could give, and less often than a word's two numbers (:data:`RELATED_LIFT` times
    chance) could, both at :data:`SIGNIFICANCE`. Two forms too rare to tell stay a pair."""
    expected = chance.expected_together(docs_a, docs_b, documents)
    return (
        chance.at_least(both, expected) >= SIGNIFICANCE
        and chance.at_most(both, RELATED_LIFT * expected) < SIGNIFICANCE
    )


def measurable(docs_a: int, docs_b: int, documents: int) -> bool:
    """Whether :func:`two_words` could say yes for forms this common (decided from document
    frequencies alone: below it the count of articles having both is not worth asking)."""
    return chance.at_most(0, RELATED_LIFT * chance.expected_together(docs_a, docs_b, documents)) < SIGNIFICANCE


def forms_of(stem: str) -> tuple[str, ...]:
    """The stems of ``stem``'s other number, in term space: ``مدرس`` (مدرسة) → ``("مدارس",)``,
    ``طلاب`` → ``("طالب",)``; ``()`` for a stem with no broken plural or singular listed."""
    return table().get(stem, ())
