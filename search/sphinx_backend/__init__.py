"""The Sphinx backend: Fahras's analysis, query language and ranking on a Sphinx/Manticore cluster.

Documents are analysed by Fahras (``analyzers/``) and fed to plain Sphinx indexes as ready-made
tokens, one shard per node, with a coordinator holding a distributed index over the shards. The
modules, one job each:

* :mod:`.tokens` — how an analysed term is written into and looked up in a Sphinx field;
* :mod:`.config` — the ``searchd``/``indexer`` configuration of each node;
* :mod:`.cluster` — local clusters: start, status, stop (``fahras cluster``);
* :mod:`.store` — the side store of each shard (originals and analysed tokens, by 64-bit id);
* :mod:`.feed` — the xmlpipe2 stream ``indexer`` reads from a store;
* :mod:`.importer` — import, re-import and delete over the shards;
* :mod:`.compiler` — the engine-neutral parse tree (:mod:`search.syntax`) to ``MATCH()``;
* :mod:`.vocabulary` — the cluster's terms and document frequencies (SQLite, from the dictionaries);
* :mod:`.rescore` — Fahras's BM25F (times the lead factor) for the top documents Sphinx found;
* :mod:`.searcher` — one request's view (:class:`search.backend.Searcher`): counts, pages, facets,
  originals, vocabulary, the shards that failed;
* :mod:`.backend` — the :class:`search.backend.Backend`: connections, side stores, refresh, stats;
* :mod:`.cli` — ``fahras cluster start|status|stop``.

The engine (:mod:`search.engine`) does the rest, as for the Whoosh backend. Measurements and the
choices they led to are in ``docs/scaling.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.ranking import Ranking
    from search.settings import EngineSettings
    from search.sphinx_backend.backend import SphinxBackend


def open_backend(settings: EngineSettings, ranking: Ranking | None = None) -> SphinxBackend:
    """The registry's entry point (``search.engine.BACKENDS``), loaded only when chosen: the SphinxQL
    client (the ``sphinx`` extra) is not needed by anything else."""
    from search.ranking import DEFAULT_RANKING
    from search.sphinx_backend.backend import open_backend as open_sphinx

    return open_sphinx(settings, ranking or DEFAULT_RANKING)
