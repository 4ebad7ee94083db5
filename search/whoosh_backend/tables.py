"""Arrays built from a segment's files, kept by the engine across searcher refreshes.

Why per segment and not per searcher: building a table is a pass over a column (field lengths,
dates, facet values: seconds for the five facets at 1M articles), and a refresh after every
import opens new readers for every segment, so the first searches after it would pay for every
table again and run out of time. A segment's files never change once written, so its tables stay
true as long as the segment is in the index; its deletions do change, so a table that depends on
them (the live-document mask) carries the deletion count it was built at and is rebuilt when the
count moves. :meth:`SegmentTables.keep_only` forgets segments that merges took away.

One :class:`SegmentTables` per :class:`search.whoosh_backend.WhooshBackend`, used under its lock.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class SegmentTables:
    """``get(reader, key, build)``: ``build(reader)`` once per segment and key."""

    def __init__(self) -> None:
        self._tables: dict[tuple, tuple[Any, Any]] = {}

    def get(self, reader, key: Hashable, build: Callable[[Any], Any], version: Hashable = None) -> Any:
        """The table ``key`` of the segment ``reader`` reads, built by ``build(reader)`` the
        first time (and again when ``version`` differs from the one it was built at). A reader
        that is not a segment of a file index gets a table built for the call only."""
        segment = reader.segment()
        if segment is None:
            return build(reader)
        slot = (segment.segment_id(), key)
        kept = self._tables.get(slot)
        if kept is None or kept[0] != version:
            kept = self._tables[slot] = (version, build(reader))
        return kept[1]

    def keep_only(self, reader) -> None:
        """Forget the tables of segments that ``reader`` (a new searcher's) does not have."""
        current = {seg.segment_id() for leaf, _ in reader.leaf_readers() if (seg := leaf.segment()) is not None}
        self._tables = {slot: kept for slot, kept in self._tables.items() if slot[0] in current}

    def __len__(self) -> int:
        return len(self._tables)
