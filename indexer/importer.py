"""Import records into the index: validation, committed batches, update by id.

Crash safety: documents are committed every ``batch_size`` records. A Whoosh commit writes the
new segment files first and then a new table of contents (``_MAIN_<generation>.toc``) in one
rename, so a ``kill -9`` at any moment leaves the index at its last commit: it opens, every
committed batch is whole, nothing half-written is visible. Segment files of unfinished batches
are orphans that a later commit deletes. Because re-importing an id replaces it
(``update_document`` on the unique ``id``), running the same import again completes the index
with no duplicates.

The run holds :class:`indexer.lock.RunLock` from start to end; ``--procs N`` hands the writing
to :mod:`indexer.parallel`. A run ends by merging its tail and the archive's small segments
(:mod:`indexer.compaction`: searches pay per segment). An import that wrote anything ends by
mining the index's minority-spelling table again when it is due
(:mod:`indexer.context_spellings`), still under the lock.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from whoosh.index import Index

from indexer import context_spellings, manifest, store
from indexer.compaction import merge_segments, merge_small
from indexer.documents import analysed, to_fields
from indexer.lock import RunLock
from indexer.parallel import PoolRun, PoolWriter, die_with_parent_after_fork, tail_groups
from indexer.schema import ID
from indexer.segments import open_writer
from indexer.sources import Invalid, LineFilter, Raw, Reject, admit
from indexer.stories import Stories, index_sketches, index_stories

DEFAULT_BATCH_SIZE = 1000


@dataclass
class Summary:
    """What one import did. ``indexed`` counts new documents, ``updated`` replaced ones."""

    indexed: int = 0
    updated: int = 0
    rejected: int = 0
    seconds: float = 0.0
    stale_writer: dict[str, Any] | None = None
    commits: int = 0
    notes: list[str] = field(default_factory=list)  # for the user, not failures (stderr)

    def line(self) -> str:
        return (
            f"indexed {self.indexed}, updated {self.updated}, rejected {self.rejected} "
            f"in {self.seconds:.1f} s"
        )


@dataclass
class Importer:
    """Validate records and write them in committed batches into an open index.

    Kept apart from the lock and the CLI so that the benchmark can drive another schema with the
    very same code path.
    """

    ix: Index
    batch_size: int = DEFAULT_BATCH_SIZE
    procs: int = 1
    drop: LineFilter | None = None
    on_reject: Callable[[Reject], None] = lambda reject: None
    on_record: Callable[[], None] = lambda: None
    parallel: str = "pool"  # "pool" (indexer/parallel.py) or "whoosh" (MpWriter), for procs > 1
    summary: Summary = field(default_factory=Summary)
    _seen: dict[str, tuple[str, int]] = field(default_factory=dict)
    _pool_run: PoolRun | None = None
    _stories: Stories = field(default_factory=Stories)
    # Batches given to the pool, oldest first, not yet committed (see _next_batch).
    _pending: deque[tuple[list[dict[str, Any]], Any]] = field(default_factory=deque)

    def run(self, items: Iterable[Raw]) -> Summary:
        started = time.perf_counter()
        before = {s.segment_id() for s in self.ix._segments()}
        if self.procs > 1:
            if self.parallel == "pool":
                self._pool_run = PoolRun.start(self.ix, self.procs)
            else:
                die_with_parent_after_fork()  # MpWriter forks its workers per commit
        try:
            batch: list[dict[str, Any]] = []
            for item in items:
                self.on_record()
                fields = self._accept(item)
                if fields is None:
                    continue
                batch.append(fields)
                if len(batch) >= self.batch_size:
                    self._next_batch(batch)
                    batch = []
            if batch:
                self._next_batch(batch)
            while self._pending:
                self._commit(*self._pending.popleft())
            try:
                self._compact(before)
            except OSError as err:
                # Every batch is committed: only the merging of segments failed (it writes the
                # merged copy before dropping the parts, so it needs room a batch does not).
                self.summary.notes.append(
                    f"the index holds every document, but its segments were not merged "
                    f"({err.strerror or err}): run `fahras optimize --index {self.ix.storage.folder}` "
                    "when there is room (searches pay per segment)")
        finally:
            if self._pool_run is not None:
                self._pool_run.stop()
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _accept(self, item: Raw) -> dict[str, Any] | None:
        """The Whoosh fields of a good record; a bad one is reported and gives None."""
        try:
            return to_fields(admit(item, self.drop, self._seen))
        except Invalid as err:
            self.summary.rejected += 1
            self.on_reject(Reject(item.source, item.line, str(err), item.record))
            return None

    def _next_batch(self, batch: list[dict[str, Any]]) -> None:
        """Commit a full batch. With the pool, a worker starts writing it now, and the oldest
        batch is committed once every worker has one to write after it: the workers never wait
        for the parent (reading, committing), and batches are committed in order. Each article's
        story is decided here, in record order, before a writer has the batch (indexer/stories.py)."""
        with self.ix.searcher() as searcher:
            self._stories.assign(batch, index_stories(searcher), index_sketches(searcher))
        if self._pool_run is None:
            self._commit(batch)
            return
        self._pending.append((batch, self._pool_run.start_batch(batch)))
        if len(self._pending) > self.procs:
            self._commit(*self._pending.popleft())

    def _writer(self, batch_job: Any = None):
        if self._pool_run is not None:
            return PoolWriter.open(self.ix, self._pool_run, batch_job)
        return open_writer(self.ix, self.procs)

    def _commit(self, batch: list[dict[str, Any]], batch_job: Any = None) -> None:
        """One atomic commit: after it, the whole batch is in the index; before it, none of it.
        ``batch_job``: the pool's job writing the batch's segment (:meth:`PoolRun.start_batch`)."""
        with self.ix.searcher() as searcher:
            existing = {f[ID] for f in batch if searcher.document_number(id=f[ID]) is not None}
        writer = self._writer(batch_job)
        # This process writes the batch only without a pool (whose worker analyses and writes it:
        # ``batch_job``; the writer here only deletes what it replaces) and without Whoosh's
        # MpWriter (whose processes analyse what they are sent).
        writes_here = self._pool_run is None and self.procs <= 1
        try:
            for fields in batch:  # only a replacement needs update_document's look-up by id
                add = writer.update_document if fields[ID] in existing else writer.add_document
                add(**(analysed(fields) if writes_here else fields))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self._stories.committed()
        manifest.record(self.ix, self.ix.storage.folder)
        self.summary.updated += len(existing)
        self.summary.indexed += len(batch) - len(existing)
        self.summary.commits += 1

    def _compact(self, before: set[str]) -> None:
        """After the last commit: the merges that keep the segments few."""
        if self._pool_run is not None:
            self._end_pool_run()
        elif self.summary.commits:
            self._merge_tail_here(before)
        if self.summary.commits and (merged := merge_small(self.ix)):  # earlier imports' too
            self.summary.notes.append(f"merged the archive's {merged} small segments into one "
                                      "(searches pay per segment: docs/design.md, \"Small imports\")")

    def _end_pool_run(self) -> None:
        """After the last batch: wait for the merges still running and commit them, then merge
        the run's tail (:func:`indexer.parallel.tail_groups`) in the workers and commit that.

        Waited for, not dropped: dropping them ended the import sooner but left twice the
        segments, and searches slower until a later import merged them in its parent, alone
        (docs/benchmarks.md, "Indexing").
        """
        if not self.summary.commits:  # nothing was written: nothing to merge or clean
            return
        run = self._pool_run
        while run.running:  # a commit of finished merges may complete a level and start more
            run.wait_for_merges()
            self._writer().commit()
        if run.merge_tail():
            run.wait_for_merges()
        writer = self._writer()
        writer.last_of_run = True
        writer.commit()
        manifest.record(self.ix, self.ix.storage.folder)

    def _merge_tail_here(self, before: set[str]) -> None:
        """Without the pool: merge the tail of the segments this run made (Whoosh's policy
        merged as it went) in this process, in one commit."""
        segments = [s for s in self.ix._segments() if s.segment_id() not in before]
        [tail] = tail_groups([s.doc_count_all() for s in segments]) or [[]]
        if not tail:
            return
        merge_segments(self.ix, {segments[position].segment_id() for position in tail})


def import_records(
    index_dir,
    items: Iterable[Raw],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    procs: int = 1,
    drop: LineFilter | None = None,
    on_reject: Callable[[Reject], None] = lambda reject: None,
    on_record: Callable[[], None] = lambda: None,
    on_stale: Callable[[dict[str, Any]], None] = lambda owner: None,
    wait: float = 0.0,
) -> Summary:
    """Import ``items`` into the index at ``index_dir`` (created when missing) under the run lock."""
    with RunLock(index_dir, command=" ".join(sys.argv)).acquire(wait) as lock:
        if lock.stale:
            on_stale(lock.stale)
        ix = store.create_or_open(index_dir)
        with store.damage_reported(index_dir):
            ix.reader().close()  # refuse a damaged index before writing into it
        importer = Importer(
            ix, batch_size=batch_size, procs=procs, drop=drop,
            on_reject=on_reject, on_record=on_record,
        )
        importer.summary.stale_writer = lock.stale
        try:
            summary = importer.run(items)
            if summary.commits:
                note = context_spellings.after_import(
                    index_dir, ix.doc_count(), lambda: context_spellings.build(ix, index_dir),
                    again="`fahras spellings` mines it")
                summary.notes += [note] if note else []
            return summary
        finally:
            ix.close()
