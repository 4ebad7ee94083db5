"""A search's time limit: past it the engine answers with what it found, marked ``timed_out``.

The index is real (the sample archive plus 1,500 generated articles). Time is made to run out in
two honest ways: a limit so small that it has passed by the first look at the clock, and, for
the partial answers themselves, a clock that moves one second per look, so that how far each stage
gets is the same on a busy machine as on an idle one.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest
from support.articles import article, engine_at, write_jsonl
from support.whoosh import Indexed

from indexer import compaction
from indexer.importer import import_records
from indexer.sources import read_sources
from search import DEFAULT_RANKING, SearchRequest
from search.analysis import terms, too_short_for_edits
from search.deadline import GRACE, Deadline
from search.syntax import Group, Word, parse
from search.whoosh_backend.scorer import ArrayEvaluator
from search.wildcards import slots
from web import create_app

BROAD = "وزارة OR الصحة OR التعليم OR المملكة OR الرياض"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory, sample_path):
    index_dir = tmp_path_factory.mktemp("deadline") / "index"
    generated = write_jsonl(tmp_path_factory.mktemp("deadline-src") / "gen.jsonl",
                            (article(i) for i in range(1500)))
    with pytest.MonkeyPatch.context() as patch:  # segments to stop between: the imports leave theirs
        patch.setattr(compaction, "SMALL_SEGMENTS", 10**6)
        import_records(index_dir, read_sources([str(sample_path)]))
        import_records(index_dir, read_sources([str(generated)]), batch_size=500)
    return index_dir


@pytest.fixture(scope="module")
def engine(index_dir):
    indexed = Indexed.open(index_dir)
    yield indexed
    indexed.close()


def stepping_clock(step: float = 1.0):
    """A clock that moves ``step`` seconds each time it is read."""
    ticks = itertools.count()
    return lambda: next(ticks) * step


def due_clock(seconds: float = 1.0, late: float = 0.0):
    """A clock at 0 when the deadline is set, then at the deadline (+ ``late``) from the first
    look on: expired, and overrun once ``late`` passes the grace."""
    readings = itertools.chain([0.0], itertools.repeat(seconds + late))
    return lambda: next(readings)


def search_out_of_time(index_dir, q: str):
    """``q`` searched with a limit that has passed by the first look at the clock."""
    hurried = engine_at(index_dir, query_time_limit=1e-9)
    try:
        return hurried.search(SearchRequest(q=q))
    finally:
        hurried.close()


def test_no_limit_never_expires():
    deadline = Deadline(None)
    assert not deadline.expired() and deadline.remaining() is None and not deadline.passed


def test_a_deadline_stays_passed_once_seen():
    deadline = Deadline(2.0, clock=stepping_clock())  # set at t=0, due at t=2
    assert not deadline.expired()  # t=1
    assert deadline.expired()  # t=2
    assert deadline.passed and deadline.remaining() == 0.0


def _segments(searcher) -> list[tuple[int, int]]:
    """(first, end) document numbers of each segment, in order."""
    return [(offset, offset + r.doc_count_all()) for r, offset in searcher.reader().leaf_readers()]


def test_matching_stops_at_the_deadline_with_the_segments_done(engine):
    searcher = engine.searcher
    segments = _segments(searcher)
    assert len(segments) >= 2  # the deadline is looked at between posting lists and segments
    query = engine.compile(BROAD, "or").matching
    everything = ArrayEvaluator(searcher, Deadline(None)).evaluate(query, scored=False).docs

    deadline = Deadline(1.0, clock=due_clock())  # passes at the first look
    found = ArrayEvaluator(searcher, deadline).evaluate(query, scored=False).docs
    assert deadline.passed
    first, end = segments[0]
    # The first segment is done (so that a hurried search still has results); no more.
    assert found.tolist() == [d for d in everything.tolist() if first <= d < end]
    assert 0 < len(found) < len(everything)


def test_past_the_grace_even_the_first_segment_stops(engine):
    """No search runs on past the limit + GRACE, however large its first segment."""
    query = engine.compile(BROAD, "or").matching
    deadline = Deadline(1.0, clock=due_clock(late=GRACE))
    assert len(ArrayEvaluator(engine.searcher, deadline).evaluate(query, scored=False).docs) == 0
    assert deadline.passed and deadline.overrun()


def test_ranking_stops_at_the_deadline_and_keeps_true_scores(engine):
    searcher = engine.searcher
    query = engine.compile(BROAD, "or").scoring
    complete = ArrayEvaluator(searcher, Deadline(None)).evaluate(query)
    deadline = Deadline(1.0, clock=due_clock())
    partial = ArrayEvaluator(searcher, deadline).evaluate(query)
    assert deadline.passed and 0 < len(partial) < len(complete)
    # What it scored is scored as in the complete run, document for document.
    where = np.searchsorted(complete.docs, partial.docs)
    assert (complete.docs[where] == partial.docs).all()
    assert np.allclose(complete.scores[where], partial.scores, rtol=1e-12)


def test_ranking_terms_already_read_still_stop_past_the_grace(engine):
    """The scoring pass repeats the matching pass's terms (read once per search, then kept):
    scoring them is work too, so past the limit + GRACE it must not start either. Before, a kept
    term skipped the clock, and a search whose matching ended near the limit scored every segment
    after it (0.2-0.4 s past the grace on the 31k index)."""
    searcher = engine.searcher
    query = engine.compile(BROAD, "or").scoring  # the same terms in both passes: all kept
    now = [0.0]
    deadline = Deadline(1.0, clock=lambda: now[0])
    evaluator = ArrayEvaluator(searcher, deadline)
    matched = evaluator.evaluate(query, scored=False).docs  # every segment, in time
    assert len(matched) and not deadline.passed
    now[0] = 1.0 + GRACE  # the matching took the time: nothing is left for the ranking
    ranked = evaluator.evaluate(query, scored=True, within=matched)
    assert deadline.passed and len(ranked) == 0


def test_a_search_out_of_time_answers_with_a_partial_page(index_dir, engine):
    full = engine.search(SearchRequest(q=BROAD))
    assert not full.timed_out and full.total > 500

    result = search_out_of_time(index_dir, BROAD)
    assert result.timed_out
    assert 0 < result.total < full.total  # a lower bound
    assert len(result.hits) == 10  # the first documents are always ranked
    assert result.suggestion is None
    data = result.to_dict()
    assert data["timed_out"] is True
    json.dumps(data, ensure_ascii=False)


def test_evaluation_ranks_without_a_limit(index_dir):
    hurried = engine_at(index_dir, query_time_limit=1e-9)
    try:
        ranked = hurried.rank_ids(BROAD, depth=100)
        complete = engine_at(index_dir, query_time_limit=None)
        try:
            assert ranked == complete.rank_ids(BROAD, depth=100)
        finally:
            complete.close()
    finally:
        hurried.close()


def test_the_api_and_the_page_say_the_results_are_partial(index_dir):
    app = create_app({"FAHRAS_INDEX": str(index_dir), "FAHRAS_QUERY_TIME_LIMIT": 1e-9})
    client = app.test_client()
    resp = client.get("/api/v1/search", query_string={"q": BROAD})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["timed_out"] is True and len(body["hits"]) == 10

    page = client.get("/search", query_string={"q": BROAD})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'class="notice notice--timeout"' in html and "ناقصة" in html

    calm = create_app({"FAHRAS_INDEX": str(index_dir)}).test_client()
    assert calm.get("/api/v1/search", query_string={"q": BROAD}).get_json()["timed_out"] is False
    assert "notice--timeout" not in calm.get("/search", query_string={"q": BROAD}).get_data(as_text=True)


def test_the_clock_starts_when_the_search_has_the_index():
    """Waiting for another request's turn at the index is not the search's own time."""
    clock = stepping_clock()
    deadline = Deadline(2.0, clock=clock)  # due at t=2
    clock()  # t=1: waiting
    clock()  # t=2: still waiting
    deadline.start()  # t=3: due at t=5 (without it, already past)
    assert not deadline.expired()  # t=4
    assert deadline.expired()  # t=5


# -- expansion (issue 16, item 3: the time went to building fuzzy/prefix expansions) ------------

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PREFIXES = " OR ".join(f"{LETTERS[i % len(LETTERS)]}*" for i in range(60))


def _terms(compiled) -> list:
    return [leaf for leaf in compiled.scoring.leaves() if leaf.has_terms()]


def test_expansion_caps_hold_per_query_not_per_word(index_dir):
    one = engine_at(index_dir)
    try:
        with one.backend.searcher(Deadline(None)) as s:
            single = _terms(s.compile(parse("ب*"), "and"))
            many = _terms(s.compile(parse(PREFIXES), "or"))
    finally:
        one.close()
    assert len(single) > 60  # one word alone may take its share of 64 per field
    assert len(many) <= DEFAULT_RANKING.max_query_expansions


def test_a_word_compiled_with_the_whole_querys_budget_expands_as_it_does_there(index_dir):
    """A partial hit's missing words are read from each word's terms compiled alone
    (``SearchEngine._word_terms``): with the whole query's budget those are the terms the search
    matched, taken from the request's memo, not the larger set the word alone may take."""
    tree = parse(PREFIXES)
    one = engine_at(index_dir)
    try:
        with one.backend.searcher(Deadline(None)) as s:
            whole = {leaf.text for leaf in _terms(s.compile(tree, "or"))}
            word = Group("and", [tree.items[0].items[0]], implicit=True)  # ا*
            shared = {leaf.text for leaf in _terms(s.compile(word, "and", slots(tree)))}
            alone = {leaf.text for leaf in _terms(s.compile(word, "and"))}
    finally:
        one.close()
    assert shared and shared <= whole
    assert len(alone) > len(shared)


