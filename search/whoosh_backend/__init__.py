"""The Whoosh backend of :mod:`search`: a Fahras index on disk, searched in this process.

Modules, each with one job: ``backend`` (the index, its searcher, lock and refresh; the per-request
:class:`~search.whoosh_backend.backend.WhooshSearcher`), ``compiler`` (the query tree → Whoosh
queries), ``bm25f`` (BM25F as a Whoosh query), ``scorer`` (queries evaluated over whole posting
lists with numpy), ``sets`` (the sorted-array algebra), ``postings`` (the only module touching
Whoosh's private attributes), ``columns`` and ``tables`` (per-segment arrays the backend keeps),
``postings_cache`` (decoded lists of common words), ``facets``, ``vocabulary``, ``similar``.
"""

from search.whoosh_backend.backend import WhooshBackend, open_backend

__all__ = ["WhooshBackend", "open_backend"]
