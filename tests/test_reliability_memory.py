"""A worker's memory under a stream of unique, absurdly long words (issue 16, item 5).

The stream of ``bench/memory_stream.py`` (9,990-letter words through ``/api/v1/analyze``,
1,990-letter ones through ``/api/v1/search``) against a real ``fahras serve`` with one worker,
shorter than the benchmark's 10,000 words but long enough to see growth: before the fix each
search of such a word built a 2,000-letter edit-distance automaton for did-you-mean (0.9 s a
request) and the worker grew 17% in 400 requests.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def stream(bench_module):
    return bench_module("memory_stream")


@pytest.mark.slow
def test_worker_rss_stays_flat_under_unique_long_words(sample_path, tmp_path, stream):
    from support.articles import import_jsonl

    import_jsonl(tmp_path / "index", sample_path)
    curve = stream.measure(tmp_path / "index", words=400, every=50)
    ok, reference, low, high = stream.flat(curve, 0.10)
    assert ok, curve

