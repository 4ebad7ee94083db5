"""A worker forked by ``fahras serve`` must never start with a lock it cannot take.

What hung a live server for more than the client's 30 s (docs/reliability.md, "Workers that
hung"): the master opened an engine, which loads the expansion tables in a background thread;
gunicorn forked its workers while that thread was loading, and a worker forked while the thread
held a lock (an import's module lock, a cache's) inherited it held, by a thread it does not have,
and hung on its own first load. And the holder of the app's engine, built in the master, had a
lock of the OS thread: in a gevent worker a greenlet waiting inside the engine's opening left the
next greenlet blocking the whole worker on it.

Each check runs in a fresh interpreter: the tables must be unloaded when it starts, and a hang is
caught as the child not exiting (``HANG``) rather than by timing anything.
"""

from __future__ import annotations

import concurrent.futures
import pathlib
import subprocess
import sys
import textwrap
import urllib.parse

import pytest
from support.servers import get
from support.webcorpus import build_index

from web.supervise import running

ROOT = pathlib.Path(__file__).resolve().parent.parent
HANG = 60  # seconds after which a child that has not exited is taken as hung (it needs ~3)


def python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=HANG)


def test_a_fork_while_the_tables_load_in_a_thread_gives_the_child_loaded_tables():
    """The fork waits for the loading thread: the child has the tables and holds no lock of it."""
    done = python("""
        import os
        from search import expansion
        assert not expansion.loaded()
        expansion.warm()  # what opening an engine does: a thread loads the tables
        pid = os.fork()
        if pid == 0:
            os._exit(0 if expansion.loaded() else 3)
        _, status = os.waitpid(pid, 0)
        print("child", os.waitstatus_to_exitcode(status))
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["child", "0"], "the child was forked half-way through the loading"


def test_preload_loads_in_this_thread_and_opening_an_engine_then_starts_no_thread(tmp_path):
    """What ``fahras serve``'s master does before it forks: no thread is left running."""
    index = build_index(tmp_path / "index")
    done = python(f"""
        import threading
        from search import expansion, open_engine, preload
        preload()
        assert expansion.loaded()
        open_engine({{"FAHRAS_INDEX": {str(index)!r}}}).close()
        print(sorted(t.name for t in threading.enumerate()))
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['MainThread']"


def test_the_engine_holder_built_before_gevent_patches_lets_greenlets_wait_for_the_opening():
    """As in a gevent worker: the holder made before ``monkey.patch_all()`` (gunicorn's master),
    four first requests at once, and an opening that waits (starting a loading thread did).
    With a lock of the OS thread the second greenlet blocks the process for good."""
    done = python("""
        from web.backend import EngineHolder

        class Engine:
            def refresh(self):
                pass

        def factory(config):
            gevent.sleep(0.01)  # the opening waits: other greenlets run meanwhile
            opened.append(1)
            return Engine()

        opened = []
        holder = EngineHolder(factory, {})  # in the master, before the worker patches
        from gevent import monkey
        monkey.patch_all()
        import gevent
        engines = [g.value for g in gevent.joinall([gevent.spawn(holder.get) for _ in range(4)])]
        print(len(opened), len({id(e) for e in engines}))
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "1"], "the engine must be opened once and shared"


@pytest.mark.slow
def test_a_fresh_server_answers_concurrent_first_requests(tmp_path):
    """Eight searches at once, the first of one worker among them (the /healthz `running` waits
    on opens the other's engine), on each of several fresh servers: every one is answered."""
    index = build_index(tmp_path / "index")
    url = "/api/v1/search?q=" + urllib.parse.quote("وزارة التعليم")
    for _ in range(3):
        with running(index, env={"FAHRAS_RATE_LIMIT": "0"}, timeout=60) as (base, proc):
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                statuses = list(pool.map(lambda _i: get(base + url)[0], range(8)))
            assert statuses == [200] * 8
            assert proc.poll() is None
