"""One search engine per app, opened on first use and refreshed before each request.

Opening an engine reads the index's metadata, so it happens once per process (lazily: gunicorn
forks workers after the app is built, and a Whoosh searcher must not cross a fork). ``refresh()``
is cheap and reopens only when the index changed, so a re-import shows up without a restart.
A missing index is not cached: the next request tries again, so building the index while the
server runs makes it start answering.

The engine settings (:class:`search.EngineSettings`, with the request :class:`search.Limits`) are
built once per app from its configuration: the engine, the parameter parsing and the OpenAPI spec
all read that one object.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

from search import EngineSettings, Limits, open_engine

ENGINE = "fahras.engine"
SETTINGS = "fahras.settings"


# Guards the making of a holder's per-process lock: held for a few bytecodes, never across a
# wait, so it may be a lock of the OS thread even in a gevent worker.
_MAKING = threading.Lock()


class EngineHolder:
    """Opens the engine once (thread-safe) and refreshes it on every later use.

    The lock that makes the first opening happen once is made in the process that uses it, on
    first use: the holder is built in gunicorn's master, before a gevent worker patches
    ``threading``, and a lock made there blocks the whole worker. Should opening an engine wait
    (starting a table-loading thread did: in a gevent worker that switches greenlets), the
    greenlet holding the lock yields, the next request's greenlet blocks the OS thread on it, and
    the holder never runs again (tests/test_reliability_fork.py)."""

    def __init__(self, factory: Callable[[dict], Any], config: dict) -> None:
        self._factory, self._config = factory, config
        self._engine: Any = None
        self._lock: Any = None
        self._lock_pid: int | None = None

    def _process_lock(self) -> Any:
        with _MAKING:
            if self._lock_pid != os.getpid():
                self._lock, self._lock_pid = threading.Lock(), os.getpid()
            return self._lock

    def get(self) -> Any:
        engine = self._engine
        if engine is not None:
            engine.refresh()
            return engine
        with self._process_lock():
            if self._engine is None:
                self._engine = self._factory(self._config)
            return self._engine


def install(app: Flask, factory: Callable[[dict], Any] | None = None) -> None:
    """Build the app's engine settings and the holder of its engine. ``factory(config)`` makes
    the engine (default: :func:`search.open_engine` with those settings); tests pass another one
    to reach failures a real index never shows."""
    settings = EngineSettings.from_config(app.config)
    app.extensions[SETTINGS] = settings
    app.extensions[ENGINE] = EngineHolder(factory or (lambda _config: open_engine(settings)), app.config)


def settings_of(app: Flask) -> EngineSettings:
    return app.extensions[SETTINGS]


def limits() -> Limits:
    """The current app's request limits."""
    return settings_of(current_app).limits


def engine() -> Any:
    """The current app's engine, refreshed; raises the index errors the handlers turn into 503."""
    return current_app.extensions[ENGINE].get()
