"""Minority spellings joined by their contexts: a rare spelling, unknown to the dictionary, of a word it knows.

The spelling-variant rules (:mod:`analyzers.spelling_variants`) join two spellings only when
neither is a dictionary word (but for its loanwords), and the house test
(:mod:`analyzers.house_spellings`) joins two dictionary words that the sources keep as house
styles. Left split: a common dictionary spelling and a rare one the dictionary lacks, spread over
every source and mixed into articles — تلفزيون / تليفزيون (919 / 50 articles), مغناطيس / مغناطسي. The rules
alone cannot join them: most such rule pairs are two words (موجوع / موقع, جبيل / قبيل). What tells
them apart is the words around them: a spelling of one word is written among the same words, a
different word among others. So a rule pair (:func:`candidate_pairs`) is one word when the
neighbour stems of its two spellings are alike (:func:`same_word`)::

    contexts = {}
    add_contexts(["جهاز", "تلفزيون", "محل"], {"تلفزيون"}, contexts)   # neighbours within WINDOW
    cosine(contexts["تلفزيون"], contexts["تليفزيون"], leave_out={"تلفزيون", "تليفزيون"})  # 0.37 on 31k

A dictionary spelling no Arabic pattern reads (تلفزيون, a transliteration) seldom has another
word a vowel or a g letter away, so its pairs need less likeness than native words' (0.15 against
0.38: :data:`FOREIGN_COSINE`).

The same measure works the other way for the rules' own pairs. Two spellings neither of which the
dictionary lists are joined by the rules alone (جوجل / غوغل), and some such pairs are two names
(نيكول / نيكل, كوبر / جوبر, بوينج / بينغ): when both are common enough to judge and their
neighbours are no more alike than two unrelated words', the pair is kept apart
(:attr:`Pair.apart`, :func:`rule_pairs`). Their neighbours are compared by :func:`skeleton` — g
letters as one, long vowels dropped — since a name's neighbours are spelt by the same house
(هونج كونج beside هونغ كونغ). Two words of one subject share their neighbours (فرنسوا / فرنسا,
هولاند / هولند of الهولندي); their written forms part them when one is mostly its nisba adjective
and the other never (:mod:`analyzers.adjective_forms`, from the exact vocabulary: ``forms``).

The pairs are mined once per import (:func:`mine`, from a bounded sample of each stem's
documents: :data:`SAMPLE_DOCS`) and used at query time (:mod:`search.expansion`). Thresholds and
the pairs they accept on the 31k corpus: docs/relevance.md, "Minority spellings" and "Rule
spellings kept apart".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from analyzers import adjective_forms, broken_plurals, roots
from analyzers.house_spellings import candidates
from analyzers.spelling_variants import G_LETTERS, LONG_VOWELS, MIN_LENGTH, in_dictionary, variants
from analyzers.terms import field_terms

# Neighbours counted on each side of a stem (stop words are not in the stem chain: they neither
# count nor take a place).
WINDOW = 3
# Cosine of the neighbour counts, at least; chosen on the 31k corpus's 220 pairs with enough contexts
# (docs/relevance.md, "Minority spellings"): the best pair of two words outside the pattern
# places below scores 0.35 (جاسم / قاسم), تليفزيون / تلفزيون 0.40.
MIN_COSINE = 0.38
# ... and for a pair one long vowel apart at an Arabic pattern's place (:func:`pattern_pair`),
# where derived words differ (تجريم / تجرم 0.17, تعكير / تعكر 0.49, مدعوم / مدعم 0.46) and only
# names score higher (سوروج / سروج 0.84, يعلون / يعالون 0.66).
PATTERN_COSINE = 0.55
# ... and for a pair whose dictionary spelling no Arabic pattern reads (:func:`analyzers.roots.patterned`
# false: تلفزيون, اوروبا, الومنيوم, a transliterated word the dictionary files under a root of its
# own), where two unrelated words are rare: of the 26 such pairs with enough contexts on the 31k
# index, every pair at 0.15 or more is one word (تليفزيون / تلفزيون 0.37, اميركان / امريكان 0.20,
# يانغ / يانج 0.28, شاطيء / شاطء 0.16) and the best two-word pair scores 0.10 (عمور / عمرو);
# docs/relevance.md, "Minority spellings of a transliterated word".
FOREIGN_COSINE = 0.15
# Occurrences of the rarer spelling seen in its sampled documents for the test above: fewer
# contexts say too little on their own (two rare names of one subject look alike: عبيدالله /
# عبدالله, 11 places, 0.57); below it, the few-places test (FEW_CONTEXTS).
MIN_CONTEXTS = 15
# Documents each spelling is in, at least: three, so that a rare spelling can reach the few-places
# test below (نابوليون / نابليون: 3 articles, 4 places); with 6, 382 candidate pairs on the 31k
# index, with 3, 716.
MIN_DOCS = 3
# Below MIN_CONTEXTS, a pair is judged from as few as FEW_CONTEXTS places of its rarer spelling when
# the other is seen in MIN_CONTEXTS or more: a higher bar, and the other spelling must be the nearest
# of all the stems measured (:func:`nearest`). Sub-sampled to 4-12 places, the rarer spellings of the
# 129 two-word pairs the full test judges on the 31k index reach 0.45 in 1 draw of 3,870 (at 4
# places; none at 6-12) and one-word pairs in 43-70 % (bench/scattered_spellings.py); two rare names
# of one subject pass the bar but not the nearest test (عبيدالله / عبدالله, 11 places, 0.57: rank 1).
# Never a pattern pair: few places cannot tell two derived words apart (سيعودن / سيعودون 0.83,
# اكاسيد / اكسيد 0.63).
FEW_CONTEXTS = 4
FEW_COSINE = 0.45
# Documents of each stem read for its contexts (a rare spelling: all of them; a common one: a
# sample); with MAX_PAIRS, what bounds the mining at any size of index.
SAMPLE_DOCS = 60
MAX_PAIRS = 3000  # candidate pairs measured, those whose rarer spelling has the most documents first
# Two rule spellings the dictionary lacks whose neighbours' skeletons are less alike than this are
# two words (each seen in MIN_CONTEXTS places). Of the 31k index's 180 rule pairs seen that often,
# the ten below it are all two names or words (بوينج / بينغ 0.048, نيكول / نيكل 0.049, كوبر / جوبر
# 0.074); next come ستيفان / ستيفن 0.093 (two names) and بنجلادش / بنغلادش 0.094 (one): the bar
# sits between (docs/relevance.md, "Rule spellings kept apart").
APART_COSINE = 0.085
# Documents each spelling of a rule pair is in, at least, to be measured: a rarer one is seldom
# seen in MIN_CONTEXTS places (434 pairs on the 31k index; 711 with 3, 185 with 10).
RULE_MIN_DOCS = 5
TEXT_CHARS = 20_000  # characters of each field read: the words around a stem, not the whole article


@dataclass(frozen=True)
class Pair:
    """A rule pair and its measure: ``unlisted`` not in the dictionary, ``listed`` in it (either
    may be the commoner: تليفزيون / تلفزيون, بنتاغون / بنتاجون)."""

    unlisted: str
    listed: str
    docs_unlisted: int
    docs_listed: int
    contexts_unlisted: int
    contexts_listed: int
    cosine: float
    nearest: bool = False  # the commoner spelling is the rarer's nearest stem (:func:`nearest`)
    foreign: bool = False  # no Arabic pattern reads the listed spelling (:data:`FOREIGN_COSINE`)
    # A pair of :func:`rule_pairs`: neither spelling listed (``listed`` names the second), the
    # cosine of the neighbours' skeletons; never joined here (the rules join it), maybe kept apart.
    rules: bool = False
    # A rule pair whose spellings are written as their nisba adjective in shares apart
    # (:func:`analyzers.adjective_forms.two_words`: هولاند / الهولندي): two words, whatever the cosine.
    adjective: bool = False

    @property
    def accepted(self) -> bool:
        """Whether the table joins the pair's two spellings into one word."""
        return not self.rules and same_word(min(self.contexts_unlisted, self.contexts_listed), self.cosine,
                                            pattern_pair(self.unlisted, self.listed), self.nearest, self.foreign)

    @property
    def apart(self) -> bool:
        """Whether a pair the rules join is two words: both spellings seen in enough places, among
        neighbours no more alike than :data:`APART_COSINE`, or written as an adjective in shares
        apart (:attr:`adjective`)."""
        return self.rules and (self.adjective or (min(self.contexts_unlisted, self.contexts_listed) >= MIN_CONTEXTS
                                                  and self.cosine < APART_COSINE))


