"""House spellings (issue 19) on the Sphinx backend: the data test asks only the ``Searcher``
interface (per-source counts, a count of both spellings), so a cluster gives what Whoosh gives."""

from __future__ import annotations

import gzip
import itertools

from support.spellings import context_articles, rule_pair_articles
from support.sphinx import sphinx_engine

from search.results import SearchRequest


def test_a_house_spelling_is_found_through_the_cluster(make_cluster, import_file, corpus_path, tmp_path):
    part = tmp_path / "part.jsonl"
    with gzip.open(corpus_path, "rt", encoding="utf-8") as full, open(part, "w", encoding="utf-8") as out:
        out.writelines(itertools.islice(full, 0, None, 12))  # every 12th article, as tests/test_house_spellings.py
    cluster = make_cluster()
    import_file(cluster, part, procs=2)
    engine = sphinx_engine(cluster, query_time_limit=None)
    try:
        word = engine.expanded("الأمريكية").items[0]
        assert "اميركا" in {stem for stem, _weight in word.alternatives}
        assert "استقبل" not in {stem for stem, _weight in engine.expanded("استقبال").items[0].alternatives}
        totals = [engine.search(SearchRequest(q=q)).total_all for q in ("أمريكا", "أميركا")]
        assert min(totals) >= 0.9 * max(totals), totals
    finally:
        engine.close()


def test_a_minority_spelling_is_mined_and_found_through_the_cluster(both_engines):
    """The cluster's import mines the same table as the Whoosh import (from searchd's documents
    and the side stores' tokens), and the expansion reads it the same way."""
    whoosh, sphinx = both_engines(context_articles())
    assert sphinx.backend.context_spellings() == whoosh.backend.context_spellings() == {
        "تليفزيون": ("تلفزيون",), "تلفزيون": ("تليفزيون",)}
    for engine in (whoosh, sphinx):
        assert [engine.search(SearchRequest(q=q)).total_all for q in ("تليفزيون", "تلفزيون", "جبيل")] == [60, 60, 20]


def test_a_rule_pair_is_kept_apart_through_the_cluster(both_engines):
    """The cluster's mining measures the rules' own pairs as the Whoosh import does."""
    whoosh, sphinx = both_engines(rule_pair_articles())
    apart = {("جوبر", "كوبر"), ("هولاند", "هولند")}
    assert sphinx.backend.apart_spellings() == whoosh.backend.apart_spellings() == apart
    for engine in (whoosh, sphinx):
        totals = [engine.search(SearchRequest(q=q)).total_all for q in ("كوبر", "جوبر", "جوجل", "هولاند", "الهولندي")]
        assert totals == [20, 20, 40, 20, 20]


def test_fahras_spellings_mines_a_cluster_table_a_running_engine_then_reads(make_cluster, import_file, tmp_path):
    """`fahras spellings --backend sphinx --cluster DIR` mines the cluster's table again, and an
    open engine reads it at its next refresh (a server's next request)."""
    from support.articles import write_jsonl
    from support.cli import clean_failure, fahras

    from indexer import context_spellings as table

    cluster = make_cluster()
    import_file(cluster, write_jsonl(tmp_path / "a.jsonl", context_articles()))
    (cluster.directory / table.SPELLINGS_FILE).unlink()  # as a cluster imported before the table
    engine = sphinx_engine(cluster, query_time_limit=None)
    try:
        assert engine.search(SearchRequest(q="تلفزيون")).total_all == 40
        done = fahras("spellings", "--backend", "sphinx", "--cluster", cluster.directory)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "measured 2 pairs, accepted 1, kept 0 apart"
        engine.refresh()
        assert engine.search(SearchRequest(q="تلفزيون")).total_all == 60
        refused = fahras("spellings", "--backend", "sphinx", "--cluster", cluster.address)
        clean_failure(refused, "--cluster DIR")  # a coordinator run elsewhere: no side stores here
    finally:
        engine.close()
