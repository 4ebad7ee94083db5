"""The adapter to Whoosh's internals: the only module that touches its private attributes.

Why touch them at all: Whoosh reads a posting list one Python call per posting and a column one
call per document, which was most of a search at 100k articles. Its posting blocks (128 pickled
ids and weights each) and fixed-width columns can be read whole instead, and that needs the
matcher's and the column reader's private state. Everything here depends on whoosh3's codec
(``whoosh/codec/whoosh3.py``, ``whoosh/columns.py``) as pinned in pyproject.toml;
:data:`PRIVATE_API` lists what is relied on, and ``tests/test_whoosh_internals.py`` fails naming
the attribute if an upgrade removes one.
"""

from __future__ import annotations

import io
import itertools

import numpy as np
from whoosh import scoring
from whoosh.codec import whoosh3
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.matching.wrappers import FilterMatcher

_EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)
_INTEGER_TYPECODES = "bBhHiIlLqQ"

# What this module reads of Whoosh's private state, by the object that has it.
PRIVATE_API = {
    "whoosh3 posting matcher (W3LeafMatcher)": (
        "_data", "_read_data", "_next_block", "_maxid", "_blocklength", "_byteids"),
    "numeric column reader (NumericColumn.Reader)": (
        "_typecode", "_default", "_count", "_dbfile", "_basepos", "_fixedlen"),
    "variable-bytes column reader (VarBytesColumn.Reader)": ("_dbfile", "_basepos", "_offsets", "_lengths"),
    "segment reader (SegmentReader)": ("_perdoc",),
    "per-document reader (W3PerDocReader)": ("_cached_reader",),
    "whoosh.codec.whoosh3 module": ("_lenfield",),
    "BM25F weighting (scoring.BM25F)": ("_field_B",),
}


def missing_private_api(reader) -> list[str]:
    """``"object: attribute"`` for each entry of :data:`PRIVATE_API` that ``reader`` (a segment
    reader of a Fahras index with at least one document) does not have."""
    from indexer.schema import BODY, DATE, LONG_BODY

    term = next(iter(reader.lexicon(BODY)))
    objects = {
        "whoosh3 posting matcher (W3LeafMatcher)": _unfiltered(reader.postings(BODY, term)),
        "numeric column reader (NumericColumn.Reader)": reader.column_reader(DATE, translate=False),
        "variable-bytes column reader (VarBytesColumn.Reader)": (
            reader.column_reader(LONG_BODY, translate=False) if reader.has_column(LONG_BODY)
            else _one_value_column(b"x")),
        "segment reader (SegmentReader)": reader,
        "per-document reader (W3PerDocReader)": getattr(reader, "_perdoc", None),
        "whoosh.codec.whoosh3 module": whoosh3,
        "BM25F weighting (scoring.BM25F)": scoring.BM25F(),
    }
    return [f"{name}: {attr}" for name, attrs in PRIVATE_API.items() for attr in attrs
            if not hasattr(objects[name], attr)]


def _unfiltered(matcher):
    """The codec's matcher under Whoosh's deletion filter (deletions are masked by the caller)."""
    return matcher.child if isinstance(matcher, FilterMatcher) else matcher


