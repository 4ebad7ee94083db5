"""How often a spelling is written as its nisba adjective: what tells a name from a people's word.

The spelling-variant rules drop or write a long vowel, and some of their pairs are a name and an
adjective of another word: هولاند (Hollande) and هولند, the stem of الهولندي (Dutch); نيجر (Niger) and
نيجير, of النيجيري (Nigerian); فرنسوا (François) and فرنسا, whose stem the analysis gives الفرنسي too.
Their neighbours cannot tell them apart — François is named beside France in 62 of his 63
articles — but their written forms do: one spelling is the adjective in most of its uses, the
other never. Two spellings of one word take its endings alike (تايلاند / تايلند: 0.37 and 0.33 of
their uses; أوروبا / أوربا, each beside its own الأوروبي / الأوربي). So a pair whose shares of
adjective uses differ by :data:`GAP` or more is two words::

    adjective_share("هولند", counts)   → 1.0   (الهولندي, هولندية … and no bare هولند)
    adjective_share("هولاند", counts)  → 0.0
    two_words("هولاند", "هولند", counts) → True

``counts`` maps a written (folded) form to its uses or documents: the index's exact vocabulary at
import (:func:`analyzers.context_spellings.mine`), the corpus frequency list in the bench that mines
the test families. Thresholds and the pairs they part on the 31k corpus: docs/relevance.md,
"Rule spellings kept apart by their adjectives".
"""

from __future__ import annotations

from collections.abc import Callable

from analyzers import dictionary
from analyzers.clitics import CLITIC_STACKS
from analyzers.evidence import known

# The nisba's endings as the exact fields fold them (ة written ه): -ي, -ية, the plurals and -يات.
ENDINGS = ("ي", "يه", "يين", "يون", "يات")
# A spelling written fewer times than this (as itself and as its adjective together) says nothing.
MIN_USES = 5
# Shares of adjective uses this far apart make two words. On the 31k corpus's 434 rule pairs
# (both spellings in 5 documents or more) every pair at 0.5 or more but one was read as two words
# (نينو / نينيو, El Niño: نينوي is Nineveh's نينوى folded); the nearest one word below it is دنمارك /
# دنمرك at 0.41.
GAP = 0.5


def base(stem: str) -> str:
    """What the nisba's ي follows: the stem less a final ا (فرنسا → فرنسي), else the stem itself."""
    return stem[:-1] if stem.endswith("ا") and len(stem) > 2 else stem


# An adjective agrees with its noun, so a nisba adjective is written feminine too: رسمية 1,860
# uses beside رسمي's 2,749, ملكية 1,364 beside 3,933 (the least of the 31k corpus's common ones);
# جندي (a soldier, 553) is a noun with a nisba's letters, written جندية never: its base's plural
# (جنود) is its own.
NISBA_FEMININE_SHARE = 0.1


def nisba_of(form: str, stem: str) -> bool:
    """Whether the written (folded) ``form`` is the nisba adjective of ``stem``, its term: a clitic
    stack, the stem's :func:`base`, a nisba ending; the dictionary lists the base + ي as a
    relative adjective, and the news writes it feminine in :data:`NISBA_FEMININE_SHARE` of its
    uses or more. الرسميه of رسم, العلميه of علم yes; الاراضي (a plural), الماضي (a participle),
    جنديين (soldiers: a noun) no."""
    b = base(stem)
    if stem.endswith("ي") or b + "ي" not in dictionary.nisbas():
        return False
    if not any(form == p + b + e for p in CLITIC_STACKS for e in ENDINGS):
        return False
    masculine, feminine = known(b + "ي"), known(b + "يه")
    return feminine >= NISBA_FEMININE_SHARE * (masculine + feminine) and feminine > 0


def uses(stem: str, count: Callable[[str], int]) -> tuple[int, int]:
    """(uses as itself, uses as its adjective) of ``stem``, each form behind any prefix counted
    once; a stem ending in ي is a nisba already and has no adjective of its own (0)."""
    own = sum(count(p + stem) for p in CLITIC_STACKS)
    if stem.endswith("ي"):
        return own, 0
    b = base(stem)
    return own, sum(count(p + b + e) for p in CLITIC_STACKS for e in ENDINGS)


def adjective_share(stem: str, count: Callable[[str], int]) -> float | None:
    """The share of ``stem``'s uses that are its adjective; None when it is used fewer than
    :data:`MIN_USES` times."""
    own, adjective = uses(stem, count)
    if own + adjective < MIN_USES:
        return None
    return adjective / (own + adjective)


def two_words(a: str, b: str, count: Callable[[str], int]) -> bool:
    """Whether two spellings, each used often enough, differ in their adjective share by
    :data:`GAP` or more: a name and an adjective of another word, not one word."""
    share_a, share_b = adjective_share(a, count), adjective_share(b, count)
    return share_a is not None and share_b is not None and abs(share_a - share_b) >= GAP
