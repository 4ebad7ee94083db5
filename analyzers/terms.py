"""Every field's terms of a text in one pass: the import's road to what the analyzer chains give.

Analysis is the cost of an import, and news text repeats its words: nine tokens in ten were seen
before. The chains (:mod:`analyzers.pipeline`) pay a generator stage per rule per token and run
three times over the same text (exact, stemmed and roots fields). Every rule looks at one token at
a time, so here each distinct raw token, as the tokenizer cuts it, is analysed once into all the
fields need of it (exact forms: rules 2-4; stems: rules 5-6; roots: rules 5 and 7) and cached;
a text then costs one regex pass and one dict look-up a token.

    >>> field_terms("والكتاب في المدارس")
    (['والكتاب', 'في', 'المدارس'], ['كتاب', 'مدارس'], ['كتب', 'درس'])

Same rules, same terms: ``tests/test_terms.py`` holds both roads equal word by word on real
corpus words and on edge tokens (Uthmani, ligatures, Latin, digits, absurdly long tokens), so a
rule changed in a chain changes this road with it.
"""

from __future__ import annotations

from analyzers.caching import memoize
from analyzers.limits import MAX_TOKEN_LEN
from analyzers.normalize import TOKEN_PATTERN
from analyzers.pipeline import _exact_forms_of_token
from analyzers.roots import root
from analyzers.stemming import light_stem
from analyzers.stopwords import stopwords

# A 31k-article archive has ~315k distinct raw tokens, ~400 bytes each with their three fields'
# terms: the oldest half goes when the budget is reached, the commonest words come right back.
CACHE_BYTES = 48 << 20

Terms = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@memoize(CACHE_BYTES, MAX_TOKEN_LEN)
def token_terms(raw: str) -> Terms:
    """(exact forms, stems, roots) of one raw token: ``وَالكِتَابُ`` → ``(('والكتاب',), ('كتاب',),
    ('كتب',))``; a stop word has an exact form only: ``في`` → ``(('في',), (), ())``."""
    forms = _exact_forms_of_token(raw)
    stops = stopwords("full")
    kept = [form for form in forms if form not in stops]
    return forms, tuple(light_stem(form) for form in kept), tuple(root(form) for form in kept)


def field_terms(text: str) -> tuple[list[str], list[str], list[str]]:
    """(exact forms, stems, roots) of ``text``: what the ``exact``, ``text`` and ``roots`` chains
    give, in their order."""
    if not text:
        return [], [], []
    known = token_terms.cache.data.get  # a hit without the wrapper's call: most tokens
    per_token = [known(raw) or token_terms(raw) for raw in TOKEN_PATTERN.findall(text)]
    return ([form for terms in per_token for form in terms[0]],
            [stem for terms in per_token for stem in terms[1]],
            [r for terms in per_token for r in terms[2]])


def exact_forms(text: str) -> list[str]:
    """The exact fields' terms of ``text`` alone (rules 1-4): ``"وَالكِتَابُ جديد"`` →
    ``['والكتاب', 'جديد']``."""
    return [form for raw in TOKEN_PATTERN.findall(text) for form in _exact_forms_of_token(raw)]
