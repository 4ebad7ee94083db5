"""The Whoosh backend's array evaluation (``search/whoosh_backend/scorer.py``, ``sets.py``,
``columns.py``) against Whoosh's own matchers: the same documents, the same scores, the same page
order, on real indexes of several segments with deleted documents.

Two indexes: the bundled sample archive (always) and 2,400 real articles of the shared corpus
(skipped, with the reason, where ../shared is absent). Each is written in separate commits
without merging, then some documents are deleted, so that segment offsets, deletion masks and
index-wide statistics (idf, average lengths) all come into play.
"""

from __future__ import annotations

import gzip
import itertools
import json
from datetime import datetime, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.articles import engine_at
from support.whoosh import Indexed
from whoosh import query as wq

from indexer.documents import to_fields
from indexer.sources import Invalid, validate
from indexer.store import create_or_open
from search import SearchRequest, coordination
from search.deadline import Deadline
from search.ranking import DEFAULT_RANKING
from search.syntax import Group, parse
from search.whoosh_backend import columns, sets
from search.whoosh_backend.compiler import compile_query
from search.whoosh_backend.lead import LeadBoost
from search.whoosh_backend.postings_cache import PostingsCache
from search.whoosh_backend.scorer import ArrayEvaluator
from search.whoosh_backend.sets import Matches
from search.whoosh_backend.tables import SegmentTables

# Every kind of node the query compiler makes: words (BM25F), AND/OR/NOT, exclusions, phrases,
# prefixes, fuzzy words, field words, roots, dates, stop words only.
QUERIES = [
    "وزارة الصحة", "الصحة", "السعودية الرياض", "الهلال OR النصر", "السعودية -الهلال",
    '"وزارة الصحة"', "وزار*", "مستشفي~", "الملك سلمان", "(الهلال OR النصر) -الاتحاد",
    "الاقتصاد OR -النفط", "-الرياض", "title:الصحة", "body:المملكة", "root:كتب",
    "source:okaz", "section:sport الهلال", "التعليم 2015", "في", "وزارة الصحة الجديدة",
    "كلمةلاتوجد", "المدارس OR الجامعات OR التعليم", 'الهلال "كأس الملك"',
    "الصحة date:2015-07..2015-08", "date:..2015-07-15 OR date:2015-08-10.. الهلال", "date:2015-08 -الرياض",
]


def _records(lines):
    for line in lines:
        try:
            yield validate(json.loads(line))
        except (Invalid, ValueError):
            continue


def _segmented_index(path, records, segments: int, delete_every: int):
    """Commit ``records`` in ``segments`` unmerged batches, then delete every ``delete_every``-th."""
    records = list(records)
    ix = create_or_open(path)
    size = -(-len(records) // segments)
    for start in range(0, len(records), size):
        w = ix.writer()
        for r in records[start:start + size]:
            w.update_document(**to_fields(r))
        w.commit(merge=False)
    w = ix.writer()
    for r in records[::delete_every]:
        w.delete_by_term("id", r["id"])
    w.commit(merge=False)
    return path


@pytest.fixture(scope="module")
def sample_engine(tmp_path_factory, sample_path):
    lines = sample_path.read_text(encoding="utf-8").splitlines()
    indexed = Indexed.open(_segmented_index(tmp_path_factory.mktemp("arrays-sample"), _records(lines), 4, 7))
    yield indexed
    indexed.close()


@pytest.fixture(scope="module")
def corpus_engine(tmp_path_factory, corpus_path):
    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, 2400))
    indexed = Indexed.open(_segmented_index(tmp_path_factory.mktemp("arrays-corpus"), _records(lines), 5, 13))
    yield indexed
    indexed.close()


# The corpus index is reached through getfixturevalue, which conftest's hook cannot see: its
# parameter carries the `corpus` mark itself.
@pytest.fixture(params=["sample", pytest.param("corpus", marks=pytest.mark.corpus)])
def engine(request) -> Indexed:
    return request.getfixturevalue(f"{request.param}_engine")


