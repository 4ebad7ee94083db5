"""The whole-run write lock on an index directory, and who holds it.

whoosh3's ``MAIN_WRITELOCK`` is an ``fcntl.flock`` on a file: the *file* stays after a crash but
the *lock* dies with the process, so a killed writer never leaves the index locked by itself. But
Whoosh takes that lock per writer, i.e. per batch, so another writer could slip in between two
batches. A run therefore holds its own flock, ``fahras.lock``, from start to end, with its pid,
command and start time written into it. A second writer fails at once (or after ``--wait``
seconds) with a message naming that process. A non-empty ``fahras.lock`` we *can* lock was left by
a writer that died: the caller is told (``RunLock.stale``), Whoosh's temporary folders are
removed, and the run carries on.

Forked workers inherit the lock descriptor; :mod:`indexer.parallel` makes them die with their
parent, and where that is not possible the error message lists the orphans holding the lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
import time
from datetime import datetime, timezone
from typing import Any

from indexer.errors import IndexLockedError

LOCK_FILE = "fahras.lock"


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, exited but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):
        if pathlib.Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
            return False
    return True


def flock_within(fd: int, wait: float) -> bool:
    """Take an exclusive advisory lock on ``fd`` (released by the kernel if its holder dies),
    trying for ``wait`` seconds; False when another process holds it still."""
    import fcntl

    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)


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


def remove_temp_files(index_dir: pathlib.Path, pattern: str = "*.tmp") -> None:
    """Whoosh's temporary run and job folders (``*.tmp``) left by a writer or a pool worker."""
    for tmp in index_dir.glob(pattern):
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)


class RunLock:
    """The whole-run write lock on an index directory (see the module docstring)."""

    def __init__(self, index_dir: str | pathlib.Path, command: str = "fahras") -> None:
        self.index_dir = pathlib.Path(index_dir)
        self.path = self.index_dir / LOCK_FILE
        self.command = command
        self.fd: int | None = None
        self.stale: dict[str, Any] | None = None

    def acquire(self, wait: float = 0.0) -> RunLock:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not flock_within(fd, wait):
            os.close(fd)
            raise IndexLockedError(self._held_message())
        self.fd = fd
        previous = self._read_owner()
        if previous and previous.get("pid") != os.getpid():
            # We got the lock, so whoever wrote this is not writing any more: it died mid-run.
            self.stale = previous
            remove_temp_files(self.index_dir)
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
        if isinstance(pid, int) and pid_alive(pid):
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