def read_raw_postings(reader, fieldname: str, btext: bytes,
                      within: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(segment document numbers, weights) of one term as written, deleted documents included.

    Each posting block is an unpickled tuple of delta-encoded ids and one of weights, and all of
    a list's blocks become two numpy arrays in one pass, instead of a Python call a posting.
    ``within`` (sorted segment document numbers): only these documents are wanted, so a block
    whose id range holds none of them is not decoded (its header says its last id), and reading
    stops after the last one. Blocks that are read come whole: documents outside ``within`` may
    be returned, which the caller's intersection removes.
    """
    m = _unfiltered(reader.postings(fieldname, btext))
    if not (hasattr(m, "_read_data") and hasattr(m, "_byteids")):  # another codec: one by one
        ids_list, weights_list = [], []
        while m.is_active():
            ids_list.append(m.id())
            weights_list.append(m.weight())
            m.next()
        return np.array(ids_list, dtype=np.int64), np.array(weights_list, dtype=np.float64)
    id_blocks, weight_blocks, lengths = [], [], []
    last = -1  # the previous block's last id
    while m.is_active():
        if within is not None:
            nxt = np.searchsorted(within, last, side="right")
            if nxt == len(within):
                break  # no wanted document past here
            if within[nxt] > m._maxid:
                last = m._maxid
                m._next_block()
                continue
        if m._data is None:
            m._read_data()
        raw_ids, weights = m._data[0], m._data[1]
        n = m._blocklength
        id_blocks.append(raw_ids)
        lengths.append(n)
        if weights is None:
            weights = itertools.repeat(1.0, n)
        elif isinstance(weights, float):
            weights = itertools.repeat(weights, n)
        weight_blocks.append(weights)
        last = m._maxid
        m._next_block()
    if not id_blocks:
        return _EMPTY_IDS, _EMPTY_WEIGHTS
    # The blocks are unpickled tuples: one C-level pass over all of them beats a numpy
    # conversion a block (at 1M articles the conversions were a sixth of the reading).
    total = sum(lengths)
    ids = np.fromiter(itertools.chain.from_iterable(id_blocks), dtype=np.int64, count=total)
    if not m._byteids:  # delta-encoded, each block from 0
        sizes = np.array(lengths, dtype=np.int64)
        running = np.cumsum(ids)
        ends = np.cumsum(sizes)
        before = np.concatenate(([0], running[ends[:-1] - 1]))
        ids = running - np.repeat(before, sizes)
    weights = np.fromiter(itertools.chain.from_iterable(weight_blocks), dtype=np.float64, count=total)
    return ids, weights


def is_integer_column(col) -> bool:
    """Whether a column reader is a fixed-width integer column :func:`numeric_column` can read."""
    return isinstance(col, NumericColumn.Reader) and col._typecode in _INTEGER_TYPECODES


def column_default(col):
    """The value a fixed-width numeric column holds for a document written without one."""
    return col._default


def numeric_column(col, count: int) -> np.ndarray:
    """A fixed-width numeric column (``NumericColumn.Reader``) read in one go instead of a call a
    document: its big-endian values, the column's default past the last one written."""
    dtype = np.dtype(">" + col._typecode)
    values = np.full(count, col._default, dtype=dtype.newbyteorder("="))
    stored = min(col._count, count)
    if stored:
        values[:stored] = np.frombuffer(col._dbfile.get(col._basepos, stored * col._fixedlen), dtype=dtype)
    return values


def is_bytes_column(col) -> bool:
    """Whether a column reader is a variable-bytes column :func:`value_range` can read."""
    return isinstance(col, VarBytesColumn.Reader)


def value_length(col, docnum: int) -> int:
    """The length in bytes of one document's value in a variable-bytes column."""
    return col._lengths[docnum]


def value_range(col, docnum: int, begin: int, end: int) -> bytes:
    """Bytes ``begin`` to ``end`` of one document's value in a variable-bytes column, read
    alone (the column reader hands out whole values: 50 MB for one long body)."""
    return col._dbfile.get(col._basepos + col._offsets[docnum] + begin, end - begin)


def _one_value_column(value: bytes):
    """A variable-bytes column reader over one document's ``value``, written in memory (for
    :func:`missing_private_api` on an index with no such column)."""
    out = io.BytesIO()
    writer = VarBytesColumn().writer(StructFile(out))
    writer.add(0, value)
    writer.finish(1)
    data = out.getvalue()
    return VarBytesColumn().reader(BufferFile(data), 0, len(data), 1)


def length_bytes(reader, fieldname: str, count: int) -> np.ndarray | None:
    """A segment's field-length column as bytes, one a document (Whoosh's one-byte log scale;
    0 past the last document written), or None when the codec keeps no such column."""
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is None or not hasattr(perdoc, "_cached_reader"):
        return None
    col = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    return None if col is None else numeric_column(col, count)


def field_b(weighting: scoring.BM25F, fieldname: str) -> float:
    """The B of ``fieldname`` in a ``BM25F`` weighting (its per-field ``<field>_B``, else ``B``)."""
    return weighting._field_B.get(fieldname, weighting.B)
