"""The Arabic analysis chain as Whoosh tokenizer and filters, and the analyzers built from them.

Each DESIGN.md rule is one small filter that can be tested alone and reordered::

    ArabicTokenizer() | UnicodeFoldFilter() | MarksFilter() | LetterFoldFilter()
        | ArabicStopFilter() | LightStemFilter()

Rule 3 has two halves that are also filters of their own (``UthmaniFilter | StripMarksFilter``);
the chain runs them as one stage, :class:`MarksFilter`, because every stage costs a call per token
whatever it changes, and news text has no Uthmani letters to read (docs/analysis.md).

Whoosh pickles the schema, analyzers included, into every index, so these classes must keep their
import paths and hold only plain data (the caches and word lists live in module-level functions).
Changing what any of them produce means bumping ``ANALYZER_VERSION``: the index refuses to open
with a mismatched version and says how to re-index.

Index side and query side run the same chain (Whoosh passes ``mode="index"``/``"query"`` but none
of these filters look at it), so whatever the user types meets the same terms.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Filter, RegexTokenizer, Token

from analyzers.caching import memoize
from analyzers.normalize import (
    MAX_TOKEN_LEN,
    TOKEN_PATTERN,
    fold_letters,
    strip_marks,
    unicode_fold,
)
from analyzers.roots import root
from analyzers.stemming import light_stem
from analyzers.stopwords import never_madda, stopwords
from analyzers.uthmani import uthmani_fold

# Bump when any rule, word list, lexicon or stemming decision changes the terms produced.
ANALYZER_VERSION = "fahras-ar-71"

FIELD_KINDS = ("text", "exact", "roots")


class ArabicTokenizer(RegexTokenizer):
    """Rule 1: words of letters, digits *and* combining marks, with offsets into the original.

    ``وَالكِتَابُ جديد`` → ``وَالكِتَابُ`` (0, 11), ``جديد`` (12, 16): harakat stay inside the word.
    """

    def __init__(self) -> None:
        super().__init__(TOKEN_PATTERN)


def _refold(tokens: Iterator[Token], fold) -> Iterator[Token]:
    """Each token's text through ``fold``; a result of several words (a ligature, a joined
    vocative) becomes several tokens with the original's offsets, positions renumbered after it;
    a result of no word (marks only: a tatweel dash «ـ») drops the token and its position, as
    punctuation has none, so a phrase reads across it (and the exact field's positions are its
    terms' order: the import's one-pass road, :mod:`analyzers.terms`, hands Whoosh the list)."""
    shift = 0  # positions created (ligatures) less positions dropped (marks only) so far
    for t in tokens:
        folded = fold(t.text)
        # Whoosh passes one Token object down the chain: a later stage may move ``t.pos`` while
        # this one is paused at a yield, so each word's position is set from ``pos``, not stepped.
        pos = t.pos + shift if t.positions else 0
        if " " not in folded:
            if folded:
                t.text = folded
                if t.positions:
                    t.pos = pos
                yield t
            elif t.positions:
                shift -= 1
            continue
        words = folded.split()
        for i, word in enumerate(words):
            t.text = word
            if t.positions:
                t.pos = pos + i
            yield t
        shift += len(words) - 1


class UnicodeFoldFilter(Filter):
    """Rule 2: NFKC, zero-width joiners out, lower case, ASCII digits, a number glued to Arabic
    letters apart from them.

    ``ﻛﺘﺎﺏ`` → ``كتاب``; ``٢٠١٥`` → ``2015``; ``ﷺ`` → ``صلى`` ``الله`` ``عليه`` ``وسلم`` (four
    tokens, each with the ligature's offsets, positions renumbered after them); ``و2015م`` → ``و``
    ``2015`` ``م``.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        return _refold(tokens, unicode_fold)


class UthmaniFilter(Filter):
    """Rule 3, first half: Uthmani script and by-ear spellings read as the standard spelling.

    ``ٱلسَّمَـٰوَٰتِ`` → ``ٱلسَّمَـاوَاتِ`` (then ``السماوات``); ``الرحمان`` → ``الرحمن``; ``يَـٰقَوْمِ`` →
    ``يا`` ``قَوْمِ`` (two tokens with the joined word's offsets, positions renumbered after them).
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        return _refold(tokens, uthmani_fold)


class StripMarksFilter(Filter):
    """Rule 3, second half: harakat, Quranic marks and tatweel vanish.

    ``كَتَبَ`` → ``كتب``; ``فخـــورون`` → ``فخورون``; a token of marks only is dropped, with its
    position.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        return _refold(tokens, strip_marks)


@memoize(32 << 20, MAX_TOKEN_LEN)
def read_marks(token: str) -> str:
    """Rule 3 on one token, both halves in one cached step: ``ٱلصَّلَوٰةِ`` → ``الصلاة``."""
    return strip_marks(uthmani_fold(token))


class MarksFilter(Filter):
    """Rule 3 whole, as the analyzers run it: ``UthmaniFilter | StripMarksFilter`` in one stage.

    ``ٱلسَّمَـٰوَٰتِ`` → ``السماوات``; ``كَتَبَ`` → ``كتب``; ``يَـٰقَوْمِ`` → ``يا`` ``قوم``; a token of
    marks only is dropped. Same terms, positions and offsets as the two filters in a row
    (tests/test_pipeline.py), for one cached lookup per token instead of two stages.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        return _refold(tokens, read_marks)


class LetterFoldFilter(Filter):
    """Rule 4: alef forms → ا, ى → ي, ة → ه, ؤ/ئ → ء, Persian ک/ی → ك/ي.

    ``إسلامية`` → ``اسلاميه``; ``مسئول`` → ``مسءول``. With ``fold_hamza=True`` the hamza goes:
    ``مسؤول`` → ``مسوول``.
    """

    def __init__(self, fold_hamza: bool = False) -> None:
        self.fold_hamza = fold_hamza

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        fold_hamza = self.fold_hamza
        # A lone ء with fold_hamza folds to nothing: its position goes too, counted here rather
        # than through _refold behind a madda-marking stage (same terms and positions, but the
        # extra stage made the exact and text chains 9-12% slower over 1,500 bodies).
        dropped = 0
        for t in tokens:
            # Folding loses the madda that tells آلية from إليه: the stop filter asks for it.
            t.madda = MADDA in t.text
            t.text = fold_letters(t.text, fold_hamza)
            if not t.text:
                dropped += t.positions
                continue
            if dropped and t.positions:
                t.pos -= dropped
            yield t


class ArabicStopFilter(Filter):
    """Rule 5: drop folded stop words. ``في الكتاب`` → ``الكتاب``; ``آلية`` (folded as إليه is)
    stays: a word written with a madda is no stop word never written so.

    Holds only the list's name so that the pickled schema stays small; the list itself is loaded
    (and folded) once per process by :func:`analyzers.stopwords.stopwords`.
    """

    def __init__(self, kind: str = "full") -> None:
        self.kind = kind

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stops, never_madda_stops = stopwords(self.kind), never_madda(self.kind)
        for t in tokens:
            # آلية folds onto إليه; written with its madda it is no stop word (analyzers/stopwords.py)
            if t.text not in stops or (getattr(t, "madda", False) and t.text in never_madda_stops):
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t


class LightStemFilter(Filter):
    """Rule 6: light stem (cached). ``والكتاب`` → ``كتاب``; ``الوزارات`` → ``وزار``;
    ``كمال``, ``زيتون`` stay whole (:mod:`analyzers.stemming` says on what evidence)."""

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = light_stem(t.text)
            yield t


class RootFilter(Filter):
    """Rule 7: the root (:mod:`analyzers.roots`). ``المدارس``, ``مدرسة`` → ``درس``; ``يكتبون`` → ``كتب``."""

    is_morph = True

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = root(t.text)
            yield t


def _normalizing_chain(fold_hamza: bool = False):
    return ArabicTokenizer() | UnicodeFoldFilter() | MarksFilter() | LetterFoldFilter(fold_hamza)


def text_analyzer(stoplist: str = "full", fold_hamza: bool = False):
    """Stemmed fields (``title``, ``body``): rules 1-6."""
    return _normalizing_chain(fold_hamza) | ArabicStopFilter(stoplist) | LightStemFilter()


def exact_analyzer(fold_hamza: bool = False):
    """Exact fields (``title_exact``, ``body_exact``): rules 1-4, stop words kept for phrases."""
    return _normalizing_chain(fold_hamza)


def roots_analyzer(stoplist: str = "full", fold_hamza: bool = False):
    """The ``roots`` field: rules 1-5 and 7."""
    return _normalizing_chain(fold_hamza) | ArabicStopFilter(stoplist) | RootFilter()


ANALYZERS = {"text": text_analyzer, "exact": exact_analyzer, "roots": roots_analyzer}


def analyzer_for(field: str):
    """The analyzer of a field kind (``text``, ``exact`` or ``roots``); query and index alike."""
    try:
        return ANALYZERS[field]()
    except KeyError:
        raise ValueError(f"unknown field kind {field!r}: use one of {', '.join(FIELD_KINDS)}") from None


def _words(folded: str) -> list[str]:
    return [folded] if " " not in folded else folded.split()


MADDA = "\u0622"  # آ


def _spelled_words(raw: str) -> Iterator[str]:
    """Rules 2-3 on one token as the tokenizer cut it: its words before the letters are folded
    (usually one; a ligature or a joined vocative gives several, marks only give none)."""
    # The rules' own caches are passed by: a token missing here is new to them too (they would
    # only add five more entries, ~1 µs each, for hits that do not come).
    for folded in _words(unicode_fold.uncached(raw)):
        yield from strip_marks.uncached(uthmani_fold.uncached(folded)).split()


@memoize(32 << 20, MAX_TOKEN_LEN)
def _exact_forms_of_token(raw: str) -> tuple[str, ...]:
    """Rules 2-4 on one token as the tokenizer cut it: what the exact chain's filters make of it."""
    return tuple(form for word in _spelled_words(raw) if (form := fold_letters.uncached(word, False)))


def content_forms_of_token(raw: str) -> tuple[str, ...]:
    """The forms of one token (:func:`_exact_forms_of_token`) that are no stop words, as the
    stemmed and roots chains keep them: a word written with a madda escapes the stop words never
    written so (``آلية`` is kept, ``إليه`` is not). Uncached: asked only of tokens where a madda
    may show (:func:`analyzers.terms.field_terms`)."""
    stops, never_madda_stops = stopwords("full"), never_madda("full")
    kept = []
    for word in _spelled_words(raw):
        form = fold_letters.uncached(word, False)
        if form and (form not in stops or (MADDA in word and form in never_madda_stops)):
            kept.append(form)
    return tuple(kept)


def exact_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(folded form, start, end) of each token of ``text``: what ``analyzer_for("exact")`` gives
    with ``chars=True``, without a Python generator stage per rule per token.

    Why a second road to the same result: highlighting analyses the whole body of every hit on a
    page, and running the filter chain was ~85% of it (3.3 ms an article). Rules 1-4 only look at
    one token at a time, so each distinct token is folded once (cached; news vocabulary repeats)
    and the text itself is only cut by the tokenizer's regex. ``tests/test_pipeline.py`` holds the
    two roads equal on real articles and generated text.
    """
    for m in TOKEN_PATTERN.finditer(text):
        start, end = m.span()
        for form in _exact_forms_of_token(m.group()):
            yield form, start, end


def analyze(text: str, field: str = "text") -> list[tuple[str, int, int]]:
    """(term, start, end) for each token of ``text``; offsets index into ``text`` itself."""
    return [(t.text, t.startchar, t.endchar) for t in analyzer_for(field)(text, chars=True, mode="query")]
