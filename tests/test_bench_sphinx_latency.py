"""bench/sphinx_latency.py --isolate: which engine a child opens, and the counts it compares."""

from __future__ import annotations

import pytest

pytest.importorskip("pymysql", reason="bench/sphinx_latency.py imports the Sphinx backend: pip install -e '.[sphinx]'")


@pytest.fixture(scope="module")
def latency(bench_module):
    return bench_module("sphinx_latency")


def test_engine_settings(latency):
    whoosh = latency.engine_settings("whoosh:var/bench/w100k")
    assert (whoosh.backend, whoosh.index, whoosh.query_time_limit) == ("whoosh", "var/bench/w100k", None)
    sphinx = latency.engine_settings("var/bench/s100k-2")
    assert (sphinx.backend, sphinx.cluster, sphinx.query_time_limit) == ("sphinx", "var/bench/s100k-2", None)


def _digest(total, stories, facets):
    return {"total": total, "stories": stories, "hits": [], "facets": facets}


def test_counts_agree_counts_each_part_and_only_queries_both_answered(latency):
    answers = {
        ("whoosh", "a"): _digest(10, 9, {"source": [["x", 10]]}),
        ("sphinx", "a"): _digest(10, 9, {"source": [["x", 10]]}),
        ("whoosh", "b"): _digest(5, 5, {"source": [["x", 5]]}),
        ("sphinx", "b"): _digest(5, 4, {"source": [["x", 4]]}),
        ("whoosh", "c"): _digest(7, 7, {}),
        ("sphinx", "c"): _digest(8, 7, {}),
        ("whoosh", "d"): _digest(1, 1, {}),  # refused by the other engine: not compared
    }
    got = latency.counts_agree(answers, "whoosh", "sphinx", ["a", "b", "c", "d"])
    assert got == {"answered": 3, "total": 2, "stories": 2, "facets": 2}
