"""Foreign compounds written with or without a space: فيسبوك / فيس بوك, واتساب / واتس اب.

A brand or place name made of two foreign words is written joined or split, and each spelling is
other terms in the index (issue 19: فيس بوك in 154 articles, فيسبوك in 402). The query side
(:mod:`search.expansion`) asks the index whether a typed word's split occurs as an adjacent pair,
and whether a typed pair's joined form occurs as a word; these rules say which splits and joins
may be asked about at all::

    splits("فيسبوك", occurs)        → [("فيس", "بوك")]: the splits ``occurs`` (the index) has
    joined("فيس", "بوك", occurs)    → "فيسبوك"
    splits("مستشفى", occurs)        → []: a dictionary word is never cut
    cohesive(150, 160)             → True: فيس is next to بوك in 150 of its 160 documents

Native Arabic is kept out by the dictionary, as :mod:`analyzers.spelling_variants` keeps it out of
the spelling rules: the joined form must not be a dictionary word (nor one once a clitic or ending
is cut: مستشفى, كلما are never cut in two), no second part a stop word and no stop word joined
(ما زال / مازال). A first part may be one: a name's head (ابو ظبي) or a foreign particle that is a
stop word by chance (لو دريان, اي تونز, كي مون), the index's cohesion deciding (search/compounds.py).
The parts themselves may be dictionary words: the lexicon lists فيس and بوك. One exception: a name
of a head such as عبد and a dictionary word («عبد العزيز» / عبدالعزيز), joined and cut at its head.
"""

from __future__ import annotations

from collections.abc import Callable

from analyzers.limits import MAX_WORD_LEN
from analyzers.spelling_variants import COMPOUND_HEADS, head_compound, in_dictionary
from analyzers.stopwords import stopwords

# Each part of a split has at least this many letters; the joined form at least MIN_LENGTH.
MIN_PART = 2
MIN_LENGTH = 5
# The two parts of a compound are seldom apart: the rarer part is written next to the other in at
# least this share of its uses (فيس before بوك, واتس before اب). Two words that also live apart
# (مدير عام, كيلو متر) are two words, and searching them joined must not stand for every article
# that has both anywhere. docs/relevance.md measures it.
COHESION = 0.5
# ... or half that share, when the joined word is written this many times as often as the pair
# apart: the pair is then one of its spellings, its rarer part a part of others too (:func:`one_word`).
JOINED_OVER_APART = 3
# ... or side by side this many times as often as chance would put the two words together (the
# product of their shares of the archive), in LIFT_MIN documents or more: a foreign compound whose
# parts are parts of other names too (بلاك بيري: بيري is Perry too; انتر ميلان, ديار بكر) is far
# likelier beside each other than two Arabic words that live apart (مدير عام: 0.9×).
LIFT = 10
LIFT_MIN = 3


def _parts(first: str, second: str) -> bool:
    """Whether ``first`` and ``second`` may be the parts of a compound: long enough, together no
    longer than a word (:data:`MAX_WORD_LEN`: a junk "word" would have a split per letter to look
    up), the second no stop word, the two no stop word joined (ما زال / مازال). The first may be one:
    ابو heads names (ابو ظبي / ابوظبي), and a foreign name's particle is one by chance (لو دريان /
    لودريان, Le Drian; اي تونز / ايتونز; كي مون): the index's cohesion decides (search/compounds.py)."""
    if len(first) < MIN_PART or len(second) < MIN_PART or not MIN_LENGTH <= len(first) + len(second) <= MAX_WORD_LEN:
        return False
    stops = stopwords()
    return second not in stops and first + second not in stops


def splits(stem: str, occurs: Callable[[str, str], bool]) -> list[tuple[str, str]]:
    """The two-part spellings of ``stem`` (a word's light stem) that ``occurs`` says are written
    side by side, shortest first part first; none for a dictionary word, but a name compounded of
    one, cut at its head only (عبدالعزيز: عبد العزيز)."""
    cuts = [(stem[:i], stem[i:]) for i in range(MIN_PART, len(stem) - MIN_PART + 1)]
    cuts = [(a, b) for a, b in cuts if _parts(a, b)]
    if head_compound(stem):
        cuts = [(a, b) for a, b in cuts if a in COMPOUND_HEADS]
    elif in_dictionary(stem):
        return []
    if not cuts:
        return []
    return [(a, b) for a, b in cuts if occurs(a, b)]


