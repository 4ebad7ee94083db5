"""Per-document columns of a Whoosh index as numpy arrays: field lengths, live documents,
sortable values; and what is computed over them (date ranges, sorting by a column).

Why: Whoosh reads a column one Python call per document. Reading it whole once per segment
(:mod:`search.whoosh_backend.postings`) and keeping it in the engine's
:class:`~search.whoosh_backend.tables.SegmentTables` turns a date range into one comparison over an
array and a date sort into one ``lexsort``.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.fields import DATETIME
from whoosh.util.numeric import byte_to_length

from search.whoosh_backend import postings
from search.whoosh_backend.tables import SegmentTables

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
# Whoosh stores a field's length in one byte (a log scale above 64): the table undoes it.
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def pin(searcher) -> None:
    """Open every column file of every segment of ``searcher`` now. Whoosh opens a column file at
    its first read, and a writer's commit removes the files of the segments it merged away: an open
    file stays readable, one not yet opened is gone, so a later read of stored fields failed
    (FileNotFoundError) and a field's lengths read as absent. Each segment's ``has_column`` then
    answers from the files opened here, not from the directory as it is now."""
    for reader, _offset in leaves(searcher):
        perdoc = getattr(reader, "_perdoc", None)
        if perdoc is None or not hasattr(perdoc, "_colfiles"):
            continue  # not a Whoosh 3 segment: nothing opens lazily
        prefix = reader.segment().make_filename(".")
        for name in perdoc._storage.list():
            if name.startswith(prefix) and name.endswith(".col"):
                fieldname = name[len(prefix) : -len(".col")]
                if fieldname not in perdoc._colfiles:
                    perdoc._colfiles[fieldname] = perdoc._get_column_file(fieldname)
        perdoc.has_column = perdoc._colfiles.__contains__


def leaves(searcher) -> list:
    """(segment reader, document number offset) of each segment of a searcher."""
    return list(searcher.reader().leaf_readers())


def field_lengths(tables: SegmentTables, reader, fieldname: str) -> np.ndarray:
    """Each document's length in ``fieldname`` as Whoosh decodes it (1 where none is stored, as
    the scorer's ``doc_field_length(docnum, field, 1)`` does)."""

    def build(reader) -> np.ndarray:
        count = reader.doc_count_all()
        raw = postings.length_bytes(reader, fieldname, count)
        if raw is None:
            return np.ones(count, dtype=np.float64)
        lengths = _LENGTH_OF_BYTE[raw]
        lengths[raw == 0] = 1.0
        return lengths

    return tables.get(reader, ("len", fieldname), build)


def live_mask(tables: SegmentTables, reader) -> np.ndarray | None:
    """True for each live document of the segment, or None when none is deleted."""

    def build(reader) -> np.ndarray | None:
        if not reader.has_deletions():
            return None
        mask = np.ones(reader.doc_count_all(), dtype=bool)
        deleted = np.fromiter(reader.deleted_docs_set, dtype=np.int64)
        mask[deleted[deleted < len(mask)]] = False
        return mask

    segment = reader.segment()
    return tables.get(reader, "live", build, version=segment.deleted_count() if segment else None)


def column(tables: SegmentTables, reader, fieldname: str) -> tuple[np.ndarray, object | None]:
    """(each document's sort key in a sortable column, as Whoosh's sorting collector takes it
    (``column_reader(translate=False).sort_key``), the value a document without one holds). The
    second is None for a column that is not fixed-width numeric."""

    def build(reader) -> tuple[np.ndarray, object | None]:
        count = reader.doc_count_all()
        col = reader.column_reader(fieldname, translate=False)
        if postings.is_integer_column(col):
            return postings.numeric_column(col, count), postings.column_default(col)
        return np.array([col.sort_key(i) for i in range(count)]), None

    return tables.get(reader, ("col", fieldname), build)


def docs_in_range(tables: SegmentTables, searcher, fieldname: str, low, high) -> np.ndarray:
    """Sorted live document numbers whose single ``fieldname`` value (a sortable numeric or date
    column) is in ``[low, high)``; ``None`` leaves that end open. Documents without a value are
    never in range, as with Whoosh's ``NumericRange``/``DateRange`` (``endexcl=True``), whose walk
    over the range's trie terms this replaces (one comparison over the column instead)."""
    pieces = []
    for reader, offset in leaves(searcher):
        inside = segment_range(tables, reader, searcher.schema[fieldname], fieldname, low, high)
        if inside is None:
            return _whoosh_range(searcher, fieldname, low, high)  # another codec or column type
        pieces.append(inside + offset)
    return np.concatenate(pieces) if pieces else _EMPTY_IDS


def segment_range(tables: SegmentTables, reader, field, fieldname: str, low, high) -> np.ndarray | None:
    """:func:`docs_in_range` in one segment (its own document numbers), or None when the field
    has no fixed-width numeric column there."""
    if not reader.doc_count_all():
        return _EMPTY_IDS
    values, missing = column(tables, reader, fieldname)
    if missing is None:
        return None
    inside = values != missing
    if low is not None:
        inside &= values >= field.to_column_value(low)
    if high is not None:
        inside &= values < field.to_column_value(high)
    live = live_mask(tables, reader)
    if live is not None:
        inside &= live
    return np.flatnonzero(inside).astype(np.int64)


def _whoosh_range(searcher, fieldname: str, low, high) -> np.ndarray:
    kind = wq.DateRange if isinstance(searcher.schema[fieldname], DATETIME) else wq.NumericRange
    query = kind(fieldname, low, high, endexcl=True)
    return np.array(sorted(searcher.docs_for_query(query)), dtype=np.int64)


def sorted_by_column(tables: SegmentTables, searcher, docs: np.ndarray, fieldname: str,
                     reverse: bool, limit: int) -> np.ndarray:
    """The first ``limit`` of ``docs`` ordered by a column, as Whoosh's sorting collector does:
    by (value, document number), the whole key reversed for ``reverse``."""
    if not len(docs) or limit <= 0:
        return _EMPTY_IDS
    pieces = []
    for reader, offset in leaves(searcher):
        lo, hi = np.searchsorted(docs, [offset, offset + reader.doc_count_all()])
        if hi > lo:
            pieces.append(column(tables, reader, fieldname)[0][docs[lo:hi] - offset])
    keys = np.concatenate(pieces)
    order = np.lexsort((docs, keys))  # by key, then document number
    if reverse:
        order = order[::-1]
    return docs[order[:limit]]
