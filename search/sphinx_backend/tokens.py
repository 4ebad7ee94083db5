"""How an analysed term is written into a Sphinx field and looked up again.

Sphinx re-tokenizes whatever it is fed, so Fahras feeds its own analysed terms joined by spaces
and makes Sphinx's tokenizer a no-op: every character a term can hold is a word character
(:data:`CHARSET_TABLE`, each mapped to itself), a space is not. Three more rules keep the engine's
view equal to Fahras's:

* Stems, exact forms and roots are different keywords even when they are the same letters
  (``كتاب`` is a stem and an exact form): exact forms and roots carry a private-use marker
  (U+E000, U+E001), which no analysed term can contain (the tokenizer keeps ``\\w`` and marks
  only), so each keyword has its own document frequency and BM25F sees them apart.
* Sphinx cuts keywords at 42 characters (measured on 2.2.11: a 50-letter word is found by its
  first 42 letters). A longer term keeps 33 characters and gets a hash of the whole term, so two
  long words that share a beginning stay two keywords: ``engine_term`` on both sides.
* Facet values and tags are keywords of a ``meta`` field (a hash of field and value), so that
  ``source:okaz`` can sit anywhere in a boolean query.

    >>> exact_term("كتاب") == "\\ue000كتاب"
    True
"""

from __future__ import annotations

import hashlib

# Bump when what is fed to Sphinx (markers, fields, attributes) or the side store's tables change:
# clusters built before then are refused with a message to re-index, as Whoosh indexes of another
# analyzer version are.
LAYOUT_VERSION = 7  # 2: title forms in meta (TITLE_FORM); 3: near-duplicate keys in meta; 4: story;
# 5: the lead attribute; 6: loose near keys and the sketch (the store's originals); 7: the sketch
# in a column of the store's docs
MAX_WORD = 42  # SPH_MAX_WORD_LEN of Sphinx 2.2.11 and Manticore: characters, not bytes
EXACT = "\ue000"
ROOT = "\ue001"
LONG = "\ue002"
META = "\ue003"
# A title's exact forms again, once each, in the ``meta`` field (weight 0: they never score): the
# dictionary is per index, not per field, and autocomplete completes from titles only, as the
# Whoosh backend's title_exact vocabulary does. Their counts are the titles' document frequencies.
TITLE_FORM = "\ue004"
# Every code point but controls and spaces (Sphinx 2.2.11's lowercaser ends at U+2FFFF); terms are
# already folded by Fahras, so each character maps to itself.
CHARSET_TABLE = "U+21..U+7E, U+A1..U+2FFFF"
# Characters the extended query syntax reads as operators: escaped in every keyword of a query.
_SPECIAL = set('\\()|-!@~"&/^$=<*')


def _digest(text: str, size: int) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=size).hexdigest()


def engine_term(term: str) -> str:
    """``term`` as Sphinx keeps it: unchanged up to 42 characters, else cut and hashed."""
    if len(term) <= MAX_WORD:
        return term
    return term[: MAX_WORD - 9] + LONG + _digest(term, 4)


def stem_term(stem: str) -> str:
    return engine_term(stem)


def exact_term(form: str) -> str:
    return engine_term(EXACT + form)


def title_form_term(form: str) -> str:
    return engine_term(TITLE_FORM + form)


def root_term(root: str) -> str:
    return engine_term(ROOT + root)


def field_text(marker: str, terms: list[str]) -> str:
    """A field's terms as fed to Sphinx: each with its kind's marker (``""`` for stems, EXACT,
    ROOT), joined by spaces. One join for the usual case of no term near the length limit."""
    if not terms:
        return ""
    if len(max(terms, key=len)) + len(marker) <= MAX_WORD:
        return marker + (" " + marker).join(terms)
    return " ".join(engine_term(marker + t) for t in terms)


def meta_term(field: str, value: str) -> str:
    """The keyword of one facet value or tag (``source``/``okaz``)."""
    return META + _digest(f"{field}\x1f{value}", 8)


# A keyword every document has: what a query of exclusions only (``-word``) is matched against.
EVERY = META + "all"


def date_terms(year: int, month: int, day: int) -> list[str]:
    """A date's keywords, one per granularity, so that a date span nested in a boolean query
    (``كتاب OR date:2015-07``) is a union of years, months and days."""
    return [meta_term("date", f"{year:04d}"), meta_term("date", f"{year:04d}-{month:02d}"),
            meta_term("date", f"{year:04d}-{month:02d}-{day:02d}")]


def escape(keyword: str) -> str:
    """A keyword written into a ``MATCH()`` expression, operators escaped."""
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in keyword)
