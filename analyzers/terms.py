"""Every field's terms of a text in one pass: the import's road to what the analyzer chains give.

Analysis is the cost of an import. The chains (:mod:`analyzers.pipeline`) pay a generator stage
per rule per token and run three times over the same text (exact, stemmed and roots fields). Every
rule looks at one token at a time and caches its answers (news repeats its words), so here the
text is cut once by the tokenizer's regex and each token costs three plain dict reads of those
caches: its exact forms (rules 2-4), then the stem (rule 6) and root (rule 7) of each form that is
no stop word (rule 5). The reads are the caches' own ``__getitem__`` mapped over the whole list
(``map``, ``filterfalse``: C loops), and a cache computes what it lacks itself
(:class:`analyzers.caching.MemoCache`): Python code runs only for words new to the process. A
fourth cache, raw token → all three fields' terms, was measured and left out: no faster than
these reads when it hits, and at ~600 bytes an entry it thrashed within its budget
(docs/benchmarks.md, "Import speed").

    >>> field_terms("والكتاب في المدارس")
    (['والكتاب', 'في', 'المدارس'], ['كتاب', 'مدارس'], ['كتب', 'درس'])

Same rules, same terms: ``tests/test_terms.py`` holds both roads equal word by word on real
corpus words and on edge tokens (Uthmani, ligatures, Latin, digits, absurdly long tokens), cold
and warm, so a rule changed in a chain changes this road with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, filterfalse

from analyzers.caching import all_caches, memoize
from analyzers.normalize import INWORD_MARKS, MAX_TOKEN_LEN, TOKEN_PATTERN
from analyzers.pipeline import MADDA, _exact_forms_of_token, content_forms_of_token
from analyzers.roots import root_lookup
from analyzers.stemming import light_stem
from analyzers.stopwords import stopwords

# The caches :func:`field_terms` reads: raw token → exact forms, form → stem, form → root.
FIELD_CACHES = (_exact_forms_of_token.cache.name, light_stem.cache.name, "analyzers.roots.root")
# Their budget each in an import's pool worker, three times the usual 32 MB. At 32 MB a worker
# dropped half of each every ~3,000 articles and computed its common words again: over 15,000
# articles 382,567 misses for 225,781 distinct tokens, and 1.17x the CPU of a worker at 96 MB,
# whose resident size grew 22 MB (docs/benchmarks.md). The worker can afford it: this road fills
# none of the rules' own five caches (32 MB each), which a query server's chains use.
IMPORT_CACHE_BYTES = 96 << 20


# What :func:`field_terms` gives a text: its exact forms, stems and roots.
FieldTerms = tuple[list[str], list[str], list[str]]


def field_terms(text: str) -> FieldTerms:
    """(exact forms, stems, roots) of ``text``: what the ``exact``, ``text`` and ``roots`` chains
    give, in their order."""
    if not text:
        return [], [], []
    forms = exact_forms(text)
    kept = _no_stop_words(forms)
    if any(map(text.__contains__, MADDA_SIGNS)):
        spans = [span for span in _madda_spans(text) if _escapes_stop_words.lookup(text[span[0] : span[1]])]
        if spans:
            kept = _kept_around(text, spans)
    return forms, list(map(light_stem.lookup, kept)), list(map(root_lookup(), kept))


def _no_stop_words(forms: list[str] | tuple[str, ...]) -> list[str]:
    return list(filterfalse(stopwords("full").__contains__, forms))


# What may become a madda through rules 2-3: آ itself, a madda mark (ا + ٓ), Uthmani ءا.
MADDA_SIGNS = (MADDA, "\u0653", "\u0621\u0627")
_MADDA_SIGN = re.compile("|".join(MADDA_SIGNS))
_IN_WORD = re.compile(rf"[\w{INWORD_MARKS}]")


def _madda_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each token of ``text`` holding a madda sign (most texts have a few: الآن,
    آل), found from the signs outwards: a regex over every token cost as much as the tokenizer."""
    end = 0
    for sign in _MADDA_SIGN.finditer(text):
        if sign.start() < end:
            continue  # a second sign in the same token
        start = sign.start()
        while start and _IN_WORD.match(text, start - 1):
            start -= 1
        end = TOKEN_PATTERN.match(text, start).end()
        yield start, end


def _kept_around(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The non-stop forms of ``text`` in order, the tokens at ``spans`` through
    :func:`analyzers.pipeline.content_forms_of_token` (a word written with a madda: آلية is no
    إليه) and the text between them by the cached road. A span is a whole token, so cutting the
    text there leaves every other token whole."""
    kept: list[str] = []
    pos = 0
    for start, end in spans:
        kept += _no_stop_words(exact_forms(text[pos:start]))
        kept += content_forms_of_token(text[start:end])
        pos = end
    return kept + _no_stop_words(exact_forms(text[pos:]))


@memoize(1 << 20, MAX_TOKEN_LEN)
def _escapes_stop_words(token: str) -> bool:
    """``token`` holds a word written with a madda that folds onto a stop word (آلية, وآلية)."""
    return list(content_forms_of_token(token)) != _no_stop_words(_exact_forms_of_token.lookup(token))


def exact_forms(text: str) -> list[str]:
    """The exact fields' terms of ``text`` alone (rules 1-4): ``"وَالكِتَابُ جديد"`` →
    ``['والكتاب', 'جديد']``."""
    return list(chain.from_iterable(map(_exact_forms_of_token.lookup, TOKEN_PATTERN.findall(text))))


def load_tables() -> None:
    """Read every word list, lexicon and dictionary the rules use, in this process, now: worker
    processes forked after this share them instead of each reading them (a second or more each)."""
    from analyzers.dictionary import (
        listed_plural_forms,
        masdars,
        taa_plural_nouns,
        unfeminine_nouns,
    )
    from analyzers.evidence import clitic_rate, written_taa_bare

    for letter in "وفبكل":
        clitic_rate(letter)  # reads the lexicon and the after-article table
    # the dictionary's readings analyzers.endings asks of a noun in ة (taa_noun_apart,
    # taa_noun_of_unfeminine_base, taa_dual), and the bare ة table
    for reading in (unfeminine_nouns, masdars, listed_plural_forms, taa_plural_nouns):
        reading()
    written_taa_bare("حمله")
    field_terms("وبالمكتبات في المدارس")  # the stop list, protected words, the roots dictionary


def widen_caches_for_import() -> None:
    """In an import's pool worker: :data:`IMPORT_CACHE_BYTES` for each of :data:`FIELD_CACHES`
    (a process that answers queries keeps the usual budgets)."""
    caches = all_caches()
    for name in FIELD_CACHES:
        caches[name].max_bytes = max(caches[name].max_bytes, IMPORT_CACHE_BYTES)
