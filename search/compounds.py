"""A typed word's spelling in two words, and a typed pair's in one, looked up in the index.

:mod:`analyzers.compounds` says which cuts and joins may be a foreign compound (فيسبوك / فيس بوك,
واتساب / واتس اب); this module asks the index which of them are written, for
:mod:`search.expansion`:

    split_cuts(s, "فيسبوك", 2, 8, N)   → [("فيس", "بوك", ["فيس بوك", "الفيس بوك", ...])]: adjacent
                                      pairs in ≥ 2 documents (of the index's N)
    joined_stem(s, "فيس", "بوك", ...)  → "فيسبوك": the joined word's stem, in ≥ 2 documents

The first part of a pair is looked for with the clitics it is written with (الفيس بوك, بالفيس بوك):
the exact fields, where phrases are matched, keep them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from analyzers import compounds
from analyzers.clitics import BARE_STACKS, CLITIC_STACKS, strip_clitics
from analyzers.endings import NUMBER_ENDINGS, PRONOUNS
from analyzers.spelling_variants import consistent_g_spellings
from indexer.schema import BODY, BODY_EXACT, TITLE, TITLE_EXACT
from search.analysis import terms
from search.backend import Searcher, Selection, most_documents, phrase_documents
from search.syntax import Group, Phrase

# The first part of a split may carry any clitics (analyzers.clitics.CLITIC_STACKS); a name's head
# with cases (ابو, ذي) no article: «والذي» is "and who", no ذي.
HEAD_STACKS = ("", *BARE_STACKS)
ARTICLE = "ال"
# The endings a compound's second word is looked for with (:func:`second_forms`): a noun's
# pronouns and number endings (analyzers.endings), a nisba's ي and its feminine, ة (folded: ه),
# and the accusative's alef (جرامًا → جراما). Only forms that keep the joined word's stem are kept.
SECOND_ENDINGS = ("", "ا", "ي", "يه", "ه", *NUMBER_ENDINGS, *PRONOUNS)


class Adjacent(NamedTuple):
    """Two words side by side in an index (:func:`_adjacent`)."""

    phrases: list[str]  # the phrases writing them, the likeliest first
    together: int  # the documents having one of the phrases
    rarer: int  # the documents of the rarer word (the first in all its forms)
    commoner: int  # and of the other


def _adjacent(s: Searcher, first: str, second: str, limit: int) -> Adjacent:
    """``first`` (with any clitics; a name head in any case: ابو, ابا, ابي) and ``second`` side by
    side: at most ``limit`` phrases."""
    phrases, firsts, seconds = _side_by_side(s, first, (second,))
    phrases = phrases[:limit]
    rarer, commoner = sorted((firsts, seconds))
    if not phrases or rarer == 0:
        return Adjacent(phrases, 0, rarer, commoner)
    together = s.count(Selection(query=s.compile(Group("or", [Phrase(p) for p in phrases]), "or")))
    return Adjacent(phrases, together, rarer, commoner)


def _side_by_side(s: Searcher, first: str, seconds: tuple[str, ...]) -> tuple[list[str], int, int]:
    """Every phrase of ``first`` (with any clitics, in any case) and one of ``seconds`` whose words
    the index has, the likeliest first (by the product of the words' documents); the documents of
    the first's forms and of the seconds, summed."""
    exact = (BODY_EXACT, TITLE_EXACT)
    firsts = [(n, p, form) for p, form in first_forms(first) if (n := most_documents(s, exact, form)) > 0]
    written = {form: n for form in seconds if (n := most_documents(s, exact, form)) > 0}
    # An article goes on one word of the two: «الفيس بوك», «رأس المال», never «الرأس المال».
    bare = seconds[0]
    pairs = sorted(((n * m, f"{form} {other}") for n, stack, form in firsts for other, m in written.items()
                    if not (_article(stack) and other.startswith(ARTICLE) and not bare.startswith(ARTICLE))),
                   key=lambda pair: -pair[0])
    return [phrase for _n, phrase in pairs], sum(n for n, _p, _f in firsts), sum(written.values())


def first_forms(first: str) -> list[tuple[str, str]]:
    """(clitics, form) of each way a compound's first part is written: with any clitics, or a
    name's head in each of its cases (ابو, ابا, ابي) with a conjunction or a preposition."""
    cases = compounds.head_cases(first)
    stacks = CLITIC_STACKS if len(cases) == 1 else HEAD_STACKS
    return [(p, p + case) for case in cases for p in stacks]


def _article(stack: str) -> bool:
    """Whether clitics written before a word end in the article (ال, وال, لل)."""
    return bool(stack) and stack not in BARE_STACKS


def second_forms(first: str, second: str) -> tuple[str, ...]:
    """The forms of a compound's second word that make, joined to the first, a form of the joined
    word as the analysis reads it (its stem): with a noun's endings (:data:`SECOND_ENDINGS`:
    «كيلو جرامًا» is كيلوجرامًا, «كيلو جرامات»), and each with the article, which an Arabic
    compound's second word carries («رأس المال» for رأسمال). Not the second word's own forms
    beyond that: «لا يزالون» is لايزالون, no form of لايزال. Generated, then looked up by the
    caller, rather than read off the term list: a short second word (دي) begins thousands of terms."""
    joined = terms("text", first + second)
    if not joined:
        return (second,)
    forms = [second, *(form for ending in SECOND_ENDINGS[1:]
                       if terms("text", first + (form := second + ending)) == joined)]
    if second.startswith(ARTICLE):
        return tuple(forms)
    return (*forms, *(ARTICLE + form for form in forms))


def _pair(s: Searcher, first: str, second: str, min_docs: int, limit: int, joined: int, documents: int) -> list[str]:
    """The phrases writing ``first`` and ``second`` side by side when the index (of ``documents``)
    has them in ``min_docs`` documents and the pair is :func:`analyzers.compounds.one_word` with
    the joined word (in ``joined`` documents) or a :func:`~analyzers.compounds.name`; else none. Decided on
    the second word as cut; then its other forms (:func:`second_forms`, but a name's: «عبد
    العزيز» is no «عبد العزيزي») are looked for too, and the most written phrases kept. The
    decision stays on the word as cut: the forms the analysis takes for it include other words
    (مالية, financial, for مال), which would count against a compound's cohesion."""
    if most_documents(s, (BODY_EXACT, TITLE_EXACT), second) < min_docs:
        return []
    phrases, together, rarer, commoner = _adjacent(s, first, second, limit)
    name = compounds.name(first, second)
    if together < min_docs or not (name or compounds.one_word(together, rarer, joined, commoner, documents)):
        return []
    if not name:  # the phrases of the word as cut, then those of its other forms likeliest first
        forms = _side_by_side(s, first, second_forms(first, second))[0]
        phrases += [p for p in forms if p not in phrases][: limit * 2]
    return _most_written(_written(s, phrases), limit)


def _written(s: Searcher, phrases: list[str]) -> dict[str, int]:
    """The ``phrases`` the index has, each with its documents: each one a query uses costs a walk
    of its words' positions in every search (a clitic form of the first word may exist without
    ever preceding the second: كعبد, but no «كعبد الله»). Counted once, as the caller's answer is
    kept."""
    return {p: n for p in phrases if (n := phrase_documents(s, p))}


def _most_written(counts: dict[str, int], limit: int) -> list[str]:
    """The ``limit`` phrases of :func:`_written`'s counts in the most documents, the most first."""
    return sorted(counts, key=lambda p: -counts[p])[:limit]


def split_cuts(s: Searcher, stem: str, min_docs: int, limit: int, documents: int) -> list[tuple[str, str, list[str]]]:
    """(first part, second part, phrases) of each cut of ``stem`` into two words that the index
    writes as one word (:func:`_pair`), in at least ``min_docs`` documents, the phrases the most
    written first, at most ``limit`` a cut; none when :func:`analyzers.compounds.splits` allows no
    cut."""
    found: list[tuple[str, str, list[str]]] = []

    @functools.cache
    def joined() -> int:  # counted once, and only for a stem that has a cut to test
        return most_documents(s, (BODY, TITLE), stem)

    def occurs(first: str, second: str) -> bool:
        phrases = _pair(s, first, second, min_docs, limit, joined(), documents)
        if phrases:
            found.append((first, second, phrases))
        return bool(phrases)

    compounds.splits(stem, occurs)
    return found


def family_phrases(s: Searcher, spellings: list[str], cuts: set[tuple[str, str]], min_docs: int,
                   limit: int) -> list[str]:
    """The phrases of one word's ``spellings`` cut where another spelling of it is (``cuts``, each
    found by :func:`split_cuts`), each part in any of its spellings: ريفربليت is «ريفر بليت», so
    its spelling ريفيربليت is «ريفير بليت» though ريفير alone (River) is too common beside other
    words to pass the cohesion test, and its spelling ريفربلايت gives «ريفير بلايت» too. A part
    spelling comes from a cut of a spelling that keeps the other part as found; every pair of
    part spellings written side by side in ``min_docs`` documents counts. The most written first."""
    firsts, seconds = {a for a, _b in cuts}, {b for _a, b in cuts}
    more_firsts, more_seconds = set(firsts), set(seconds)
    for spelling in spellings:
        for a, b in compounds.splits(spelling, lambda a, b: a in firsts or b in seconds):
            more_firsts.add(a)
            more_seconds.add(b)
    counts: dict[str, int] = {}
    for first in sorted(more_firsts):
        for second in sorted(more_seconds):
            if (first, second) in cuts or most_documents(s, (BODY_EXACT, TITLE_EXACT), second) == 0:
                continue
            phrases = _side_by_side(s, first, second_forms(first, second))[0][: limit * 2]
            found = _written(s, phrases)
            if sum(found.values()) >= min_docs:
                counts.update(found)
    return _most_written(counts, limit)


def g_spelling_phrases(s: Searcher, cuts: set[tuple[str, str]], min_docs: int, limit: int,
                       spelling_of: Callable[[str, str], bool]) -> list[str]:
    """The phrases of each cut (a, b) of a joined word with its g letters written another way
    throughout (:func:`analyzers.spelling_variants.consistent_g_spellings`): هونغكونغ, never written
    joined, is «هونغ كونغ», and so «هونج كونج», a spelling neither joined word reaches, as هونغكونغ
    holds three g letters (past the rules' bound) and هونجكونج is no word of the index.

    A part that changes must be a spelling of the part as found (``spelling_of(found, new)``: no
    dictionary word either way, or a spelling the expansion joins to it, as the context table
    joins فيغاس to the dictionary's فيجاس; a native word's g letter is its own), both parts must be
    in the index and the phrases written in ``min_docs`` documents. The most written first."""
    counts: dict[str, int] = {}
    for a, b in sorted(cuts):
        for first, second in _g_respellings(a, b, spelling_of):
            if (first, second) in cuts:
                continue
            if (not all(most_documents(s, (BODY_EXACT, TITLE_EXACT), w) for w in (first, second))
                    or not phrase_documents(s, f"{first} {second}")):
                continue  # the parts' clitic forms are looked for only where the bare phrase is written
            found = _written(s, _side_by_side(s, first, second_forms(first, second))[0][: limit * 2])
            if sum(found.values()) >= min_docs:
                counts.update(found)
    return _most_written(counts, limit)


def head_form(exact: str) -> bool:
    """Whether a typed word's exact form is a name's head with any clitics, in any case (ابو,
    لابو, ابي, وعبد): it may lead a compound though the head is a stop word (ابو, ابي). A head in
    another case takes no article: والذي is "and who"."""
    bare = strip_clitics(exact)
    if bare in compounds.NAME_HEADS:
        return True
    return compounds.nominative(bare) in compounds.NAME_HEADS and exact[: len(exact) - len(bare)] in HEAD_STACKS


def other_cases(exact: str) -> list[str]:
    """A name head's exact form (any clitics) in its other cases, the clitics kept: ذو → ذا, ذي;
    وابو → وابا, وابي; none for any other word."""
    bare = strip_clitics(exact)
    clitics = exact[: len(exact) - len(bare)]
    return [clitics + case for case in compounds.head_cases(bare) if case != bare]


def _typed_pair(first: str, second: str) -> tuple[str, str, str] | None:
    """(the first word as the pair writes it, the second's exact form, the joined word's stem) of
    two typed words, each one word and no stop word but a name's head (ابو) first; else None. A
    head typed in another case is the name's nominative, joined as the index writes it: «ابي
    ظبي» is ابو ظبي, ابوظبي."""
    exacts, seconds = terms("exact", first), terms("exact", second)
    if len(exacts) != 1 or len(seconds) != 1 or not terms("text", second):
        return None
    if (not terms("text", first) and not head_form(exacts[0])
            and compounds.nominative(strip_clitics(exacts[0])) in compounds.NAME_HEADS):
        return None  # a head's case behind clitics no head takes: والذي is "and who", no ذي
    # A stop word that is no head leads as typed (لو دريان: a foreign particle).
    # الفيس → فيس (its stem may be shorter); ابي → ابو
    bare = strip_clitics(exacts[0])
    head = compounds.nominative(bare)
    joined = terms("text", (exacts[0] if head == bare else head) + seconds[0])
    if len(joined) != 1:
        return None
    return head, seconds[0], joined[0]


def joined_stem(s: Searcher, first: str, second: str, min_docs: int, most: int, documents: int) -> str | None:
    """The stem of ``first`` and ``second`` (typed words) written as one, when the pair may be a
    compound, the joined stem is in ``min_docs`` to ``most`` documents (the larger of title and
    body) and the pair is one word (:func:`analyzers.compounds.one_word`, in an index of
    ``documents``) or hardly ever written (fewer than ``min_docs`` documents), or
    the pair is led by a name's head (:func:`analyzers.compounds.headed`: its requirement keeps
    it to its words side by side) and its joined stem is in ``min_docs``; else None."""
    pair = _typed_pair(first, second)
    if pair is None:
        return None
    bare, second_form, stem = pair

    def written(_word: str) -> bool:
        joined = most_documents(s, (BODY, TITLE), stem)
        if compounds.headed(bare, second_form):  # عبد العزيز: any number of articles, no cohesion
            return joined >= min_docs
        if not min_docs <= joined <= most:
            return False
        # A pair the index writes apart must be cohesive (مدير عام is two words); one it hardly
        # writes apart (نيو يورك: 1 article, نيويورك 536) is a rare spelling of the joined word.
        _phrases, together, rarer, commoner = _adjacent(s, bare, second_form, len(CLITIC_STACKS))
        return together < min_docs or compounds.one_word(together, rarer, joined, commoner, documents)

    return stem if compounds.joined(bare, second_form, written) else None


def g_spelling_join(s: Searcher, first: str, second: str, min_docs: int, most: int, documents: int,
                    spelling_of: Callable[[str, str], bool]) -> str | None:
    """The joined stem of the typed pair written with its g letters another way throughout
    (:func:`analyzers.spelling_variants.consistent_g_spellings`), when the pair fails as typed and
    that spelling passes :func:`joined_stem`: «بيونغ يانغ» is no compound alone (بيونغيانغ is never
    written), «بيونج يانج» is بيونجيانج, the same name. A typed word that changes must be a spelling
    of itself (``spelling_of(typed, new)``, as in :func:`g_spelling_phrases`). One mapping for the
    pair: «جين بينج» (its first ج a j) never becomes «جين بينغ»."""
    for a, b in _g_respellings(first, second, spelling_of):
        if stem := joined_stem(s, a, b, min_docs, most, documents):
            return stem
    return None


def _g_respellings(first: str, second: str, spelling_of: Callable[[str, str], bool]) -> Iterator[tuple[str, str]]:
    """``first`` and ``second`` with their g letters written another way, one mapping for both
    (:func:`analyzers.spelling_variants.consistent_g_spellings`), each word that changes a spelling
    of the one given (``spelling_of(given, new)``): the two g-spelling rules' common guard."""
    for spelling in consistent_g_spellings(f"{first} {second}"):
        words = spelling.split(" ")
        if len(words) == 2 and all(new == old or spelling_of(old, new)
                                   for new, old in zip(words, (first, second), strict=True)):
            yield words[0], words[1]


def family_join(s: Searcher, first: str, second: str, min_docs: int, most: int,
                cuts_of: Callable[[str], Iterable[tuple[str, str]]]) -> str | None:
    """The stem of ``first`` and ``second`` (typed words) written as one when the pair fails the
    cohesion test alone (:func:`joined_stem`) but a spelling of the joined word is cut where the
    pair is, a part in common (``cuts_of(stem)``: the cuts of the joined stem and its other
    spellings, as :func:`split_cuts` accepted them): «كيلو غرام» is كيلوغرام, whose spelling كيلوجرام
    is «كيلو جرام», though كيلو and غرام (love, too) live apart; «رأس المال» is رأسمال, cut «رأس مال»,
    the article of a compound's second word dropped when it is written joined (:func:`second_forms`
    the other way). What :func:`family_phrases` is for the split direction. The joined stem in
    ``min_docs`` to ``most`` documents; no name (its head joins without cohesion)."""
    pair = _typed_pair(first, second)
    if pair is None or compounds.headed(pair[0], pair[1]):
        return None
    bare, second_form, stem = pair
    candidates = [(second_form, stem)]
    # «ما الحل» is "what is the solution", no ماحل: a stop word before a word with the article is
    # Arabic's own syntax, never a compound's halves
    exact = terms("exact", first)[0]  # one word: _typed_pair checked it
    if (second_form.startswith(ARTICLE) and terms("text", first)
            and not _article(exact[: len(exact) - len(strip_clitics(exact))])):
        joined = terms("text", bare + second_form[len(ARTICLE):])
        if len(joined) == 1:
            candidates.append((second_form[len(ARTICLE):], joined[0]))
    for part, joined_stem in candidates:

        def written(_word: str, part: str = part, joined_stem: str = joined_stem) -> bool:
            if not min_docs <= most_documents(s, (BODY, TITLE), joined_stem) <= most:
                return False
            return any(a == bare or b == part for a, b in cuts_of(joined_stem))

        if compounds.joined(bare, part, written):
            return joined_stem
    return None


def name_beside(s: Searcher, first: str, second: str) -> tuple[list[str], str] | None:
    """For two typed words led by a name's head (:func:`analyzers.compounds.headed`: عبد الملك,
    بن سلمان): the phrases writing them side by side that the index has (the head with any
    clitics: لعبد الملك) and the name written as one word; None for any other pair. A name is its
    two words side by side or joined: عبد in one sentence and الملك (the king) in another are no
    mention of it."""
    pair = _typed_pair(first, second)
    if pair is None or not compounds.headed(pair[0], pair[1]):
        return None
    return side_by_side(s, first, second)


def side_by_side(s: Searcher, first: str, second: str) -> tuple[list[str], str] | None:
    """The phrases writing two typed words side by side that the index has (the first with any
    clitics) and the two written as one word; None when they cannot be a compound's parts."""
    pair = _typed_pair(first, second)
    if pair is None:
        return None
    bare, second_form, _stem = pair
    phrases = _adjacent(s, bare, second_form, len(CLITIC_STACKS)).phrases
    return list(_written(s, phrases)), bare + second_form


def cohesive_pair(s: Searcher, first: str, second: str, min_docs: int) -> bool:
    """Whether two typed words are one compound whose joined word is too rare to stand for them
    (سناب شات: 57 articles apart, سنابشات in 1): the joined word is written, in fewer than
    ``min_docs`` documents (in more, :func:`joined_stem` has decided), and the pair side by side
    in ``min_docs`` documents or more, cohesive. The joined word's look-up keeps the pair count
    off the other pairs typed (most are words no index writes joined)."""
    pair = _typed_pair(first, second)
    if pair is None:
        return False
    bare, second_form, stem = pair

    def written(_word: str) -> bool:
        if not 0 < most_documents(s, (BODY, TITLE), stem) < min_docs:
            return False
        adjacent = _adjacent(s, bare, second_form, len(CLITIC_STACKS))
        return adjacent.together >= min_docs and compounds.cohesive(adjacent.together, adjacent.rarer)

    return compounds.joined(bare, second_form, written) is not None


def same_pair(phrase: str, first: str, second: str) -> bool:
    """Whether ``phrase`` is the typed pair ``first second`` but for the clitics on its first word
    («بعيد الفطر» for «عيد الفطر») and the form of its second (:func:`second_forms`: «لا يزالون»
    for «لا يزال»): the pair matches it already, as two words, and as a phrase it would rank
    those forms above the typed one."""
    written, typed = terms("exact", phrase), terms("exact", f"{first} {second}")
    if len(written) != 2 or len(typed) != 2:
        return False
    stem = terms("text", typed[1])
    if written[1] != typed[1] and not (stem and terms("text", written[1]) == stem):
        return False
    bare = strip_clitics(typed[0])
    return any(written[0] == stack + base for stack in CLITIC_STACKS for base in {bare, typed[0]})
