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
from collections import Counter
from collections.abc import Iterable

import numpy as np

from search.results import FacetValue

CHECK_EVERY = 65536  # documents counted between two looks at the clock (the first chunk always)
MAX_VALUES = 50  # values listed per facet (selected ones always added)


class OrdinalTables:
    """Each segment's facet columns as value ordinals (:func:`_ordinals`), built once per segment.

    Why not per searcher: building a table is a Python pass over the column (about 0.4 s for the
    five facets at 100k articles, seconds at 1M), and a refresh after every import opened new
    readers for all segments, so the first searches after it paid for every table again and ran
    out of facet time. A segment's columns never change once written (deletions are applied to
    the documents counted, not to the table), so tables are keyed by segment id and kept across
    refreshes; :meth:`keep_only` forgets the segments that merges took away. 4 bytes a document a
    facet. One per :class:`search.engine.SearchEngine`, used under its lock.
    """

    def __init__(self) -> None:
        self._tables: dict[tuple[str, str], tuple[list, np.ndarray] | None] = {}

    def get(self, reader, fieldname: str):
        segment = reader.segment()
        if segment is None:  # not a segment of a file index: per reader, as before
            return _ordinals(reader, fieldname)
        key = (segment.segment_id(), fieldname)
        if key not in self._tables:
            self._tables[key] = _build_ordinals(reader, fieldname)
        return self._tables[key]

    def keep_only(self, reader) -> None:
        """Forget the tables of segments that ``reader`` (a new searcher's) does not have."""
        current = {seg.segment_id() for leaf, _ in reader.leaf_readers() if (seg := leaf.segment()) is not None}
        self._tables = {k: v for k, v in self._tables.items() if k[0] in current}


def count_facet(reader, fieldname: str, docnums: np.ndarray, deadline: float,
                tables: OrdinalTables | None = None) -> tuple[Counter, bool]:
    """Count the column values of ``fieldname`` over sorted ``docnums``; (counts, truncated).

    Each segment's column is read once into an array of value ordinals (kept in ``tables``
    across searchers, or on the segment reader without them); counting a segment's documents is
    then one ``np.bincount`` over their ordinals. Reading the column per document (Whoosh's
    column reader, a Python call each) was the largest part of a faceted search. Columns are per segment (whoosh's multi-segment column
    reader mis-maps document numbers when a segment lacks the column), so ``docnums`` must be
    sorted. The clock is looked at between chunks of ``CHECK_EVERY`` documents.
    """
    docs = np.asarray(docnums, dtype=np.int64)
    leaves = sorted(reader.leaf_readers(), key=lambda rb: rb[1])
    counts: Counter = Counter()
    first = True
    for leaf, (sub, base) in enumerate(leaves):
        stop = leaves[leaf + 1][1] if leaf + 1 < len(leaves) else None
        lo = np.searchsorted(docs, base)
        hi = np.searchsorted(docs, stop) if stop is not None else len(docs)
        if hi <= lo:
            continue
        table = tables.get(sub, fieldname) if tables is not None else _ordinals(sub, fieldname)
        if table is None:
            continue
        values, ords = table
        by_ord = np.zeros(len(values), dtype=np.int64)
        for chunk in range(lo, hi, CHECK_EVERY):
            if not first and time.monotonic() > deadline:
                _add(counts, values, by_ord)
                return counts, True
            first = False
            piece = docs[chunk:min(hi, chunk + CHECK_EVERY)] - base
            by_ord += np.bincount(ords[piece], minlength=len(values))
        _add(counts, values, by_ord)
    return counts, False


def _add(counts: Counter, values: list, by_ord: np.ndarray) -> None:
    for o in np.flatnonzero(by_ord).tolist():
        v = values[o]
        if v:
            counts[v] += int(by_ord[o])


def _ordinals(reader, fieldname: str):
    """(values, numpy array of each document's value ordinal) of a segment's column, or None when
    the segment has no such column. Built once and kept on the segment reader: a searcher's
    readers live as long as it does, and a refresh opens new ones. 4 bytes a document a facet."""
    cache = getattr(reader, "_fahras_ordinals", None)
    if cache is None:
        cache = {}
        try:
            reader._fahras_ordinals = cache
        except AttributeError:
            pass
    if fieldname not in cache:
        cache[fieldname] = _build_ordinals(reader, fieldname)
    return cache[fieldname]


def _build_ordinals(reader, fieldname: str):
    column = _column(reader, fieldname)
    if column is False:
        return None
    index: dict = {}
    ords = array("i")
    for value in column:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        ords.append(index.setdefault(value, len(index)))
    return list(index), np.frombuffer(ords, dtype=np.int32) if len(ords) else np.zeros(0, np.int32)


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
    matched: np.ndarray,
    filter_sets: dict[str, np.ndarray],
    selected: dict[str, list[str]],
    time_limit: float,
    sort_by_value: Iterable[str] = ("year", "month"),
    tables: OrdinalTables | None = None,
) -> tuple[dict[str, list[FacetValue]], list[str]]:
    """Counts for each facet over ``matched`` ∩ every *other* field's filter set.

    ``matched``: documents matching the query and the non-facet filters (dates);
    ``filter_sets``: per filtered facet field, the documents having one of its selected values;
    all sorted numpy arrays of document numbers.
    """
    facets: dict[str, list[FacetValue]] = {}
    truncated: list[str] = []
    by_value = set(sort_by_value)
    for name in fields:
        base = matched
        for other, docs in filter_sets.items():
            if other != name:
                base = np.intersect1d(base, docs, assume_unique=True)
        counts, cut = count_facet(reader, name, base, time.monotonic() + time_limit, tables)
        values = facet_values(counts, selected.get(name, []))
        if name in by_value:
            values.sort(key=lambda v: v.value, reverse=True)
        facets[name] = values
        if cut:
            truncated.append(name)
    return facets, truncated
