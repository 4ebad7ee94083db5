"""Which words of a query the lead factor counts, and how many of them an article's lead has.

:func:`search.ranking.lead_factor` says why and by how much; this module holds the rule both
backends count by, so that they count alike (the Whoosh backend with ``lead`` postings,
:mod:`search.whoosh_backend.lead`; the Sphinx backend with each candidate's lead stems,
:mod:`search.sphinx_backend.rescore`):

* the words: each distinct stem of the query's positive plain words whose field is the body or
  none (a ``title:`` word is not looked for in the body, so not in its lead); a word analysed to
  one stem brings its alternative stems (search/expansion.py: other spellings, the other number);
* a word is in the lead when its stem or any of its alternative stems is among the lead's stems.

    >>> words = lead_words([(None, "مدرس", ["مدارس"]), ("title", "وزار", [])])
    >>> {stem: sorted(stems) for stem, stems in words.items()}
    {'مدرس': ['مدارس', 'مدرس']}
    >>> present({"مدارس", "جديد"}, words)
    1
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable

from indexer.schema import BODY

# The field prefixes whose words the lead factor counts (None: no prefix, every text field).
LEAD_FIELDS = (None, BODY)


def lead_words(words: Iterable[tuple[str | None, str, Iterable[str]]]) -> dict[str, frozenset[str]]:
    """Each counted word's stem → the stems it is looked for as in a lead (itself and its
    alternatives), from the query's positive plain words as (field prefix, stem, alternative
    stems): one entry per distinct stem, a stem typed twice (or in two words) counting once."""
    out: dict[str, set[str]] = {}
    for field, stem, others in words:
        if field in LEAD_FIELDS:
            out.setdefault(stem, {stem}).update(others)
    return {stem: frozenset(stems) for stem, stems in out.items()}


def present(lead: Container[str], words: dict[str, frozenset[str]],
            spelling: Callable[[str], str] = str) -> int:
    """How many of ``words`` (:func:`lead_words`) a lead holding the stems ``lead`` has: a word
    counts when any of its stems is there. ``spelling``: how a stem is written in ``lead`` (the
    Sphinx backend keeps its terms as the engine spells them)."""
    return sum(1 for stems in words.values() if any(spelling(s) in lead for s in stems))
