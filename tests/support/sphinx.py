"""The sphinx backend's engine for tests: the façade, as the CLI and the web app open it."""

from __future__ import annotations

from search import EngineSettings, SearchEngine, open_engine


def sphinx_engine(cluster, **settings) -> SearchEngine:
    """The engine on a cluster (a ``search.sphinx_backend.cluster.Cluster``, or as ``--cluster`` takes it),
    with ``EngineSettings`` overrides."""
    spec = cluster if isinstance(cluster, str) else str(cluster.directory or cluster.address)
    return open_engine(EngineSettings(backend="sphinx", cluster=spec, **settings))
