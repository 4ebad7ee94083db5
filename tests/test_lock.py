"""The run lock: a live writer makes a second one fail naming it; a dead writer's lock is
cleared with a note; an orphan that inherited it is named."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from support.articles import article, import_jsonl, write_jsonl
from support.locks import HOLD_LOCK, hold_lock

from indexer.errors import IndexLockedError
from indexer.importer import import_records
from indexer.lock import LOCK_FILE, RunLock, lock_holders
from indexer.sources import read_source


def test_live_writer_makes_a_second_writer_fail_with_its_pid(tmp_path):
    ix = tmp_path / "ix"
    holder = hold_lock(ix)
    try:
        with pytest.raises(IndexLockedError, match=rf"being written by another process \(pid {holder.pid}, `holder`"):
            import_jsonl(ix, write_jsonl(tmp_path / "a.jsonl", [article(1)]), wait=0.3)
    finally:
        holder.kill()
        holder.wait()


def test_lock_of_a_killed_writer_is_cleared_with_a_note(tmp_path):
    ix = tmp_path / "ix"
    holder = hold_lock(ix)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert json.loads((ix / LOCK_FILE).read_text())["pid"] == holder.pid  # the file outlived it
    (ix / "MAIN.tmp").mkdir()  # as a killed Whoosh writer leaves it
    notes = []
    summary = import_records(
        ix, read_source(str(write_jsonl(tmp_path / "a.jsonl", [article(1)]))), on_stale=notes.append
    )
    assert summary.indexed == 1
    assert notes and notes[0]["pid"] == holder.pid
    assert not (ix / "MAIN.tmp").exists()
    assert (ix / LOCK_FILE).read_text() == ""  # released cleanly: nothing stale next time


def test_orphan_holding_the_lock_is_named(tmp_path):
    """A process that inherited the lock from a dead writer is reported by pid."""
    script = HOLD_LOCK.replace('print("locked", flush=True)', textwrap.dedent(
        """
        import os
        if os.fork():
            print("locked", flush=True)
            os._exit(0)
        """
    ))
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ix")],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    proc.wait()
    lock = RunLock(tmp_path / "ix")
    try:
        with pytest.raises(IndexLockedError, match=r"locked by process\(es\) \d+ left over from a writer that died") as err:
            lock.acquire()
        orphan = int(str(err.value).split("process(es) ")[1].split()[0])
    finally:
        for pid in lock_holders(tmp_path / "ix" / LOCK_FILE):
            os.kill(pid, signal.SIGKILL)
    assert orphan != proc.pid
