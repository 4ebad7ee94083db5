"""The search engine behind the CLI, the JSON API and the HTML pages, whatever the backend.

``SearchEngine.search(SearchRequest) -> SearchResult`` runs the steps every backend shares —
validate, parse, compile, select (date window and filters), fall back from AND to OR, page,
assemble hits with highlights, count facets, suggest a correction (and answer with its results
when the query as typed found nothing) — and asks its backend
(:mod:`search.backend`) only for the engine work: compiling the tree, matching and ranking,
counting facets, stored fields, vocabulary. :func:`open_engine` picks the backend by name.

Every search runs under one :class:`~search.deadline.Deadline`: past it the answer is what was
found by then, marked ``timed_out``.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from cachetools import LRUCache

from indexer.errors import IndexProblem
from search import facets as facet_values
from search import hits as assemble
from search import keywords, stories, suggest
from search.analysis import plain_words, searchable
from search.backend import Backend, DocKey, Searcher, Selection
from search.deadline import Deadline
from search.errors import bilingual
from search.labels import Labels
from search.ranking import Ranking
from search.results import FILTER_FIELDS, Document, Hit, SearchRequest, SearchResult, iso
from search.settings import EngineSettings, Limits
from search.syntax import Group, Not, as_date_bound, parse, parse_date_bound
from search.validation import validate

# Backends by name: "module:callable", the callable taking (EngineSettings, Ranking) and giving a
# search.backend.Backend. Imported only when chosen. A new backend adds its line here.
BACKENDS: dict[str, str] = {
    "whoosh": "search.whoosh_backend:open_backend",
    "sphinx": "search.sphinx_backend:open_backend",
}
SURFACE_CACHE = 50_000  # folded words whose usual spelling is remembered (suggestions)
NOTHING_TO_SEARCH = (
    "the query has no word to search for (only punctuation, operators or a field name): type a word"
    " — لا يحوي الاستعلام كلمة يُبحث عنها (علامات أو عوامل أو اسم حقل فقط): اكتب كلمة"
)


class UnknownBackendError(IndexProblem):
    """``FAHRAS_BACKEND`` (or ``--backend``) names no backend."""


class SearchEngine:
    """Search one index through ``backend``, within ``limits`` and the time limits (seconds;
    ``query_time_limit=None``: none)."""

    def __init__(self, backend: Backend, *, limits: Limits | None = None,
                 query_time_limit: float | None = EngineSettings.query_time_limit,
                 facet_time_limit: float = EngineSettings.facet_time_limit,
                 labels: Labels | None = None) -> None:
        self.backend = backend
        self.limits = limits or Limits()
        self.labels = labels or Labels()
        self.query_time_limit = query_time_limit
        self.facet_time_limit = facet_time_limit
        # How folded words are usually written (did-you-mean, autocomplete), and each facet field's
        # values with their names (search/keywords.py); both reset on refresh.
        self._surface: LRUCache = LRUCache(maxsize=SURFACE_CACHE)
        self._cache_lock = threading.Lock()
        self._keyword_values: dict[str, list[keywords.KeywordValue]] = {}

    # -- lifecycle ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """See the index as it is now if it changed (cheap otherwise); raises the index errors
        the web app turns into 503 when it has gone or was rebuilt by another version."""
        if self.backend.refresh():
            with self._cache_lock:
                self._surface.clear()
                self._keyword_values = {}

    def close(self) -> None:
        self.backend.close()

    def stats(self) -> dict[str, Any]:
        return self.backend.stats()

    # -- searching ---------------------------------------------------------------------------
    def search(self, request: SearchRequest, *, facets: bool = True, highlight: bool = True) -> SearchResult:
        """The page of results for ``request``. ``facets=False`` leaves out the facet counts and
        the suggestion, ``highlight=False`` the title/snippet HTML (``bench/latency.py`` times each)."""
        validate(request, self.limits)
        return self._run(request, Deadline(self.query_time_limit), facets=facets, highlight=highlight)

    def rank_ids(self, text: str, depth: int = 100) -> list[tuple[str, float]]:
        """(id, score) of the top ``depth`` documents for ``text``, as search ranks them; no time
        limit, no page limit (``fahras eval`` must see every document)."""
        # Every article ranks on its own (copies of a story are each judged) and as typed.
        request = SearchRequest(q=text, per_page=depth, collapse=False, autocorrect=False)
        result = self._run(request, Deadline(None), facets=False, highlight=False)
        return [(h.id, h.score or 0.0) for h in result.hits]

    def _run(self, request: SearchRequest, deadline: Deadline, *, facets: bool, highlight: bool) -> SearchResult:
        with self.backend.searcher(deadline) as s:
            # The search's time counts from here: waiting for the backend's view is not its own.
            started = time.perf_counter()
            deadline.start()
            result = self._answer(s, request, deadline, facets=facets, highlight=highlight)
            if result.suggestion and not result.total and request.autocorrect and not deadline.expired():
                result = self._corrected(s, request, result, deadline, highlight)
            result.shards_failed = sorted(s.shards_failed)
            result.partial = bool(result.shards_failed)
        result.timed_out = deadline.passed
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def _corrected(self, s: Searcher, request: SearchRequest, result: SearchResult, deadline: Deadline,
                   highlight: bool) -> SearchResult:
        """Nothing was found but the spelling correction finds something: its results, saying so
        (``corrected_query``, ``original_query``), as search engines do; else ``result``."""
        corrected = self._answer(s, replace(request, q=result.suggestion), deadline, facets=True,
                                 highlight=highlight, suggest=False)
        if not corrected.total:
            return result
        corrected.corrected_query, corrected.original_query = result.suggestion, result.query
        return corrected

    def _answer(self, s: Searcher, request: SearchRequest, deadline: Deadline, *, facets: bool,
                highlight: bool, suggest: bool = True) -> SearchResult:
        """The result for ``request`` as typed (with its suggestion when ``facets``)."""
        tree = self._parse(request.q or "")
        window = self._window(request)  # a bad Hijri bound is an error whatever the query
        result = SearchResult(
            query=request.q or "",
            total=0,
            page=request.page,
            per_page=request.per_page,
            took_ms=0.0,
            sort=request.sort,
            filters={k: list(v) for k, v in request.filters.items() if v},
            date_from=iso(request.date_from),
            date_to=iso(request.date_to),
        )
        if (request.q or "").strip() and not searchable(tree):
            # Typed, but nothing to look for: say so rather than list everything. (Nothing
            # typed at all, with filters, is a browse of the filtered archive.)
            result.message = NOTHING_TO_SEARCH
            return result
        tree = keywords.resolve(tree, lambda name: self._values_of(s, name))
        selection = self._select(s, tree, request, window)
        selection, result.fallback_or = self._fall_back(s, tree, selection, deadline)
        result.total = s.count(selection)
        terms = selection.query.highlight_terms() if highlight else {}
        if result.total:
            result.hits = self._page(s, selection, self._sort(tree, request), request, terms, highlight, deadline)
        if facets:
            result.facets, result.facets_truncated = self._facets(s, selection, request, deadline)
            if suggest and not deadline.expired():
                result.suggestion = self._suggestion(s, request.q or "", tree)
        return result

    def _values_of(self, s: Searcher, field: str) -> list[keywords.KeywordValue]:
        """A facet field's stored values and their names, read once per index version."""
        with self._cache_lock:
            known = self._keyword_values.get(field)
        if known is None:
            known = [keywords.keyword_value(v, self.labels.label(field, v)) for v in s.expand_prefix(field, "")]
            with self._cache_lock:
                self._keyword_values[field] = known
        return known

    @staticmethod
    def _parse(text: str) -> Group:
        try:
            return parse(text)
        except RecursionError:
            raise bilingual("the query is nested too deeply", "الاستعلام متداخل أكثر من اللازم") from None

    @staticmethod
    def _window(request: SearchRequest) -> tuple[datetime | None, datetime | None]:
        """The request's date window [start, end): its Gregorian days (inclusive) and its Hijri
        bounds, both applying."""
        starts = [as_date_bound(request.date_from), parse_date_bound(request.hijri_from, hijri=True)]
        ends = [as_date_bound(request.date_to, end=True), parse_date_bound(request.hijri_to, end=True, hijri=True)]
        return max((d for d in starts if d), default=None), min((d for d in ends if d), default=None)

    def _select(self, s: Searcher, tree: Group, request: SearchRequest,
                window: tuple[datetime | None, datetime | None]) -> Selection:
        """The compiled query within the request's date window and filters."""
        return Selection(
            query=s.compile(tree, self.backend.ranking.default_op),
            start=window[0],
            end=window[1],
            filters=tuple((name, tuple(values)) for name, values in request.filters.items() if values),
        )

    @staticmethod
    def _fall_back(s: Searcher, tree: Group, selection: Selection, deadline: Deadline) -> tuple[Selection, bool]:
        """When no document has every word typed side by side, the documents with any of them
        (the filters and dates still apply); (selection, whether it fell back)."""
        if s.count(selection) or not _can_fall_back(tree) or deadline.expired():
            return selection, False
        wider = selection.with_query(s.compile(tree, "or"))
        return (wider, True) if s.count(wider) else (selection, False)

    @staticmethod
    def _sort(tree: Group, request: SearchRequest) -> str:
        if not tree.items and request.sort == "relevance":
            return "newest"  # nothing to rank by: show the latest first
        return request.sort

    def _page(self, s: Searcher, selection: Selection, sort: str, request: SearchRequest,
              terms: dict[str, set[str]], highlight: bool, deadline: Deadline) -> list[Hit]:
        offset = (request.page - 1) * request.per_page

        def ranked(start: int, count: int) -> list[tuple[DocKey, float | None]]:
            if sort == "relevance":
                return s.top(selection, start, count)
            return [(key, None) for key in s.by_date(selection, sort == "newest", start, count)]

        if not request.collapse:
            return [assemble.hit(s.stored(key), score, terms, highlight) for key, score in ranked(offset, request.per_page)]
        return [assemble.hit(s.stored(key), score, terms, highlight, [assemble.duplicate(s.stored(c)) for c in copies])
                for key, score, copies in stories.page(s, ranked, offset, request.per_page, self.limits.max_depth * 2,
                                                       deadline)]

    def _facets(self, s: Searcher, selection: Selection, request: SearchRequest, deadline: Deadline):
        remaining = deadline.remaining()
        seconds = self.facet_time_limit if remaining is None else min(self.facet_time_limit, remaining)
        facets, truncated = facet_values.disjunctive(
            FILTER_FIELDS, request.filters, lambda name: s.facet_counts(selection.without(name), name, seconds)
        )
        for name, values in facets.items():
            for value in values:
                value.label = self.labels.label(name, value.value)
        return facets, truncated

    def _suggestion(self, s: Searcher, text: str, tree: Group) -> str | None:
        words = plain_words(tree)
        if not words:
            return None
        try:
            return suggest.did_you_mean(s, text, words, surface=self._surface_form(s))
        except Exception:  # a suggestion is a nicety: never fail a search for it
            return None

    def _surface_form(self, s: Searcher) -> Callable[[str], str]:
        def surface(form: str) -> str:
            with self._cache_lock:
                known = self._surface.get(form)
            if known is None:
                known = suggest.surface_form(s, s.stored, form)
                with self._cache_lock:
                    self._surface[form] = known
            return known

        return surface

    # -- documents ---------------------------------------------------------------------------
    @staticmethod
    def _find(s: Searcher, doc_id: str) -> DocKey | None:
        if not isinstance(doc_id, str) or not doc_id:
            return None
        return s.find(doc_id)

    def document(self, doc_id: str, query: str = "") -> Document | None:
        """The stored article; with ``query``, its title and body highlighted for the query's
        words (the document page reached from a results page)."""
        with self.backend.searcher(Deadline(None)) as s:
            key = self._find(s, doc_id)
            if key is None:
                return None
            return assemble.document(s.stored(key), self._terms(s, query) if query.strip() else None)

    def _terms(self, s: Searcher, query: str) -> dict[str, set[str]]:
        """The index terms the positive words of ``query`` match (any of them), to highlight."""
        tree = self._parse(query[: self.limits.max_query_chars])
        if not searchable(tree):
            return {}
        tree = keywords.resolve(tree, lambda name: self._values_of(s, name))
        return s.compile(tree, "or").highlight_terms()

    def similar(self, doc_id: str, limit: int = 5) -> list[Hit] | None:
        limit = max(1, min(int(limit), self.limits.max_list))
        with self.backend.searcher(Deadline(None)) as s:
            key = self._find(s, doc_id)
            if key is None:
                return None
            return [assemble.hit(s.stored(other), score, {}) for other, score in s.similar(key, limit)]

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Completions of the last word of ``prefix`` (autocomplete)."""
        prefix = (prefix or "")[: self.limits.max_query_chars]
        limit = max(1, min(int(limit), self.limits.max_list))
        with self.backend.searcher(Deadline(None)) as s:
            return suggest.complete(s, prefix, limit, surface=self._surface_form(s))


def _can_fall_back(tree: Group) -> bool:
    return tree.implicit and len([w for w in tree.items if not isinstance(w, Not)]) >= 2


def open_backend(settings: EngineSettings, ranking: Ranking | None = None) -> Backend:
    """The backend ``settings.backend`` names, opened on ``settings.index``."""
    try:
        target = BACKENDS[settings.backend]
    except KeyError:
        raise UnknownBackendError(
            f"unknown search backend {settings.backend!r}: use one of {', '.join(BACKENDS)} "
            "(FAHRAS_BACKEND)"
        ) from None
    module, _, name = target.partition(":")
    factory = getattr(importlib.import_module(module), name)
    return factory(settings, ranking) if ranking is not None else factory(settings)


def open_engine(config: EngineSettings | Mapping[str, Any], *, ranking: Ranking | None = None) -> SearchEngine:
    """A :class:`SearchEngine` on the configured index and backend. ``config``: settings, or a
    configuration mapping of ``FAHRAS_*`` keys (missing ones take their defaults)."""
    settings = config if isinstance(config, EngineSettings) else EngineSettings.from_config(config)
    return SearchEngine(
        open_backend(settings, ranking),
        limits=settings.limits,
        query_time_limit=settings.query_time_limit,
        facet_time_limit=settings.facet_time_limit,
        labels=Labels.load(settings.labels),
    )