def test_expansion_stops_at_the_deadline(index_dir):
    one = engine_at(index_dir)
    try:
        with one.backend.searcher(Deadline(1.0, clock=due_clock())) as s:
            fuzzy = s.compile(parse("مستشفيات~2 الوزارات~2"), "or")
            prefixes = s.compile(parse(PREFIXES), "or")
    finally:
        one.close()
    typed = {t for w in ("مستشفيات", "الوزارات") for kind in ("text", "exact") for t in terms(kind, w)}
    assert {leaf.text for leaf in _terms(fuzzy)} <= typed  # the typed forms only
    assert _terms(prefixes) == []


def test_a_two_letter_word_is_not_fuzzy(index_dir):
    """Within 2 edits of ``ال`` is every word of up to 4 letters (``fuzziness: AUTO``)."""
    one = engine_at(index_dir)
    try:
        with one.backend.searcher(Deadline(None)) as s:
            assert {leaf.text for leaf in _terms(s.compile(parse("ال~2"), "and"))} <= {"ال"}
            near = {leaf.text for leaf in _terms(s.compile(parse("وزاره~2"), "and"))}
    finally:
        one.close()
    assert "وزارة" in near or "وزار" in near


def test_a_word_longer_than_any_word_is_not_fuzzy(index_dir):
    """Its spellings within 2 edits are hundreds of thousands of look-ups (a 700-letter word~2
    took 19 s past the time limit): it is searched as typed, by both compilers' rule."""
    long_word = "وزارات" * 4  # 24 letters
    assert too_short_for_edits(Word(long_word, fuzzy=2)) and not too_short_for_edits(Word("الوزارات", fuzzy=2))
    one = engine_at(index_dir)
    try:
        with one.backend.searcher(Deadline(None)) as s:
            assert {leaf.text for leaf in _terms(s.compile(parse(long_word + "~2"), "and"))} <= {long_word}
    finally:
        one.close()


