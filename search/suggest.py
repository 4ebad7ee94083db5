"""Did-you-mean and autocomplete, both from the index's own lexicons.

Did-you-mean looks at the exact (folded, unstemmed) body lexicon: a typed word that is absent or
rare there is replaced by the most frequent word within a small edit distance, provided that word
is clearly more common. Working on folded forms means hamza, taa marbuta and harakat differences
are never "corrections"; the edit distance only deals with real misspellings.

Autocomplete completes the last typed word from the title lexicon by document frequency and shows
each completion in the spelling titles use most (``وزاره`` is shown as ``وزارة``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from analyzers.pipeline import analyzer_for

RARE = 2  # a word in at most this many documents may be a misspelling
BETTER = 10  # a correction must be in at least this many times as many documents (and >= MIN_DF)
MIN_DF = 5
SUGGEST_FIELD = "body_exact"
STEM_FIELD = "body"
TITLE_FIELD = "title_exact"


def folded(text: str) -> list[str]:
    return [t.text for t in analyzer_for("exact")(text, mode="query")]


def correction(reader, form: str) -> str | None:
    """The frequent folded word closest to ``form``, or None when ``form`` is fine or hopeless."""
    if len(form) < 3 or not any("\u0621" <= c <= "\u064a" or c.isalpha() for c in form):
        return None
    own = reader.doc_frequency(SUGGEST_FIELD, form)
    if own > RARE:
        return None
    best: tuple[int, int, str] | None = None
    for dist in (1, 2) if len(form) >= 6 else (1,):
        for cand in reader.terms_within(SUGGEST_FIELD, form, dist, prefix=shared_prefix(form)):
            cand = cand.decode("utf-8") if isinstance(cand, bytes) else cand
            if cand == form:
                continue
            df = reader.doc_frequency(SUGGEST_FIELD, cand)
            if df >= max(MIN_DF, BETTER * own) and (best is None or (df, -dist) > best[:2]):
                best = (df, -dist, cand)
        if best is not None:
            break
    return best[2] if best else None


def understood(reader, typed: str) -> bool:
    """True when the typed word's stem is common in the stemmed body field: a rare *form* of a
    known word (``لفوضى``, ``والمستشفيات``) is not a misspelling, and skipping it saves the
    edit-distance scan of the lexicon, which was the costliest step of a search (bench/latency.py,
    docs/benchmarks.md)."""
    stems = [t.text for t in analyzer_for("text")(typed, mode="query")]
    return len(stems) == 1 and reader.doc_frequency(STEM_FIELD, stems[0]) > RARE


def shared_prefix(form: str) -> int:
    """Letters a correction must share with the typed word: the first one, and the article too
    when there is one (half the lexicon starts with ا, and ال is rarely the misspelt part), and a
    clitic before it (وال, بال, فال, كال, لل), which keeps the edit-distance scan to a small slice
    of the lexicon: with وال as the whole shared prefix one scan took seconds at 31k articles."""
    base = 0
    if len(form) > 5 and form[0] in "وفبك" and form[1:3] == "ال":
        base = 3  # و/ف/ب/ك + ال: a quarter of the lexicon starts with وال alone
    elif form.startswith(("ال", "لل")) and len(form) > 4:
        base = 2
    rest = len(form) - base
    return base + (1 if rest <= 3 else 2 if rest <= 5 else 3)


def did_you_mean(reader, query: str, words: list[tuple[str, list[str]]], surface=None) -> str | None:
    """The query with each rare typed word replaced by its correction, or None if nothing changes.

    ``words``: (typed word, its folded forms) for the query's plain words; ``surface`` maps a
    folded form to how it is usually written.
    """
    changed = query
    any_change = False
    for typed, forms in words:
        if len(forms) != 1 or understood(reader, typed):
            continue
        fix = correction(reader, forms[0])
        if fix is None:
            continue
        shown = surface(fix) if surface else fix
        changed, n = re.subn(rf"(?<!\w){re.escape(typed)}(?!\w)", shown, changed, count=1)
        any_change = any_change or n > 0
    return changed if any_change and changed != query else None


def surface_form(searcher, form: str, field: str = "title") -> str:
    """How a folded word is usually written in titles (``وزاره`` → ``وزارة``), from a few titles
    that contain it; the folded form itself when no title has it."""
    from analyzers.normalize import strip_marks

    counts: Counter = Counter()
    exact = analyzer_for("exact")
    try:
        docnums = list(itertools.islice(searcher.postings(f"{field}_exact", form).all_ids(), 20))
    except Exception:  # term not in the lexicon
        return form
    for docnum in docnums:
        text = searcher.stored_fields(docnum).get(field) or ""
        for t in exact(text, chars=True, mode="query"):
            if t.text == form:
                counts[strip_marks(text[t.startchar : t.endchar])] += 1
    return counts.most_common(1)[0][0] if counts else form


def complete(reader, prefix: str, limit: int = 8, surface=None) -> list[str]:
    """Completions of the last word of ``prefix`` from the title lexicon, most frequent first."""
    head, _, last = prefix.rstrip().rpartition(" ") if not prefix.endswith(" ") else (prefix, "", "")
    forms = folded(last)
    if not forms or len(forms[-1]) < 2:
        return []
    stem = forms[-1]
    found = []
    for i, term in enumerate(reader.expand_prefix(TITLE_FIELD, stem)):
        if i >= 5000:
            break
        term = term.decode("utf-8") if isinstance(term, bytes) else term
        found.append((reader.doc_frequency(TITLE_FIELD, term), term))
    found.sort(key=lambda x: (-x[0], x[1]))
    out: list[str] = []
    for _df, term in found:
        word = surface(term) if surface else term
        text = f"{head} {word}".strip() if head else word
        if text not in out:
            out.append(text)
        if len(out) >= limit:
            break
    return out