def joined(first: str, second: str, occurs: Callable[[str], bool]) -> str | None:
    """``first + second`` when the pair may be a compound (not a dictionary word joined, but a name
    compounded of one: عبد العزيز) and ``occurs`` says the joined word is written; else None."""
    word = first + second
    allowed = _parts(first, second) and (name(first, second) or not in_dictionary(word))
    return word if allowed and occurs(word) else None


# Name heads that show their case by a letter: ابو and ذو, nouns of the five (الأسماء الخمسة) —
# «ابو بكر» in the nominative, «ابا بكر» in the accusative, «مسجد ابي بكر» in the genitive, «شهر ذي
# الحجة» — and the sound plural بنو / بني («قبيلة بني تميم»). One name, spelt by the sentence around
# it, not by the writer: in the 31k corpus «ذي الحجة» is in 72 articles and «ذو الحجة» in 5.
HEAD_CASES = {"ابو": ("ابو", "ابا", "ابي"), "ذو": ("ذو", "ذا", "ذي"), "بنو": ("بنو", "بني")}
# The heads a typed pair may be led by: the compound heads, and بنو ("sons of", the plural of ابن:
# «بنو هاشم», «بني مالك», «بني سويف»), which heads tribes and places but is no joined name's head.
NAME_HEADS = (*COMPOUND_HEADS, "بنو")
_NOMINATIVE = {form: head for head, forms in HEAD_CASES.items() for form in forms}


def nominative(word: str) -> str:
    """A name head in its nominative (ابي, ابا → ابو; ذي → ذو); any other word as it is."""
    return _NOMINATIVE.get(word, word)


def head_cases(head: str) -> tuple[str, ...]:
    """Every case form of a name head (ابو → ابو, ابا, ابي); any other word alone."""
    return HEAD_CASES.get(nominative(head), (head,))


def name(first: str, second: str) -> bool:
    """Whether ``first second`` is a name compounded of a :data:`COMPOUND_HEADS` word (عبد العزيز,
    ابن سينا): no cohesion to measure, as the head goes with many names (عبد before العزيز, الله,
    الرحمن), and no share of the archive too large, as such a name may be its commonest. A head
    is no name's second part: in «عبد الله بن عبد العزيز» the name is عبد العزيز, not بن عبد."""
    return headed(first, second) and head_compound(first + second)


def headed(first: str, second: str) -> bool:
    """Whether ``first second`` is led by a :data:`NAME_HEADS` word (in the nominative), the second
    none: a name when the two are one compound (عبد الرحمن, ام القرى, بن لادن), whatever the
    dictionary says."""
    return first in NAME_HEADS and nominative(second) not in NAME_HEADS


def cohesive(together: int, rarer_part: int) -> bool:
    """Whether two words written side by side ``together`` times, the rarer of them ``rarer_part``
    times in all, are one compound (:data:`COHESION`)."""
    return together >= COHESION * rarer_part


def one_word(together: int, rarer_part: int, joined: int, commoner_part: int, documents: int) -> bool:
    """Whether two words written side by side ``together`` times are a spelling of the word they
    make joined, written ``joined`` times: they are :func:`cohesive`, or the joined word is written
    :data:`JOINED_OVER_APART` times as often as the pair and the rarer part is beside the other in
    half the share cohesion asks (ايفون in 83 articles of 31k, «اي فون» in 17, فون in 42: سمارت
    فون, ويندوز فون), or the pair is :data:`LIFT` times likelier than chance in an archive of
    ``documents`` where the other part is written ``commoner_part`` times. Not a common word that
    splits into two (منصور: «من صور», 0.01 of صور's)."""
    return cohesive(together, rarer_part) or (
        joined >= JOINED_OVER_APART * together and together >= COHESION / 2 * rarer_part) or (
        together >= LIFT_MIN and together * documents >= LIFT * rarer_part * commoner_part > 0)
