"""One request's view of a Sphinx cluster (:class:`search.backend.Searcher`): matches, ranking,
facet counts, stored originals, vocabulary.

Every question is SphinxQL to the coordinator's distributed index, each ``SELECT`` followed by its
``SHOW META`` in the same round trip (totals, time-outs, agents that failed). The facets no filter
names count over one and the same selection, so the first of them asked for counts them all
(a ``GROUP BY`` statement each, in one round trip); a facet with a filter is counted on its own. Filters
on ``section``, ``source`` and ``author`` are keywords of the ``meta`` field, ``year``/``month``
and date windows attribute filters. The ranking is the expression ranker's ``bm25f()`` with
Fahras's K1, B and field weights over a global IDF, and the top of a plain-word query is scored
again with Fahras's own BM25F (:mod:`.rescore`).

Sphinx 2.2.11 quirks this relies on (measured, docs/scaling.md): ``bm25f()`` field weights are
integers; with ``global_idf=1`` the ``idf`` flag is inverted (``normalized`` gives log(N/n), the
closest to Fahras's log(1 + (N - n + 0.5)/(n + 0.5))); a dead or slow agent is a warning in
``SHOW META``, never an error, unless every agent failed. Agents named in those warnings are
collected in :attr:`SphinxSearcher.shards_failed`, which the engine reports as a partial answer.
"""

from __future__ import annotations

import calendar
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pymysql.converters import escape_string

from indexer.schema import (
    BODY,
    BODY_EXACT,
    DATE,
    EXTRA,
    HIJRI_YEAR,
    ID,
    MONTH,
    ROOTS,
    STORY,
    TAGS,
    TITLE,
    TITLE_EXACT,
    YEAR,
)
from search.backend import Selection
from search.deadline import Deadline
from search.ranking import Ranking
from search.results import FILTER_FIELDS
from search.sphinx_backend import client, config, rescore, tokens
from search.sphinx_backend.compiler import VALUE_FIELDS, Compiled, compile_tree
from search.sphinx_backend.importer import doc_number
from search.syntax import Group
from search.wildcards import EXPANSION_SHARE, Expansions

if TYPE_CHECKING:
    from search.sphinx_backend.backend import SphinxBackend

SCALE = 10_000_000  # weight() is an integer: bm25f() (about 0.5-1) times this keeps 7 digits
FACET_LIMIT = 1000  # groups the coordinator returns per facet after the merge (then the top 50 shown)
# Groups each shard keeps per facet: past max_matches a shard's grouping drops groups and counts a
# dropped value again from 0 when it comes back, so a facet is exact only while every shard keeps
# every value of it. A facet statement asks for the cluster's number of values of its field, up to
# this many (the author at 31k: 7,964; docs/scaling.md measures the cost); a facet whose groups pass
# it is reported cut (facets_truncated).
FACET_GROUPS = 20_000
# The same holds for counting stories (GROUP BY story): with max_matches groups a shard, a search of
# 6,220 articles at 31k counted 5,477 stories where there are 5,238, the whole archive 29,637 for
# 26,733. A selection of more articles than max_matches has its stories counted again keeping as
# many groups a shard as it can have articles (:func:`shard_share`), up to this many; past it the
# count is Sphinx's estimate. The time grows with max_matches (docs/scaling.md).
STORY_GROUPS = 100_000


def shard_share(articles: int, shards: int) -> int:
    """At most how many of ``articles`` one shard holds: articles go to shards by a hash of their
    id, so a shard's share is binomial; four standard deviations above the mean (and a few more)
    are passed about once in 30,000 selections, and then the count is Sphinx's estimate."""
    mean = articles / max(1, shards)
    return min(articles, math.ceil(mean + 4 * math.sqrt(mean) + 16))
