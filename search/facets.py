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
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable

from search.results import FacetValue

CHECK_EVERY = 65536  # documents counted between two looks at the clock (the first chunk always)
MAX_VALUES = 50  # values listed per facet (selected ones always added)


def count_facet(reader, fieldname: str, docnums: Iterable[int], deadline: float) -> tuple[Counter, bool]:
    """Count the column values of ``fieldname`` over sorted ``docnums``; (counts, truncated).

    Each segment's column is read once per searcher into an array of value ordinals
    (:func:`_ordinals`); counting is then ``Counter(map(ordinals.__getitem__, docs))``, which runs
    in C. Reading the column per document (Whoosh's column reader, a Python call each) was the
    largest part of a faceted search. Columns are per segment (whoosh's multi-segment column
    reader mis-maps document numbers when a segment lacks the column), so ``docnums`` must be
    sorted. The clock is looked at between chunks of ``CHECK_EVERY`` documents.
    """
    docs = docnums if isinstance(docnums, list) else list(docnums)
    leaves = sorted(reader.leaf_readers(), key=lambda rb: rb[1])
    bases = [base for _r, base in leaves]
    by_ord: Counter = Counter()
    counts: Counter = Counter()
    pos = 0
    first = True
    for leaf, (sub, base) in enumerate(leaves):
        stop = bases[leaf + 1] if leaf + 1 < len(bases) else None
        end = bisect_left(docs, stop, pos) if stop is not None else len(docs)
        if end > pos:
            table = _ordinals(sub, fieldname)
            values, ords = table if table is not None else ([], None)
            by_ord.clear()
            for chunk in range(pos, end, CHECK_EVERY):
                if not first and time.monotonic() > deadline:
                    _add(counts, values, by_ord)
                    return counts, True
                first = False
                if ords is not None:
                    piece = docs[chunk:min(end, chunk + CHECK_EVERY)]
                    by_ord.update(map(ords.__getitem__, [d - base for d in piece] if base else piece))
            _add(counts, values, by_ord)
        pos = end
    return counts, False


def _add(counts: Counter, values: list, by_ord: Counter) -> None:
    for o, n in by_ord.items():
        v = values[o]
        if v:
            counts[v] += n


def _ordinals(reader, fieldname: str):
    """(values, array of each document's value ordinal) of a segment's column, or None when the
    segment has no such column. Built once and kept on the segment reader: a searcher's readers
    live as long as it does, and a refresh opens new ones. 4 bytes a document a facet."""
    cache = getattr(reader, "_fahras_ordinals", None)
    if cache is None:
        cache = {}
        try:
            reader._fahras_ordinals = cache
        except AttributeError:
            pass
    if fieldname in cache:
        return cache[fieldname]
    column = _column(reader, fieldname)
    table = None
    if column is not False:
        index: dict = {}
        ords = array("i")
        for value in column:
            if isinstance(value, bytes):
                value = value.decode("utf-8", "replace")
            ords.append(index.setdefault(value, len(index)))
        table = (list(index), ords)
    cache[fieldname] = table
    return table


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
