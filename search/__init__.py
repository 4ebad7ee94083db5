"""Search: the façade the CLI, the web app, the evaluation and the benchmarks use.

``open_engine(config)`` gives a :class:`SearchEngine` on the configured index and backend;
``engine.search(SearchRequest(...))`` returns a :class:`SearchResult` (hits, facets, suggestion),
``engine.document(id)``, ``engine.similar(id)`` and ``engine.suggest(prefix)`` the rest. Requests
beyond :class:`Limits` raise :class:`QueryError` (a 400); an index that cannot be used raises an
:class:`IndexProblem` (a 503). Callers import from here only: what lies behind (the backends in
``search/whoosh_backend/``, the index code in ``indexer/``) may change. docs/design.md draws the
whole picture.
"""

from indexer.errors import (
    IndexDamagedError,
    IndexLockedError,
    IndexMissingError,
    IndexProblem,
    IndexVersionError,
)
from indexer.parts import PART_CHARS  # a document's body comes in parts of at most this
from search.analysis import FIELD_KINDS, analyze
from search.engine import BACKENDS, SearchEngine, UnknownBackendError, open_engine, preload
from search.errors import QueryError
from search.jsonschema import component_schemas
from search.ranking import DEFAULT_RANKING, Ranking
from search.results import (
    FILTER_FIELDS,
    SORTS,
    Document,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResult,
    Similar,
)
from search.settings import CONFIG_DEFAULTS, EngineSettings, Limits, SettingsError
from search.syntax import language as query_language
from search.syntax import parse_date_bound, parse_day

__all__ = [
    "BACKENDS",
    "CONFIG_DEFAULTS",
    "DEFAULT_RANKING",
    "FIELD_KINDS",
    "FILTER_FIELDS",
    "PART_CHARS",
    "SORTS",
    "Document",
    "EngineSettings",
    "FacetValue",
    "Hit",
    "IndexDamagedError",
    "IndexLockedError",
    "IndexMissingError",
    "IndexProblem",
    "IndexVersionError",
    "Limits",
    "QueryError",
    "Ranking",
    "SearchEngine",
    "SearchRequest",
    "SearchResult",
    "Similar",
    "SettingsError",
    "UnknownBackendError",
    "analyze",
    "component_schemas",
    "open_engine",
    "parse_date_bound",
    "parse_day",
    "preload",
    "query_language",
]
