"""bench/proximity.py: the proximity re-ranking the relevance notes measure (issue 19).

Its "none" row must be the engine's own ranking; a bonus must order two documents that differ only
in how close the words are, and must never lift a partial match above a full one.
"""

from __future__ import annotations

import pytest

from search.evaluation.judgments import Topic
from tests.support.articles import engine_at, write_index

DAY = "2015-07-21T00:00:00"
DOCS = [
    # the same words, so the same BM25F: adjacent in one, apart in the other
    ("near", "خبر", "ارتفع سعر النفط اليوم في الأسواق بعد قرار المنظمة ثم تراجع", "اقتصاد", "src", DAY),
    ("far", "خبر", "ارتفع سعر الأسواق اليوم في النفط بعد قرار المنظمة ثم تراجع", "اقتصاد", "src", DAY),
    # every word of «سعر النفط الخام», far apart
    ("full", "خبر", "الخام " + "كلام " * 20 + "سعر " + "كلام " * 20 + "النفط", "اقتصاد", "src", DAY),
    # two of them side by side, many times: a large bonus, but a partial match
    ("partial", "سعر النفط", "سعر النفط " * 12, "اقتصاد", "src", DAY),
]
SIGNALS = [("pairs", 0, "text"), ("span", 1, "text"), ("tp", 5, "text"), ("pairs", 0, "exact")]


@pytest.fixture(scope="module")
def proximity(bench_module):
    return bench_module("proximity")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    e = engine_at(write_index(tmp_path_factory.mktemp("proximity") / "index", DOCS))
    yield e
    e.close()


def _topics(proximity, engine, *queries):
    return proximity.collect(engine, [Topic(f"t{i}", q) for i, q in enumerate(queries)], depth=50)


def test_no_bonus_ranks_as_the_engine(proximity, engine):
    topics = _topics(proximity, engine, "سعر النفط", "سعر النفط الخام")
    ranked = proximity.run(topics, proximity.Setting("pairs", 0, 0.0, 0.0))
    for topic in topics:
        assert [d for d, _ in ranked[topic.qid]] == [d for d, _ in engine.rank_ids(topic.query)]


@pytest.mark.parametrize("kind, param, forms", SIGNALS)
def test_words_together_rank_first_at_equal_bm25f(proximity, engine, kind, param, forms):
    topic, = _topics(proximity, engine, "سعر النفط")
    scores = {c.doc: c.score for tier in topic.tiers for c in tier}
    assert scores["near"] == pytest.approx(scores["far"])
    setting = proximity.Setting(kind, param, 0.5, 1.0, forms)
    bonus = {c.doc: proximity.bonus(topic, c, setting) for tier in topic.tiers for c in tier}
    assert bonus["near"] > bonus["far"] >= 0
    order = [d for d, _ in proximity.run([topic], setting)[topic.qid]]
    assert order.index("near") < order.index("far")


@pytest.mark.parametrize("kind, param, forms", [s for s in SIGNALS if s[0] != "span"])  # span: all words or 0
def test_a_partial_match_stays_after_the_full_ones(proximity, engine, kind, param, forms):
    topic, = _topics(proximity, engine, "سعر النفط الخام")
    setting = proximity.Setting(kind, param, 100.0, 1.0, forms)
    full, *partial = topic.tiers
    assert [c.doc for c in full] == ["full"] and any(c.doc == "partial" for c in partial[0])
    assert max(proximity.bonus(topic, c, setting) for c in partial[0]) > proximity.bonus(topic, full[0], setting)
    assert proximity.run([topic], setting)[topic.qid][0][0] == "full"


def test_held_out_measures_the_choice_on_the_other_half(proximity):
    """A setting that is the shipped ranking itself changes nothing on any half; one that lifts
    the first half's topics and sinks the others loses on the half it was not chosen on."""
    qids = ["t1", "t2", "t3", "t4"]
    flat = {q: {"ndcg@10": 0.5, "recall@100": 0.5} for q in qids}
    assert "by +0.0000 on average" in proximity.held_out([(None, {}, flat), ("same", {}, flat)], qids, 50)
    skewed = {q: {"ndcg@10": 1.0 if q in ("t1", "t2") else 0.0, "recall@100": 0.5} for q in qids}
    report = proximity.held_out([(None, {}, flat), ("same", {}, flat), ("skewed", {}, skewed)], qids, 200)
    assert "by -0.0" in report and "it loses neither in 200" not in report