# Documents Sphinx ranks first that Fahras's BM25F orders again, whatever the page (ranks past
# them keep Sphinx's order). Sphinx's own top 10 shares 0.89 of Fahras's. A window of 200 kept the
# dev topics' Recall@100 at 0.9604 (100: 0.9576, nDCG@10 0.8985 both) for 8-22% more p95 on every
# search (docs/scaling.md, "Pages").
RESCORE_DEPTH = 100
RANK_ORDER = "WEIGHT() DESC, seq ASC"  # ties in import order, as Whoosh's document numbers
# The columns of every ranked statement (by relevance or date): the story comes with the rank, so
# the story walk reads no originals to fold a page (:meth:`SphinxSearcher.stories_of`).
RANKED = "id, WEIGHT(), seq, story"
# The cluster's vocabulary is per kind of term, not per field (Sphinx's dictionary is per index):
# a stem's counts cover title and body, an exact form's both exact fields; titles' exact forms
# are counted apart too (tokens.TITLE_FORM), for autocomplete and surface forms.
KIND_OF_FIELD = {TITLE: "text", BODY: "text", TITLE_EXACT: "title", BODY_EXACT: "exact", ROOTS: "roots"}
KEYWORD_OF_FIELD = {TITLE: tokens.stem_term, BODY: tokens.stem_term, TITLE_EXACT: tokens.exact_term,
                    BODY_EXACT: tokens.exact_term, ROOTS: tokens.root_term}
MAX_VALUES = 100_000
# "agent 127.0.0.1:9413: <what happened>" in SHOW META's warning, one such part an agent
_AGENT = re.compile(r"agent ([^\s:]+:\d+): ?")
_ANSWERED = "remote query warning"  # the agent answered, with a warning of its own (a time limit)
_TIMED_OUT = "exceeded max_query_time"


def ranker(r: Ranking) -> str:
    """The expression ranker: ``bm25f()`` with the ranking's K1, B and (integer) field weights."""
    title = int(round(r.title_boost))
    if abs(title - r.title_boost) > 1e-9:
        raise ValueError(f"bm25f() field weights are integers: title_boost {r.title_boost} is not")
    weights = f"title={title},body=1,title_exact={title},body_exact=1,roots=1,meta=0"
    return f"expr('{SCALE}*bm25f({r.k1:g},{r.b:g},{{{weights}}})')"


def _epoch(when: datetime) -> int:
    return calendar.timegm(when.timetuple())


@dataclass
class _Query:
    """One SELECT's conditions: the MATCH text (None: every document) and attribute filters."""

    match: str | None
    where: list[str]
    matching: str | None = None  # the match spelt for a statement that ranks nothing