def plural_pair(a: str, b: str) -> bool:
    """Whether one stem is the other's broken plural or singular (كادر / كوادر): one word's two
    numbers have the same neighbours, but they are the plural expansion's business."""
    return b in broken_plurals.forms_of(a) or a in broken_plurals.forms_of(b)


def _inserted(short: str, long: str) -> int | None:
    """Where one letter inserted into ``short`` makes ``long`` (None when it does not)."""
    if len(long) != len(short) + 1:
        return None
    return next((i for i in range(len(long)) if long[:i] + long[i + 1 :] == short), None)


def pattern_pair(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are one long vowel apart where Arabic patterns put one: before the
    last radical (تفعيل / تفعل, مفعول / مفعل, استفعال / استفعل, but not before a final hamza, whose
    seat is a spelling: طواريء / طوارء), the ا of a broken plural after two letters (تراخيص / ترخيص,
    مراحل / مرحل) or the و of فواعل (كوادر / كادر). Such pairs are mostly two derived words whose
    neighbours are alike anyway, so they need :data:`PATTERN_COSINE`."""
    short, long = sorted((a, b), key=len)
    i = _inserted(short, long)
    if i is None or long[i] not in LONG_VOWELS:
        return False
    return ((i == len(long) - 2 and long[-1] != "ء") or (long[i] == "ا" and i == 2)
            or (long[i] == "و" and i == 1 and len(short) == 4))


def candidate_pairs(vocabulary: Mapping[str, int], min_docs: int = MIN_DOCS) -> list[tuple[str, str]]:
    """(unlisted, listed) for each stem the dictionary lacks, in ``min_docs`` documents or more,
    and each of its rule spellings (:func:`analyzers.house_spellings.candidates`, the dictionary
    ignored) that is a dictionary word in as many; the pairs whose rarer spelling has the most
    documents first, at most :data:`MAX_PAIRS`. ``vocabulary``: stem → documents."""
    found = []
    for term, n in vocabulary.items():
        if n < min_docs or len(term) < MIN_LENGTH or in_dictionary(term):
            continue
        for other in candidates(term, lambda t: vocabulary.get(t, 0) >= min_docs):
            if in_dictionary(other) and not plural_pair(term, other):
                found.append((term, other))
    found.sort(key=lambda p: (-min(vocabulary[p[0]], vocabulary[p[1]]), p))
    return found[:MAX_PAIRS]


def rule_pairs(vocabulary: Mapping[str, int], min_docs: int = RULE_MIN_DOCS) -> list[tuple[str, str]]:
    """(a, b), a < b, for each two spellings the dictionary lacks, in ``min_docs`` documents or
    more, that the spelling-variant rules join (:func:`analyzers.spelling_variants.variants`, the
    rules the query side applies); the pairs whose rarer spelling has the most documents first, at
    most :data:`MAX_PAIRS`."""
    found: set[tuple[str, str]] = set()
    for term, n in vocabulary.items():
        if n < min_docs or len(term) < MIN_LENGTH:
            continue
        for other in variants(term, lambda t: vocabulary.get(t, 0) >= min_docs):
            found.add((min(term, other), max(term, other)))
    return sorted(found, key=lambda p: (-min(vocabulary[p[0]], vocabulary[p[1]]), p))[:MAX_PAIRS]


# The skeleton's letters: the g letters as one, the long vowels dropped.
_SKELETON = str.maketrans({**{g: "ج" for g in G_LETTERS}, **{v: None for v in LONG_VOWELS}})


def skeleton(stem: str) -> str:
    """``stem`` with every g letter written ج and its long vowels dropped (all its rule spellings
    have one skeleton): the key two spellings' neighbours are compared by, so that هونج كونج and
    هونغ كونغ count as the same neighbours. A stem of long vowels only stays as it is."""
    return stem.translate(_SKELETON) or stem


def skeletons(counts: Counter) -> Counter:
    """Neighbour counts keyed by :func:`skeleton`."""
    out: Counter = Counter()
    for stem, n in counts.items():
        out[skeleton(stem)] += n
    return out


def add_contexts(stems: list[str], targets: set[str], into: dict[str, Counter],
                 window: int = WINDOW) -> Counter:
    """Count, into ``into[target]``, the stems within ``window`` places of each occurrence of a
    ``targets`` stem in ``stems``; returns the occurrences seen per target."""
    seen: Counter = Counter()
    for i, stem in enumerate(stems):
        if stem in targets:
            seen[stem] += 1
            counts = into.setdefault(stem, Counter())
            counts.update(stems[max(0, i - window) : i])
            counts.update(stems[i + 1 : i + 1 + window])
    return seen


def cosine(a: Counter, b: Counter, leave_out: set[str], idf: Callable[[str], float] | None = None) -> float:
    """Cosine of two neighbour counts, ``leave_out`` (the pair's own spellings) ignored, each
    neighbour weighted by ``idf`` when given (the mining gives none: idf weights were measured
    and separated the pairs no better, docs/relevance.md)."""
    def weight(t: str) -> float:
        return idf(t) if idf else 1.0

    dot = sum(n * b[t] * weight(t) ** 2 for t, n in a.items() if t in b and t not in leave_out)
    norm_a = math.sqrt(sum((n * weight(t)) ** 2 for t, n in a.items() if t not in leave_out))
    norm_b = math.sqrt(sum((n * weight(t)) ** 2 for t, n in b.items() if t not in leave_out))
    return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


def same_word(contexts: int, similarity: float, pattern: bool = False, nearest: bool = False,
              foreign: bool = False) -> bool:
    """Whether a rule pair is one word: its rarer spelling seen in ``contexts`` places, enough to
    judge, among neighbours like the other's (more alike for a ``pattern`` pair, less for a
    ``foreign`` one) — or, in fewer places (down to :data:`FEW_CONTEXTS`), more alike still and
    ``nearest`` (the other spelling seen in :data:`MIN_CONTEXTS` places and the nearest of all the
    stems measured)."""
    if contexts >= MIN_CONTEXTS:
        return similarity >= (PATTERN_COSINE if pattern else FOREIGN_COSINE if foreign else MIN_COSINE)
    return nearest and few_places(contexts, similarity, pattern)


def few_places(contexts: int, similarity: float, pattern: bool) -> bool:
    """Whether a pair is in the few-places band and like enough that :func:`nearest` decides it."""
    return FEW_CONTEXTS <= contexts < MIN_CONTEXTS and not pattern and similarity >= FEW_COSINE


def nearest(rare: Counter, partner: str, measured: Mapping[str, Counter], leave_out: set[str]) -> bool:
    """Whether ``partner`` is, of the ``measured`` stems (stem → neighbour counts, each seen in
    :data:`MIN_CONTEXTS` places or more), the one whose neighbours are most like ``rare``'s: a
    few places alike by chance rarely pick out one stem of hundreds, while two names of one subject
    are alike to others of it too. Each comparison leaves out its own stems."""
    if partner not in measured:
        return False
    best = cosine(rare, measured[partner], leave_out)
    return not any(cosine(rare, counts, leave_out | {stem}) >= best
                   for stem, counts in measured.items() if stem != partner and stem not in leave_out)


def stems_of_texts(texts: Iterable[str]) -> Iterator[list[str]]:
    """The stem chain of each text (its first :data:`TEXT_CHARS`), as the text fields index it."""
    for text in texts:
        yield field_terms(text[:TEXT_CHARS])[1]


def mine(vocabulary: Mapping[str, int], sample: Callable[[str, int], Iterable[Hashable]],
         stems_of: Callable[[Hashable], Iterable[list[str]]], forms: Mapping[str, int] | None = None) -> list[Pair]:
    """Every candidate pair of ``vocabulary`` (stem → documents) measured:
    ``sample(stem, n)`` gives up to ``n`` documents having the stem, ``stems_of(document)`` the
    stem chain of each of its text fields (:func:`stems_of_texts` of its stored title and body,
    or the chains a backend stored). Each document is read once, whatever stems it is sampled for.
    The :func:`rule_pairs` come after the candidate pairs, measured by their skeletons (``rules``)
    and, given ``forms`` (written form → documents: the exact vocabulary), by their adjective
    uses (:attr:`Pair.adjective`)."""
    pairs = candidate_pairs(vocabulary)
    joined = rule_pairs(vocabulary)
    # A stem's contexts come from its own sample only: a common spelling counted in the articles
    # sampled for a rare one would take on their subject, and two words of one subject look alike.
    wanted: dict[Hashable, set[str]] = {}
    for stem in sorted({s for pair in (*pairs, *joined) for s in pair}):
        for key in sample(stem, SAMPLE_DOCS):
            wanted.setdefault(key, set()).add(stem)
    contexts: dict[str, Counter] = {}
    occurrences: Counter = Counter()
    for key, stems in wanted.items():
        for chain in stems_of(key):
            occurrences.update(add_contexts(chain, stems, contexts))

    empty: Counter = Counter()
    # The stems the few-places test compares with: the candidate pairs' (the rule pairs' stems
    # would be more names of the same subjects, and the test was measured without them).
    candidates_stems = {s for pair in pairs for s in pair}
    measured = {s: contexts[s] for s, n in occurrences.items() if n >= MIN_CONTEXTS and s in candidates_stems}
    found = []
    for r, c in pairs:
        similarity = cosine(contexts.get(r, empty), contexts.get(c, empty), {r, c})
        rare, common = sorted((r, c), key=lambda s: occurrences[s])
        near = (few_places(occurrences[rare], similarity, pattern_pair(r, c))
                and nearest(contexts.get(rare, empty), common, measured, {r, c}))
        found.append(Pair(r, c, vocabulary[r], vocabulary[c], occurrences[r], occurrences[c], similarity, near,
                          foreign=not roots.patterned(c)))
    for a, b in joined:
        similarity = cosine(skeletons(contexts.get(a, empty)), skeletons(contexts.get(b, empty)),
                            {skeleton(a), skeleton(b)})
        adjective = forms is not None and adjective_forms.two_words(a, b, lambda f: forms.get(f, 0))
        found.append(Pair(a, b, vocabulary[a], vocabulary[b], occurrences[a], occurrences[b], similarity, rules=True,
                          adjective=adjective))
    return found


def families(pairs: Iterable[Pair]) -> dict[str, tuple[str, ...]]:
    """Stem → the other spellings of its family: the accepted pairs joined where they share a
    spelling (ميليشيات with both مليشيات and ميلشيات), so every spelling reaches every other — but
    never two dictionary words (a spelling the dictionary lacks between them does not make them
    one word: a pair it would join is left out, the stronger pairs first)."""
    parent: dict[str, str] = {}
    listed: dict[str, str] = {}  # a family's root → its dictionary word

    def root(s: str) -> str:
        while parent.setdefault(s, s) != s:
            s = parent[s]
        return s

    for p in sorted(pairs, key=lambda p: -p.cosine):
        if not p.accepted:
            continue
        a, b = root(p.unlisted), root(p.listed)
        if a == b or (a in listed and listed[a] != p.listed):
            continue
        parent[a] = b
        listed[b] = p.listed
    groups: dict[str, list[str]] = {}
    for s in parent:
        groups.setdefault(root(s), []).append(s)
    return {s: tuple(sorted(o for o in group if o != s)) for group in groups.values() if len(group) > 1 for s in group}
