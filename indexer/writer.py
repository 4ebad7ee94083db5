"""Write records into the index: batches, commits, update by id, delete, locking, parallelism.

Crash safety
    Documents are committed every ``batch_size`` records. A Whoosh commit writes the new segment
    files first and then a new table of contents (``_MAIN_<generation>.toc``) in one rename, so a
    ``kill -9`` at any moment leaves the index at its last commit: it opens, every committed batch
    is whole, nothing half-written is visible. Segment files of unfinished batches are orphans
    that a later commit deletes (``whoosh.index.clean_files``: any commit of one process, the
    last commit of a run with ``--procs``). Because re-importing an id
    replaces it (``update_document`` on the unique ``id``), running the same import again completes
    the index with no duplicates.

Locks
    whoosh3's ``MAIN_WRITELOCK`` is an ``fcntl.flock`` on a file (``whoosh/util/filelock.py``): the
    *file* stays after a crash but the *lock* dies with the process, so a killed writer never
    leaves the index locked by itself. Whoosh takes that lock per writer, i.e. per batch, so
    between two batches another writer could slip in; a run therefore holds its own flock,
    ``fahras.lock``, from start to end, and writes its pid, command and start time into it. A
    second writer fails at once (or after ``--wait`` seconds) with a message naming that process. A
    non-empty ``fahras.lock`` we *can* lock was left by a writer that died: we say so, remove the
    temporary files it left, and carry on.

    One real trap: forked worker processes (``--procs``) inherit the lock descriptors, and
    Whoosh's workers block forever on their job queue when their parent dies, which would keep the
    index locked by orphans. :func:`_die_with_parent` makes every process forked by a writer get
    SIGKILL when its parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``); elsewhere the error message
    lists the orphans holding the lock so the user can stop them.

Parallelism (``--procs N``)
    Analysis (tokenizing, folding, stemming, roots, for five text fields) is the cost, so workers
    must analyze *and* write their own segments: shipping tokens back would leave the parent
    writing every posting alone. Whoosh's ``MpWriter`` does that but starts new workers for every
    writer, i.e. every batch, so their stemming caches start cold each time. The default keeps one
    pool of workers for the whole run (:class:`PoolRun`); ``Importer(parallel="whoosh")`` keeps
    ``MpWriter`` for comparison.

    Merging is the other cost: Whoosh's merge sends every posting through its sorting pool again,
    about 6 ms a document here, two thirds of what analysis costs. Whoosh merges inside
    ``commit``, i.e. in the parent while the workers wait: on the whole corpus with 1,000-document
    batches that was 114 s of merging plus the writing of the merged segments, against 184 s of
    analysis, and 2 processes ran only 1.05x faster than one (2026-11-29). So with the pool:

    * each batch is written whole, as one segment, by whichever worker is free (split between
      the workers, segments were half as big and merging them cost twice as much);
    * the parent commits batches in order, the oldest once every worker has a later batch to
      write, so the workers never wait for the parent's commit. A crash therefore loses the
      batches not yet committed: at most ``N + 1`` of them (one without the pool);
    * the run's own segments are merged by the workers too (Lucene's log merge policy,
      :func:`merge_groups`; see ``MERGE_FACTOR``): each twenty of a level become N segments of
      the next, one merge per worker side by side, as pool jobs in between the batches; the
      first commit after a merge finishes puts its segment in place of its inputs. The run ends
      when the merges it started have finished (one merge of all twenty kept one worker busy
      alone for the last ~45 s of the whole corpus: 1.50x instead of 1.6x);
    * older segments, from which a run's updates may delete, are merged by the parent in its
      commits with Whoosh's own policy, as with one process.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, Index, LockError
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from indexer import manifest, store
from indexer.documents import to_fields
from indexer.sources import Invalid, LineFilter, Raw, Reject, validate

LOCK_FILE = "fahras.lock"
DEFAULT_BATCH_SIZE = 1000
# Memory per Whoosh writer (each worker has its own pool): posting runs spill to disk beyond it.
LIMIT_MB = 256
# Plain segment files, not Whoosh's compound .seg: a search worker copies compound segments into
# its heap (a worker measured 755 MB at 31k and 1,936 MB at 93k articles with them, 143 MB at 100k
# with plain files; docs/benchmarks.md). Whoosh checks nothing about plain files, hence the record
# of them in indexer/manifest.py.
COMPOUND = False
# Segments of one size level merged at once by PoolRun (Lucene's merge factor). 20, not Lucene's
# 10: Whoosh's own policy (MERGE_SMALL) merges batch-sized segments about when 19 have gathered,
# and a Whoosh merge costs about as much as analysis, so this keeps the merging work of 2
# processes what it is with one, instead of copying every document once more.
MERGE_FACTOR = 20



class IndexLockedError(store.IndexProblem):
    """Another writer holds the index."""


@dataclass
class Summary:
    """What one import did. ``indexed`` counts new documents, ``updated`` replaced ones."""

    indexed: int = 0
    updated: int = 0
    rejected: int = 0
    seconds: float = 0.0
    stale_writer: dict[str, Any] | None = None
    commits: int = 0

    def line(self) -> str:
        return (
            f"indexed {self.indexed}, updated {self.updated}, rejected {self.rejected} "
            f"in {self.seconds:.1f} s"
        )


# ------------------------------------------------------------------------------------ locking


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lock_holders(path: pathlib.Path) -> list[int]:
    """Pids of processes with ``path`` open (Linux ``/proc``; empty elsewhere)."""
    target = os.path.realpath(path)
    holders = []
    for entry in pathlib.Path("/proc").glob("[0-9]*"):
        try:
            if any(os.path.realpath(fd) == target for fd in (entry / "fd").iterdir()):
                holders.append(int(entry.name))
        except OSError:
            continue
    return sorted(p for p in holders if p != os.getpid())


class RunLock:
    """The whole-run write lock on an index directory (see the module docstring)."""

    def __init__(self, index_dir: str | pathlib.Path, command: str = "fahras") -> None:
        self.index_dir = pathlib.Path(index_dir)
        self.path = self.index_dir / LOCK_FILE
        self.command = command
        self.fd: int | None = None
        self.stale: dict[str, Any] | None = None

    def acquire(self, wait: float = 0.0) -> RunLock:
        import fcntl

        self.index_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise IndexLockedError(self._held_message()) from None
                time.sleep(0.1)
        self.fd = fd
        previous = self._read_owner()
        if previous and previous.get("pid") != os.getpid():
            # We got the lock, so whoever wrote this is not writing any more: it died mid-run.
            self.stale = previous
            _remove_temp_files(self.index_dir)
        owner = {
            "pid": os.getpid(),
            "command": self.command,
            "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(owner).encode(), 0)
        os.fsync(fd)
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        import fcntl

        os.ftruncate(self.fd, 0)  # empty = the last writer finished cleanly
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> RunLock:
        return self if self.fd is not None else self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _read_owner(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            return {}

    def _held_message(self) -> str:
        owner = self._read_owner()
        pid = owner.get("pid")
        if isinstance(pid, int) and _pid_alive(pid):
            return (
                f"the index at {self.index_dir} is being written by another process "
                f"(pid {pid}, `{owner.get('command', '?')}`, since {owner.get('started', '?')}): "
                f"wait for it to finish, stop it, or pass --wait SECONDS"
            )
        holders = lock_holders(self.path)
        who = f"process(es) {', '.join(map(str, holders))}" if holders else "an unknown process"
        return (
            f"the index at {self.index_dir} is locked by {who} left over from a writer that "
            f"died{f' (pid {pid})' if pid else ''}: stop {'them' if holders else 'it'} "
            f"(kill {' '.join(map(str, holders)) or 'PID'}) and run the command again"
        )


def _remove_temp_files(index_dir: pathlib.Path) -> None:
    """Whoosh's temporary run and job files (``*.tmp`` folders) left by a killed writer."""
    for tmp in index_dir.glob("*.tmp"):
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)


