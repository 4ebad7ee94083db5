"""``fahras index``, ``delete``, ``stats`` and ``spellings`` on a cluster (``--backend sphinx --cluster DIR``).

The commands live in ``indexer/cli.py`` with the Whoosh ones and load this module by name when
another backend is chosen (``indexer.cli.BACKEND_ADMIN``), so that they keep one set of options,
one reject sink and one summary line; each function takes the ``--cluster`` value as typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from indexer.errors import IndexMissingError
from indexer.sources import Raw
from search.settings import EngineSettings
from search.sphinx_backend import importer
from search.sphinx_backend.cluster import Cluster, locate


def _cluster(spec: str) -> Cluster:
    if not spec:
        raise IndexMissingError("the sphinx backend needs a cluster: --cluster DIR or FAHRAS_CLUSTER "
                                "(`fahras cluster start --shards N --dir DIR` makes one)")
    return locate(spec)


def import_records(spec: str, items: Iterable[Raw], **options: Any) -> importer.SphinxSummary:
    """Import into the cluster (options as :func:`.importer.import_records`)."""
    return importer.import_records(_cluster(spec), items, **options)


def delete_documents(spec: str, ids: Iterable[str], wait: float = 0.0) -> tuple[list[str], list[str]]:
    return importer.delete_documents(_cluster(spec), ids, wait=wait)


def rebuild_spellings(spec: str, wait: float = 0.0) -> list:
    """Mine the cluster's minority-spelling table again (``fahras spellings``)."""
    from search.sphinx_backend import spellings

    return spellings.rebuild(_cluster(spec), wait=wait)


def index_stats(spec: str) -> dict[str, Any]:
    """The backend's stats (``documents``, versions, ``size_bytes``, documents per shard)."""
    from search.sphinx_backend.backend import open_backend

    backend = open_backend(EngineSettings(backend="sphinx", cluster=spec))
    try:
        return {"path": str(backend.cluster.directory), **backend.stats()}
    finally:
        backend.close()
