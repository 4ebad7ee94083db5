"""The search engine behind the CLI, the JSON API and the HTML pages, whatever the backend.

``SearchEngine.search(SearchRequest) -> SearchResult`` runs the steps every backend shares —
validate, parse, plan the full and partial tiers (:mod:`search.coordination`), compile, select
(date window and filters), page through the tiers (one hit per story), assemble hits with
highlights, count facets, suggest a correction (and answer with its results when no article
has every word typed and the correction has full matches) — and asks its backend
(:mod:`search.backend`) only for the engine work: compiling the tree, matching and ranking,
counting facets, stored fields, vocabulary. :func:`open_engine` picks the backend by name.

Every search runs under one :class:`~search.deadline.Deadline`: past it the answer is what was
found by then, marked ``timed_out``.
"""

from __future__ import annotations

import functools
import importlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from cachetools import LRUCache

from analyzers.terms import load_tables
from indexer.errors import IndexProblem
from search import coordination, expansion, keywords, stories, suggest
from search import facets as facet_values
from search import hits as assemble
from search.analysis import plain_words, searchable, side_by_side, typed_side_by_side
from search.backend import Backend, DocKey, Searcher, Selection, phrase_documents
from search.deadline import Deadline
from search.errors import QueryError, bilingual, reversed_range
from search.labels import Labels, labels_file
from search.ranking import Ranking
from search.results import FILTER_FIELDS, Document, Hit, SearchRequest, SearchResult, Similar, iso
from search.settings import EngineSettings, Limits
from search.suggest import without_unknown_fields
from search.syntax import Group, Node, as_date_bound, parse, parse_date_bound
from search.validation import validate
from search.wildcards import slots

