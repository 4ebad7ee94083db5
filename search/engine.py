"""The search engine: one Whoosh searcher, reused, behind the CLI, the JSON API and the HTML pages.

``SearchEngine.search(SearchRequest) -> SearchResult`` parses the query (:mod:`search.query`),
ranks with BM25F over the stemmed ``title`` (boosted) and ``body`` plus the exact-form fields
(matching and scoring whole posting lists with numpy: :mod:`search.arrays`),
counts disjunctive facets (:mod:`search.facets`), highlights from the stored originals
(:mod:`search.highlight`) and suggests corrections (:mod:`search.suggest`).

The searcher is opened once (about 0.2 s on the 31k-article corpus); :meth:`SearchEngine.refresh`
swaps in a new one when the index has changed (cheap otherwise). Whoosh's segment readers share
file objects (seek, then read), so two threads searching one searcher at once read each other's
blocks (``CorruptIndexError: Damaged postings block``, reproduced by
``tests/test_engine.py::test_threads_search_while_the_index_changes``): every use of the searcher
and its swap happen under one lock. Searching is CPU-bound and mostly holds the GIL (posting
blocks are unpickled and highlights tokenized in Python), so the lock costs little throughput;
gunicorn's worker processes each have their own engine.
"""

from __future__ import annotations

import functools
import json
import pathlib
import threading
import time
from dataclasses import replace

import numpy as np
from whoosh import query as wq
from whoosh import scoring
from whoosh.filedb.filetables import FileFormatError
from whoosh.index import EmptyIndexError
from whoosh.reading import CorruptIndexError

from indexer.store import (
    IndexMissingError,
    check_versions,
    damage_reported,
    damaged_error,
    open_index,
    read_meta,
)
from indexer.store import exists as index_exists
from search import facets as facet_mod
from search import suggest as suggest_mod
from search.arrays import ArrayEvaluator, docs_in_range, intersect, sorted_by_column, top
from search.deadline import Deadline
from search.highlight import highlight_full, snippet
from search.postings_cache import DEFAULT_BUDGET_MB, PostingsCache
from search.query import Not, QueryCompiler, Ranking, as_date_bound, parse
from search.results import (
    FILTER_FIELDS,
    SORTS,
    Document,
    Hit,
    QueryError,
    SearchRequest,
    SearchResult,
    iso,
)
from search.similar import similar_docnums

MAX_PER_PAGE = 100
MAX_DEPTH = 1000  # results reachable by paging

# Tuned on the development topics with `fahras eval` (see docs/relevance.md for the figures).
DEFAULT_RANKING = Ranking()


