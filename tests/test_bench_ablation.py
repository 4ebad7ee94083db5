"""bench/ablation.py: the ranking switches only the relevance report measures.

With every switch at its default the ablation compiler must rank exactly as the runtime does (so
the report's "tuned" row is what users get); each switch must change the scores it claims to.
"""

from __future__ import annotations

import pytest

QUERIES = ["وزارة الصحة", "الهلال الذهب", "مستشفى", '"قناة السويس"', "كتا*", "الذهب -النفط"]


@pytest.fixture(scope="module")
def ablation(bench_module):
    return bench_module("ablation")


def test_defaults_rank_as_the_runtime(ablation, docs_index, engine):
    tuned = ablation.ablation_engine(docs_index)
    try:
        for q in QUERIES:
            assert tuned.rank_ids(q) == engine.rank_ids(q), q
    finally:
        tuned.close()


@pytest.mark.parametrize("base, change", [
    ({}, {"bm25f": False, "k1": 1.2, "b": 0.75, "title_boost": 2.0, "exact_weight": 0.5}),
    ({"bm25f": False}, {"bm25f": False, "title_b": 0.2}),
    ({}, {"phrase_weight": 0.25}),
    ({}, {"roots_weight": 0.2}),
])
def test_each_switch_changes_the_scores(ablation, docs_index, base, change):
    before, after = ablation.ablation_engine(docs_index, **base), ablation.ablation_engine(docs_index, **change)
    try:
        query = "وزارة الصحة"
        ours, theirs = dict(before.rank_ids(query)), dict(after.rank_ids(query))
        assert set(ours) == set(theirs)  # scoring parts only: the same documents match
        assert any(ours[d] != pytest.approx(theirs[d]) for d in ours), change
    finally:
        before.close()
        after.close()
