"""Write records into the index: batches, commits, update by id, delete, locking, parallelism.

Crash safety
    Documents are committed every ``batch_size`` records. A Whoosh commit writes the new segment
    files first and then a new table of contents (``_MAIN_<generation>.toc``) in one rename, so a
    ``kill -9`` at any moment leaves the index at its last commit: it opens, every committed batch
    is whole, nothing half-written is visible. Segment files of the unfinished batch are orphans
    that the next commit deletes (``whoosh.index.clean_files``). Because re-importing an id
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
    writer, i.e. every batch, so their stemming caches start cold each time. :class:`PoolWriter`
    (the default) keeps one pool of workers for the whole run, each writing a segment per batch.
    Measured on 2,000 real articles on this 2-core machine while it was shared with other work:
    one process 46.2 s, ``MpWriter`` with 2 processes 51.8 s, the pool with 2 processes 44.3 s.
    On the whole 31k corpus on the idle machine (``bench/index.py``, docs/benchmarks.md) the pool's
    2 processes ran 1.65x faster than one (578 s against 952 s).
    ``Importer(parallel="whoosh")`` keeps ``MpWriter`` for comparison.
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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from whoosh.index import Index, LockError
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

    def run(self, items: Iterable[Raw]) -> Summary:
        started = time.perf_counter()
        if self.procs > 1:
            _install_fork_hook()
            if self.parallel == "pool":
                import multiprocessing

                self._pool = multiprocessing.get_context("fork").Pool(self.procs)
        try:
            batch: list[dict[str, Any]] = []
            for item in items:
                self.on_record()
                fields = self._accept(item)
                if fields is None:
                    continue
                batch.append(fields)
                if len(batch) >= self.batch_size:
                    self._commit(batch)
                    batch = []
            if batch:
                self._commit(batch)
        finally:
            if self._pool is not None:
                self._pool.terminate()
                self._pool.join()
                self._pool = None
            self.summary.seconds = time.perf_counter() - started
        return self.summary

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

    def _commit(self, batch: list[dict[str, Any]]) -> None:
        """One atomic commit: after it, the whole batch is in the index; before it, none of it."""
        with self.ix.searcher() as searcher:
            existing = sum(1 for f in batch if searcher.document_number(id=f["id"]) is not None)
        writer = _open_writer(self.ix, self.procs, self._pool)
        try:
            for fields in batch:
                writer.update_document(**fields)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        manifest.record(self.ix, self.ix.storage.folder)
        self.summary.updated += existing
        self.summary.indexed += len(batch) - existing
        self.summary.commits += 1


# ------------------------------------------------------------------------------ parallelism

_WORKER_INDEXES: dict[tuple[str, str], Index] = {}


def _index_chunk(job: tuple[str, str, list[dict[str, Any]]]) -> Any:
    """In a pool worker: analyze and write ``docs`` as one new segment; return the segment.

    The segment is not in any table of contents until the parent commits it, so a crash before
    that leaves only orphan files, which the next commit deletes.
    """
    from whoosh.filedb.filestore import FileStorage

    folder, indexname, docs = job
    ix = _WORKER_INDEXES.get((folder, indexname))
    if ix is None:
        ix = _WORKER_INDEXES[(folder, indexname)] = FileStorage(folder).open_index(indexname)
    writer = SegmentWriter(ix, _lk=False, limitmb=LIMIT_MB, compound=COMPOUND)
    for fields in docs:
        writer.add_document(**fields)
    return writer._finalize_segment()


class PoolWriter(SegmentWriter):
    """A writer whose documents are analyzed by a pool of processes that live for the whole run.

    The parent keeps Whoosh's write lock, marks replaced documents deleted (``update_document``),
    merges small segments and writes the table of contents; at commit each worker writes one
    segment from its share of the batch. Unlike ``MpWriter``, whose workers are new processes for
    every writer, the workers outlive the batch, so the per-process stemming caches stay warm:
    that is what makes ``--procs 2`` faster than one process here (see ``bench/index.py``).
    """

    def __init__(self, ix: Index, pool: Any, procs: int, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._pool, self._procs = pool, procs
        self._docs: list[dict[str, Any]] = []

    def add_document(self, **fields: Any) -> None:
        self._docs.append(fields)

    def commit(self, mergetype=None, optimize=None, merge=None) -> None:
        self._check_state()
        try:
            size = -(-len(self._docs) // self._procs) or 1
            folder = self.storage.folder
            jobs = [(folder, self.indexname, self._docs[i : i + size]) for i in range(0, len(self._docs), size)]
            segments = self._pool.map(_index_chunk, jobs, chunksize=1)
            finalsegments = self._merge_segments(mergetype, optimize, merge)
            if self._added:  # the merge policy merged old segments into this writer
                finalsegments.append(self._finalize_segment())
            else:
                self._close_segment()
            self._commit_toc(finalsegments + segments)
        except BaseException:
            self._cleanup_on_error()
            raise
        self._finish()


def _open_writer(ix: Index, procs: int, pool: Any = None):
    try:
        if procs > 1 and pool is not None:
            return PoolWriter(ix, pool, procs, limitmb=LIMIT_MB, timeout=5.0, compound=COMPOUND)
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