def _whoosh_scores(searcher, query) -> dict[int, float]:
    results = searcher.search(query, limit=None, terms=False, optimize=False)
    return {docnum: score for score, docnum in results.top_n}


def test_the_indexes_have_segments_and_deletions(engine):
    leaves = engine.searcher.reader().leaf_readers()
    assert len(leaves) >= 4
    assert any(r.has_deletions() for r, _ in leaves)


@pytest.mark.parametrize("conjunction", ["and", "or"])
def test_same_documents_and_scores_as_whoosh(engine, conjunction):
    searcher = engine.searcher
    nonempty = 0
    for text in QUERIES:
        compiled = engine.compile(text, conjunction)
        scoring_q, matching_q = compiled.scoring, compiled.matching
        expected = _whoosh_scores(searcher, scoring_q)
        got = ArrayEvaluator(searcher, Deadline(None)).evaluate(scoring_q)
        assert got.docs.tolist() == sorted(expected), (text, scoring_q)
        want = np.array([expected[d] for d in got.docs.tolist()])
        assert np.allclose(got.scores, want, rtol=1e-9, atol=0), (text, scoring_q)
        nonempty += bool(len(got))
        # The matching query is only ever used unscored (its exact-form twins have weight 0, and
        # Whoosh's ranking would drop documents scoring 0, so only matching is compared).
        for query in (scoring_q, matching_q):
            unscored = ArrayEvaluator(searcher, Deadline(None)).evaluate(query, scored=False)
            assert unscored.scores is None
            assert unscored.docs.tolist() == sorted(searcher.docs_for_query(query)), (text, query)
    assert nonempty >= len(QUERIES) // 2  # the comparison is not over empty results
    # The lead factor's wrapper (search/whoosh_backend/lead.py) is among what was compared.
    assert any(isinstance(engine.compile(text, conjunction).scoring, LeadBoost) for text in QUERIES)


def test_partial_match_tiers_as_whoosh_matches_them(engine):
    """The at-least-k groups of the partial tiers (search/coordination.py → AtLeast) give the
    documents and scores of AtLeast's own Whoosh matcher, and the tiers split the whole; also
    with a compound (two words grouped as one, counted twice, scored once)."""
    searcher = engine.searcher
    with_partial = 0
    texts = ("وزارة الصحة الجديدة", "السعودية الرياض الهلال النصر", "section:sport الهلال النصر الاتحاد -الرياض")
    for text, pair in [(t, None) for t in texts] + [(texts[0], 0), (texts[1], 2)]:
        tree = parse(text)
        if pair is not None:
            tree.items[pair : pair + 2] = [Group("and", tree.items[pair : pair + 2], compound=True)]
        plan = coordination.plan(tree)
        assert plan.partial, text
        sizes = []
        for tree in [plan.any(), *plan.tiers()]:
            q = compile_query(searcher.reader(), DEFAULT_RANKING, tree, "and").scoring
            expected = _whoosh_scores(searcher, q)
            got = ArrayEvaluator(searcher, Deadline(None)).evaluate(q)
            assert got.docs.tolist() == sorted(expected), (text, q)
            assert np.allclose(got.scores, [expected[d] for d in got.docs.tolist()], rtol=1e-9, atol=0)
            sizes.append(len(got))
        assert sizes[0] == sum(sizes[1:]), (text, sizes)
        with_partial += sizes[0] > sizes[1]
    assert with_partial  # the comparison is not over empty tiers


# Both words, where they are side by side or رياض is there too: fewer documents than the words'
REQUIRE = wq.Require(wq.And([wq.Term("body", "وزار"), wq.Term("body", "صحه")]),
                     wq.Or([wq.Phrase("body_exact", ["وزاره", "الصحه"]), wq.Term("body", "رياض")]))