def _die_with_parent() -> None:
    """Registered with ``os.register_at_fork``: a forked worker gets SIGKILL if its parent dies.

    Only effective on Linux; a no-op elsewhere.
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


def _install_fork_hook() -> None:
    global _FORK_HOOK
    if not _FORK_HOOK and sys.platform.startswith("linux"):
        os.register_at_fork(after_in_child=_die_with_parent)
        _FORK_HOOK = True


# ------------------------------------------------------------------------------------ writing


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
    parallel: str = "pool"  # "pool" (ours) or "whoosh" (MpWriter), for --procs > 1
    summary: Summary = field(default_factory=Summary)
    _seen: dict[str, tuple[str, int]] = field(default_factory=dict)
    _pool: Any = None
    _pool_run: PoolRun | None = None
    # Batches given to the pool, oldest first, not yet committed (see _next_batch).
    _pending: deque[tuple[list[dict[str, Any]], Any]] = field(default_factory=deque)

    def run(self, items: Iterable[Raw]) -> Summary:
        started = time.perf_counter()
        if self.procs > 1:
            _install_fork_hook()
            if self.parallel == "pool":
                import multiprocessing

                self._pool = multiprocessing.get_context("fork").Pool(self.procs)
                self._pool_run = PoolRun(self._pool, self.ix.storage.folder, self.ix.indexname,
                                         ways=self.procs)
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
            if self._pool_run is not None:
                self._end_pool_run()
        finally:
            if self._pool is not None:
                self._stop_pool()
            self.summary.seconds = time.perf_counter() - started
        return self.summary

    def _stop_pool(self) -> None:
        """Stop the workers, whatever they are doing, and remove their temporary folders."""
        self._pool.terminate()
        self._pool.join()
        self._pool = None
        for tmp in pathlib.Path(self.ix.storage.folder).glob(f"[0-9]*.{self.ix.indexname}.tmp"):
            shutil.rmtree(tmp, ignore_errors=True)

    def _accept(self, item: Raw) -> dict[str, Any] | None:
        """The Whoosh fields of a good record; a bad one is reported and gives None."""
        try:
            if item.error:
                raise Invalid(item.error)
            record = validate(item.record, self.drop)
            first = self._seen.get(record["id"])
            if first is not None:
                raise Invalid(f"duplicate id {record['id']!r} (first at {first[0]}:{first[1]})")
            self._seen[record["id"]] = (item.source, item.line)
            return to_fields(record)
        except Invalid as err:
            self.summary.rejected += 1
            self.on_reject(Reject(item.source, item.line, str(err), item.record))
            return None

    def _next_batch(self, batch: list[dict[str, Any]]) -> None:
        """Commit a full batch. With the pool, a worker starts writing it now, and the oldest
        batch is committed once every worker has one to write after it: the workers never wait
        for the parent (reading, committing), and batches are committed in order."""
        if self._pool_run is None:
            self._commit(batch)
            return
        self._pending.append((batch, self._pool_run.analyze(batch)))
        if len(self._pending) > self.procs:
            self._commit(*self._pending.popleft())

    def _commit(self, batch: list[dict[str, Any]], analysis: Any = None) -> None:
        """One atomic commit: after it, the whole batch is in the index; before it, none of it.
        ``analysis``: the pool's job writing the batch's segment (:meth:`PoolRun.analyze`)."""
        with self.ix.searcher() as searcher:
            existing = {f["id"] for f in batch if searcher.document_number(id=f["id"]) is not None}
        writer = _open_writer(self.ix, self.procs, self._pool_run, analysis)
        try:
            for fields in batch:  # only a replacement needs update_document's look-up by id
                (writer.update_document if fields["id"] in existing else writer.add_document)(**fields)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        manifest.record(self.ix, self.ix.storage.folder)
        self.summary.updated += len(existing)
        self.summary.indexed += len(batch) - len(existing)
        self.summary.commits += 1

    def _end_pool_run(self) -> None:
        """After the last batch: wait for the merges still running, commit them, stop the pool.

        Waited for, not dropped: on the whole corpus, dropping them ended the import 1.95x faster
        than one process but left 22 segments instead of 14, and searches 32% slower at p95
        (docs/benchmarks.md) until a later import merged them, in its parent, alone.
        """
        if not self.summary.commits:  # nothing was written: nothing to merge or clean
            self._stop_pool()
            return
        for job, _segments, _level in self._pool_run.running:
            job.wait()
        writer = _open_writer(self.ix, self.procs, self._pool_run)
        writer.last_of_run = True
        writer.commit()
        manifest.record(self.ix, self.ix.storage.folder)
        self._stop_pool()


# ------------------------------------------------------------------------------ parallelism

_WORKER_INDEXES: dict[tuple[str, str], Index] = {}


def _index_chunk(job: tuple[str, str, list[dict[str, Any]]]) -> Any:
    """In a pool worker: analyze and write ``docs`` as one new segment; return the segment.

    The segment is not in any table of contents until the parent commits it, so a crash before
    that leaves only orphan files, which a later commit deletes.
    """
    folder, indexname, docs = job
    writer = SegmentWriter(_worker_index(folder, indexname), _lk=False, limitmb=LIMIT_MB, compound=COMPOUND)
    try:
        for fields in docs:
            writer.add_document(**fields)
        return writer._finalize_segment()
    finally:
        writer.temp_storage().destroy()


def _merge_chunk(job: tuple[str, str, list[Any]]) -> Any:
    """In a pool worker: copy the documents of committed ``segments`` into one new segment.

    Like :func:`_index_chunk`, the result is in no table of contents until the parent commits it
    (in place of ``segments``), so a crash leaves the index as it was.
    """
    folder, indexname, segments = job
    ix = _worker_index(folder, indexname)
    writer = SegmentWriter(ix, _lk=False, limitmb=LIMIT_MB, compound=COMPOUND)
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


class _WorkerStorage(FileStorage):
    """The index folder as a pool worker writes to it: with a temporary folder of its own.

    Whoosh names every writer's temporary folder after the index only (``MAIN.tmp``) and a commit
    deletes it, so the parent's commit would pull it from under a merge still spilling posting
    runs there. A worker's writers use ``<pid>.MAIN.tmp`` instead, removed after each job (and
    by :func:`_remove_temp_files` after a crash).
    """

    def temp_storage(self, name: str | None = None) -> FileStorage:
        return super().temp_storage(f"{os.getpid()}.{name}" if name else None)


def _worker_index(folder: str, indexname: str) -> Index:
    ix = _WORKER_INDEXES.get((folder, indexname))
    if ix is None:
        ix = _WORKER_INDEXES[(folder, indexname)] = _WorkerStorage(folder).open_index(indexname)
    return ix


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


@dataclass
class PoolRun:
    """The pool's work during one run with ``--procs N``: analyzing batches ahead of their commit,
    and merging the segments the run writes.

    Why merging here and not in Whoosh's commit: see the module docstring. A merge is a pool job
    like an analysis chunk, so it runs alongside the analysis of the next batches; the first
    commit after it finishes puts its segment in the table of contents in place of the ones it
    merged.

    Only segments this run wrote are merged here. Nothing deletes from them while the run lasts
    (an id comes once per run: a second one is rejected), so a merge may span several commits
    and its result still holds exactly their documents. Older segments, from which the run's
    updates may delete, are merged by the parent under the write lock, with Whoosh's policy.

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
    analyzing: int = 0  # batches given to the pool whose segments are not committed yet
    idle: list[Any] = field(default_factory=list)  # committed segments of this run, not merging
    running: list[tuple[Any, list[Any], int]] = field(default_factory=list)  # (job, segments, level)
    levels: dict[str, int] = field(default_factory=dict)  # segment id -> level (absent: a batch, 0)

    @property
    def busy(self) -> bool:
        return self.analyzing > 0 or bool(self.running)

    def analyze(self, docs: list[dict[str, Any]]) -> Any:
        """Start writing a batch as one segment, in whichever worker is free first; the job to
        :meth:`collect`. (Splitting each batch between the workers, as before, made segments
        half as big: twice the merging, which costs Whoosh about as much as analysis does.)"""
        self.analyzing += 1
        return self.pool.apply_async(_index_chunk, ((self.folder, self.indexname, docs),))

    def collect(self, analysis: Any) -> list[Any]:
        """The segment of a batch (waiting for it); a worker's error is raised here."""
        try:
            return [analysis.get()]
        finally:
            self.analyzing -= 1

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
            job = self.pool.apply_async(_merge_chunk, ((self.folder, self.indexname, segments),))
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


