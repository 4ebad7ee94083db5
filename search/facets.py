"""Disjunctive facets: what each facet shows, whatever backend counted it.

A facet's counts ignore that facet's own selection and respect every other filter (and the
query), so a user who picked ``source=okaz`` still sees how many articles ``alriyadh`` would add.
The backend counts (:meth:`search.backend.Searcher.facet_counts`, with a time limit: counts cut
short are reported as truncated, never an error); this module turns counts into the values shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from indexer.schema import HIJRI_YEAR, MONTH, YEAR
from search.results import FacetValue

MAX_VALUES = 50  # values listed per facet (selected ones always added)
BY_VALUE = (YEAR, MONTH, HIJRI_YEAR)  # facets listed newest value first rather than most frequent first


def facet_values(counts: Counter, selected: Iterable[str], limit: int = MAX_VALUES) -> list[FacetValue]:
    """The most frequent values (ties by value), with every selected value present (count 0 if need be)."""
    chosen = set(selected)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    values = [FacetValue(v, n, v in chosen) for v, n in ordered]
    listed = {v.value for v in values}
    values += [FacetValue(v, counts.get(v, 0), True) for v in sorted(chosen - listed)]
    return values


def disjunctive(fields: Iterable[str], selected: dict[str, list[str]],
                count: Callable[[str], tuple[Counter, bool]]) -> tuple[dict[str, list[FacetValue]], list[str]]:
    """(values per facet, facets cut short). ``count(field)``: the counts of ``field`` over the
    search's documents without that field's own filter, and whether counting was cut short."""
    facets: dict[str, list[FacetValue]] = {}
    truncated: list[str] = []
    for name in fields:
        counts, cut = count(name)
        values = facet_values(counts, selected.get(name, []))
        if name in BY_VALUE:
            values.sort(key=lambda v: v.value, reverse=True)
        facets[name] = values
        if cut:
            truncated.append(name)
    return facets, truncated
