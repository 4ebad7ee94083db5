"""How Fahras opens Whoosh writers: plain segment files, a memory budget, Whoosh's lock named.

Every writer the import, the parallel workers and ``delete`` open takes its settings from here.
Segments are written as plain files (``.trm``, ``.pst``, ``.col``), not Whoosh's compound
``.seg``: a search worker copies compound segments into its heap (docs/benchmarks.md, "Serving").
Whoosh checks nothing about plain files when it opens them, hence :mod:`indexer.manifest`.
"""

from __future__ import annotations

import contextlib
import pathlib
from collections.abc import Iterator

from whoosh.index import Index, LockError

from indexer.errors import IndexLockedError
from indexer.lock import lock_holders

# Memory per Whoosh writer (each worker has its own): posting runs spill to disk beyond it.
LIMIT_MB = 256
COMPOUND = False
# Seconds a writer waits for Whoosh's own write lock (the run lock is taken before it).
LOCK_TIMEOUT = 5.0
WRITER_OPTIONS = {"limitmb": LIMIT_MB, "compound": COMPOUND}


@contextlib.contextmanager
def whoosh_lock_reported(ix: Index) -> Iterator[None]:
    """Turn Whoosh's ``LockError`` (its per-writer lock is held) into :class:`IndexLockedError`
    naming the processes that hold it."""
    try:
        yield
    except LockError:
        path = pathlib.Path(ix.storage.folder) / f"{ix.indexname}_WRITELOCK"
        holders = lock_holders(path)
        raise IndexLockedError(
            f"Whoosh's write lock {path} is held by "
            f"{'process(es) ' + ', '.join(map(str, holders)) if holders else 'another process'}: "
            "stop it and run the command again"
        ) from None


def open_writer(ix: Index, procs: int = 1):
    """A writer for one commit: in this process, or Whoosh's ``MpWriter`` over ``procs``."""
    extra = {"procs": procs, "multisegment": True} if procs > 1 else {}
    with whoosh_lock_reported(ix):
        return ix.writer(timeout=LOCK_TIMEOUT, **WRITER_OPTIONS, **extra)
