"""bench/feedback.py: the pseudo-relevance feedback the relevance notes measure (issue 19).

Its first pass must be the engine's own ranking; the feedback terms must come from the best full
matches and leave the query's own stems out; a document sharing them must rank above one that
does not at equal BM25F, and never lift a partial match above a full one.
"""

from __future__ import annotations

import pytest

from search.evaluation.judgments import Topic
from tests.support.articles import engine_at, write_index

DAY = "2015-07-21T00:00:00"
DOCS = [
    # the feedback documents: «سعر النفط» in the title, the topic's other words in the body
    *[(f"fb{i}", "سعر النفط", "اجتماع منظمة المصدرين وإنتاج البرميل", "اقتصاد", "src", DAY)
      for i in range(3)],
    # the same BM25F for the query: one also has the feedback words, the other words of its own
    ("near", "خبر", "ارتفع سعر النفط بعد اجتماع المصدرين والبرميل", "اقتصاد", "src", DAY),
    ("far", "خبر", "ارتفع سعر النفط بعد مباراة الهلال والملعب", "اقتصاد", "src", DAY),
    # full of the feedback words, but without «سعر»: a partial match
    ("partial", "النفط والمصدرين والبرميل", "اجتماع منظمة المصدرين وإنتاج البرميل " * 6 + "النفط", "اقتصاد", "src", DAY),
]
MODELS = ["rm3", "tfidf"]


@pytest.fixture(scope="module")
def feedback(bench_module):
    return bench_module("feedback")


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    e = engine_at(write_index(tmp_path_factory.mktemp("feedback") / "index", DOCS))
    yield e
    e.close()


def _topics(feedback, engine, models, *queries):
    return feedback.collect(engine, [Topic(f"t{i}", q) for i, q in enumerate(queries)], models, depth=50)


@pytest.mark.parametrize("kind", MODELS)
def test_the_first_pass_is_the_engine(feedback, engine, kind):
    model = feedback.Model(3, 10, "both", kind)
    topics = _topics(feedback, engine, [model], "سعر النفط", "النفط", "اجتماع المصدرين")
    for setting in (None, feedback.Setting(model, 100, 0.0)):
        ranked = feedback.run(topics, setting)
        for topic in topics:
            assert [d for d, _ in ranked[topic.qid]] == [d for d, _ in engine.rank_ids(topic.query)]


@pytest.mark.parametrize("kind", MODELS)
def test_feedback_terms_are_the_best_full_matches_words_not_the_querys(feedback, engine, kind):
    model = feedback.Model(3, 10, "both", kind)
    topic, = _topics(feedback, engine, [model], "سعر النفط")
    terms = dict(topic.terms[model])
    assert {"مصدر", "برميل"} <= set(terms) and not {"سعر", "نفط"} & set(terms)
    assert sum(terms.values()) == pytest.approx(1.0)
    title_only = feedback.Model(3, 10, "title", kind)
    topic, = _topics(feedback, engine, [title_only], "سعر النفط")
    assert topic.terms[title_only] == []  # the feedback titles hold the query's words only


@pytest.mark.parametrize("kind", MODELS)
def test_a_document_sharing_the_feedback_words_ranks_first_at_equal_bm25f(feedback, engine, kind):
    model = feedback.Model(3, 10, "both", kind)
    topic, = _topics(feedback, engine, [model], "سعر النفط")
    full = dict(topic.tiers[0])
    assert full["near"] == pytest.approx(full["far"])
    order = [d for d, _ in feedback.run([topic], feedback.Setting(model, 100, 0.5))[topic.qid]]
    assert order.index("near") < order.index("far")
    # the floor: with fewer full matches than feedback documents, no feedback at all
    wide = feedback.Model(20, 10, "both", kind)
    topic, = _topics(feedback, engine, [wide], "سعر النفط")
    floored = feedback.run([topic], feedback.Setting(wide, 100, 0.5, floor=True))[topic.qid]
    assert floored == feedback.run([topic], None)[topic.qid]


@pytest.mark.parametrize("kind", MODELS)
def test_a_partial_match_stays_after_the_full_ones(feedback, engine, kind):
    model = feedback.Model(3, 10, "both", kind)
    topic, = _topics(feedback, engine, [model], "سعر النفط")
    full, partial = topic.tiers
    assert "partial" in dict(partial) and len(full) == 5
    boosted = topic.feedback[model]
    assert max(boosted[1]) > max(boosted[0])  # the partial match shares the feedback words most
    for scope in ("all", "partial"):
        order = [d for d, _ in feedback.run([topic], feedback.Setting(model, 100, 100.0, scope))[topic.qid]]
        assert set(order[:5]) == set(dict(full)) and order[5] == "partial"
    # only the partial tiers: the full matches keep the first pass's order
    order = [d for d, _ in feedback.run([topic], feedback.Setting(model, 100, 100.0, "partial"))[topic.qid]]
    assert order[:5] == [d for d, _ in full]
