"""Disjunctive facet counts with a time limit per facet.

A facet's counts ignore that facet's own selection and respect every other filter (and the query),
so a user who picked ``source=okaz`` still sees how many articles ``alriyadh`` would add. Counting
is a pass over the matching document numbers reading each facet's column (``section``, ``source``,
``author``, ``year``, ``month`` are sortable ID columns in the schema), stopped when the facet's
time budget runs out: the counts so far are returned and the facet is reported as truncated, never
an error.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable

from search.results import FacetValue

CHECK_EVERY = 2048  # documents between two looks at the clock
MAX_VALUES = 50  # values listed per facet (selected ones always added)


def count_facet(reader, fieldname: str, docnums: Iterable[int], deadline: float) -> tuple[Counter, bool]:
    """Count the column values of ``fieldname`` over sorted ``docnums``; (counts, truncated).

    Columns are read per segment (whoosh's multi-segment column reader mis-maps document numbers
    when a segment lacks the column), so ``docnums`` must be sorted.
    """
    counts: Counter = Counter()
    leaves = sorted(reader.leaf_readers(), key=lambda rb: rb[1])
    bases = [base for _r, base in leaves]
    columns: list = [None] * len(leaves)
    leaf = -1
    limit = -1
    for i, docnum in enumerate(docnums):
        if i % CHECK_EVERY == 0 and i and time.monotonic() > deadline:
            return counts, True
        if docnum >= limit:  # moved into a later segment
            leaf = bisect_right(bases, docnum) - 1
            limit = bases[leaf + 1] if leaf + 1 < len(bases) else float("inf")
            if columns[leaf] is None:
                columns[leaf] = _column(leaves[leaf][0], fieldname)
        column = columns[leaf]
        if column is False:
            continue
        value = column[docnum - bases[leaf]]
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if value:
            counts[value] += 1
    return counts, False


def _column(reader, fieldname: str):
    """A segment's column reader, or False when it has none (no failure: just no counts)."""
    try:
        if not reader.has_column(fieldname):
            return False
        return reader.column_reader(fieldname)
    except Exception:
        return False


def facet_values(counts: Counter, selected: Iterable[str], limit: int = MAX_VALUES) -> list[FacetValue]:
    """The most frequent values (ties by value), with every selected value present (count 0 if need be)."""
    chosen = set(selected)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    values = [FacetValue(v, n, v in chosen) for v, n in ordered]
    listed = {v.value for v in values}
    values += [FacetValue(v, counts.get(v, 0), True) for v in sorted(chosen - listed)]
    return values


def disjunctive_counts(
    reader,
    fields: Iterable[str],
    matched: set[int],
    filter_sets: dict[str, set[int]],
    selected: dict[str, list[str]],
    time_limit: float,
    sort_by_value: Iterable[str] = ("year", "month"),
) -> tuple[dict[str, list[FacetValue]], list[str]]:
    """Counts for each facet over ``matched`` ∩ every *other* field's filter set.

    ``matched``: documents matching the query and the non-facet filters (dates);
    ``filter_sets``: per filtered facet field, the documents having one of its selected values.
    """
    facets: dict[str, list[FacetValue]] = {}
    truncated: list[str] = []
    by_value = set(sort_by_value)
    for name in fields:
        base = matched
        for other, docs in filter_sets.items():
            if other != name:
                base = base & docs
        counts, cut = count_facet(reader, name, sorted(base), time.monotonic() + time_limit)
        values = facet_values(counts, selected.get(name, []))
        if name in by_value:
            values.sort(key=lambda v: v.value, reverse=True)
        facets[name] = values
        if cut:
            truncated.append(name)
    return facets, truncated
