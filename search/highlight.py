"""Highlights drawn on the stored original text with the analyzers' character offsets.

Whoosh's own highlighter re-tokenizes with the field analyzer too, but it marks the token text it
produced, and for long texts it picks fragments by its own rules. We need exactly: every original
word whose stem, exact (folded) form or root matches a query term is wrapped whole — clitics and
harakat included, since the tokenizer keeps them inside the token — and everything else is
HTML-escaped. ``وَبِالكِتَابِ`` analyses to ``كتاب``, so a query ``كتاب`` marks the whole vocalized word.

Long articles give the window(s) with the most distinct matched words, not the opening lines.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Iterator

from analyzers.pipeline import content_forms_of_token, exact_tokens
from analyzers.roots import root
from analyzers.stemming import light_stem
from analyzers.stopwords import stopwords
from analyzers.terms import MADDA_SIGNS
from indexer.parts import PART_CHARS

SNIPPET_CHARS = 180
# Characters of a text searched for matches. Analysis runs at about 1 MB/s, and a search shows up
# to 100 hits: a 5 MB article would cost seconds per hit (tests/test_reliability_hostile.py). News
# articles are far shorter; a longer one gets its snippet from its first part, all that is stored
# with it (indexer/parts.py), and a document page marks one part.
MAX_HIGHLIGHT_CHARS = PART_CHARS
MAX_FRAGMENTS = 2
ELLIPSIS = "…"
_SPACE = re.compile(r"\s+")


def match_spans(text: str, terms: dict[str, set[str]]) -> list[tuple[int, int, str]]:
    """(start, end, matched term) of every word of ``text`` matching ``terms`` by kind.

    ``terms`` maps ``text`` (stems), ``exact`` (folded forms) and ``roots`` to the terms to find.
    The three field analyzers share their first four rules (``exact`` is rules 1-4; ``text`` and
    ``roots`` add a stop filter, then the stem or the root), so the
    text is tokenized and folded once (:func:`analyzers.pipeline.exact_tokens`, each distinct token
    folded once) and each folded token is stemmed/rooted from there (cached).
    """
    spans: dict[tuple[int, int], str] = {}
    for start, end, matched in _token_terms(text, terms, every=False):
        spans.setdefault((start, end), matched[0])
    return sorted((s, e, term) for (s, e), term in spans.items())


def matched_terms(text: str, terms: dict[str, set[str]]) -> set[str]:
    """Every term of ``terms`` a word of ``text`` matches, by any kind: a word matching both an
    exact form and a stem (وعبد: the exact form of a phrase typed, the stem عبد of a word typed)
    has both, where :func:`match_spans` names the first."""
    return {term for _s, _e, matched in _token_terms(text, terms, every=True) for term in matched}


def _token_terms(text: str, terms: dict[str, set[str]], every: bool) -> Iterator[tuple[int, int, list[str]]]:
    """(start, end, the terms it matches: exact form, phrase, stem, root in that order) of each
    word of ``text`` matching ``terms``; only the first term unless ``every``. A phrase (``terms
    ["phrases"]``: exact forms joined by a space) matches its words only where they stand side by
    side: «أسعار النفط» marks no أسعار of «أسعار الفحم»."""
    wanted_exact = terms.get("exact") or ()
    wanted_text = terms.get("text") or ()
    wanted_roots = terms.get("roots") or ()
    phrases = terms.get("phrases") or ()
    if not text or not (wanted_exact or wanted_text or wanted_roots or phrases):
        return
    stops = stopwords("full")
    tokens = exact_tokens(text[:MAX_HIGHLIGHT_CHARS])
    in_phrases: dict[int, list[str]] = {}
    if phrases:  # the tokens are read twice only when a phrase needs its neighbours
        tokens = list(tokens)
        in_phrases = _phrase_places([form for form, _s, _e in tokens], phrases)
    for i, (form, start, end) in enumerate(tokens):
        matched = [form] if form in wanted_exact else []
        matched += in_phrases.get(i, ())
        # A stop word is in neither field, so it matches no stem or root: ولا (and not) is no
        # match for ولاية, whose stem has its letters. Asked only of a word that would match.
        if (every or not matched) and wanted_text and (stem := light_stem(form)) in wanted_text:
            if form not in stops or form in _madda_content(text[start:end]):
                matched.append(stem)
        if (every or not matched) and wanted_roots and (r := root(form)) in wanted_roots:
            if form not in stops or form in _madda_content(text[start:end]):
                matched.append(r)
        if matched:
            yield start, end, matched


def _phrase_places(forms: list[str], phrases: set[str]) -> dict[int, list[str]]:
    """Token index → the phrases (exact forms joined by a space) an occurrence of which covers it."""
    by_first: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        words = phrase.split(" ")
        by_first.setdefault(words[0], []).append(words)
    places: dict[int, list[str]] = {}
    for i, form in enumerate(forms):
        for words in by_first.get(form, ()):
            if forms[i : i + len(words)] == words:
                for j in range(i, i + len(words)):
                    places.setdefault(j, []).append(" ".join(words))
    return places


@functools.lru_cache(maxsize=4096)
def _madda_content(raw: str) -> frozenset[str]:
    """The stop forms of the token ``raw`` that are content words by its madda (آلية, not إليه), as
    the stemmed and roots fields keep them; cached, as a page's stop words repeat."""
    if not any(sign in raw for sign in MADDA_SIGNS):
        return frozenset()
    return frozenset(content_forms_of_token(raw))