class PoolWriter(SegmentWriter):
    """The parent's writer of one batch, whose documents a pool of processes that live for the
    whole run analyzes (:class:`PoolRun`).

    A worker writes the batch as one segment, a job started before this writer opens.
    The parent keeps Whoosh's write lock, marks replaced documents deleted (``update_document``),
    merges older segments and writes the table of contents with the batch's segments and those of
    the finished merges. Unlike ``MpWriter``, whose workers are new processes for every writer,
    the workers outlive the batch, so the per-process stemming caches stay warm.
    """

    def __init__(self, ix: Index, run: PoolRun, analysis: Any = None, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._run, self._analysis = run, analysis
        self._opened_with = {s.segment_id() for s in self.segments}
        self.last_of_run = False  # every merge has finished; none is started after this commit

    def add_document(self, **fields: Any) -> None:
        """Nothing to do here: the pool is already writing the batch (``analysis``); the parent
        only marks the documents they replace as deleted (``update_document``)."""

    def commit(self, mergetype=None, optimize=None, merge=None) -> None:
        self._check_state()
        try:
            new = self._run.collect(self._analysis) if self._analysis is not None else []
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


def _open_writer(ix: Index, procs: int, pool_run: PoolRun | None = None, analysis: Any = None):
    try:
        if procs > 1 and pool_run is not None:
            return PoolWriter(ix, pool_run, analysis, limitmb=LIMIT_MB, timeout=5.0, compound=COMPOUND)
        if procs > 1:
            return ix.writer(procs=procs, limitmb=LIMIT_MB, multisegment=True, timeout=5.0, compound=COMPOUND)
        return ix.writer(limitmb=LIMIT_MB, timeout=5.0, compound=COMPOUND)
    except LockError:
        path = pathlib.Path(ix.storage.folder) / f"{ix.indexname}_WRITELOCK"
        holders = lock_holders(path)
        raise IndexLockedError(
            f"Whoosh's write lock {path} is held by "
            f"{'process(es) ' + ', '.join(map(str, holders)) if holders else 'another process'}: "
            "stop it and run the command again"
        ) from None


def import_records(
    index_dir: str | pathlib.Path,
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
            return importer.run(items)
        finally:
            ix.close()


def delete_documents(index_dir: str | pathlib.Path, ids: Iterable[str], wait: float = 0.0) -> tuple[list[str], list[str]]:
    """Delete documents by id in one commit; returns (deleted ids, ids that were not there)."""
    ix = store.open_index(index_dir, verify_content=True)
    try:
        with RunLock(index_dir, command=" ".join(sys.argv)).acquire(wait):
            deleted, missing = [], []
            with store.damage_reported(index_dir), ix.searcher() as searcher:
                for doc_id in dict.fromkeys(ids):
                    found = searcher.document_number(id=doc_id) is not None
                    (deleted if found else missing).append(doc_id)
            if deleted:
                writer = _open_writer(ix, 1)
                for doc_id in deleted:
                    writer.delete_by_term("id", doc_id)
                writer.commit()
                manifest.record(ix, index_dir)
            return deleted, missing
    finally:
        ix.close()


# -------------------------------------------------------------------------------------- stats


def index_size(index_dir: str | pathlib.Path) -> int:
    return sum(p.stat().st_size for p in pathlib.Path(index_dir).rglob("*") if p.is_file())


def index_stats(index_dir: str | pathlib.Path, *, verify: bool = False) -> dict[str, Any]:
    """Documents, versions, size on disk and, per indexed field, distinct terms and tokens.

    ``verify`` reads every segment file to compare its checksum (:mod:`indexer.manifest`).
    """
    ix = store.open_index(index_dir, verify_content=verify)
    meta = store.read_meta(index_dir)
    try:
        with store.damage_reported(index_dir), ix.reader() as reader:
            fields: dict[str, dict[str, int]] = {}
            for name, fieldobj in ix.schema.items():
                if not fieldobj.indexed:
                    continue
                terms = sum(1 for _ in _lexicon(reader, name))
                fields[name] = {"terms": terms, "tokens": int(reader.field_length(name) or 0)}
            return {
                "documents": reader.doc_count(),
                "deleted": reader.doc_count_all() - reader.doc_count(),
                "segments": len(ix._segments()),
                "analyzer_version": meta.get("analyzer_version"),
                "schema_version": meta.get("schema_version"),
                "size_bytes": index_size(index_dir),
                # Segment files with a record of size, time stamp and checksum to check them by.
                "files_recorded": manifest.recorded_count(ix, index_dir),
                "path": str(index_dir),
                "fields": fields,
            }
    finally:
        ix.close()


def _lexicon(reader: Any, name: str) -> Iterator[bytes]:
    with contextlib.suppress(KeyError):
        yield from reader.lexicon(name)