def test_boosts_and_plain_terms_as_whoosh_scores_them(engine):
    """Nodes the compiler makes only in some rankings or queries: boosted plain terms, compounds,
    requirements."""
    searcher = engine.searcher
    queries = [
        wq.Or([wq.Term("body", "وزار", boost=2.5), wq.Term("title", "صح", boost=0.5)], boost=1.5),
        wq.And([wq.Term("body", "ملك"), wq.Or([wq.Term("title", "سعود"), wq.Term("body", "رياض")])]),
        wq.AndMaybe(wq.Term("body", "ملك"), wq.Term("title_exact", "الملك", boost=3.0)),
        wq.AndNot(wq.Every(), wq.Term("body", "ملك")),
        # a name's words side by side or joined (search/expansion.py): matched, not scored
        REQUIRE,
        wq.Or([wq.Term("body", "وزار"), wq.Phrase("title_exact", ["وزاره", "الصحه"], boost=1.05)]),
        wq.Not(wq.Term("body", "ملك")),
        wq.Or([wq.Term("source", "okaz"), wq.Term("section", "sport")]),
        wq.Or([wq.Term("body", "ملك")]),
        wq.DateRange("date", datetime(2015, 1, 1), datetime(2015, 8, 1), constantscore=True),
    ]
    for query in queries:
        expected = _whoosh_scores(searcher, query)
        got = ArrayEvaluator(searcher, Deadline(None)).evaluate(query)
        assert got.docs.tolist() == sorted(expected), query
        want = np.array([expected[d] for d in got.docs.tolist()])
        assert np.allclose(got.scores, want, rtol=1e-9, atol=0), query
    words = _whoosh_scores(searcher, REQUIRE.a)
    assert 0 < len(_whoosh_scores(searcher, REQUIRE)) < len(words)


def test_within_gives_the_same_documents_and_scores_restricted(engine):
    """Evaluating for a set of documents (the engine ranks only what survived the filters) skips
    posting blocks: what it returns must be exactly the full evaluation on that set."""
    searcher = engine.searcher
    rng = np.random.default_rng(7)
    for text in QUERIES:
        for conjunction in ("and", "or"):
            q = engine.compile(text, conjunction).scoring
            full = ArrayEvaluator(searcher, Deadline(None)).evaluate(q)
            everyone = np.arange(searcher.doc_count_all(), dtype=np.int64)
            for fraction in (0.002, 0.05, 0.5):
                within = np.sort(rng.choice(everyone, max(1, int(len(everyone) * fraction)), replace=False))
                got = ArrayEvaluator(searcher, Deadline(None)).evaluate(q, within=within)
                keep = np.isin(full.docs, within)
                assert got.docs.tolist() == full.docs[keep].tolist(), (text, conjunction, fraction)
                assert np.allclose(got.scores, full.scores[keep], rtol=1e-9, atol=0)


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_pages_in_whooshs_order(engine, sort):
    """A page is what Whoosh's collectors would give: score order (ties by document number) or
    date order (ties by document number, reversed with the date for newest), filters applied."""
    searcher = engine.searcher
    for text in ("الصحة", "المملكة OR السعودية", "-الرياض", "source:okaz"):
        q = engine.compile(text).scoring
        allowed = set(searcher.docs_for_query(q))
        kwargs = {} if sort == "relevance" else {"sortedby": "date", "reverse": sort == "newest"}
        for page in (1, 2, 3):
            per_page = 7
            whoosh = searcher.search(q, filter=allowed, limit=page * per_page, terms=False, **kwargs)
            expected = [searcher.stored_fields(d)["id"] for _s, d in whoosh.top_n[(page - 1) * per_page:]]
            # Every article on its own (collapse off): the order compared is the scorer's.
            result = engine.search(SearchRequest(q=text, sort=sort, page=page, per_page=per_page, collapse=False),
                                   facets=False, highlight=False)
            assert [h.id for h in result.hits] == expected, (text, sort, page)
            assert result.total == len(allowed)


def test_a_refresh_reads_the_new_segment(tmp_path, sample_path):
    lines = sample_path.read_text(encoding="utf-8").splitlines()
    records = list(_records(lines))
    path = _segmented_index(tmp_path / "ix", records[:100], 2, 10)
    engine = engine_at(path, query_time_limit=None)
    try:
        before = engine.search(SearchRequest(q="", per_page=1)).total
        ix = create_or_open(path)
        with ix.writer() as w:
            for r in records[100:]:
                w.update_document(**to_fields(r))
        engine.refresh()
        after = engine.search(SearchRequest(q="", per_page=1)).total
        assert after == before + len(records) - 100
    finally:
        engine.close()


