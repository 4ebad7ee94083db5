"""bench/sphinx_floor.py's buckets: a query goes by how much of the archive its full tier matches."""

from __future__ import annotations

import pytest

pytest.importorskip("pymysql", reason="bench/sphinx_floor.py imports the Sphinx backend: pip install -e '.[sphinx]'")


@pytest.fixture(scope="module")
def floor(bench_module):
    return bench_module("sphinx_floor")


@pytest.mark.parametrize("matches, label", [
    (0, "< 10,000"), (9_999, "< 10,000"), (10_000, "10,000-100,000"), (99_999, "10,000-100,000"),
    (100_000, ">= 100,000"), (1_000_000, ">= 100,000"),
])
def test_bucket_at_1m(floor, matches, label):
    assert floor.bucket(matches, 1_000_000) == label


def test_buckets_scale_with_the_archive(floor):
    assert floor.bucket_labels(30_973) == ["< 310", "310-3,097", ">= 3,097"]
    assert floor.bucket(500, 30_973) == "310-3,097"
    assert floor.bucket_labels(1_000_000) == ["< 10,000", "10,000-100,000", ">= 100,000"]


def test_summary_is_in_milliseconds(floor):
    s = floor.summary([0.030, 0.010, 0.020, 0.100])
    assert (s["n"], s["p50"], s["p95"], s["p99"], s["mean"]) == (4, pytest.approx(25), pytest.approx(100),
                                                                 pytest.approx(100), pytest.approx(40))
