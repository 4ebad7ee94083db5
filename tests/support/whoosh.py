"""Whoosh-backend test plumbing: an index with the engine on it and a Whoosh searcher beside it."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass
from typing import Any

from indexer.store import open_index
from search import DEFAULT_RANKING, SearchEngine, SearchRequest
from search.whoosh_backend.compiler import WhooshCompiler, WhooshQuery, compile_query
from support.articles import engine_at


@dataclass
class Indexed:
    """An index on disk, the engine on it, and a Whoosh searcher of its own weighted as the
    backend's (the same documents and document numbers) to compare with."""

    engine: SearchEngine
    searcher: Any

    @classmethod
    def open(cls, path: pathlib.Path, **settings) -> Indexed:
        searcher = open_index(path).searcher(weighting=WhooshCompiler.weighting(DEFAULT_RANKING))
        return cls(engine_at(path, query_time_limit=None, **settings), searcher)

    def compile(self, text: str, conjunction: str = DEFAULT_RANKING.default_op) -> WhooshQuery:
        """``text`` compiled as the engine compiles it (its words' alternatives included)."""
        return compile_query(self.searcher.reader(), DEFAULT_RANKING, self.engine.expanded(text), conjunction)

    def search(self, request: SearchRequest, **kwargs):
        return self.engine.search(request, **kwargs)

    def close(self) -> None:
        self.searcher.close()
        self.engine.close()