def _locked(method):
    """Run a method holding the engine's lock (one thread on the searcher at a time)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except (CorruptIndexError, FileFormatError) as err:  # damage inside a segment shows only
                # when a search reads it
                raise damaged_error(self.index_dir, err) from None

    return wrapper


def _bilingual(en: str, ar: str) -> QueryError:
    return QueryError(f"{en} — {ar}")


class SearchEngine:
    """Search one Fahras index. Raises ``IndexMissingError``/``IndexVersionError`` when opening."""

    def __init__(
        self,
        index_dir,
        *,
        facet_time_limit: float = 0.5,
        query_time_limit: float | None = 3.0,
        max_query_chars: int = 2000,
        ranking: Ranking | None = None,
        postings_cache_mb: float = DEFAULT_BUDGET_MB,
    ) -> None:
        self.index_dir = pathlib.Path(index_dir)
        self.facet_time_limit = facet_time_limit
        # Past it a search answers with what it has, marked timed_out (see search/deadline.py).
        self.query_time_limit = query_time_limit
        self.max_query_chars = max_query_chars
        self.ranking = ranking or DEFAULT_RANKING
        # Decoded lists of common words, kept across searches and refreshes (0 MB: none).
        self.postings_cache = PostingsCache(postings_cache_mb)
        self.ordinal_tables = facet_mod.OrdinalTables()  # facet columns per segment, idem
        self._ix = open_index(self.index_dir)
        self._lock = threading.RLock()  # guards the searcher: see the module docstring
        with damage_reported(self.index_dir):
            self._searcher = self._ix.searcher(weighting=self._weighting())
        self._surface: dict[str, str] | None = None

    def _weighting(self):
        r = self.ranking
        per_field = {} if r.title_b is None else {"title_B": r.title_b, "title_exact_B": r.title_b}
        return scoring.BM25F(B=r.b, K1=r.k1, **per_field)

    @property
    def searcher(self):
        return self._searcher

    # -- lifecycle ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reopen the searcher if the index changed since it was opened; cheap otherwise.

        Raises ``IndexMissingError`` when the index has gone and ``IndexVersionError`` when it was
        rebuilt by another analyzer version; the current searcher stays usable meanwhile.
        """
        with self._lock:
            try:
                if self._searcher.up_to_date():
                    return
            except (OSError, EmptyIndexError) as err:
                raise IndexMissingError(
                    f"the index at {self.index_dir} cannot be read any more ({err}): "
                    f"rebuild it with `fahras index SOURCE... --index {self.index_dir}`"
                ) from None
            if not index_exists(self.index_dir):
                raise IndexMissingError(
                    f"the index at {self.index_dir} has gone: "
                    f"rebuild it with `fahras index SOURCE... --index {self.index_dir}`"
                )
            check_versions(self.index_dir)
            old = self._searcher
            self._ix = open_index(self.index_dir)
            with damage_reported(self.index_dir):
                self._searcher = self._ix.searcher(weighting=self._weighting())
            self._surface = None
            self.ordinal_tables.keep_only(self._searcher.reader())
            old.close()  # nobody else holds it: every use is under the lock

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    @_locked
    def stats(self) -> dict:
        meta = read_meta(self.index_dir)
        size = sum(p.stat().st_size for p in self.index_dir.iterdir() if p.is_file())
        return {
            "documents": self._searcher.doc_count(),
            "analyzer_version": meta.get("analyzer_version"),
            "schema_version": meta.get("schema_version"),
            "size_bytes": size,
        }

    # -- validation --------------------------------------------------------------------------
    def validate(self, request: SearchRequest) -> None:
        if len(request.q or "") > self.max_query_chars:
            raise _bilingual(
                f"the query is too long ({len(request.q)} characters, at most {self.max_query_chars})",
                f"الاستعلام أطول من الحد المسموح ({self.max_query_chars} حرفا)",
            )
        if not isinstance(request.page, int) or request.page < 1:
            raise _bilingual("page must be a whole number from 1", "رقم الصفحة يجب أن يكون 1 أو أكثر")
        if not isinstance(request.per_page, int) or not 1 <= request.per_page <= MAX_PER_PAGE:
            raise _bilingual(
                f"per_page must be between 1 and {MAX_PER_PAGE}",
                f"عدد النتائج في الصفحة بين 1 و{MAX_PER_PAGE}",
            )
        if request.page * request.per_page > MAX_DEPTH:
            raise _bilingual(
                f"only the first {MAX_DEPTH} results can be paged through; refine the query",
                f"لا يمكن تصفح أكثر من أول {MAX_DEPTH} نتيجة؛ حدد البحث أكثر",
            )
        if request.sort not in SORTS:
            raise _bilingual(
                f"sort must be one of {', '.join(SORTS)}", "الترتيب: relevance أو newest أو oldest"
            )
        for name in request.filters:
            if name not in FILTER_FIELDS:
                raise _bilingual(
                    f"unknown filter {name!r}: use {', '.join(FILTER_FIELDS)}", f"مرشح غير معروف: {name}"
                )
        if request.date_from and request.date_to and request.date_from > request.date_to:
            raise _bilingual("the start date is after the end date", "تاريخ البداية بعد تاريخ النهاية")

    # -- searching ---------------------------------------------------------------------------
    def _compile(self, searcher, tree, conjunction: str) -> tuple[object, object, QueryCompiler]:
        """(scoring query, matching query, compiler). The matching query leaves out the parts that
        only add to scores (exact-form twins: an exact form always comes with its stem), so that
        collecting every matching document for facets and totals reads half the postings."""
        compiler = QueryCompiler(searcher.reader(), self.ranking, conjunction)
        scoring_q = compiler.compile(tree)
        matching = replace(self.ranking, exact_weight=0.0, phrase_weight=0.0, roots_weight=0.0)
        matching_q = QueryCompiler(searcher.reader(), matching, conjunction).compile(tree)
        return scoring_q, matching_q, compiler

    def _parse(self, text: str):
        try:
            return parse(text)
        except QueryError:
            raise
        except RecursionError:
            raise _bilingual("the query is nested too deeply", "الاستعلام متداخل أكثر من اللازم") from None

    @_locked
    def rank_ids(self, text: str, depth: int = 100) -> list[tuple[str, float]]:
        """(id, score) of the top ``depth`` documents for ``text``, as search ranks them (eval)."""
        result = self._run(self._searcher, SearchRequest(q=text, per_page=depth), depth, highlight=False,
                           deadline=Deadline(None))  # an evaluation must see every document
        return [(h.id, h.score or 0.0) for h in result.hits]

    @_locked
    def search(self, request: SearchRequest, *, facets: bool = True, highlight: bool = True) -> SearchResult:
        """The page of results for ``request``. ``facets=False`` leaves out the facet counts and
        the suggestion, ``highlight=False`` the title/snippet HTML (``bench/latency.py`` times each)."""
        self.validate(request)
        searcher = self._searcher
        return self._run(searcher, request, request.per_page, highlight=highlight, facets=facets,
                         deadline=Deadline(self.query_time_limit))

    def _run(self, searcher, request: SearchRequest, per_page: int, highlight: bool,
             facets: bool | None = None, *, deadline: Deadline) -> SearchResult:
        facets = highlight if facets is None else facets
        started = time.perf_counter()
        request = replace(request, per_page=per_page)
        tree = self._parse(request.q or "")
        q, mq, compiler = self._compile(searcher, tree, self.ranking.default_op)

        start, end = as_date_bound(request.date_from), as_date_bound(request.date_to, end=True)
        filter_qs = {
            name: wq.Or([wq.Term(name, v) for v in values])
            for name, values in request.filters.items()
            if values
        }

        evaluator = ArrayEvaluator(searcher, deadline, self.postings_cache)
        # Once, even when the words fall back to OR.
        date_docs = docs_in_range(searcher, "date", start, end) if (start or end) else None

        def matched_for(query) -> np.ndarray:
            docs = evaluator.evaluate(query, scored=False).docs
            return docs if date_docs is None else intersect(docs, date_docs)

        filter_sets = {name: evaluator.evaluate(fq, scored=False).docs for name, fq in filter_qs.items()}
        matched = matched_for(mq)
        allowed = matched
        for docs in filter_sets.values():
            allowed = intersect(allowed, docs)
        fallback = False
        if not len(allowed) and self._can_fall_back(tree) and not deadline.expired():
            q_or, mq_or, compiler_or = self._compile(searcher, tree, "or")
            matched_or = matched_for(mq_or)
            allowed_or = matched_or
            for docs in filter_sets.values():
                allowed_or = intersect(allowed_or, docs)
            if len(allowed_or):
                q, compiler, matched, allowed, fallback = q_or, compiler_or, matched_or, allowed_or, True

        sort = request.sort
        if not tree.items and sort == "relevance":
            sort = "newest"  # nothing to rank by: show the latest first
        hits: list[Hit] = []
        terms = compiler.highlight_terms() if highlight else {}
        if len(allowed):
            offset = (request.page - 1) * per_page
            limit = offset + per_page
            if sort == "relevance":
                ranked = evaluator.evaluate(q, scored=True, within=allowed)
                best = top(ranked, limit)[offset:]
                page = zip(ranked.docs[best].tolist(), ranked.scores[best].tolist(), strict=True)
            else:
                docs = sorted_by_column(searcher, allowed, "date", sort == "newest", limit)[offset:]
                page = ((docnum, None) for docnum in docs.tolist())
            for docnum, score in page:
                hits.append(self._hit(searcher, docnum, score, terms, highlight))

        result = SearchResult(
            query=request.q or "",
            total=len(allowed),
            page=request.page,
            per_page=per_page,
            took_ms=0.0,
            hits=hits,
            sort=request.sort,
            fallback_or=fallback,
            filters={k: list(v) for k, v in request.filters.items() if v},
            date_from=iso(request.date_from),
            date_to=iso(request.date_to),
        )
        if facets:
            remaining = deadline.remaining()
            result.facets, result.facets_truncated = facet_mod.disjunctive_counts(
                searcher.reader(),
                FILTER_FIELDS,
                matched,
                filter_sets,
                request.filters,
                self.facet_time_limit if remaining is None else min(self.facet_time_limit, remaining),
                tables=self.ordinal_tables,
            )
            if not deadline.expired():
                result.suggestion = self._suggestion(searcher, request.q or "", compiler, len(allowed))
        result.timed_out = deadline.passed
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    @staticmethod
    def _can_fall_back(tree) -> bool:
        return tree.implicit and len([w for w in tree.items if not _is_not(w)]) >= 2

    def _hit(self, searcher, docnum: int, score, terms, highlight: bool) -> Hit:
        stored = searcher.stored_fields(docnum)
        title = stored.get("title") or ""
        body = stored.get("body") or ""
        if highlight:
            title_html = highlight_full(title, terms)
            snippet_html = snippet(body, terms)
        else:
            title_html = snippet_html = ""
        return Hit(
            id=stored["id"],
            title=title,
            title_html=title_html,
            snippet_html=snippet_html,
            url=stored.get("url"),
            date=iso(stored.get("date")),
            section=stored.get("section"),
            source=stored.get("source"),
            score=round(float(score), 4) if score is not None else None,
        )

    def _suggestion(self, searcher, text: str, compiler: QueryCompiler, total: int) -> str | None:
        if not compiler.plain_words:
            return None
        try:
            return suggest_mod.did_you_mean(
                searcher.reader(), text, compiler.plain_words, surface=self._surface_form
            )
        except Exception:  # a suggestion is a nicety: never fail a search for it
            return None

    def _surface_form(self, form: str) -> str:
        cache = self._surface
        if cache is None or len(cache) > 50_000:
            cache = self._surface = {}
        if form not in cache:
            cache[form] = suggest_mod.surface_form(self._searcher, form)
        return cache[form]

    # -- documents ---------------------------------------------------------------------------
    def _docnum(self, searcher, doc_id: str) -> int | None:
        if not isinstance(doc_id, str) or not doc_id:
            return None
        return searcher.document_number(id=doc_id)

    @_locked
    def document(self, doc_id: str) -> Document | None:
        searcher = self._searcher
        docnum = self._docnum(searcher, doc_id)
        if docnum is None:
            return None
        s = searcher.stored_fields(docnum)
        try:
            extra = json.loads(s["extra"]) if s.get("extra") else {}
        except ValueError:
            extra = {}
        tags = [t for t in (s.get("tags") or "").split(",") if t]
        return Document(
            id=s["id"],
            title=s.get("title") or "",
            body=s.get("body") or "",
            url=s.get("url"),
            date=iso(s.get("date")),
            section=s.get("section"),
            source=s.get("source"),
            author=s.get("author"),
            tags=tags,
            extra=extra,
        )

    @_locked
    def similar(self, doc_id: str, limit: int = 5) -> list[Hit] | None:
        searcher = self._searcher
        docnum = self._docnum(searcher, doc_id)
        if docnum is None:
            return None
        limit = max(1, min(int(limit), MAX_PER_PAGE))
        empty: dict[str, set[str]] = {}
        return [self._hit(searcher, d, score, empty, True) for d, score in similar_docnums(searcher, docnum, limit)]

    @_locked
    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        prefix = (prefix or "")[: self.max_query_chars]
        limit = max(1, min(int(limit), 50))
        return suggest_mod.complete(self._searcher.reader(), prefix, limit, surface=self._surface_form)


def _is_not(node) -> bool:
    return isinstance(node, Not)