class SphinxSearcher:
    """What the engine asks of one request, over the backend's connection and side stores.

    ``shards_failed``: the shards that did not answer some statement of this request (the engine
    marks the result partial). Selections are memoised: the engine counts a selection, pages it
    and counts its facets, and each is asked of Sphinx once.
    """

    def __init__(self, backend: SphinxBackend, deadline: Deadline) -> None:
        self._backend = backend
        self._deadline = deadline
        self.shards_failed: set[str] = set()
        self._counts: dict[Selection, int] = {}
        self._stories: dict[Selection, int] = {}  # stories of a selection (count_stories)
        self._rows: dict[tuple[Selection, int], list[tuple]] = {}  # (selection, depth) → top rows
        self._facets: dict[tuple[Selection, str], tuple[Counter, bool]] = {}
        self._docs: dict[int, dict] = {}  # originals read (the hits shown, their copies)
        self._live: set[int] = set()  # ranked documents the side stores hold
        self._story: dict[int, int] = {}  # each ranked document's story attribute
        # The request's prefix and fuzzy expansions: one budget and the deadline for all its
        # compilations (scoring, matching, the partial tiers), as on the Whoosh backend.
        self._expansions = Expansions(self, deadline, backend.ranking)

    # -- compiling ----------------------------------------------------------------------------
    def compile(self, tree: Group, conjunction: str, budget: int | None = None) -> Compiled:
        return compile_tree(tree, self._backend.ranking, conjunction, self._expansions, self._backend.idf_ratio,
                            budget)

    def _conditions(self, selection: Selection) -> _Query:
        """The MATCH text and attribute filters of a selection."""
        compiled: Compiled = selection.query
        where: list[str] = []
        for name, values in selection.filters:
            if name in (YEAR, MONTH, HIJRI_YEAR):
                where.append(f"{name} IN ({', '.join(str(_facet_number(name, v)) for v in values)})")
        # The facets' string values, from the request's filters and from the query's words
        # (compiler.value_filters), as attribute filters both.
        chosen = [(name, values) for name, values in selection.filters if name in VALUE_FIELDS]
        for name, values in [*chosen, *compiled.value_filters]:
            where.append(f"{name} IN ({', '.join(_string_literal(v) for v in values)})")
        for start, end in [*compiled.date_spans, (selection.start, selection.end)]:
            if start is None and end is None:
                continue
            where.append("has_date = 1")
            if start is not None:
                where.append(f"date >= {_epoch(start)}")
            if end is not None:
                where.append(f"date < {_epoch(end)}")
        return _Query(compiled.match, sorted(set(where)), compiled.matching)

    def _select(self, q: _Query, columns: str, order: str, offset: int, limit: int,
                seconds: float | None, group: str = "",
                within: str = "", groups: int = 0) -> tuple[str, list]:
        # Only an order by WEIGHT() needs the ranker: a statement that counts, groups or sorts
        # by an attribute has every match scored for nothing (ranker=none reads no hit lists).
        ranked = "WEIGHT()" in order
        conds, args = [], []
        if q.match is not None:
            conds.append("MATCH(%s)")
            args.append(q.match if ranked or q.matching is None else q.matching)
        conds += q.where
        sql = f"SELECT {columns} FROM {config.DISTRIBUTED}"
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        if group:  # "N:field": GROUP N BY field (N rows a group)
            many, _, field = group.rpartition(":")
            sql += f" GROUP {many} BY {field}" if many else f" GROUP BY {field}"
            if within:
                sql += f" WITHIN GROUP ORDER BY {within}"
        if order:
            sql += f" ORDER BY {order}"
        sql += f" LIMIT {offset}, {limit}"
        rank = ranker(self._backend.ranking) if ranked else "none"
        # Each agent sends its best max_matches rows whatever the LIMIT: a list is exact with its
        # own length; a grouping keeps max_matches groups (facets' and stories' counts), at least
        # ``groups``.
        matches = offset + limit if not group else max(self._backend.max_matches, offset + limit, groups)
        options = [f"ranker={rank}", "idf='normalized'", "global_idf=1", f"max_matches={matches}"]
        if seconds is not None:
            options.append(f"max_query_time={max(1, int(seconds * 1000))}")
            # A hung agent holds the statement for the agents' time-out: no longer than what
            # the deadline has left, with room for the agents to send what max_query_time let
            # them find (a completion's 0.15 s waited 3 s for a stopped shard).
            waited = min(config.AGENT_QUERY_TIMEOUT_MS, int(seconds * 1000) + config.AGENT_REPLY_MARGIN_MS)
            options.append(f"agent_query_timeout={waited}")
        sql += " OPTION " + ", ".join(options)
        return sql, args

    def _run(self, statement: tuple[str, list], timed: bool = True) -> tuple[list[tuple], dict[str, str]]:
        """One statement with its SHOW META: its rows and the meta; failed agents noted.
        ``timed``: the statement ran under the search's deadline, which a time-out then marks
        passed (facets have their own limit)."""
        return self._run_all([statement], timed)[0]

    def _run_all(self, statements: list[tuple[str, list]],
                 timed: bool = True) -> list[tuple[list[tuple], dict[str, str]]]:
        """Statements each with its SHOW META, in one round trip: as :meth:`_run`, one answer each.
        Once the search's time is up, timed statements are no longer sent once something has been
        counted (nor, past the grace, at all): ``max_query_time`` is 1 ms then, yet each still
        took 0.01-0.2 s (a search of 60 fuzzy words ran 0.4 s past its limit on three of them).
        They answer nothing, as the Whoosh evaluator's segments past the deadline do."""
        if timed and (self._deadline.overrun() or (self._counts and self._deadline.expired())):
            return [([], {}) for _ in statements]
        sent: list[tuple[str, list | None]] = []
        for statement in statements:
            sent += [statement, ("SHOW META", None)]
        try:
            sets = self._backend.batch(sent)
        except client.EngineUnavailable as err:
            # Every agent ran out of time on a search's statement while each shard still answers
            # (a query heavy enough: كاتب:محمد ×5 at load 5): the search is out of time, not the
            # index unavailable. A shard that does not answer keeps it a 503.
            if not (timed and err.agents_late and not self._backend.shards_down()):
                raise
            self._deadline.passed = True
            return [([], {}) for _ in statements]
        out = []
        for rows, meta_rows in zip(sets[0::2], sets[1::2], strict=True):
            meta = {str(k): str(v) for k, v in meta_rows}
            warning = meta.get("warning", "")
            self.shards_failed.update(failed_shards(warning, self._backend.shard_name))
            if timed and _TIMED_OUT in warning:
                self._deadline.passed = True  # Sphinx stopped at max_query_time: these are partial
            out.append((rows, meta))
        return out

    # -- what the engine asks -------------------------------------------------------------------
    def count(self, selection: Selection) -> int:
        """The engine counts first the selection it pages (the full matches): with ``batching``
        its total comes with the statement that ranks its top (:meth:`_candidates`). A selection
        counted after one was ranked (the union of the tiers, counted and never paged: ranking
        its top ranked every match of a broad OR for nothing) is counted unranked, its stories
        in the same round trip."""
        if selection not in self._counts:
            if self._backend.batching and not self._rows:
                self._candidates(selection, min(self._backend.max_matches, RESCORE_DEPTH))
            else:
                conditions = self._conditions(selection)
                statement = self._select(conditions, "id", "", 0, 1, self._deadline.remaining())
                self._counted(selection, conditions, statement, stories=self._backend.batching)
        return self._counts[selection]

    def _counted(self, selection: Selection, conditions: _Query, statement: tuple[str, list],
                 stories: bool = True) -> list[tuple]:
        """``statement``'s rows, its ``total_found`` noted as the selection's count; with
        ``stories``, the selection's stories counted in the same round trip (the engine asks for
        them next) unless known."""
        statements = [statement]
        if stories and selection not in self._stories:
            statements.append(self._stories_statement(conditions))
        (rows, meta), *counted = self._run_all(statements)
        self._counts.setdefault(selection, int(meta.get("total_found", 0)))
        for _rows, story_meta in counted:
            self._stories[selection] = self._exact_stories(selection, conditions, story_meta)
        return rows

    def _exact_stories(self, selection: Selection, conditions: _Query, meta: dict[str, str]) -> int:
        """The stories counted with max_matches groups a shard (``meta``), or counted again with
        as many groups as the selection has articles when it has more (:data:`STORY_GROUPS`)."""
        articles = self._counts.get(selection, 0)
        if articles <= self._backend.max_matches or self.shards_failed:
            return int(meta.get("total_found", 0))
        groups = shard_share(articles, len(self._backend.cluster.shards))
        _rows, meta = self._run(self._stories_statement(conditions, min(groups, STORY_GROUPS)))
        return int(meta.get("total_found", 0))

    def _candidates(self, selection: Selection, depth: int) -> list[tuple]:
        """The top ``depth`` of a selection by Sphinx's rank (ties in import order, as Whoosh's
        document numbers), with the seq and field lengths re-scoring needs; the statement's
        ``total_found`` is the selection's count. The engine counts a selection and then pages
        it: one round trip for both (:meth:`count`). Each row: id, weight, seq, story, the
        field lengths, the lead's stems (the ``lead`` attribute, when the lead factor is on)."""
        key = (selection, depth)
        if key not in self._rows:
            columns = RANKED + "".join(f", {f}_len" for f in rescore.LENGTH_FIELDS)
            if self._backend.ranking.lead_weight > 0:
                columns += f", {rescore.LEAD}"
            conditions = self._conditions(selection)
            self._rows[key] = self._counted(selection, conditions, self._select(
                conditions, columns, RANK_ORDER, 0, depth, self._deadline.remaining()))
        return self._rows[key]

    def top(self, selection: Selection, offset: int, limit: int) -> list[tuple[int, float]]:
        compiled: Compiled = selection.query
        rescoring = self._backend.rescoring and compiled.exact_scoring and bool(compiled.scored_words)
        if not rescoring:
            depth = min(self._backend.max_matches, RESCORE_DEPTH)
            known = self._rows.get((selection, depth))
            if known is not None and (offset + limit <= len(known) or len(known) < depth):
                rows = known[offset : offset + limit]  # counting fetched them (or every match)
            else:
                rows, _ = self._run(self._select(self._conditions(selection), RANKED, RANK_ORDER, offset, limit,
                                                 self._deadline.remaining()))
            return self._ranked(rows, [(row[0], row[1] / SCALE) for row in rows])
        # One window whatever the page: re-scoring a deeper one for a deeper page reorders the
        # ranks before it, and pages then repeat some articles and skip others
        depth = min(self._backend.max_matches, RESCORE_DEPTH)
        rows = self._candidates(selection, depth)
        beyond = self._beyond(selection, depth, offset + limit) if len(rows) == depth else []
        if self._deadline.expired():  # no time to score again: Sphinx's own order
            ranked = [(row[0], row[1] / SCALE) for row in rows + beyond]
        else:
            ranked = self._backend.rescored(rows, compiled) + [(row[0], row[1] / SCALE) for row in beyond]
        return self._ranked(rows + beyond, ranked[offset : offset + limit])

    def _beyond(self, selection: Selection, depth: int, end: int) -> list[tuple]:
        """Ranks ``depth`` to ``end`` in Sphinx's own order, after the re-scored window: a page
        folded into stories walks past ``max_matches`` articles to list ``max_matches`` stories
        (1,165 articles for 1,050 stories of «النفط»), and each rank must be the same whichever
        page asks for it, so the window stays ``max_matches`` and the ranks past it follow."""
        if end <= depth:
            return []
        rows, _ = self._run(self._select(self._conditions(selection), RANKED, RANK_ORDER, depth, end - depth,
                                         self._deadline.remaining()))
        return rows

    def by_date(self, selection: Selection, newest: bool, offset: int, limit: int) -> list[int]:
        # As Whoosh's sorting: by (date, import order), the whole key reversed for newest; an
        # undated document has date 0, the earliest.
        order = "date DESC, seq DESC" if newest else "date ASC, seq ASC"
        rows, _ = self._run(self._select(self._conditions(selection), RANKED, order, offset, limit,
                                         self._deadline.remaining()))
        return [key for key, _ in self._ranked(rows, [(row[0], 0.0) for row in rows])]

    def facet_counts(self, selection: Selection, field: str, seconds: float) -> tuple[Counter, bool]:
        key = (selection, field)
        if key not in self._facets:
            # The engine asks for every facet in turn, each over the selection without its own
            # filter: the facets no filter names share that selection, so one round trip (one
            # grouping each) counts them all.
            filtered = {name for name, _values in selection.filters}
            fields = (field,) if field in filtered else tuple(f for f in FILTER_FIELDS if f not in filtered)
            # A year's count is the sum of its months' (both come from one date): asked with the
            # months, the years are added up from their rows while the months fit the facet's
            # limit. Grouping every match is the facets' cost at 1M: one grouping of six fewer.
            derived = YEAR in fields and MONTH in fields
            counted = self._facet_rows(selection, tuple(f for f in fields if not (derived and f == YEAR)), seconds)
            if derived and MONTH in counted:
                months, cut = counted[MONTH]
                if len(months) < FACET_LIMIT:
                    counted[YEAR] = ([(m // 100, n) for m, n in months], cut)
                else:  # the months came back cut at the limit: the years grouped on their own
                    counted.update(self._facet_rows(selection, (YEAR,), seconds))
            for name in fields:
                rows, cut = counted.get(name, ([], True))
                self._facets[(selection, name)] = (_facet_counts(name, rows), cut)
        return self._facets[key]

    def _facet_rows(self, selection: Selection, fields: tuple[str, ...],
                    seconds: float) -> dict[str, tuple[list[tuple], bool]]:
        """Each field's facet rows from one round trip, and whether searchd cut them; no field when
        the counts are cut whole: past the deadline (not run into the agents' time-out), or when
        the agents' time-out ended the statement — searchd's max_query_time does not bound a
        hostile query's grouping, and the hits are in hand: the facets are cut, not the search a
        503."""
        if seconds <= 0:
            return {}
        conditions = self._conditions(selection)
        # One GROUP BY statement a field, all in one round trip: searchd matches a batch of
        # statements that differ only in their grouping once (its multi-query optimisation), and
        # at 1M this cost 0.75 of one statement with a FACET clause a field, same tables
        # (bench/sphinx_floor.py, docs/scaling.md).
        kept = {name: max(self._backend.max_matches, FACET_LIMIT, min(FACET_GROUPS, self._values_of(name)))
                for name in fields}
        statements = [self._select(conditions, f"{name}, COUNT(*)", "COUNT(*) DESC", 0, FACET_LIMIT,
                                   seconds, group=name, groups=kept[name]) for name in fields]
        try:
            answers = self._run_all(statements, timed=False)
        except client.EngineUnavailable as err:
            if not err.hung:
                raise
            return {}
        return {name: (rows, _TIMED_OUT in meta.get("warning", "")
                       or int(meta.get("total_found", 0)) > kept[name])
                for name, (rows, meta) in zip(fields, answers, strict=True)}

    def _values_of(self, field: str) -> int:
        """The field's number of values, or 0 when a shard already failed this request: counting
        them would wait for it once more (the agents' time-out), and the grouping's own
        ``total_found`` still says when the facet may be cut."""
        return 0 if self.shards_failed else self._backend.values_of(field, self._count_values)

    def _count_values(self, field: str) -> int:
        """How many values ``field`` has over the whole cluster (a grouping's ``total_found``,
        exact while it fits :data:`FACET_GROUPS`): what a shard must keep for a facet's counts to
        be exact. The backend keeps it until the index changes (60 ms at 31k)."""
        statement = self._select(_Query(None, []), f"{field}, COUNT(*)", "", 0, 1, None, group=field,
                                 groups=FACET_GROUPS)
        (_rows, meta), = self._run_all([statement], timed=False)
        return int(meta.get("total_found", 0))

    def _ranked(self, rows: list[tuple], page: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The page, less the documents written to the index but gone from their store (a delete
        in flight); the rows' stories noted (rows: the :data:`RANKED` columns first). The originals are
        not read here: a collapsed page ranks 50 or more to show 10 (:meth:`story_copies` reads
        the shown hits' and their copies' in one go, :meth:`stored` any other)."""
        self._story.update((row[0], row[3]) for row in rows)
        self._live |= self._backend.present([num for num, _ in page if num not in self._live])
        return [(num, score) for num, score in page if num in self._live]

    def _fetched(self, page: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The page, its originals read from the side stores in one go (absent ones left out)."""
        self._docs.update(self._backend.documents([num for num, _ in page if num not in self._docs]))
        return [(num, score) for num, score in page if num in self._docs]

    def stories_of(self, keys: list[int]) -> list[str]:
        # The story attribute (the number of the story's id), read with the ranked rows: the
        # walk compares stories and hands them back to story_copies, never shows them.
        return [str(self._story_number(key)) for key in keys]

    def _story_number(self, key: int) -> int:
        if key not in self._story:  # not ranked in this request (never, from the story walk)
            self._story[key] = doc_number(self.stored(key).get(STORY) or str(key))
        return self._story[key]

    def story_copies(self, hits: list[tuple[int, str]], limit: int) -> list[list[int]]:
        """The other articles of each hit's story, ``limit`` at most, lowest numbers first (the
        order of a look-up by story alone): one statement, each story a group of ``limit + 1``;
        then the originals of the hits and their copies, read in one go."""
        if not hits:
            return []
        stories = sorted({int(story) for _key, story in hits})
        per_story = limit + 1
        q = _Query(None, [f"story IN ({', '.join(map(str, stories))})"])
        rows, _ = self._run(self._select(q, "id, story", "", 0, per_story * len(stories),
                                         self._deadline.remaining(), group=f"{per_story}:story",
                                         within="id ASC"))
        members: dict[int, list[int]] = {}
        for num, story in rows:
            members.setdefault(story, []).append(num)
        out = [[other for other in sorted(members.get(int(story), [])) if other != key][:limit]
               for key, story in hits]
        self._fetched([(num, 0.0) for num in [key for key, _ in hits] + [c for cs in out for c in cs]])
        return out

    def count_stories(self, selection: Selection) -> int:
        """Sphinx counts the groups: ``total_found`` of the selection grouped by story (asked with
        the statement that ranks the selection's top, :meth:`_candidates`, when that came first)."""
        if selection not in self._stories:
            self.count(selection)  # the articles, which say how many groups make the count exact
        if selection not in self._stories:
            conditions = self._conditions(selection)
            _rows, meta = self._run(self._stories_statement(conditions))
            self._stories[selection] = self._exact_stories(selection, conditions, meta)
        return self._stories[selection]

    def _stories_statement(self, q: _Query, groups: int = 0) -> tuple[str, list]:
        return self._select(q, "id", "", 0, 1, self._deadline.remaining(), group="story", groups=groups)

    def stored(self, key: int) -> dict[str, Any]:
        doc = self._docs.get(key)
        if doc is None:
            doc = self._backend.documents([key]).get(key)
            if doc is None:
                return {}
            self._docs[key] = doc
        return stored_fields(doc)

    def body_part(self, key: int, number: int) -> str:
        if number == 1:
            return self.stored(key).get(BODY) or ""
        return self._backend.body_part(key, number) or ""

    def find(self, doc_id: str) -> int | None:
        num = doc_number(doc_id)
        doc = self._backend.documents([num]).get(num)
        if doc is None or doc[ID] != doc_id:
            return None
        self._docs[num] = doc
        return num

    def similar(self, key: int, limit: int) -> list[tuple[int, float]]:
        """Articles sharing the document's key terms (:meth:`SphinxBackend.key_terms`), in the
        body, ranked by Sphinx's bm25f() over those terms weighted."""
        stored = self.stored(key)
        terms = self._backend.key_terms(stored.get(TITLE) or "", stored.get(BODY) or "")
        if not terms:
            return []
        keys = " | ".join(f"{tokens.escape(tokens.stem_term(t))}^{w:.4f}" for t, w in terms)
        q = _Query(f"(@body ({keys}))", [f"id != {key}"])
        rows, _ = self._run(self._select(q, "id, WEIGHT()", "WEIGHT() DESC, seq ASC", 0, limit,
                                         self._deadline.remaining()))
        return self._fetched([(row[0], row[1] / SCALE) for row in rows])

    # -- vocabulary (search.backend.Vocabulary), by kind of term ---------------------------------
    def doc_frequency(self, field: str, term: str) -> int:
        kind = KIND_OF_FIELD.get(field)
        return self._backend.vocabulary.doc_frequency(kind, term) if kind else 0

    def occurrences(self, fields: tuple[str, ...], term: str) -> int:
        """The occurrences of the kind of term ``fields`` share (title and body: a stem's;
        the exact twins: an exact form's; the title's exact forms alone: the titles')."""
        kinds = {KIND_OF_FIELD.get(f) for f in fields}
        kind = "exact" if kinds == {"title", "exact"} else kinds.pop() if len(kinds) == 1 else None
        return self._backend.vocabulary.frequency(kind, term) if kind else 0

    def expand_prefix(self, field: str, prefix: str) -> Iterator[str]:
        if field in VALUE_FIELDS:  # string attributes: their values, grouped by Sphinx
            return iter(sorted(v for v in self._values(field) if v and v.startswith(prefix)))
        kind = KIND_OF_FIELD.get(field)
        return self._backend.vocabulary.expand_prefix(kind, prefix) if kind else iter(())

    def prefix_frequencies(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        kind = KIND_OF_FIELD.get(field)
        return self._backend.vocabulary.prefix_frequencies(kind, prefix, limit) if kind else []

    def _values(self, field: str) -> list[str]:
        """Every value of a string attribute (``source:عكاظ`` is resolved against them:
        search/keywords.py; the engine keeps them until the index changes)."""
        rows, _ = self._run(self._select(_Query(None, []), f"id, {field}", "", 0, MAX_VALUES, None, group=field),
                            timed=False)
        return [row[1] for row in rows]

    def terms_within(self, field: str, term: str, maxdist: int, prefix: int) -> Iterator[str]:
        kind = KIND_OF_FIELD.get(field)
        if not kind:
            return iter(())
        # The scan stops when expanding's share of the time is used (Expansions then marks the
        # result cut short): a short prefix holds tens of thousands of terms to measure.
        return self._backend.vocabulary.terms_within(kind, term, maxdist, prefix,
                                                     stop=lambda: self._deadline.share_used(EXPANSION_SHARE))

    def documents_with(self, field: str, term: str, limit: int) -> list[int]:
        if field == STORY:  # the story attribute holds the number of the story's id
            query = _Query(None, [f"story = {doc_number(term)}"])
            rows, _ = self._run(self._select(query, "id", "", 0, limit, self._deadline.remaining()))
            return [row[0] for row in rows]
        if field in KEYWORD_OF_FIELD:
            keyword = tokens.escape(KEYWORD_OF_FIELD[field](term))
        else:
            return []
        if self.shards_failed:
            # A sample of a word's documents (how a completion is usually spelt) is a nicety: with
            # a shard already failing this request each statement waits its agents' connect
            # time-out again (autocomplete with a hung shard: 0.5 s a completion).
            return []
        rows, _ = self._run(self._select(_Query(f"(@{field} {keyword})", []), "id", "", 0, limit,
                                         self._deadline.remaining()))
        return [row[0] for row in rows]


def _string_literal(value: str) -> str:
    """``value`` as a SphinxQL string in a statement that pymysql then formats with the MATCH
    text (its ``%`` doubled, as that formatting halves them)."""
    return "'" + escape_string(value).replace("%", "%%") + "'"


def failed_shards(warning: str, name: Callable[[str], str]) -> set[str]:
    """The shards a SHOW META warning says did not answer (refused, timed out, an agent error):
    an agent that answered with a warning of its own ("remote query warning: query time exceeded
    max_query_time") answered, and its matches are in the result."""
    parts = _AGENT.split(warning)[1:]  # agent, what it said, agent, what it said...
    return {name(agent) for agent, said in zip(parts[0::2], parts[1::2], strict=True)
            if not said.startswith(_ANSWERED)}


def stored_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """A side store's originals as the schema's stored fields (search/backend.py)."""
    out = dict(doc)
    out[DATE] = datetime.fromisoformat(doc[DATE]) if doc.get(DATE) else None
    out[TAGS] = ",".join(doc.get(TAGS) or [])
    out[EXTRA] = json.dumps(doc[EXTRA], ensure_ascii=False) if doc.get(EXTRA) else None
    return out


def _facet_number(name: str, value: str) -> int:
    """``2015`` → 2015 (year), ``2015-07`` → 201507 (month); -1 (matches nothing) if unreadable."""
    try:
        if name in (YEAR, HIJRI_YEAR):
            return int(value)
        year, month = value.split("-")
        return int(year) * 100 + int(month)
    except ValueError:
        return -1


def _facet_counts(name: str, rows: list[tuple]) -> Counter:
    counts: Counter = Counter()
    for value, count in rows:
        if name in (YEAR, HIJRI_YEAR):
            value = f"{value:04d}" if value else ""
        elif name == MONTH:
            value = f"{value // 100:04d}-{value % 100:02d}" if value else ""
        if value:
            counts[value] += int(count)
    return counts


def idf_ratio(documents: int, df: int) -> float:
    """Fahras's IDF, log(1 + (N - n + 0.5) / (n + 0.5)), over the one Sphinx computes from the
    global IDF file, log(N / n), for the same N and n (the vocabulary is made from the same
    dictionary dumps). 1 when the term is unknown or in every document."""
    if not df or df >= documents:
        return 1.0
    return math.log(1.0 + (documents - df + 0.5) / (df + 0.5)) / math.log(documents / df)