def test_date_ranges_match_whooshs(engine):
    """Ranges drawn from the index's own dates (closed, open at either end, one second wide at a
    document's exact date, before everything), on segments with deletions."""
    searcher = engine.searcher
    dates = sorted(d for n in searcher.reader().all_doc_ids() if (d := searcher.stored_fields(n).get("date")))
    quarter, half, three_quarters = (dates[len(dates) * k // 4] for k in (1, 2, 3))
    ranges = [(quarter, three_quarters), (None, half), (half, None),
              (half, half + timedelta(seconds=1)), (None, dates[0])]
    sizes = []
    for low, high in ranges:
        expected = sorted(searcher.docs_for_query(wq.DateRange("date", low, high, endexcl=True)))
        got = columns.docs_in_range(SegmentTables(), searcher, "date", low, high)
        assert got.tolist() == expected, (low, high)
        sizes.append(len(expected))
    assert sizes[0] > 0 and sizes[1] > 0 and sizes[2] > 0 and sizes[3] >= 1 and sizes[4] == 0


def test_documents_without_a_date_are_in_no_range(tmp_path, sample_path):
    records = list(_records(sample_path.read_text(encoding="utf-8").splitlines()))[:60]
    for r in records[::4]:
        r["date"] = None
    path = _segmented_index(tmp_path / "ix", records, 3, 7)
    engine = Indexed.open(path)
    try:
        searcher = engine.searcher
        undated = {searcher.document_number(id=r["id"]) for r in records[::4]} - {None}
        assert undated
        for low, high in [(datetime(1900, 1, 1), None), (None, datetime(2100, 1, 1))]:
            got = columns.docs_in_range(SegmentTables(), searcher, "date", low, high).tolist()
            assert got == sorted(searcher.docs_for_query(wq.DateRange("date", low, high, endexcl=True)))
            assert not undated & set(got) and len(got) == searcher.doc_count() - len(undated)
    finally:
        engine.close()


def test_the_postings_cache_changes_nothing(engine):
    """Every list through the cache (no minimum length): the same documents and scores as without
    it, the first time (read from the index, then kept) and the second (from memory), for whole
    evaluations and for ``within`` ones, on segments with deleted documents."""
    searcher = engine.searcher
    cache = PostingsCache(budget_mb=64, min_postings=1)
    rng = np.random.default_rng(11)
    everyone = np.arange(searcher.doc_count_all(), dtype=np.int64)
    within = np.sort(rng.choice(everyone, len(everyone) // 20, replace=False))
    for text in QUERIES:
        q = engine.compile(text, "or").scoring
        for restrict_to in (None, within):
            plain = ArrayEvaluator(searcher, Deadline(None)).evaluate(q, within=restrict_to)
            for _ in ("from the index", "from memory"):
                got = ArrayEvaluator(searcher, Deadline(None), cache).evaluate(q, within=restrict_to)
                assert got.docs.tolist() == plain.docs.tolist(), text
                assert np.array_equal(got.scores, plain.scores), text
    assert cache.stats.hits > cache.stats.misses > 0


def test_cached_lists_take_deletions_made_after_them(tmp_path, sample_path):
    """The cache keeps lists as written and the deletions are applied at each use: documents
    deleted after their words were cached are gone from the next search, as without a cache."""
    records = list(_records(sample_path.read_text(encoding="utf-8").splitlines()))
    path = _segmented_index(tmp_path / "ix", records, 3, len(records) + 1)
    engine = engine_at(path, query_time_limit=None)
    cache = engine.backend.postings_cache
    cache.min_postings = 1
    request = SearchRequest(q="السعودية OR الرياض", per_page=100)
    try:
        before = engine.search(request, facets=False, highlight=False)
        gone = [h.id for h in before.hits[::3]]
        ix = create_or_open(path)
        w = ix.writer()
        for doc_id in gone:
            w.delete_by_term("id", doc_id)
        w.commit(merge=False)  # the same segments, with more deletions
        engine.refresh()
        hits_before = cache.stats.hits
        after = engine.search(request, facets=False, highlight=False)
        assert cache.stats.hits > hits_before  # the lists came from the cache
        assert after.total == before.total - len(gone)
        assert not set(gone) & {h.id for h in after.hits}
        uncached = engine_at(path, query_time_limit=None, postings_cache_mb=0)
        try:
            expected = uncached.search(request, facets=False, highlight=False)
        finally:
            uncached.close()
        assert [(h.id, h.score) for h in after.hits] == [(h.id, h.score) for h in expected.hits]
    finally:
        engine.close()


# -- the set operations, against Python's sets ----------------------------------------------
doc_sets = st.lists(st.integers(0, 60), max_size=40, unique=True).map(sorted)


def _matches(docs: list[int], salt: float) -> Matches:
    return Matches(np.array(docs, dtype=np.int64), np.array([d * 0.5 + salt for d in docs]))


@given(doc_sets, doc_sets, doc_sets)
def test_set_operations_agree_with_python_sets(a, b, c):
    ma, mb, mc = _matches(a, 1.0), _matches(b, 2.0), _matches(c, 3.0)
    for size in (None, 61):  # sorted (sparse) and counted over the segment (dense)
        u = sets.union([ma, mb, mc], scored=True, size=size)
        assert u.docs.tolist() == sorted(set(a) | set(b) | set(c))
        for d, s in zip(u.docs.tolist(), u.scores.tolist(), strict=True):
            want = sum(d * 0.5 + salt for docs, salt in ((a, 1.0), (b, 2.0), (c, 3.0)) if d in docs)
            assert s == pytest.approx(want)
        assert sets.union([ma, mb, mc], scored=False, size=size).docs.tolist() == u.docs.tolist()
    i = sets.intersection([ma, mb], scored=True)
    assert i.docs.tolist() == sorted(set(a) & set(b))
    assert i.scores.tolist() == pytest.approx([d + 3.0 for d in i.docs.tolist()])
    diff = sets.difference(ma, mb)
    assert diff.docs.tolist() == sorted(set(a) - set(b))
    maybe = sets.add_where_present(ma, mb)
    assert maybe.docs.tolist() == a
    assert maybe.scores.tolist() == pytest.approx([d * 0.5 + 1.0 + (d * 0.5 + 2.0 if d in b else 0) for d in a])


@given(doc_sets, doc_sets, doc_sets, st.lists(st.integers(1, 2), min_size=3, max_size=3), st.integers(1, 5))
def test_at_least_counts_each_part_its_times_and_scores_it_once(a, b, c, times, minimum):
    """A compound is a part given twice (search/coordination.py): counted as two, scored once."""
    parts = [(a, 1.0, times[0]), (b, 2.0, times[1]), (c, 3.0, times[2])]
    for size in (None, 61):
        got = sets.at_least([_matches(d, salt) for d, salt, _n in parts], minimum, True, size, times)
        want = [d for d in range(61) if sum(n for docs, _s, n in parts if d in docs) >= minimum]
        assert got.docs.tolist() == want
        for d, score in zip(got.docs.tolist(), got.scores.tolist(), strict=True):
            assert score == pytest.approx(sum(d * 0.5 + salt for docs, salt, _n in parts if d in docs))
        unscored = sets.at_least([_matches(d, salt) for d, salt, _n in parts], minimum, False, size, times)
        assert unscored.docs.tolist() == want


@given(st.lists(st.sampled_from([0.5, 1.0, 2.0, 3.0]), max_size=50), st.integers(0, 60))
def test_top_orders_by_score_then_document_number(scores, limit):
    m = Matches(np.arange(len(scores), dtype=np.int64), np.array(scores, dtype=np.float64))
    expected = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:limit]
    assert sets.top(m, limit).tolist() == expected
