"""Keeping an index in few segments: the small ones merged after each import, all on request.

A search pays a term look-up and a posting-list set-up per segment and word, so beyond its
postings a search costs what the index's segment count makes it cost. A big import merges its
own segments (:mod:`indexer.parallel`, :func:`indexer.parallel.tail_groups`); a small one adds
one segment, which Whoosh's own policy merges only once a dozen have gathered, so an archive
updated day by day swung between 5 and 17 segments and searched at up to 1.8× the p95 of the
same archive imported at once (docs/benchmarks.md, "Small imports"). Hence:

* every import ends by merging the index's **small** segments into one once there are
  :data:`SMALL_SEGMENTS` of them (:func:`small_group`): a copy bounded by their size, whatever
  the archive's;
* ``fahras optimize`` merges **every** segment into one (and drops deleted documents for good):
  minutes on a large archive, for the fastest searches, when the user can spend them.
"""

from __future__ import annotations

import pathlib
import sys
import time
from dataclasses import dataclass
from typing import Any

from whoosh.index import Index
from whoosh.reading import SegmentReader

from indexer import manifest, store
from indexer.lock import RunLock
from indexer.segments import open_writer

# A segment is small below this share of the index's documents, but always below SMALL_FLOOR
# documents (a young archive's imports are all small) and never from SMALL_MAX_DOCS up (merging
# them again after every few imports would copy a large archive's tenth each time).
SMALL_SHARE = 0.10
SMALL_FLOOR = 1_000
SMALL_MAX_DOCS = 5_000
# Small segments that make an import merge them: at most this many minus one are left between
# merges, and the merged one is copied again once every SMALL_SEGMENTS - 1 imports, not each.
SMALL_SEGMENTS = 4


def small_limit(documents: int) -> int:
    """Documents under which a segment of an index of ``documents`` is small."""
    return int(min(max(SMALL_FLOOR, SMALL_SHARE * documents), SMALL_MAX_DOCS))


def small_group(sizes: list[int]) -> list[int]:
    """Positions of the segments (``sizes``: each one's documents, deleted ones included) to
    merge after an import: all the small ones, once there are :data:`SMALL_SEGMENTS`; else none."""
    limit = small_limit(sum(sizes))
    small = [i for i, n in enumerate(sizes) if n < limit]
    return small if len(small) >= SMALL_SEGMENTS else []


def merge_into(writer: Any, segments: list[Any], merged: set[str]) -> list[Any]:
    """A Whoosh merge policy: copy the ``merged`` segments into ``writer``'s new one, keep the
    others."""
    kept = []
    for segment in segments:
        if segment.segment_id() not in merged:
            kept.append(segment)
            continue
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return kept


def merge_segments(ix: Index, merged: set[str]) -> None:
    """Merge the segments named by id into one, in one commit (the index as it was until then)."""
    writer = open_writer(ix)
    try:
        writer.commit(mergetype=lambda w, current: merge_into(w, current, merged))
    except BaseException:
        if not writer.is_closed:  # a failed commit has released the lock itself
            writer.cancel()
        raise
    manifest.record(ix, ix.storage.folder)


def merge_small(ix: Index) -> int:
    """After an import: merge the index's small segments if :func:`small_group` says so; how
    many were merged."""
    segments = ix._segments()
    group = small_group([s.doc_count_all() for s in segments])
    if group:
        merge_segments(ix, {segments[i].segment_id() for i in group})
    return len(group)


@dataclass
class Optimized:
    """What ``fahras optimize`` did."""

    segments_before: int
    segments_after: int
    deleted_dropped: int
    seconds: float

    def line(self) -> str:
        if self.segments_before == self.segments_after and not self.deleted_dropped:
            return (f"nothing to merge: {self.segments_after} segment{'s' * (self.segments_after != 1)}, "
                    "no deleted documents")
        return (f"merged {self.segments_before} segments into {self.segments_after}, "
                f"dropped {self.deleted_dropped} deleted documents in {self.seconds:.1f} s")


def optimize(index_dir: str | pathlib.Path, wait: float = 0.0) -> Optimized:
    """Merge every segment of the index into one, under the run lock, in one commit: searchers
    keep the old segments until they refresh, and an interrupted run leaves the index as it was."""
    started = time.perf_counter()
    ix = store.open_index(index_dir, verify_content=True)
    try:
        with RunLock(index_dir, command=" ".join(sys.argv)).acquire(wait):
            with store.damage_reported(index_dir):
                segments = ix._segments()
                deleted = sum(s.deleted_count() for s in segments)
                if len(segments) > 1 or deleted:
                    merge_segments(ix, {s.segment_id() for s in segments})
                after = len(ix._segments())
            return Optimized(len(segments), after, deleted, time.perf_counter() - started)
    finally:
        ix.close()
