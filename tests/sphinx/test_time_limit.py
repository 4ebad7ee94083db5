"""The time limit on a Sphinx cluster: hostile queries (60 one-letter prefixes, 60 common words
``~2``) answer ``timed_out`` with what was found, never long past the limit.

The limit is made to run out the honest way tests/test_deadline.py uses: so small that it has
passed by the first look at the clock, so every stage (expansion, matching, facets, the story
walk, highlights) meets an expired deadline on any machine. The bound asserted is generous (no
timing flakiness on a shared machine); the figure on the 31k cluster with a 3 s limit is
bench/deadline.py's (docs/scaling.md).
"""

from __future__ import annotations

import itertools
import time

import pytest
from support.articles import article, write_jsonl
from support.sphinx import sphinx_engine

from search.results import SearchRequest

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LIMIT = 0.001
BOUND = LIMIT + 0.5 + 1.5  # the promise (limit + 0.5 s) and a margin for a loaded machine


@pytest.fixture
def engine(make_cluster, import_file, sample_path, tmp_path):
    cluster = make_cluster(shards=2)
    import_file(cluster, sample_path)
    import_file(cluster, write_jsonl(tmp_path / "gen.jsonl", (article(i) for i in range(1500))))
    engine = sphinx_engine(cluster, query_time_limit=LIMIT)
    yield engine
    engine.close()


def common_words(engine, count: int) -> list[str]:
    db = engine.backend.vocabulary._conn()
    rows = db.execute("SELECT term FROM terms WHERE kind = 'exact' AND length(term) > 2 "
                      "ORDER BY df DESC, term LIMIT ?", (count,))
    return [t for (t,) in rows]


def hostile(engine) -> dict[str, str]:
    letters = list(itertools.islice(itertools.cycle(LETTERS), 60))
    return {"60 one-letter prefixes": " ".join(f"{c}*" for c in letters),
            "60 common words ~2": " OR ".join(f"{w}~2" for w in common_words(engine, 60))}


def test_hostile_queries_answer_timed_out_within_the_limit(engine, capsys):
    queries = hostile(engine)
    assert len(queries["60 common words ~2"].split(" OR ")) == 60
    for name, q in queries.items():
        started = time.perf_counter()
        result = engine.search(SearchRequest(q=q))
        seconds = time.perf_counter() - started
        with capsys.disabled():
            print(f"\n{name}: {seconds:.3f} s, limit {LIMIT} s, timed_out {result.timed_out}")
        assert result.timed_out, name
        assert seconds < BOUND, (name, seconds)
        # Both shards answered, cut by max_query_time: that is timed_out, no shard failed.
        assert not result.partial and result.shards_failed == [], (name, result.shards_failed)


def test_past_the_limit_the_facets_are_cut_not_run(engine):
    """Once the time is spent, no facet statement is sent: searchd's max_query_time does not bound
    a hostile query's grouping, and an agent's time-out there made the whole search a 503."""
    result = engine.search(SearchRequest(q="الرياض"))
    assert result.timed_out and result.facets_truncated
    assert not any(result.facets.values())


def test_past_the_limit_nothing_more_is_sent_once_the_full_matches_are_counted(engine, monkeypatch):
    """The full matches are counted and ranked in the first round trip (within the grace); once
    the time is up, the union of the tiers, the stories and the partial tiers are not asked:
    max_query_time is 1 ms then, yet each statement still cost searchd 0.01-0.2 s."""
    sent = []
    batch = engine.backend.batch
    monkeypatch.setattr(engine.backend, "batch", lambda statements: sent.append(statements) or batch(statements))
    result = engine.search(SearchRequest(q="الطاقة المنتخب البطولة الآسيوية"))
    assert result.timed_out and result.total_all > 0
    assert len(sent) == 1, [[s[:40] for s, _a in b if s] for b in sent]
