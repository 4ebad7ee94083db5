"""Parallel import (``--procs N``): a pool of worker processes that write and merge segments.

Analysis (tokenizing, folding, stemming, roots, for five text fields) is the cost of an import,
so workers must analyze *and* write their own segments: shipping tokens back would leave the
parent writing every posting alone. Whoosh's ``MpWriter`` does that but starts new workers for
every writer, i.e. every batch, so their stemming caches start cold each time; here one pool lives
for the whole run (:class:`PoolRun`). ``Importer(parallel="whoosh")`` keeps ``MpWriter`` for
comparison.

* Each batch is written whole, as one segment, by whichever worker is free first.
* The parent commits batches in order (:class:`PoolWriter`), the oldest once every worker has a
  later batch to write, so the workers never wait for the parent. A crash loses the batches not
  yet committed: at most ``N + 1``.
* Merging costs about as much as analysis, and Whoosh merges inside ``commit``, in the parent,
  while the workers wait. So the run's own segments are merged by the workers instead (Lucene's
  log merge policy, :func:`merge_groups`), as pool jobs between the batches; the first commit
  after a merge finishes puts its segment in place of its inputs, and the run ends when its
  merges have. Older segments, from which the run's updates may delete, are merged by the parent
  with Whoosh's own policy. The measurements behind each choice are in docs/benchmarks.md
  ("Indexing").

Process-wide state lives here and nowhere else: the fork hook that makes every worker die with
its parent (:func:`die_with_parent_after_fork`) and each worker's open index (``_WORKER_INDEXES``).
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import signal
import sys
from dataclasses import dataclass, field
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from analyzers.terms import load_tables, widen_caches_for_import
from indexer import nearduplicates
from indexer.documents import analysed
from indexer.lock import remove_temp_files
from indexer.segments import LOCK_TIMEOUT, WRITER_OPTIONS, whoosh_lock_reported

# Segments of one size level merged at once (Lucene's merge factor). 20, not Lucene's 10:
# Whoosh's own policy merges batch-sized segments about when 19 have gathered, and a merge costs
# about as much as analysis, so this keeps the merging work of N processes what it is with one.
MERGE_FACTOR = 20
# A segment of the run with fewer documents than this share of the run's largest is in its tail,
# merged when the run ends (:func:`tail_groups`). A search pays a term look-up and a posting-list
# setup per segment and word: the 31k corpus's 13 segments (2 of 10,000, 11 batches) searched at
# 2.6x the p95 of the same index merged into one, the 4 this leaves at 1.4x (docs/benchmarks.md).
TAIL_SHARE = 0.25


# -------------------------------------------------------------------- process-wide state


def _die_with_parent() -> None:
    """In a forked child: get SIGKILL when the parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``).

    Why: forked workers inherit the run lock's descriptor, and Whoosh's workers block forever on
    their job queue when their parent dies, which would keep the index locked by orphans.
    """
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


_FORK_HOOK = False


def die_with_parent_after_fork() -> None:
    """Make every process forked from now on die with its parent (once per process; Linux only)."""
    global _FORK_HOOK
    if not _FORK_HOOK and sys.platform.startswith("linux"):
        os.register_at_fork(after_in_child=_die_with_parent)
        _FORK_HOOK = True


# A worker's index, opened once per worker process and reused for every job it runs.
_WORKER_INDEXES: dict[tuple[str, str], Index] = {}


class _WorkerStorage(FileStorage):
    """The index folder as a pool worker writes to it: with a temporary folder of its own.

    Whoosh names every writer's temporary folder after the index only (``MAIN.tmp``) and a commit
    deletes it, so the parent's commit would pull it from under a merge still spilling posting
    runs there. A worker's writers use ``<pid>.MAIN.tmp`` instead, removed after each job (and by
    :func:`indexer.lock.remove_temp_files` after a crash).
    """

    def temp_storage(self, name: str | None = None) -> FileStorage:
        return super().temp_storage(f"{os.getpid()}.{name}" if name else None)


def _worker_index(folder: str, indexname: str) -> Index:
    ix = _WORKER_INDEXES.get((folder, indexname))
    if ix is None:
        ix = _WORKER_INDEXES[(folder, indexname)] = _WorkerStorage(folder).open_index(indexname)
    return ix


# ------------------------------------------------------------------------- worker jobs


def _write_segment(job: tuple[str, str, list[dict[str, Any]]]) -> Any:
    """In a pool worker: analyze and write one batch of documents as a new segment; return it.

    The segment is in no table of contents until the parent commits it, so a crash before that
    leaves only orphan files, which a later commit deletes.
    """
    folder, indexname, docs = job
    writer = SegmentWriter(_worker_index(folder, indexname), _lk=False, **WRITER_OPTIONS)
    try:
        for fields in docs:
            writer.add_document(**analysed(fields))
        return writer._finalize_segment()
    finally:
        writer.temp_storage().destroy()


def _merge_segments(job: tuple[str, str, list[Any]]) -> Any:
    """In a pool worker: copy the documents of committed ``segments`` into one new segment.

    Like :func:`_write_segment`, the result is in no table of contents until the parent commits
    it (in place of ``segments``), so a crash leaves the index as it was.
    """
    folder, indexname, segments = job
    ix = _worker_index(folder, indexname)
    writer = SegmentWriter(ix, _lk=False, **WRITER_OPTIONS)
    try:
        for segment in segments:
            reader = SegmentReader(ix.storage, ix.schema, segment)
            try:
                writer.add_reader(reader)
            finally:
                reader.close()
        return writer._finalize_segment()
    finally:
        writer.temp_storage().destroy()


# --------------------------------------------------------------------- the parent's side


def merge_groups(levels: list[int], factor: int = MERGE_FACTOR, ways: int = 1) -> list[list[int]]:
    """Which segments to merge, by position in ``levels`` (each segment's level: 0 for a batch,
    one more than its inputs' for a merge's output): Lucene's log merge policy. Each full group
    of ``factor`` segments of one level is merged into ``ways`` segments of the next (contiguous
    parts, one merge each, so that each worker takes one and the group is merged in a
    ``ways``-th of the time). Every document is copied once per level, and a level never holds
    more than ``factor - 1`` segments for long."""
    by_level: dict[int, list[int]] = {}
    for position, level in enumerate(levels):
        by_level.setdefault(level, []).append(position)
    groups = []
    for _level, members in sorted(by_level.items()):
        for start in range(0, len(members) - factor + 1, factor):
            group = members[start:start + factor]
            size = -(-len(group) // ways)
            groups += [group[i:i + size] for i in range(0, len(group), size)]
    return groups


def tail_groups(sizes: list[int], ways: int = 1) -> list[list[int]]:
    """Which of a run's segments (by position; ``sizes``: their document counts) to merge when
    the run ends: those under :data:`TAIL_SHARE` of the largest, the leftovers of the log merge
    policy's lower levels (up to ``factor - 1`` a level), in up to ``ways`` contiguous groups of
    two or more, one merge each. Bounded: the tail holds fewer documents than the levels above
    it, so the run's end copies each document at most once more; nothing for a run of one
    segment (a small update of a big index merges nothing)."""
    if not sizes:
        return []
    tail = [i for i, n in enumerate(sizes) if n < TAIL_SHARE * max(sizes)]
    ways = min(ways, len(tail) // 2)
    if ways < 1:
        return []
    size = -(-len(tail) // ways)
    groups = [tail[i:i + size] for i in range(0, len(tail), size)]
    if len(groups[-1]) < 2:  # a lone leftover joins the group before it
        groups[-2] += groups.pop()
    return groups


@dataclass
class PoolRun:
    """The pool's work during one run: writing batches ahead of their commit, and merging the
    segments the run writes.

    Only segments this run wrote are merged here. Nothing deletes from them while the run lasts
    (an id comes once per run: a second one is rejected), so a merge may span several commits and
    its result still holds exactly their documents.

    While any job runs, a commit must not delete files that no table of contents names (Whoosh's
    ``clean_files`` would delete a job's output as it is written): :class:`PoolWriter` then deletes
    only the files of the segments its commit dropped, and the run's last commit, with nothing
    running, cleans the rest as Whoosh does.
    """

    pool: Any
    folder: str
    indexname: str
    factor: int = MERGE_FACTOR
    ways: int = 1  # merges a full group is split into: the number of workers
    writing: int = 0  # batches given to the pool whose segments are not committed yet
    idle: list[Any] = field(default_factory=list)  # committed segments of this run, not merging
    running: list[tuple[Any, list[Any], int]] = field(default_factory=list)  # (job, segments, level)
    levels: dict[str, int] = field(default_factory=dict)  # segment id -> level (absent: a batch, 0)

    @classmethod
    def start(cls, ix: Index, procs: int) -> PoolRun:
        """A new pool of ``procs`` forked workers (each dies with this process) for ``ix``."""
        import multiprocessing

        die_with_parent_after_fork()
        load_tables()  # the workers share the word lists and dictionary instead of each reading them
        nearduplicates.load()
        # the workers analyse with analyzers.terms (indexer.documents.analysed): its caches' import budget
        pool = multiprocessing.get_context("fork").Pool(procs, initializer=widen_caches_for_import)
        return cls(pool, ix.storage.folder, ix.indexname, ways=procs)

    def stop(self) -> None:
        """Stop the workers, whatever they are doing, and remove their temporary folders."""
        self.pool.terminate()
        self.pool.join()
        remove_temp_files(pathlib.Path(self.folder), f"[0-9]*.{self.indexname}.tmp")

    @property
    def busy(self) -> bool:
        return self.writing > 0 or bool(self.running)

    def start_batch(self, docs: list[dict[str, Any]]) -> Any:
        """Start writing a batch as one segment, in whichever worker is free first; the job to
        hand to :meth:`batch_segment`. (Splitting each batch between the workers made segments
        half as big: twice the merging.)"""
        self.writing += 1
        return self.pool.apply_async(_write_segment, ((self.folder, self.indexname, docs),))

    def batch_segment(self, job: Any) -> Any:
        """The segment a batch job wrote (waiting for it); a worker's error is raised here."""
        try:
            return job.get()
        finally:
            self.writing -= 1

    def segment_ids(self) -> set[str]:
        """This run's committed segments, merging or not."""
        return {s.segment_id() for s in self.idle} | {s.segment_id() for _, segs, _ in self.running for s in segs}

    def add(self, segments: list[Any]) -> None:
        """Newly committed segments of this run; starts the merges they complete."""
        self.idle.extend(segments)
        levels = [self.levels.get(s.segment_id(), 0) for s in self.idle]
        groups = merge_groups(levels, self.factor, self.ways)
        chosen = {position for group in groups for position in group}
        for group in groups:
            segments = [self.idle[position] for position in group]
            job = self.pool.apply_async(_merge_segments, ((self.folder, self.indexname, segments),))
            self.running.append((job, segments, levels[group[0]] + 1))
        self.idle = [s for position, s in enumerate(self.idle) if position not in chosen]

    def finished(self, drop_the_rest: bool = False) -> list[tuple[list[Any], Any]]:
        """(merged segments, their new segment) of the merges done; ``drop_the_rest`` forgets the
        others (their pool has been stopped). A merge that failed raises its error here, which
        fails the import like a failed batch."""
        done, still = [], []
        for job, segments, level in self.running:
            if job.ready():
                merged = job.get()
                self.levels[merged.segment_id()] = level
                done.append((segments, merged))
            else:
                still.append((job, segments, level))
        self.running = [] if drop_the_rest else still
        return done

    def wait_for_merges(self) -> None:
        for job, _segments, _level in self.running:
            job.wait()

    def merge_tail(self) -> bool:
        """Start merging the run's tail (:func:`tail_groups`), one job per group; whether any
        started. Called once every merge is committed, before the run's last commit."""
        groups = tail_groups([s.doc_count_all() for s in self.idle], self.ways)
        chosen = {position for group in groups for position in group}
        for group in groups:
            segments = [self.idle[position] for position in group]
            job = self.pool.apply_async(_merge_segments, ((self.folder, self.indexname, segments),))
            self.running.append((job, segments, 1 + max(self.levels.get(s.segment_id(), 0) for s in segments)))
        self.idle = [s for position, s in enumerate(self.idle) if position not in chosen]
        return bool(groups)


class PoolWriter(SegmentWriter):
    """The parent's writer of one batch, whose documents a worker of :class:`PoolRun` writes.

    The parent keeps Whoosh's write lock, marks replaced documents deleted (``update_document``),
    merges older segments and writes the table of contents with the batch's segment and those of
    the finished merges. Unlike ``MpWriter``'s, the workers outlive the batch, so the per-process
    stemming caches stay warm.
    """

    def __init__(self, ix: Index, run: PoolRun, batch_job: Any = None, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._run, self._batch_job = run, batch_job
        self._opened_with = {s.segment_id() for s in self.segments}
        self.last_of_run = False  # every merge has finished; none is started after this commit

    @classmethod
    def open(cls, ix: Index, run: PoolRun, batch_job: Any = None) -> PoolWriter:
        with whoosh_lock_reported(ix):
            return cls(ix, run, batch_job, timeout=LOCK_TIMEOUT, **WRITER_OPTIONS)

    def add_document(self, **fields: Any) -> None:
        """Nothing to do here: a worker is already writing the batch (``batch_job``); the parent
        only marks the documents they replace as deleted (``update_document``)."""

    def commit(self, mergetype=None, optimize=None, merge=None) -> None:
        self._check_state()
        try:
            new = [self._run.batch_segment(self._batch_job)] if self._batch_job is not None else []
            this_run = self._run.segment_ids()
            merged = self._run.finished(drop_the_rest=self.last_of_run)
            replaced = {s.segment_id() for segments, _ in merged for s in segments}
            kept = [s for s in self.segments if s.segment_id() in this_run - replaced]
            # Older segments (the run's updates may have deleted from them): Whoosh's policy, here.
            self.segments = [s for s in self.segments if s.segment_id() not in this_run]
            finalsegments = self._merge_segments(mergetype, optimize, merge)
            if self._added:  # the merge policy merged old segments into this writer
                finalsegments.append(self._finalize_segment())
            else:
                self._close_segment()
            done = [segment for _, segment in merged]
            self._commit_toc(finalsegments + kept + done + new)
        except BaseException:
            self._cleanup_on_error()
            raise
        self._finish()
        if not self.last_of_run:
            self._run.add(done + new)

    def _commit_toc(self, segments: list[Any]) -> None:
        if not self._run.busy:
            super()._commit_toc(segments)  # writes the TOC, deletes every file no segment uses
            return
        # Jobs are writing segments no TOC names yet: delete only what this commit dropped.
        TOC(self.schema, segments, self.generation).write(self.storage, self.indexname)
        _delete_dropped(self.storage, self.indexname, self._opened_with - {s.segment_id() for s in segments})


def _delete_dropped(storage: Any, indexname: str, dropped: set[str]) -> None:
    """Whoosh's ``clean_files`` narrowed to the given segments: the files of segments a commit
    took out of the index, never those of a segment being written. Older TOCs stay until the
    run's last commit: a job starting reads the newest TOC it finds, which must not vanish."""
    segment_pattern = TOC._segment_pattern(indexname)
    for filename in list(storage):
        segment = segment_pattern.match(filename)
        if segment and segment.group(1) in dropped:
            with contextlib.suppress(OSError):  # a reader may hold it open (Windows)
                storage.delete_file(filename)
