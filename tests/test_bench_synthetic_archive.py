"""bench/synthetic_archive.py: the JSON Lines archive both backends import holds the articles
bench/sphinx_synthetic.py composes from analysed paragraphs, and each is a valid record."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("pymysql", reason="bench/sphinx_synthetic.py imports the Sphinx backend: pip install -e '.[sphinx]'")


@pytest.fixture(scope="module")
def archive(bench_module):
    return bench_module("synthetic_archive")


@pytest.fixture(scope="module")
def synthetic(bench_module):
    return bench_module("sphinx_synthetic")


def test_text_articles_compose_what_the_analysed_ones_do(archive, synthetic, sample_path):
    records = synthetic.real_records(str(sample_path))
    analysed = [synthetic._article(r) for r in records]  # the Sphinx build's articles, terms and all
    texts = synthetic.text_articles(records)
    n = 3 * len(records) + 7  # past the bases, so that titles repeat
    written = list(archive.synthetic_records(texts, n, seed=1))
    for i in range(0, n, 5):
        base, chosen = synthetic.composition(i, 1, analysed)
        expected = synthetic.composed_record(i, base, chosen)
        assert written[i]["id"] == expected["id"] == f"syn-{i:07d}"
        assert written[i]["body"] == expected["body"]
        assert written[i]["title"] == expected["title"]


def test_records_are_valid_and_unique(archive, synthetic, sample_path):
    from indexer.sources import validate

    records = synthetic.real_records(str(sample_path))
    written = list(archive.synthetic_records(synthetic.text_articles(records), 2 * len(records), seed=3))
    facts = archive.summary(iter(written))
    assert facts["records"] == 2 * len(records) and facts["duplicate_ids"] == 0
    assert facts["max_title_repeats"] == 2
    for r in written[:: 7]:
        clean = validate(json.loads(json.dumps(r, ensure_ascii=False)))  # as a source line is read
        assert clean["date"] is not None and clean["body"] == r["body"]


def test_summary_counts_duplicates(archive):
    rows = [{"id": "a", "title": "t", "body": "x", "date": "2015-01-02"},
            {"id": "a", "title": "t", "body": "xyz", "date": "2015-01-01", "source": "s"}]
    facts = archive.summary(iter(rows))
    assert facts["duplicate_ids"] == 1 and facts["dates"] == ["2015-01-01", "2015-01-02"]
    assert facts["max_title_repeats"] == 2 and facts["sources"] == 2