# Backends by name: "module:callable", the callable taking (EngineSettings, Ranking) and giving a
# search.backend.Backend. Imported only when chosen. A new backend adds its line here.
BACKENDS: dict[str, str] = {
    "whoosh": "search.whoosh_backend:open_backend",
    "sphinx": "search.sphinx_backend:open_backend",
}
SIMILAR_POOL = 4  # similar articles asked for per one shown: copies of one story are folded
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
        self._keyword_values: dict[str, keywords.FieldValues] = {}
        self._completions: Mapping[str, list[tuple[str, int]]] | None = None  # read once per view
        # Each word's other spellings and number (search/expansion.py); reset on refresh.
        self._expander = expansion.Expander(backend.ranking, lambda: int(backend.stats()["documents"]),
                                            backend.context_spellings, backend.apart_spellings)
        expansion.warm()

    # -- lifecycle ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """See the index as it is now if it changed (cheap otherwise); raises the index errors
        the web app turns into 503 when it has gone or was rebuilt by another version."""
        if self.backend.refresh():
            with self._cache_lock:
                self._surface.clear()
                self._keyword_values = {}
                self._completions = None
            self._expander.clear()

    def close(self) -> None:
        self.backend.close()

    def stats(self) -> dict[str, Any]:
        return self.backend.stats()

    def health(self) -> dict[str, Any]:
        """``status`` "ok", or "degraded" with the shards that do not answer (``shards_failed``):
        searches still answer, with the other shards' hits marked partial. An index that cannot
        answer at all raises as :meth:`stats` does."""
        stats = self.backend.stats()
        down = self.backend.shards_down()
        return {"status": "degraded" if down else "ok", "documents": stats.get("documents"),
                "shards_failed": down, "index": stats}

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
            # Only a query that found nothing at all is answered by its correction: beside partial
            # matches the "typo" is as often a real rare word (الهلال عبدالحق is no الهلال عبدالله),
            # and the suggestion is offered above them instead; so it is when the correction
            # replaces a word the news writes (suggest.replaces_a_word).
            if (result.suggestion and not result.total and request.autocorrect and not deadline.expired()
                    and not self._replaces_a_word(request.q or "", result.suggestion)):
                result = self._corrected(s, request, result, deadline, highlight)
            result.shards_failed = sorted(s.shards_failed)
            result.partial = bool(result.shards_failed)
        result.timed_out = deadline.passed or deadline.cut_short
        result.took_ms = round((time.perf_counter() - started) * 1000, 2)
        return result

    def _replaces_a_word(self, query: str, suggestion: str) -> bool:
        return suggest.replaces_a_word(plain_words(self._parse(query)), plain_words(self._parse(suggestion)))

    def _corrected(self, s: Searcher, request: SearchRequest, result: SearchResult, deadline: Deadline,
                   highlight: bool) -> SearchResult:
        """Nothing was found as typed but the spelling correction finds something: its results,
        saying so (``corrected_query``, ``original_query``), as search engines do; else ``result``."""
        corrected = self._answer(s, replace(request, q=result.suggestion), deadline, facets=True,
                                 highlight=highlight, suggest=False)
        if not corrected.total:
            return result
        corrected.corrected_query, corrected.original_query = result.suggestion, result.query
        return corrected

    def _answer(self, s: Searcher, request: SearchRequest, deadline: Deadline, *, facets: bool,
                highlight: bool, suggest: bool = True) -> SearchResult:
        """The result for ``request`` as typed (with its suggestion when ``facets``): the full
        matches, then the partial ones."""
        tree = self._parse(request.q or "")
        window = self._window(request)  # a bad Hijri bound is an error whatever the query
        result = SearchResult(
            query=request.q or "",
            total=0,
            page=request.page,
            per_page=request.per_page,
            took_ms=0.0,
            sort=self._sort(tree, request),  # the order the hits come in (a browse: newest)
            filters={k: list(v) for k, v in request.filters.items() if v},
            date_from=iso(request.date_from),
            date_to=iso(request.date_to),
            hijri_from=request.hijri_from or None,
            hijri_to=request.hijri_to or None,
            collapse=request.collapse,
        )
        if (request.q or "").strip() and not searchable(tree):
            # Typed, but nothing to look for: say so rather than list everything. (Nothing
            # typed at all, with filters, is a browse of the filtered archive.)
            result.message = NOTHING_TO_SEARCH
            return result
        tree, plan = self._planned(s, tree, deadline)
        first, *rest = plan.tiers()
        full = self._select(s, first, request, window)
        whole = self._select(s, plan.any(), request, window) if rest else full
        # The full matches are counted first: a search short of time evaluates what it reaches
        # first, and a full match must never be shown as a partial one for want of time.
        result.total_all = s.count(full)
        result.total = max(s.count(whole), result.total_all) if rest else result.total_all
        result.total_partial = result.total - result.total_all
        result.total_stories = s.count_stories(whole) if result.total else 0
        # A partial tier is compiled when the page reaches it: most pages are full matches only.
        tiers = [lambda: full, *(functools.partial(self._select, s, t, request, window) for t in rest)]
        terms = whole.query.highlight_terms() if highlight else {}
        if result.total:
            words = functools.cache(lambda: self._word_terms(s, plan)) if highlight else dict
            result.hits = self._page(s, tiers, self._sort(tree, request), request, terms, words, highlight,
                                     deadline)
        if facets:
            # Facets describe the full matches when there are any (the partial ones follow them
            # and, for a common word, can be most of the archive), else the partial ones.
            described = full if result.total_all else whole
            result.facets, result.facets_truncated = self._facets(s, described, request, deadline)
            if suggest and not deadline.expired():
                if (fix := without_unknown_fields(request.q or "")) is not None:
                    # A field name the language does not have (foo:النفط) comes off, and only the
                    # rest is corrected: spelling the name as a word (foo → for) corrects what
                    # the reader never meant to search for.
                    if not result.total:
                        result.suggestion = self._known_fields_suggestion(s, fix, request, window, deadline)
                else:
                    near = self._neighbours(s, request.q or "", deadline)
                    result.suggestion = self._suggestion(s, request.q or "", tree, near, deadline)
                    if result.suggestion is None:
                        result.suggestion = self._context_suggestion(s, request.q or "", near, deadline)
                    if result.suggestion is None and result.total_partial and not result.total_all:
                        result.suggestion = self._unmatched_suggestion(s, request, tree, window, near, deadline)
                if result.suggestion is not None and not self._askable(result.suggestion):
                    result.suggestion = None
        return result

    def _askable(self, text: str) -> bool:
        """Whether ``text`` is a query the engine takes: a suggestion that splits glued words
        (كأسالعالم → كأس العالم) can pass the limits the query typed kept to, and neither
        offering it nor searching it in the query's place may answer a 400."""
        if len(text) > self.limits.max_query_chars:
            return False
        try:
            parse(text)
        except QueryError:
            return False
        return True

    def _values_of(self, s: Searcher, field: str) -> keywords.FieldValues:
        """A facet field's stored values and their names, read once per index version."""
        with self._cache_lock:
            known = self._keyword_values.get(field)
        if known is None:
            known = keywords.FieldValues(keywords.keyword_value(v, self.labels.label(field, v))
                                         for v in s.expand_prefix(field, ""))
            with self._cache_lock:
                self._keyword_values[field] = known
        return known

    def expanded(self, text: str) -> Group:
        """The parsed query with each word's alternatives, as a search compiles it."""
        with self.backend.searcher(Deadline(None)) as s:
            return self._expander.expand(self._expander.narrow(self._parse(text), s), s, Deadline(None))

    def _planned(self, s: Searcher, tree: Group, deadline: Deadline) -> tuple[Group, coordination.Plan]:
        """The parsed query with its keywords resolved, and its tiers of expanded words."""
        tree = coordination.without_repeats(keywords.resolve(tree, lambda name: self._values_of(s, name)))
        return tree, self._plan(self._expander.expand(self._expander.narrow(tree, s), s, deadline))

    def _plan(self, tree: Group) -> coordination.Plan:
        """Full then partial matches when typed words must all match (``default_op`` "and");
        with "or" they are one list already; ``partial_matches=False``: the full ones only."""
        ranking = self.backend.ranking
        if ranking.default_op == "and" and ranking.partial_matches:
            return coordination.plan(tree)
        return coordination.Plan(tree, (tree,), (), 0)

    @staticmethod
    def _word_terms(s: Searcher, plan: coordination.Plan) -> dict[str, list[set[str]]]:
        """Each free word → every index term each of its typed words matches (expansions
        included; a compound's two; a name's, its requirement's): a partial hit's missing words
        are those with a typed word none of whose terms are in it. Each is compiled with the
        whole query's expansion budget, so a prefix or fuzzy word has the terms the search
        matched (already expanded: no second scan of the vocabulary, a third of a 20-fuzzy-word
        search's time on Whoosh), not the larger set it takes alone."""
        budget = slots(plan.tree)

        def terms_of(node: Node) -> set[str]:
            tree = Group("and", [node], implicit=True)
            return set().union(*s.compile(tree, "and", budget).highlight_terms().values())

        out: dict[str, list[set[str]]] = {}
        for free in plan.free:
            # a name is in the article where its words stand side by side or joined: its
            # requirement's terms (its marks are the requirement's alone: search/scopes.py)
            named = isinstance(free, Group) and free.require is not None
            out.setdefault(coordination.label(free), []).extend(
                [terms_of(free.require)] if named else [terms_of(word) for word in coordination.words_of(free)])
        return out

    @staticmethod
    def _parse(text: str) -> Group:
        try:
            return parse(text)
        except RecursionError:
            raise bilingual("the query is nested too deeply", "الاستعلام متداخل أكثر من اللازم") from None

    @staticmethod
    def _window(request: SearchRequest) -> tuple[datetime | None, datetime | None]:
        """The request's date window [start, end): its Gregorian days (inclusive) and its Hijri
        bounds, both applying. Hijri bounds that end before they start are an error (400
        bad_date_range); the Gregorian ones were refused already (:func:`search.validation.validate`)."""
        hijri = parse_date_bound(request.hijri_from, hijri=True), parse_date_bound(request.hijri_to, end=True, hijri=True)
        if None not in hijri and hijri[0] >= hijri[1]:
            raise reversed_range(f"{request.hijri_from}..{request.hijri_to}")
        starts = [as_date_bound(request.date_from), hijri[0]]
        ends = [as_date_bound(request.date_to, end=True), hijri[1]]
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
    def _sort(tree: Group, request: SearchRequest) -> str:
        if not tree.items and request.sort == "relevance":
            return "newest"  # nothing to rank by: show the latest first
        return request.sort

    def _page(self, s: Searcher, tiers: list[Callable[[], Selection]], sort: str, request: SearchRequest,
              terms: dict[str, set[str]], words: Callable[[], dict[str, list[set[str]]]], highlight: bool,
              deadline: Deadline) -> list[Hit]:
        """The request's page of the tiers laid end to end (full matches, then partial ones), each
        tier in the sort order, one hit per story unless ``collapse`` is off. ``words()``: each
        free word's terms, asked for only when the page reaches a partial tier (to name a hit's
        missing words). Once the deadline has passed, the rest is unmarked (marking analyses each
        body: seconds for a page of long articles with cold caches)."""
        selections: dict[int, Selection] = {}
        tier_of: dict[DocKey, int] = {}

        def ranked(start: int, count: int) -> list[tuple[DocKey, float | None]]:
            """Ranks ``start`` to ``start + count`` of the tiers laid end to end."""
            out: list[tuple[DocKey, float | None]] = []
            for rank, tier in enumerate(tiers):
                if count <= 0:
                    break
                if rank not in selections:
                    selections[rank] = tier()
                selection = selections[rank]
                size = s.count(selection) if len(tiers) > 1 else start + count
                if start >= size:
                    start -= size
                    continue
                take = min(count, size - start)
                if sort == "relevance":
                    page = s.top(selection, start, take)
                else:
                    page = [(key, None) for key in s.by_date(selection, sort == "newest", start, take)]
                tier_of.update((key, rank) for key, _score in page)
                out.extend(page)
                count -= len(page)
                start = 0
            return out

        def hit(key: DocKey, score: float | None, copies: Sequence[DocKey] = ()) -> Hit:
            return assemble.hit(s.stored(key), score, {} if deadline.expired() else terms, highlight,
                                [assemble.duplicate(s.stored(c)) for c in copies],
                                partial_of=words() if tier_of.get(key) else None)

        offset = (request.page - 1) * request.per_page
        if not request.collapse:
            return [hit(key, score) for key, score in ranked(offset, request.per_page)]
        return [hit(key, score, copies)
                for key, score, copies in stories.page(s, ranked, offset, request.per_page)]

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

    def _neighbours(self, s: Searcher, text: str, deadline: Deadline) -> suggest.Neighbours:
        """The query's words typed side by side, and for each word how many documents write a
        form beside the words next to it (:func:`suggest.neighbours`; each pair counted once)."""
        tree = self._parse(text)
        pairs = side_by_side(tree)

        @functools.cache
        def together(first: str, second: str) -> int:
            return 0 if deadline.expired() else phrase_documents(s, f"{first} {second}")

        return suggest.Neighbours(pairs, suggest.neighbours(pairs, together), together, typed_side_by_side(tree))

    def _suggestion(self, s: Searcher, text: str, tree: Group, near: suggest.Neighbours, deadline: Deadline) -> str | None:
        """A query typed in the Latin keyboard layout read in the Arabic one (:func:`suggest.wrong_layout`),
        else pieces of a word cut by a stray space joined (:func:`suggest.joined`), then the rare
        words corrected (:func:`suggest.did_you_mean`): a piece has no correction of its own (وزا
        is no slip of ولا)."""
        surface = self._surface_form(s)
        try:
            if (arabic := suggest.wrong_layout(s, text)) is not None:
                return arabic  # hgvdhq: الرياض typed with the keyboard in its Latin layout
            whole = suggest.joined(s, text, near.typed, near.together, surface=surface, expired=deadline.expired)
            if whole is not None:
                return suggest.did_you_mean(s, whole, plain_words(self._parse(whole)), surface=surface,
                                            expired=deadline.expired) or whole
            words = plain_words(tree)
            return suggest.did_you_mean(s, text, words, surface=surface, expired=deadline.expired,
                                        near=near) if words else None
        except Exception:  # a suggestion is a nicety: never fail a search for it
            return None

    def _context_suggestion(self, s: Searcher, text: str, near: suggest.Neighbours, deadline: Deadline) -> str | None:
        """A word the archive never writes beside the words typed next to it, one edit from a
        common word it does write there: ``مجلس الشورة`` → ``مجلس الشورى`` (:func:`suggest.slips_beside`)."""
        if not near.pairs:
            return None
        try:
            return suggest.slips_beside(s, text, near.pairs, near.beside, surface=self._surface_form(s),
                                        expired=deadline.expired)
        except Exception:  # a suggestion is a nicety: never fail a search for it
            return None

    def _unmatched_suggestion(self, s: Searcher, request: SearchRequest, tree: Group, window,
                              near: suggest.Neighbours, deadline: Deadline) -> str | None:
        """For a query no article matches whole: a correction of a word that is rare but not
        rare enough for :func:`suggest.did_you_mean`'s usual test, kept only when the corrected
        query has full matches (under the same filters): the query's other words vouch for it."""
        text = request.q or ""
        try:
            fix = suggest.did_you_mean(s, text, plain_words(tree), surface=self._surface_form(s),
                                       expired=deadline.expired, unmatched=True, near=near)
        except Exception:  # a suggestion is a nicety: never fail a search for it
            return None
        return fix if fix is not None and self._matches_whole(s, fix, request, window, deadline) else None

    def _known_fields_suggestion(self, s: Searcher, fix: str, request: SearchRequest, window,
                                 deadline: Deadline) -> str | None:
        """For a query that found nothing because a word carries a field name the language does
        not have (``foo:النفط``, searched as the two words side by side): ``fix``, the query
        without it, when that finds something, or its spelling corrected when that does
        (``foo:النفط السعودبة``)."""
        if self._matches_whole(s, fix, request, window, deadline):
            return fix
        if deadline.expired():
            return None
        corrected = self._suggestion(s, fix, self._parse(fix), self._neighbours(s, fix, deadline), deadline)
        return corrected if corrected is not None and self._matches_whole(s, corrected, request, window, deadline) else None

    def _matches_whole(self, s: Searcher, text: str, request: SearchRequest, window, deadline: Deadline) -> bool:
        """Whether some article has every word of ``text`` under the request's filters (a
        suggestion is offered only if it finds something)."""
        if deadline.expired():
            return False
        _tree, plan = self._planned(s, self._parse(text), deadline)
        return bool(s.count(self._select(s, plan.tiers()[0], request, window)))

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

    def document(self, doc_id: str, query: str = "", part: int = 1) -> Document | None:
        """The stored article with part ``part`` of its body (a body of more than one part, see
        :mod:`indexer.parts`, comes one part at a time); with ``query``, its title and that part
        highlighted for the query's words (the document page reached from a results page).
        Raises :class:`QueryError` for a part the body does not have."""
        with self._viewing() as s:
            key = self._find(s, doc_id)
            return None if key is None else self._document_at(s, key, query, part)

    def document_with_similar(self, doc_id: str, limit: int = 5, query: str = "",
                              part: int = 1) -> tuple[Document, Similar] | None:
        """The document (its part ``part``, highlighted for ``query``, as :meth:`document`) and
        the articles like it, from one view of the index (a document page)."""
        with self._viewing() as s:
            key = self._find(s, doc_id)
            if key is None:
                return None
            return self._document_at(s, key, query, part), self._similar_to(s, doc_id, key, limit)

    @contextmanager
    def _viewing(self) -> Iterator[Searcher]:
        """A view of the index under the search time limit: the query a document page highlights
        is the reader's (fuzzy words are looked up in the vocabulary), so it must not hold a
        worker longer than a search would; past the limit fewer of its spellings are marked."""
        deadline = Deadline(self.query_time_limit)
        with self.backend.searcher(deadline) as s:
            deadline.start()
            yield s

    def similar(self, doc_id: str, limit: int = 5) -> Similar | None:
        with self.backend.searcher(Deadline(None)) as s:
            key = self._find(s, doc_id)
            return None if key is None else self._similar_to(s, doc_id, key, limit)

    def _document_at(self, s: Searcher, key: DocKey, query: str, part: int) -> Document:
        stored = s.stored(key)
        count = assemble.part_count(stored)
        if not 1 <= part <= count:
            raise bilingual(f"part must be between 1 and {count}: the document has {count} part(s)",
                            f"part يجب أن يكون بين 1 و{count}: هذا عدد أجزاء المستند", "bad_part")
        return assemble.document(stored, self._terms(s, query) if query.strip() else None,
                                 body=s.body_part(key, part), part=part)

    def _similar_to(self, s: Searcher, doc_id: str, key: DocKey, limit: int) -> Similar:
        """The articles most like ``key``, one story once as on a results page: its own story's
        other copies (the same agency text in another paper, the likest of all) are not "similar
        articles", and a story run by several papers is one entry listing its copies. Partial
        when shards did not answer, as a search is."""
        limit = max(1, min(int(limit), self.limits.max_list))
        own = s.stories_of([key])[0]
        found = s.similar(key, limit * SIMILAR_POOL)
        others = [(other, score) for (other, score), story in zip(found, s.stories_of([k for k, _ in found]),
                                                                  strict=True) if story != own]
        hits = [assemble.hit(s.stored(other), score, {}, duplicates=[assemble.duplicate(s.stored(c)) for c in copies])
                for other, score, copies in stories.page(s, lambda start, count: others[start:start + count], 0, limit)]
        failed = sorted(s.shards_failed)
        return Similar(doc_id, hits, partial=bool(failed), shards_failed=failed)

    def _terms(self, s: Searcher, query: str) -> dict[str, set[str]]:
        """The index terms the positive words of ``query`` match (any of them), to highlight."""
        tree = self._parse(query[: self.limits.max_query_chars])
        if not searchable(tree):
            return {}
        tree = keywords.resolve(tree, lambda name: self._values_of(s, name))
        return s.compile(tree, "or").highlight_terms()

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Completions of the last word of ``prefix`` (autocomplete)."""
        prefix = (prefix or "")[: self.limits.max_query_chars]
        limit = max(1, min(int(limit), self.limits.max_list))
        if (field := suggest.keyword_field(prefix)) is not None:  # مصدر:عك → the sources' names
            with self.backend.searcher(Deadline(None)) as s:
                return suggest.complete_value(prefix, self._values_of(s, field),
                                              lambda value: s.doc_frequency(field, value), limit)
        following = None
        if (around := suggest.context(prefix)) is not None:
            # Its own view and time limit: what follows the word before is worth a few
            # milliseconds, and past them the completions are ranked by counts alone.
            deadline = Deadline(suggest.FOLLOW_SECONDS)
            try:
                with self.backend.searcher(deadline) as s:
                    deadline.start()
                    following = suggest.followers(s, *around, deadline)
            except Exception:  # a nicety: never fail a completion for it (ranked by counts alone)
                following = None
        with self._cache_lock:
            if self._completions is None:
                self._completions = self.backend.completions()
            table = self._completions
        with self.backend.searcher(Deadline(None)) as s:
            return suggest.complete(s, prefix, limit, surface=self._surface_form(s), following=following,
                                    frequent=table.get)


def preload() -> None:
    """Load every table the analysis and the query expansion read, now, in this thread.

    For a server's master before it forks its workers: they start with the tables (shared, copy
    on write) rather than each loading them in its first request (seconds of CPU in which a gevent
    worker answers nobody), and no loading thread is running at the fork (its locks would be
    inherited held: docs/reliability.md)."""
    load_tables()
    expansion.load()


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
        labels=Labels.load(labels_file(settings.labels, settings.cluster if settings.backend == "sphinx"
                                       else settings.index)),
    )
