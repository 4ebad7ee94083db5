"""Facet counting over a Whoosh index: one ``np.bincount`` per segment over value ordinals.

Each segment's facet column (``section``, ``source``, ``author``, ``year``, ``month`` are
sortable ID columns) is read once into an array of value ordinals, kept in the backend's
:class:`~search.whoosh_backend.tables.SegmentTables` (4 bytes a document a facet); counting a
search's documents is then one ``bincount`` per segment, where reading the column per document
(Whoosh's column reader, a Python call each) was the largest part of a faceted search. The clock
is looked at between chunks of ``CHECK_EVERY`` documents.
"""

from __future__ import annotations

import time
from array import array
from collections import Counter

import numpy as np

from search.whoosh_backend.tables import SegmentTables

CHECK_EVERY = 65536  # documents counted between two looks at the clock (the first chunk always)


def ordinals(tables: SegmentTables, reader, fieldname: str) -> tuple[list, np.ndarray] | None:
    """(values, each document's value ordinal) of a segment's column, or None when the segment
    has no such column."""
    return tables.get(reader, ("ordinals", fieldname), lambda r: _build_ordinals(r, fieldname))


def _build_ordinals(reader, fieldname: str) -> tuple[list, np.ndarray] | None:
    column = _column(reader, fieldname)
    if column is None:
        return None
    index: dict = {}
    ords = array("i")
    for value in column:
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        ords.append(index.setdefault(value, len(index)))
    return list(index), np.frombuffer(ords, dtype=np.int32) if len(ords) else np.zeros(0, np.int32)


def _column(reader, fieldname: str):
    """A segment's column reader, or None when it has none (no failure: just no counts)."""
    try:
        if not reader.has_column(fieldname):
            return None
        return reader.column_reader(fieldname)
    except Exception:
        return None


def count_facet(tables: SegmentTables, reader, fieldname: str, docnums: np.ndarray,
                deadline: float) -> tuple[Counter, bool]:
    """Count the column values of ``fieldname`` over sorted ``docnums``; (counts, truncated).

    Columns are read per segment (whoosh's multi-segment column reader mis-maps document numbers
    when a segment lacks the column), so ``docnums`` must be sorted. ``deadline``: a
    ``time.monotonic()`` value past which counting stops with the counts so far.
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
        table = ordinals(tables, sub, fieldname)
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
