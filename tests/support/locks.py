"""Another process holding an index's run lock, as a second writer meets it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from indexer.lock import RunLock
    RunLock(sys.argv[1], command="holder").acquire()
    print("locked", flush=True)
    time.sleep(60)
    """
)


def hold_lock(index_dir) -> subprocess.Popen:
    """A process that holds ``index_dir``'s run lock (as `holder`) until killed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(index_dir)], stdout=subprocess.PIPE, text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc
