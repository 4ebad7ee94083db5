"""The minority-spelling table of a cluster, mined at the end of each import (the Whoosh import's step).

The same mining as :mod:`indexer.context_spellings` (:func:`analyzers.context_spellings.mine`),
with the cluster's own parts: the stems and their document counts from the cluster's vocabulary
file, each stem's documents from searchd (a bounded sample: ``documents_with``), and their stem
chains from the side stores' analysed tokens (nothing is analysed again). The table is written
beside the cluster's files (``fahras-spellings.json`` in its directory), read by the backend as
the Whoosh backend reads its own. As there, an import mines it again only when it is due, and a
failure is a note (the next import tries again).
"""

from __future__ import annotations

import time

from analyzers import context_spellings
from indexer import context_spellings as table
from indexer.completions import frequent_prefixes
from indexer.schema import BODY, BODY_EXACT, TITLE, TITLE_EXACT
from search.deadline import Deadline
from search.sphinx_backend import importer, tokens
from search.sphinx_backend.backend import SphinxBackend
from search.sphinx_backend.cluster import Cluster
from search.sphinx_backend.searcher import KIND_OF_FIELD
from search.sphinx_backend.vocabulary import Vocabulary


def vocabulary(vocab: Vocabulary, min_docs: int = context_spellings.MIN_DOCS) -> dict[str, int]:
    """Stem → documents, for the stems in at least ``min_docs`` (title and body counted together:
    Sphinx's dictionary is per index, not per field), but the cut-off long words."""
    return {term: n for term, n in vocab.documents_by_term((KIND_OF_FIELD[BODY],), min_docs).items()
            if tokens.LONG not in term}


def documents(cluster: Cluster) -> int:
    """The documents the cluster's vocabulary file counted at its last build; 0 without one."""
    vocab = Vocabulary(cluster.directory)
    try:
        return vocab.documents()
    finally:
        vocab.close()


def after_import(cluster: Cluster) -> str | None:
    """The import's last step: the table mined again when due; a failure as a note for the user."""
    return table.after_import(cluster.directory, documents(cluster), lambda: build(cluster),
                              again="the next import tries again")


def rebuild(cluster: Cluster, wait: float = 0.0) -> list[context_spellings.Pair]:
    """Mine the table again under the cluster's writer lock (``fahras spellings``): a directory
    made by ``fahras cluster start``, not a coordinator run elsewhere (the side stores are here)."""
    cluster = importer.local(cluster)
    with importer.cluster_lock(cluster, wait):
        return build(cluster)


def build(cluster: Cluster) -> list[context_spellings.Pair]:
    """Mine the cluster's table and write it in the cluster's directory (searchd must answer)."""
    started = time.perf_counter()
    backend = SphinxBackend(cluster, query_time_limit=None)
    try:
        vocab = vocabulary(backend.vocabulary)
        documents = backend.vocabulary.documents()
        with backend.searcher(Deadline(None)) as s:

            def sample(stem: str, n: int) -> list[int]:
                return s.documents_with(BODY, stem, n) or s.documents_with(TITLE, stem, n)

            def stems_of(num: int) -> list[list[str]]:
                fields = backend.tokens_of([num]).get(num, {})
                return [(fields.get(name) or "").split() for name in (TITLE, BODY)]

            exact = backend.vocabulary.documents_by_term((KIND_OF_FIELD[TITLE_EXACT], KIND_OF_FIELD[BODY_EXACT]))
            pairs = context_spellings.mine(vocab, sample, stems_of, exact)
        completions = frequent_prefixes(exact)
    finally:
        backend.close()
    table.write(cluster.directory, pairs, documents, 0, time.perf_counter() - started, completions)
    return pairs