def test_expansion_leaves_half_the_time_to_matching(index_dir):
    """Past half the limit expansion stops (the result is marked partial) though the deadline
    itself has not passed: 60 fuzzy words still leave time to find something."""
    halfway = itertools.chain([0.0], itertools.repeat(1.0))  # set at 0, then 1 s of 2 s used
    deadline = Deadline(2.0, clock=lambda: next(halfway))
    one = engine_at(index_dir)
    try:
        with one.backend.searcher(deadline) as s:
            prefixes = s.compile(parse(PREFIXES), "or")
    finally:
        one.close()
    assert _terms(prefixes) == []
    assert deadline.cut_short and not deadline.expired()


def test_a_search_out_of_time_still_shows_its_full_matches_as_full(index_dir, engine):
    """Short of time, the full matches are evaluated first: a hit with every word is never shown
    as a partial match, nor one listed as missing every word."""
    query = "وزارة الصحة"
    calm = engine.search(SearchRequest(q=query))
    assert calm.total_all >= 10 and calm.total_partial > 0

    result = search_out_of_time(index_dir, query)
    assert result.timed_out
    assert 0 < result.total_all and result.total_partial >= 0
    flags = [hit.matched_all for hit in result.hits]
    assert flags[0] and flags == sorted(flags, reverse=True)  # the full matches it reached, first
    assert flags.count(True) == min(result.total_all, len(flags))
    assert all(len(hit.missing) < 2 for hit in result.hits)


def test_a_document_page_highlights_within_the_time_limit(index_dir):
    """The query a document page marks is the reader's: its wildcards and fuzzy words are looked
    up under the search's time limit (64 fuzzy 20-letter words held a worker 5 s), and past it
    fewer spellings are marked rather than the page waiting."""
    relaxed, hurried = engine_at(index_dir), engine_at(index_dir, query_time_limit=1e-9)
    try:
        doc_id = relaxed.search(SearchRequest(q="مستشفى")).hits[0].id
        marked = relaxed.document(doc_id, query="مستشف*")
        unmarked, _similar = hurried.document_with_similar(doc_id, query="مستشف*")
    finally:
        relaxed.close()
        hurried.close()
    assert "<mark>" in (marked.title_html or "") + (marked.body_html or "")
    assert "<mark>" not in (unmarked.title_html or "") + (unmarked.body_html or "")
    assert unmarked.body == marked.body  # the page itself is whole