def mark(text: str, spans: list[tuple[int, int, str]], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` HTML-escaped, with ``<mark>`` around each span inside it."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for s, e, _term in spans:
        if e <= start or s >= end or s < pos:
            continue
        out.append(html.escape(text[pos:s], quote=False))
        out.append("<mark>" + html.escape(text[s:e], quote=False) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end], quote=False))
    return "".join(out)


def highlight_full(text: str, terms: dict[str, set[str]]) -> str:
    """The whole text (a title) escaped, matches marked."""
    return mark(text, match_spans(text, terms))


def _snap_start(text: str, pos: int) -> int:
    """Move a cut point back to the start of a word (never inside one)."""
    if pos <= 0:
        return 0
    space = text.rfind(" ", max(0, pos - 30), pos)
    return space + 1 if space >= 0 else pos


def _snap_end(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    space = text.find(" ", pos, pos + 30)
    return space if space >= 0 else pos


def best_windows(text: str, spans: list[tuple[int, int, str]], size: int, count: int) -> list[tuple[int, int]]:
    """Up to ``count`` non-overlapping windows of about ``size`` characters with the most
    distinct matched terms (then the most matches), in text order. A window with fewer distinct
    terms than the best is left out: for «عين العرب» a byline «عين اليوم» came first, in text
    order, and the article seemed to match one word."""
    if not spans:
        return [(0, _snap_end(text, size))]
    candidates = []
    # Spans are sorted and do not overlap, so the ones inside a window are a slice found by
    # bisection: linear scans here were quadratic in the matches (minutes for a 5 MB article).
    starts = [sp[0] for sp in spans]
    ends = [sp[1] for sp in spans]
    for s, _e, _t in spans:
        begin = max(0, s - size // 4)
        stop = begin + size
        inside = spans[bisect.bisect_left(starts, begin) : bisect.bisect_right(ends, stop)]
        score = (len({t for _, _, t in inside}), len(inside), -begin)
        candidates.append((score, begin, stop))
    candidates.sort(reverse=True)
    most = candidates[0][0][0]
    chosen: list[tuple[int, int]] = []
    for score, begin, stop in candidates:
        if score[0] < most:
            break
        if any(begin < b2 and b1 < stop for b1, b2 in chosen):
            continue
        chosen.append((begin, stop))
        if len(chosen) == count:
            break
    return sorted((_snap_start(text, b), _snap_end(text, e)) for b, e in chosen)


def snippet(text: str, terms: dict[str, set[str]], size: int = SNIPPET_CHARS, fragments: int = MAX_FRAGMENTS) -> str:
    """HTML snippet: a short text whole, a long one as its best fragment(s) joined by ``…``.
    Only the first ``MAX_HIGHLIGHT_CHARS`` are read (where matches are sought): spacing a 50 MB
    body whole took 2 s a hit."""
    cut = len(text or "") > MAX_HIGHLIGHT_CHARS
    text = _SPACE.sub(" ", (text or "")[:MAX_HIGHLIGHT_CHARS]).strip()
    spans = match_spans(text, terms)
    if len(text) <= size * fragments and not cut:
        return mark(text, spans)
    windows = best_windows(text, spans, size, fragments if spans else 1)
    parts = []
    for begin, stop in windows:
        piece = mark(text, spans, begin, stop)
        if begin > 0:
            piece = ELLIPSIS + " " + piece
        if stop < len(text) or cut:
            piece = piece + " " + ELLIPSIS
        parts.append(piece)
    return " ".join(parts).replace(ELLIPSIS + " " + ELLIPSIS, ELLIPSIS)
