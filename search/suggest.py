"""Did-you-mean and autocomplete, both from the index's own vocabulary.

Did-you-mean looks at the exact (folded, unstemmed) body vocabulary: a typed word that is absent
or rare there is replaced by the most frequent word within a small edit distance, provided that
word is clearly more common. Working on folded forms means hamza, taa marbuta and harakat
differences are never "corrections"; the edit distance only deals with real misspellings.

Autocomplete completes the last typed word from the title and body vocabularies by document
frequency — after the words the archive writes next to the word typed before it (``وزارة الص``:
الصحة, not the commoner الصحية; ``ولي الع``: العهد, which the counts alone put below eight
others), read from the best-ranked articles having that word. Both show a word in the spelling
the archive uses most (``وزاره`` is shown as ``وزارة``), never the folded term.

Both work through a backend's :class:`search.backend.Vocabulary`, so every backend suggests alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import chain
from typing import NamedTuple

from analyzers.clitics import ARTICLE_PREFIXES
from analyzers.evidence import count as news_uses
from analyzers.hamza_seats import alef_seat_spellings, hamza_spellings
from analyzers.limits import MAX_WORD_LEN
from analyzers.normalize import INWORD_MARKS, fold_letters, strip_marks
from analyzers.pipeline import analyzer_for
from analyzers.spelling_variants import arabic_spellings, vowel_edits
from analyzers.stopwords import stopwords
from indexer.completions import COMPLETION_SCAN
from indexer.schema import BODY, BODY_EXACT, KEYWORD_FIELDS, TITLE, TITLE_EXACT
from search import edits
from search.analysis import terms
from search.backend import DocKey, Searcher, Selection, Vocabulary
from search.deadline import Deadline
from search.edits import clitic_prefix, shared_prefix
from search.keyboard import arabic_layout, spelled_as_arabic
from search.keywords import KeywordValue
from search.syntax import FIELD_ALIASES, Group, Word

RARE = 2  # a word in at most this many documents may be a misspelling
BETTER = 10  # a correction must be in at least this many times as many documents (and >= MIN_DF)
# When no article has every word of a query, a word in up to RARE_UNMATCHED documents may be a
# misspelling if a word a BETTER_UNMATCHED times as common is one edit away and the query so
# corrected has full matches (the engine checks that): suggested, never applied. Most words in
# 3-80 articles are real (of 1,500 drawn from the 31k archive, 18 have such a neighbour, none a
# misspelling of it), but a misspelling the archive repeats (السعوي 6 articles, السعودي 8,957) is
# also the one word that keeps a query from matching; the other words of the query are the
# evidence. Measured in docs/query-language.md ("Spelling").
RARE_UNMATCHED = 10
BETTER_UNMATCHED = 300
MIN_DF = 5
SUGGEST_FIELD = BODY_EXACT
STEM_FIELD = BODY
TITLE_FIELD = TITLE_EXACT
# A word written beside its neighbour in no article, one edit from a word CONTEXT_BETTER times as
# common that the archive writes beside that neighbour in CONTEXT_MIN articles or more, is a slip
# of it even when it is a real word or a repeated slip (الشورة is in 14 articles of the 31k, «مجلس
# الشورى» in hundreds): the neighbour vouches, as "meets somewhere" could not (docs/query-language.md,
# "Spelling"). A word in more than CONTEXT_RARE articles is a word the writer meant.
CONTEXT_RARE = 50
CONTEXT_BETTER = 10
CONTEXT_MIN = 5
# A conjunction or preposition typed apart before a word («و الشباب») is searched with it already:
# no stray space to join.
CLITIC_LETTERS = ("و", "ف", "ب", "ك", "ل")
# What follows the word typed before: read in its best-ranked articles, within FOLLOW_SECONDS
# (then the completions are ranked by counts alone); a completion seen there at least MIN_FOLLOWS
# times comes first. 50 articles: 10-25 ms at 31k (docs/query-language.md, "Spelling": autocomplete).
FOLLOW_DOCS = 50
FOLLOW_SECONDS = 0.15
MIN_FOLLOWS = 2
FOLLOW_CHARS = 20_000  # characters of each article read
SURFACE_TITLES = 20  # titles read to find how a folded word is usually written
SURFACE_BODIES = 5  # and bodies, when the titles show it fewer than SURFACE_ENOUGH times
SURFACE_ENOUGH = 3


# Two (typed word, folded form) typed side by side (:func:`search.analysis.side_by_side`).
Pair = tuple[tuple[str, str], tuple[str, str]]


class Neighbours(NamedTuple):
    """What the archive writes side by side, for a query's corrections: its pairs of content words
    typed next to each other, each typed word's :func:`neighbours`, ``together(first, second)``
    (the documents writing two folded forms side by side), and every two tokens typed next to each
    other as typed (:func:`search.analysis.typed_side_by_side`: the pieces :func:`joined` reads)."""

    pairs: list[Pair]
    beside: dict[str, Callable[[str], int]]
    together: Callable[[str, str], int]
    typed: list[tuple[str, str]]


def correction(vocab: Vocabulary, form: str, rare: int = RARE, better: int = BETTER,
               most_edits: int = 2, beside: Callable[[str], int] | None = None,
               together: Callable[[str, str], int] | None = None) -> str | None:
    """The frequent folded word closest to ``form``, or None when ``form`` is fine or hopeless:
    ``form`` in at most ``rare`` documents, the correction in ``better`` times as many, within
    ``most_edits`` edits (two only for a word of 6 letters or more). Of several at the same
    distance, the one the words typed next to it are written beside (``beside``: documents,
    :data:`CONTEXT_MIN` at least: «مطار عدك» is «مطار عدن», not the commoner عدد), else the
    commonest. Two words typed without the space between them, when the archive writes them side by
    side (``together``: :func:`_space_left_out`), when nothing is within one edit or the pair is
    written side by side in as many documents as the word one edit away is in (كيمون: «كي مون», 64,
    not كيتون, 20). A form longer than any word is hopeless: its edit-distance automaton alone took
    1.5 s for 2,000 letters."""
    if not 3 <= len(form) <= MAX_WORD_LEN or not any("\u0621" <= c <= "\u064a" or c.isalpha() for c in form):
        return None
    own = vocab.doc_frequency(SUGGEST_FIELD, form)
    if own > rare:
        return None
    least = max(MIN_DF, better * own)
    if spellings := arabic_spellings(form):
        return _persian_correction(vocab, form, spellings, least, beside, lambda s: correction(
            vocab, s, rare, better, most_edits, beside, together))
    # A hamza left out, or typed on the alef where its seat is another (مسأول), is a spelling, not
    # a slip: يوكد is يؤكد before the commoner يوجد, one edit away too. Counted by its stem, as
    # the search finds it, among the spellings some article writes as they are (the suggestion is
    # shown as written).
    spelled = chain(hamza_spellings(form, after_alef=True), alef_seat_spellings(form))
    restored = {cand: df for cand in spelled
                if vocab.doc_frequency(SUGGEST_FIELD, cand) and (df := stem_documents(vocab, cand)) >= least}
    if restored:
        return _likeliest(restored, beside)
    # ... and so is a letter spoken alike written for another: ظابط is ضابط, not the commoner رابط.
    alike = _common(vocab, edits.sound_alike(form), least)
    if alike:
        return _likeliest(alike, beside)
    for dist in (1, 2) if len(form) >= 6 and most_edits >= 2 else (1,):
        if dist == 2 and (letter_moved := _common(vocab, edits.moved(form), least, form)):
            # A letter typed in the wrong place (اوردغان for اردوغان) keeps every letter of the
            # word: likelier than two other edits, which found the commoner اوردها (he cited it).
            return _likeliest(letter_moved, beside)
        found = _common(vocab, vocab.terms_within(SUGGEST_FIELD, form, dist, shared_prefix(form)), least, form)
        if dist == 1 and (not own or beside is not None):
            found |= _head_slips(vocab, form, least, beside if own else None)
        # A space left out is one slip, and two words written together beat a word two slips
        # away: فرصهعمل is فرصة عمل, not فرصهم; عبداللهبن عبدالله بن, not عبدالله. Against a word one
        # slip away, the more documents win: كيمون is «كي مون» (a stop word is a word here), not كيتون.
        split = _space_left_out(vocab, form, together) if together is not None and dist == 1 else None
        if found:
            best = _likeliest(found, beside)
            return split[0] if split is not None and split[1] >= found[best] else best
        if split is not None:
            return split[0]
    return None


def _common(vocab: Vocabulary, candidates: Iterable[str], least: int, typed: str = "") -> dict[str, int]:
    """The ``candidates`` (folded forms) in ``least`` documents or more, each with its documents,
    but ``typed`` itself: what a correction is chosen from (:func:`_likeliest`)."""
    return {cand: df for cand in candidates if cand != typed and (df := vocab.doc_frequency(SUGGEST_FIELD, cand)) >= least}


def _persian_correction(vocab: Vocabulary, form: str, spellings: list[str], least: int,
                        beside: Callable[[str], int] | None,
                        corrected: Callable[[str], str | None]) -> str | None:
    """The correction of a word written with a Persian letter (``spellings``: its
    :func:`~analyzers.spelling_variants.arabic_spellings`): the likeliest of them (as
    :func:`_likeliest` chooses) the archive has in ``least`` documents, else of them with one long
    vowel written or dropped (گلف: جولف), else the commonest of their own corrections
    (``corrected``). Never an edit of the Persian letter itself: its writer chose it for a sound,
    and one edit from a three-letter word is anything (ڤان was corrected to أن, چاي to أي, گاز to
    فاز; measured in docs/query-language.md, "Spelling")."""
    for tier in (spellings, [v for s in spellings for v in vowel_edits(s)]):
        found = _common(vocab, dict.fromkeys(tier), least, form)
        if found:
            return _likeliest(found, beside)
    fixes = {fix: vocab.doc_frequency(SUGGEST_FIELD, fix) for s in spellings if (fix := corrected(s)) is not None}
    return _likeliest(fixes, None) if fixes else None


def _space_left_out(vocab: Vocabulary, form: str, together: Callable[[str, str], int]) -> tuple[str, int] | None:
    """``form`` cut into the two words the archive writes side by side in the most documents, at
    least :data:`CONTEXT_MIN`, as ``("first second", documents)`` (``كاسالعالم`` → ``كاس العالم``,
    ``3سنوات`` → ``3 سنوات``), each part two letters or more (or digits) and a word of :data:`MIN_DF`
    documents; else None. A space left out is a slip edit distance does not see: a space is a
    letter no word has."""
    cuts = [(form[:i], form[i:]) for i in range(1, len(form))]
    words = [(a, b) for a, b in cuts if all((len(w) >= 2 or w.isdigit()) and vocab.doc_frequency(SUGGEST_FIELD, w) >= MIN_DF
                                            for w in (a, b))]
    count, first, second = max(((together(a, b), a, b) for a, b in words), default=(0, "", ""))
    return (f"{first} {second}", count) if count >= CONTEXT_MIN else None


def _head_slips(vocab: Vocabulary, form: str, least: int, vouch: Callable[[str], int] | None) -> dict[str, int]:
    """The words (folded form → documents, ``least`` at least) one slip from ``form`` inside the
    first letters the scan keeps, each looked up: for a word in no article, any; for a word the
    archive writes, only those its neighbours are written beside in :data:`CONTEXT_MIN`
    documents (``vouch``): alone, such a word was mostly real (مرجل is no رجل, ولغيرها no
    وغيرها), beside «الاستاذ» الدختور is الدكتور (docs/query-language.md, "Spelling")."""
    found = {}
    for cand in edits.head_edits(form, clitic_prefix(form), shared_prefix(form)):
        df = vocab.doc_frequency(SUGGEST_FIELD, cand)
        if df >= least and (vouch is None or vouch(cand) >= CONTEXT_MIN):
            found[cand] = df
    return found


def _likeliest(found: dict[str, int], beside: Callable[[str], int] | None) -> str:
    """Of candidate corrections (folded form → documents), the one written beside the typed
    word's neighbours in the most documents (:func:`_best_beside`), else the commonest; of two as
    common, the later in lexical order, whatever order they came in (the slips of a word's first
    letters come from a set, in an order that changes with each process's hash seed: اتنافسي was
    تنافسي in one process and التنافسي in another, 25 articles each)."""
    best = _best_beside(found, beside) if beside is not None else None
    return best or max(found, key=lambda cand: (found[cand], cand))


def _best_beside(found: dict[str, int], beside: Callable[[str], int]) -> str | None:
    """The candidate (folded form → documents) written beside the typed word's neighbours in the
    most documents, if in :data:`CONTEXT_MIN` at least (the commoner on a tie); else None."""
    together, _df, cand = max(((beside(cand), df, cand) for cand, df in found.items()), default=(0, 0, ""))
    return cand if together >= CONTEXT_MIN else None


def neighbours(pairs: list[Pair], together: Callable[[str, str], int]) -> dict[str, Callable[[str], int]]:
    """For each typed word of ``pairs`` (:func:`search.analysis.side_by_side`), a function of a
    folded form: the documents writing it beside the words typed next to that word (the most of
    its two sides). ``together(first, second)`` counts the documents writing two forms side by side."""
    sides: dict[str, list[Callable[[str], int]]] = {}
    for (a_typed, a), (b_typed, b) in pairs:
        sides.setdefault(a_typed, []).append(lambda c, b=b: together(c, b))
        sides.setdefault(b_typed, []).append(lambda c, a=a: together(a, c))
    return {typed: (lambda c, counts=counts: max(count(c) for count in counts)) for typed, counts in sides.items()}


# A field name glued to a word («foo:النفط»), not a URL's scheme («http://») nor a time (10:30).
_FIELD_PREFIX = re.compile(r"(?<![\w:])([^\W\d_]\w*):(?=[^\s:/])")


def without_unknown_fields(query: str) -> str | None:
    """The query with each field name the language does not have taken off its word
    (``foo:النفط`` → ``النفط``; ``title:`` and ``عنوان:`` stay), or None when it has none: such a
    word is searched as typed, the name with it, and finds nothing."""
    fixed = _FIELD_PREFIX.sub(lambda m: m[0] if m[1].lower() in FIELD_ALIASES else "", query)
    return fixed if fixed != query and fixed.strip() else None


# A typed word the news writes this often (the analysis lexicon's counts over 31k real articles,
# analyzers/data) is a word, not a slip, whatever this archive holds: a query of such words that
# finds nothing here gets its correction offered, never applied in its place (on a small archive
# الشرطة, the police, 1,835 uses, was answered with الشركة's articles). Slips are rare there:
# السعوي 3 uses, الريض and وزبر none.
REAL_WORD_USES = 20


def replaces_a_word(typed: list[tuple[str, list[str]]], corrected: list[tuple[str, list[str]]]) -> bool:
    """Whether a correction word for word (``corrected``: its plain words,
    :func:`search.analysis.plain_words`) drops a typed word (``typed``: the query's) that the news
    writes :data:`REAL_WORD_USES` times or more: then it is a suggestion to offer, not a slip to
    fix unasked. Pieces joined (مباري ات → مباريات) are no such replacement: the archive never
    writes them side by side (:func:`joined`), whatever each is alone."""
    if len(corrected) != len(typed):
        return False
    kept = {word for word, _forms in corrected}
    return any(len(forms) == 1 and news_uses(forms[0]) >= REAL_WORD_USES
               for word, forms in typed if word not in kept)


def understood(vocab: Vocabulary, typed: str, rare: int = RARE) -> bool:
    """True when the typed word's stem is common in the stemmed body field (in more than
    ``rare`` documents): a rare *form* of a known word (``لفوضى``, ``والمستشفيات``) is not a
    misspelling, and skipping it saves the edit-distance scan of the vocabulary, the costliest
    step of a search."""
    return stem_documents(vocab, typed) > rare


def stem_documents(vocab: Vocabulary, word: str) -> int:
    """The documents of ``word``'s stem in the stemmed body field, as the search finds the word;
    0 for a word with no stem of its own (a stop word) or several."""
    stems = terms("text", word)
    return vocab.doc_frequency(STEM_FIELD, stems[0]) if len(stems) == 1 else 0


def wrong_layout(vocab: Vocabulary, query: str) -> str | None:
    """``query`` as the Arabic keyboard layout types its keys (:func:`search.keyboard.arabic_layout`:
    ``hgvdhq`` → ``الرياض``) when it was typed with the Latin layout by mistake: no typed Latin word
    is in any document, and each word of the Arabic reading is spelled as Arabic spells
    (:func:`search.keyboard.spelled_as_arabic`: ``now`` reads ىخص), written so in some article and
    its stem in :data:`MIN_DF` documents or more, with a content word among them (``td`` reads
    في, a stop word: no query). None otherwise: a Latin word the archive writes (google, afp) is
    searched as typed."""
    arabic = arabic_layout(query)
    if arabic is None:
        return None
    typed, read = query.split(), arabic.split()
    if len(typed) != len(read) or not terms("text", arabic):
        return None
    for latin, word in zip(typed, read, strict=True):
        # A key of a letter the Latin layout types as punctuation (; is ك, [ ج) shows no Latin word.
        letters = latin.strip('"-()')
        if letters.isascii() and letters.isalpha() and vocab.doc_frequency(SUGGEST_FIELD, letters.lower()):
            return None  # afp, a word some article writes, is no شبح
        forms, stems = terms("exact", word), terms("text", word)
        if len(forms) != 1 or not spelled_as_arabic(word.strip('"-()')):
            return None
        written = vocab.doc_frequency(SUGGEST_FIELD, forms[0])
        if not written:
            return None  # a reading no article writes as it stands (لالاؤ, cut to a stem) is no word
        # Counted by its stem, as the search finds it (a stop word by its form).
        if (vocab.doc_frequency(STEM_FIELD, stems[0]) if len(stems) == 1 else written) < MIN_DF:
            return None
    return arabic


def did_you_mean(vocab: Vocabulary, query: str, words: list[tuple[str, list[str]]],
                 surface: Callable[[str], str] | None = None,
                 expired: Callable[[], bool] = lambda: False, *, unmatched: bool = False,
                 near: Neighbours | None = None) -> str | None:
    """The query with each rare typed word replaced by its correction, or None if nothing changes.

    ``words``: (typed word, its folded forms) for the query's plain words
    (:func:`search.analysis.plain_words`); ``surface`` maps a folded form to how it is usually
    written; ``expired()`` true stops before the next word (the search's deadline);
    ``unmatched``: no article has every word, so rarer-than-``RARE`` words may be misspellings
    too (``RARE_UNMATCHED``; the caller keeps the correction only if it has full matches);
    ``near``: the query's :class:`Neighbours`, to choose between corrections and to find a space
    left out.
    """
    # A word in 3-10 articles is as often a real word as a repeated slip: one edit only (two
    # turned المجوف into المجلس, عبدالحق into عبدالله: docs/query-language.md, "Spelling").
    rare, better, most = (RARE_UNMATCHED, BETTER_UNMATCHED, 1) if unmatched else (RARE, BETTER, 2)
    beside = near.beside if near else {}
    together = near.together if near and not unmatched else None
    changed = query
    for typed, forms in words:
        if expired():
            return None  # half a correction would mislead
        if len(forms) != 1 or understood(vocab, typed, rare):
            continue
        fix = correction(vocab, forms[0], rare, better, most, beside.get(typed), together)
        if fix is not None:
            changed = _replaced(changed, typed, fix, surface)
    return changed if changed != query else None


def joined(vocab: Vocabulary, query: str, pairs: list[tuple[str, str]], together: Callable[[str, str], int],
           surface: Callable[[str], str] | None = None, expired: Callable[[], bool] = lambda: False) -> str | None:
    """The query with each two typed pieces that are one word cut by a stray space written as that
    word, or None: ``وزا رة الصحة`` → ``وزارة الصحة``. ``pairs``: the words typed side by side
    (:func:`search.analysis.typed_side_by_side`); the joined word is a content word of
    :data:`MIN_DF` articles or more, :data:`BETTER` times as many as write the two pieces side by
    side (at most :data:`RARE`): «عبد الله», written apart as often as not, stays."""
    changed = query
    for first, second in pairs:
        if expired():
            return None  # half a correction would mislead
        if not _pieces(vocab, first, second):
            continue
        forms = terms("exact", first + second)
        if len(forms) != 1 or not terms("text", first + second):
            continue
        documents = vocab.doc_frequency(SUGGEST_FIELD, forms[0])
        if documents < MIN_DF:
            continue
        apart = together(first, second)
        if apart <= RARE and documents >= BETTER * (apart + 1):
            shown = surface(forms[0]) if surface else forms[0]
            changed = re.sub(rf"(?<!\w){re.escape(first)}\s+{re.escape(second)}(?!\w)", lambda _m, shown=shown: shown,
                             changed, count=1)
    return changed if changed != query else None


def _pieces(vocab: Vocabulary, first: str, second: str) -> bool:
    """Whether two typed tokens may be pieces of a word cut by a stray space: no number (14 35 is
    no 1435), no آل (a family: «آل حافظ» is no الحافظ), and a stop word only beside a piece that
    is no word of its own (طل بات is طلبات, سا ما ساما; وأي من is no وايمن); a conjunction or
    preposition of one letter before a word is read with it anyway."""
    if any(c.isdigit() for c in first + second) or first == "آل":
        return False
    folded = [terms("exact", typed) for typed in (first, second)]
    if any(len(forms) != 1 for forms in folded):
        return False
    stop = [len(f[0]) > 1 and f[0] in stopwords("full") for f in folded]
    word = [len(f[0]) > 1 and vocab.doc_frequency(SUGGEST_FIELD, f[0]) >= MIN_DF for f in folded]
    if folded[0][0] in CLITIC_LETTERS and word[1]:
        return False  # «و الشباب» is searched as والشباب already
    return not (stop[0] and word[1]) and not (stop[1] and word[0]) and not all(stop)


def _replaced(query: str, typed: str, fix: str, surface: Callable[[str], str] | None) -> str:
    """``query`` with the first ``typed`` word (a whole word) replaced by ``fix``'s folded words,
    each in its usual spelling."""
    shown = " ".join(map(surface, fix.split())) if surface else fix
    return re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", lambda _m: shown, query, count=1)


def slips_beside(vocab: Vocabulary, query: str, pairs: list[Pair],
                 beside: Mapping[str, Callable[[str], int]], surface: Callable[[str], str] | None = None,
                 expired: Callable[[], bool] = lambda: False) -> str | None:
    """The query with each word that is a slip beside the words typed next to it replaced, or None.

    ``pairs``: two (typed word, folded form) typed side by side (:func:`search.analysis.side_by_side`);
    ``beside``: their :func:`neighbours`. The rarer word of a pair is the one that may be a slip
    (``مجلس الشورة``, ``مجلص الشورى``): the other must be common enough to vouch for a correction,
    and looking for one costs a scan.
    """
    changed = query
    tried: set[str] = set()
    for (a_typed, a), (b_typed, b) in pairs:
        if expired():
            return None  # half a correction would mislead
        da, db = vocab.doc_frequency(SUGGEST_FIELD, a), vocab.doc_frequency(SUGGEST_FIELD, b)
        typed, form, own = (a_typed, a, da) if da < db else (b_typed, b, db)
        if typed in tried or own > CONTEXT_RARE or max(da, db) < CONTEXT_MIN:
            continue
        tried.add(typed)
        if own <= RARE and not understood(vocab, typed):
            continue  # :func:`did_you_mean` looked for a correction already, found none
        fix = _slip_beside(vocab, form, own, beside[typed])
        if fix is not None:
            changed = _replaced(changed, typed, fix, surface)
    return changed if changed != query else None


def _slip_beside(vocab: Vocabulary, form: str, own: int, together: Callable[[str], int]) -> str | None:
    """The word one edit from ``form`` (in ``own`` documents) that the neighbour is written beside
    in the most documents, at least :data:`CONTEXT_MIN`, when ``form`` is never written beside it
    and the word is :data:`CONTEXT_BETTER` times as common; else None."""
    if not 3 <= len(form) <= MAX_WORD_LEN or together(form):  # a rare word's pair: cheaper than the scan
        return None
    least = max(MIN_DF, CONTEXT_BETTER * own)
    stems = terms("text", form)
    # A stop word is no word a writer meant (فيد is no في); another form of the same stem is found
    # already (مبارياتهم, مبارياته: the search is stemmed).
    # Slips in the first letters too, which the scans keep (الحوري beside الشعب is السوري: 1 article
    # against 714): the neighbour vouches for them as for the rest (docs/query-language.md).
    spellings = edits.one_edit(form, clitic_prefix(form))
    common = {cand: df for cand in spellings
              if (df := vocab.doc_frequency(SUGGEST_FIELD, cand)) >= least and terms("text", cand) not in ([], stems)}
    return _best_beside(common, together)


def surface_form(vocab: Vocabulary, stored: Callable[[DocKey], Mapping], form: str) -> str:
    """How a folded word is usually written (``وزاره`` → ``وزارة``, ``الزكاه`` → ``الزكاة``): its
    most frequent original spelling in a few titles that have it, and in a few bodies too when the
    titles show it fewer than ``SURFACE_ENOUGH`` times (many words never make a headline); the
    folded form itself only when no document has it."""
    counts: Counter = Counter()
    for name, field, documents in ((TITLE, TITLE_FIELD, SURFACE_TITLES), (BODY, SUGGEST_FIELD, SURFACE_BODIES)):
        if sum(counts.values()) >= SURFACE_ENOUGH:
            break
        for key in vocab.documents_with(field, form, documents):
            counts.update(_spellings(stored(key).get(name) or "", form))
    return counts.most_common(1)[0][0] if counts else form


def _spellings(text: str, form: str) -> list[str]:
    """The original spellings (marks stripped) of the words of ``text`` that fold to ``form``."""
    return [strip_marks(text[t.startchar : t.endchar])
            for t in analyzer_for("exact")(text, chars=True, mode="query") if t.text == form]


# The typed word at the end of an autocomplete prefix, and the query syntax before it in its
# token (an exclusion's "-", a field name's "title:", a quote, a bracket), kept in each
# completion; anything else before it (markup, punctuation) is dropped.
_LAST_WORD = re.compile(rf"^(?P<junk>.*?)(?P<lead>[-+(\"]*(?:\w+:)?[(\"]*)(?P<word>[\w{INWORD_MARKS}]*)$")
# The last word begins after the last space of any kind (a pasted tab or line break is a space too)
# or the last underscore, which a hashtag writes for a space (#عاصفة_ال completes ال, as the
# analysis parts the hashtag's words).
_LAST_SPACE = re.compile(r"^(?P<head>.*[\s_])?(?P<last>[^\s_]*)$", re.DOTALL)
OUTRANKED = 10  # a cut-off or a one-letter slip of a completion this many times as common is left out
OUTRANKING = 200  # the commonest completions a term is compared with (bounds the work per keystroke)
# Two words the archive wrote without the space between them (الوزيرالسوري, المدينةالمنورة) are
# no word to complete. A ة or ى before a word's last letter is always such a join; otherwise a
# term in RARE documents or fewer that is a word of 4 letters or more followed by an ال-word, each
# in GLUED_PART_MIN documents (and OUTRANKED times the term's) or more. Of 18,782 completions of
# 3,000 prefixes on the 31k archive the two leave out 106, all but one a join (docs/query-language.md).
GLUED_PART_MIN = 50
_ENDING_INSIDE = re.compile(r"[\u0629\u0649]\w")  # ة or ى, then a letter of the same word


def _split(prefix: str) -> tuple[str, str, list[str]]:
    """``prefix`` as what comes before its last word (a hashtag's underscore kept at its end, other
    spaces stripped), the syntax leading that word, and the word's exact forms (a word the analysis
    splits, ``لـ2015``, has two)."""
    head, last = _LAST_SPACE.match(prefix).group("head", "last")
    head = head or ""
    head = head if head.endswith("_") else head.rstrip()
    parts = _LAST_WORD.match(last)
    lead, word = (parts["lead"], parts["word"]) if parts else ("", last)
    return head, lead, terms("exact", word)


def context(prefix: str) -> tuple[str, str] | None:
    """(the exact form of the word typed before the last, the last word's exact form) when
    :func:`complete` would rank by what follows that word (:func:`followers`), else None."""
    head, _lead, forms = _split(prefix)
    if not forms or len(forms[-1]) < 2:
        return None
    before = _word_before(head, forms)
    # A stop word before (في ال) is left out: it tells little of what follows, and its articles
    # are most of the archive's, all to be ranked.
    return (before, forms[-1]) if before and terms("text", before) else None


def complete(vocab: Vocabulary, prefix: str, limit: int = 8,
             surface: Callable[[str], str] | None = None,
             following: Counter | None = None,
             frequent: Callable[[str], list[tuple[str, int]] | None] | None = None) -> list[str]:
    """Completions of the last word of ``prefix`` from the title and body vocabularies, in the
    most documents first (title and body counted together), each in its usual spelling, with
    what the user typed before the word kept (``-الن`` → ``-النفط``, ``title:الن`` →
    ``title:النفط``). Stop words are left out (``ال`` → ``إلا`` helps no one), as is the article
    standing alone (``ال``, ``وال``: an archive has them, split off a name), and so is a term
    that is a cut-off or a one-letter slip of a completion :data:`OUTRANKED` times as common
    (``الزك`` beside ``الزكاة``, ``الحوثين`` beside ``الحوثيين``): the archive's own typos.
    ``following``: how often each term follows the word typed before the last (:func:`followers`
    of :func:`context`); those seen :data:`MIN_FOLLOWS` times come first, the most often first.
    ``frequent(form)``: for a prefix beginning more terms than are read (:data:`COMPLETION_SCAN`
    in lexical order), its commonest terms with their documents (the index's completion table,
    :mod:`indexer.completions`), ranked instead of the ones read."""
    head, lead, forms = _split(prefix)
    if not forms or len(forms[-1]) < 2:
        return []
    # A prefix in the completion table: its commonest terms, whole counts (titles and bodies), in
    # place of the first terms in lexical order, which would miss them.
    found: Counter = Counter(dict((frequent(forms[-1]) if frequent else None) or ()))
    if not found:
        found = _beginning(vocab, forms[-1])
    if not found and (arabic := arabic_layout(prefix)) is not None and all(map(spelled_as_arabic, arabic.split())):
        # The keyboard left in its Latin layout (hgvd: الري), when no term begins as typed.
        return complete(vocab, arabic, limit, surface, None, frequent)
    if sum(found.values()) <= RARE_UNMATCHED and len(forms[-1]) <= MAX_WORD_LEN:
        # A hamza left out (موتم: مؤتمر), as the search reads a whole word: the prefix's hamza
        # spellings too, when it begins only terms in a few documents as typed (الموتم: الموتمر, 1).
        for spelled in hamza_spellings(forms[-1]):
            found.update(_beginning(vocab, spelled))
    ranked = sorted(found, key=lambda t: (-found[t], t))
    seen = following or Counter()
    documents = {t: _documents(vocab, t) for t, n in seen.items() if n >= MIN_FOLLOWS and t.startswith(forms[-1])}
    first = sorted((t for t, n in documents.items() if n), key=lambda t: (-seen[t], -documents[t], t))
    out: list[str] = []
    for i, term in enumerate([*first, *ranked]):
        if not terms("text", term) or term in ARTICLE_PREFIXES:  # a stop word; the article alone (ال, وال)
            continue
        if i >= len(first) and _outranked(term, found[term], ranked[:min(i - len(first), OUTRANKING)], found):
            continue
        shown = surface(term) if surface else term
        if _ENDING_INSIDE.search(strip_marks(shown)) or (found[term] <= RARE and _joined(vocab, term, found[term])):
            continue
        text = f"{head}{'' if head.endswith('_') else ' '}{lead}{shown}".strip()
        if text not in out:
            out.append(text)
        if len(out) >= limit:
            break
    return out


# A field's name and a value begun at the end of a prefix: the syntax before the name (an
# exclusion's -, a bracket), the name, and the value: a word, or a quoted name of several words
# whose quote is still open.
_FIELD_VALUE = re.compile(r'(?:^|\s)(?P<lead>[-+(]*)(?P<field>[^\W\d_]\w*):(?:"(?P<quoted>[^"]*)|(?P<value>[^\s"()]*))$')


def keyword_field(prefix: str) -> str | None:
    """The facet field (source, section, author, tags) whose value the end of ``prefix`` begins
    (``مصدر:عك``, ``source:"الشرق ال``), or None: its completions are that field's values."""
    found = _FIELD_VALUE.search(prefix)
    field = FIELD_ALIASES.get(found["field"].lower()) if found else None
    return field if field in KEYWORD_FIELDS else None


def complete_value(prefix: str, values: Iterable[KeywordValue], documents: Callable[[str], int],
                   limit: int) -> list[str]:
    """Completions of a facet field's value begun at the end of ``prefix`` (``مصدر:عك`` →
    ``مصدر:عكاظ``; ``source:ok`` → ``source:okaz``): the stored values, or their labels, whose
    name begins as typed (folded), in the most ``documents`` first; a name of several words
    quoted. Only values the archive has: a body word after a field name finds nothing."""
    found = _FIELD_VALUE.search(prefix)
    if not found:
        return []
    head = prefix[: found.start("lead")]
    quoted = found["quoted"] is not None
    typed = " ".join(terms("exact", found["quoted"] if quoted else found["value"]))
    matches: dict[str, str] = {}
    for v in values:
        for text, name in zip(v.texts, v.names, strict=True):
            if " ".join(name).startswith(typed) and v.value not in matches:
                matches[v.value] = text
    out = []
    for value in sorted(matches, key=lambda value: (-documents(value), value))[:limit]:
        text = matches[value]
        shown = f'"{text}"' if " " in text or quoted else text
        out.append(f"{head}{found['lead']}{found['field']}:{shown}")
    return out


def _beginning(vocab: Vocabulary, prefix: str) -> Counter:
    """The first :data:`COMPLETION_SCAN` terms beginning with ``prefix`` in the title and body
    vocabularies, with their documents in both together."""
    found: Counter = Counter()
    for field in (TITLE_FIELD, SUGGEST_FIELD):
        for term, documents in vocab.prefix_frequencies(field, prefix, COMPLETION_SCAN):
            found[term] += documents
    return found


def _word_before(head: str, forms: list[str]) -> str | None:
    """The exact form of the word typed just before the one being completed: the last word of
    ``head`` (after a field name too: ``title:وزارة الص`` is followed as ``وزارة الص``), or the one
    before it inside the same token (``ولي_الع`` gives two forms); None after an exclusion, whose
    word the user wants gone, or anything but a word."""
    if len(forms) > 1:
        return forms[-2]
    token = _LAST_SPACE.match(head.rstrip("_")).group("last")
    parts = _LAST_WORD.match(token)
    if not parts or parts["junk"].lstrip("#") or "-" in parts["lead"]:
        return None
    before = terms("exact", parts["word"])
    return before[-1] if before else None


def _documents(vocab: Vocabulary, term: str) -> int:
    return vocab.doc_frequency(SUGGEST_FIELD, term) + vocab.doc_frequency(TITLE_FIELD, term)


def followers(s: Searcher, before: str, form: str, deadline: Deadline) -> Counter:
    """How often each exact form starting with ``form`` follows the exact form ``before`` in the
    :data:`FOLLOW_DOCS` best-ranked articles having ``before`` (their titles and the start of their
    bodies, folded): what the archive writes after the word typed, which no term count knows.
    The best-ranked, not any: they say the word most often (the first 50 articles having وزارة
    by number never write وزارة الصحة, the 50 best-ranked 56 times). Stops at ``deadline`` with
    what it has read."""
    word = Group("and", [Word(before)], implicit=True)
    after = re.compile(rf"(?<!\w){re.escape(before)}\s+({re.escape(form)}\w*)")
    seen: Counter = Counter()
    for key, _score in s.top(Selection(query=s.compile(word, "and")), 0, FOLLOW_DOCS):
        if deadline.expired():
            break
        doc = s.stored(key)
        text = f"{doc.get(TITLE) or ''}\n{(doc.get(BODY) or '')[:FOLLOW_CHARS]}"
        seen.update(after.findall(fold_letters(strip_marks(text))))
    return seen


def _joined(vocab: Vocabulary, term: str, count: int) -> bool:
    """Whether ``term`` is a common word of four letters or more and a common ال-word written
    without the space between them (:data:`GLUED_PART_MIN`). Only an ال-word second: a word and
    the suffixes of another (اليوم + يات, الشرق + يات) would otherwise read as two words."""
    least = max(GLUED_PART_MIN, OUTRANKED * count)
    return any(term.startswith("ال", cut) and _documents(vocab, term[:cut]) >= least
               and _documents(vocab, term[cut:]) >= least
               for cut in range(4, len(term) - 3))


def _outranked(term: str, count: int, before: list[str], found: Counter) -> bool:
    """Whether a more common completion ``OUTRANKED`` times as common starts with ``term`` or is
    one letter away from it (one inserted, dropped or changed)."""
    return any(found[other] >= OUTRANKED * count
               and (other.startswith(term) or edits.close(term, other, 1))
               for other in before)
