"""House spellings: two rule spellings of a dictionary word that are one word written two ways.

Common foreign names and loanwords are in the Arabic dictionary. The spelling-variant rules
(:mod:`analyzers.spelling_variants`) write or drop a long vowel in the loanwords it files under no
root (أوروبا / أوربا), but they move none, and they leave the derived ones alone, so these
spellings stay split: أمريكا / أميركا, تلفزيون / تليفزيون. What joins them is not the dictionary but each source's
house style: one paper writes أميركا, another أمريكا, and an article keeps to one spelling. Two
native words one long vowel apart (استقبال / استقبل) behave the other way: every source uses both,
in proportion, and they meet in the same article far more often than chance. So a pair of rule
spellings is taken as one word when the data says so (:func:`house_pair`), from document counts
only::

    source_purity(Counter(aawsat=991, okaz=7), Counter(aawsat=2, okaz=284))  → 0.97
    cooccurrence(2648, 1911, 124, 31030)  → 0.76 (أمريكا / أميركا; استقبال / استقبل: 6.98)

The two signals (figures and the sample read: docs/relevance.md, "House spellings"):

* :func:`source_purity` — how much of the pair's split the source explains (Goodman and Kruskal's
  lambda of spelling given source): 0 when every source mixes them as the corpus does, 1 when each
  source writes one spelling only. A corpus with one source has no house styles: 0 for every pair.
* :func:`cooccurrence` — documents having both spellings over what independence would give.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from analyzers import chance
from analyzers.spelling_variants import G_LETTERS, LONG_VOWELS, MIN_LENGTH, g_variants, vowel_edits

# Thresholds chosen on the 3,450 rule pairs of the 31k corpus (docs/relevance.md, "House
# spellings"): of the 376 pairs with enough documents to test, أمريكا / أميركا has purity 0.68
# (0.71 on every 12th article), the next 0.48 (ارسال / ارسل, meeting 3.3× chance); of the pairs
# meeting at most 2× chance, the next purity is 0.17.
MIN_PURITY = 0.5  # lambda of spelling given source, at least
# Documents with both / chance, at most: not above chance, with room for sampling (أمريكا /
# أميركا: 0.76 in the whole corpus, 1.06 in every 12th article).
MAX_COOCCURRENCE = 1.5
# Documents with both spellings that chance would give, at least: below it an article's not
# mixing them says nothing (two rare words never meet), and two words of different subjects kept
# apart by the sources' subjects pass for house spellings (توغل / توكيل, purity 0.55).
MIN_EXPECTED = 3.0


def vowel_moves(term: str) -> Iterator[str]:
    """A long vowel moved past the consonant before it, never to the first letter (أمريكا /
    أميركا: the vowel dropped in one place and written in the next)."""
    for i in range(2, len(term)):
        if term[i] in LONG_VOWELS and term[i - 1] not in LONG_VOWELS and term[i - 2] not in LONG_VOWELS:
            yield term[: i - 1] + term[i] + term[i - 1] + term[i + 1 :]
    for i in range(1, len(term) - 1):
        if term[i] in LONG_VOWELS and term[i + 1] not in LONG_VOWELS and term[i - 1] not in LONG_VOWELS:
            yield term[:i] + term[i + 1] + term[i] + term[i + 2 :]


def candidates(term: str, occurs: Callable[[str], bool]) -> list[str]:
    """The rules' other spellings of ``term`` that ``occurs`` (the index vocabulary) says yes to,
    whether or not the dictionary knows them: g letters swapped, then one long vowel written,
    dropped or moved in ``term`` and in each g spelling found (as
    :func:`analyzers.spelling_variants.variants` combines them)::

        candidates("امريكا", vocabulary.__contains__)  → ["اميركا", ...]
    """
    if len(term) < MIN_LENGTH:
        return []
    found: dict[str, None] = {}

    def look(v: str) -> None:
        if v != term and v not in found and len(v) >= MIN_LENGTH and occurs(v):
            found[v] = None

    if any(ch in G_LETTERS for ch in term):
        for v in g_variants(term):
            look(v)
    for base in (term, *list(found)):
        for v in (*vowel_edits(base), *vowel_moves(base)):
            look(v)
    return list(found)


def source_purity(a: Counter, b: Counter) -> float:
    """Goodman and Kruskal's lambda of the spelling given the source: the share of the errors of
    guessing the corpus's commoner spelling for every document that guessing each source's own
    commoner spelling avoids. ``a``, ``b``: documents per source of each spelling."""
    total = sum(a.values()) + sum(b.values())
    overall = max(sum(a.values()), sum(b.values()))
    if total == 0 or overall == total:
        return 0.0
    per_source = sum(max(a[s], b[s]) for s in a.keys() | b.keys())
    return (per_source - overall) / (total - overall)


def cooccurrence(docs_a: int, docs_b: int, both: int, documents: int) -> float:
    """Documents having both spellings over the number independence would give."""
    expected = chance.expected_together(docs_a, docs_b, documents)
    return both / expected if expected else 0.0


def measurable(docs_a: int, docs_b: int, documents: int) -> bool:
    """Whether two spellings in ``docs_a`` and ``docs_b`` of ``documents`` are common enough for
    :func:`house_pair` to tell anything (decided from document frequencies alone, before the
    dearer per-source counts)."""
    return chance.expected_together(docs_a, docs_b, documents) >= MIN_EXPECTED


def apart(docs_a: int, docs_b: int, both: int, documents: int) -> bool:
    """Whether two spellings, measurably common, meet in an article no more than chance allows:
    the cheap half of :func:`house_pair`, asked first (two words of one subject meet far more)."""
    return measurable(docs_a, docs_b, documents) and cooccurrence(docs_a, docs_b, both, documents) <= MAX_COOCCURRENCE


def house_pair(a: Counter, b: Counter, both: int, documents: int) -> bool:
    """Whether spellings with per-source document counts ``a`` and ``b``, ``both`` documents
    having the two, in an index of ``documents``, are one word in two house styles: the sources
    keep them apart and an article does not mix them."""
    return apart(sum(a.values()), sum(b.values()), both, documents) and source_purity(a, b) >= MIN_PURITY
