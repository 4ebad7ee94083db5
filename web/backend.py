"""One :class:`SearchEngine` per app, opened on first use and refreshed before each request.

Opening a Whoosh searcher reads every segment's metadata, so it happens once per process (lazily:
gunicorn forks workers after the app is built, and a searcher must not cross a fork). ``refresh()``
is cheap and reopens only when the index changed, so a re-import shows up without a restart.
A missing index is not cached: the next request tries again, so building the index while the
server runs makes it start answering.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app

EXTENSION = "fahras.engine"


def default_factory(config: dict) -> Any:
    """Build the real engine (imported here so that tests may swap in another factory)."""
    from search.engine import SearchEngine

    return SearchEngine(
        config["FAHRAS_INDEX"],
        facet_time_limit=config["FAHRAS_FACET_TIME_LIMIT"],
        query_time_limit=config["FAHRAS_QUERY_TIME_LIMIT"] or None,
        max_query_chars=config["FAHRAS_MAX_QUERY_CHARS"],
        postings_cache_mb=config["FAHRAS_POSTINGS_CACHE_MB"],
    )


class EngineHolder:
    """Opens the engine once (thread-safe) and refreshes it on every later use."""

    def __init__(self, factory: Callable[[dict], Any], config: dict) -> None:
        self._factory, self._config = factory, config
        self._engine: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        engine = self._engine
        if engine is not None:
            engine.refresh()
            return engine
        with self._lock:
            if self._engine is None:
                self._engine = self._factory(self._config)
            return self._engine


def install(app: Flask, factory: Callable[[dict], Any] | None = None) -> None:
    app.extensions[EXTENSION] = EngineHolder(factory or default_factory, app.config)


def engine() -> Any:
    """The current app's engine, refreshed; raises the index errors the handlers turn into 503."""
    return current_app.extensions[EXTENSION].get()
