"""Stories over a Whoosh index: each document's stored story id, read from its sortable column.

The ``story`` column is read into value ordinals once per segment (the facets' tables,
:func:`search.whoosh_backend.facets.ordinals`), so the story of a page's candidates is an array
lookup and counting a search's stories is one ``np.unique`` per segment. Why not Whoosh's own
``collapse=`` (a facet given to ``Searcher.search``): it collapses in the collector, which this
backend does not use (its scores come from :mod:`search.whoosh_backend.scorer`'s arrays), and it
calls Python for every matching document.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from indexer.schema import STORY
from search.whoosh_backend.facets import ordinals
from search.whoosh_backend.tables import SegmentTables


def _by_segment(reader, docs: np.ndarray):
    """(segment reader, its offset, the positions in sorted ``docs`` that fall in it)."""
    leaves = sorted(reader.leaf_readers(), key=lambda rb: rb[1])
    for sub, base in leaves:
        lo, hi = np.searchsorted(docs, [base, base + sub.doc_count_all()])
        if hi > lo:
            yield sub, base, slice(int(lo), int(hi))


def stories_of(tables: SegmentTables, reader, keys: Sequence[int]) -> list[str]:
    """The story of each document (its own number, as text, where the index stored none):
    ``[4, 9, 17]`` → ``["spa-1", "spa-1", "okaz-7"]``."""
    keys = np.asarray(keys, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    docs = keys[order]
    out: list[str] = [str(k) for k in keys.tolist()]
    for sub, base, span in _by_segment(reader, docs):
        table = ordinals(tables, sub, STORY)
        if table is None:
            continue
        values, ords = table
        for position, ordinal in zip(order[span].tolist(), ords[docs[span] - base].tolist(), strict=True):
            if values[ordinal]:
                out[position] = values[ordinal]
    return out


def count_stories(tables: SegmentTables, reader, docs: np.ndarray) -> int:
    """How many stories the sorted document numbers ``docs`` hold (a document without a stored
    story is one of its own)."""
    docs = np.asarray(docs, dtype=np.int64)
    stories: set[str] = set()
    alone = 0
    for sub, base, span in _by_segment(reader, docs):
        table = ordinals(tables, sub, STORY)
        if table is None:
            alone += span.stop - span.start
            continue
        values, ords = table
        here = ords[docs[span] - base]
        present = np.unique(here).tolist()
        stories.update(values[o] for o in present if values[o])
        if none := [o for o in present if not values[o]]:
            alone += int(np.count_nonzero(np.isin(here, none)))
    return len(stories) + alone
