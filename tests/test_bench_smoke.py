"""The benchmark scripts run end to end on a tiny corpus, so they cannot rot between `make bench` runs.

300 documents are replicated from the bundled sample archive (which exercises ``bench/scale.py``
too). Only the shape of the outputs is checked: benchmarks print figures, tests never assert
timings.
"""

from __future__ import annotations

import importlib
import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        yield {name: importlib.import_module(name)
               for name in ("scale", "queries", "peers", "latency", "serve_memory", "index", "date_range")}
    finally:
        sys.path.remove(str(ROOT / "bench"))


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, bench):
    """A 300-document corpus, a topics file and the Fahras + peer indexes built from it."""
    work = tmp_path_factory.mktemp("bench")
    corpus = work / "corpus.jsonl"
    assert bench["scale"].write_corpus(corpus, 300, SAMPLE) == 300
    first = json.loads(corpus.read_text(encoding="utf-8").splitlines()[0])
    topics = work / "topics.tsv"
    topics.write_text("qid\tquery\tcriterion\nq1\tشركة ناشئة\tx\nq2\tالتعليم\ty\n", encoding="utf-8")
    qrels = work / "qrels.txt"
    qrels.write_text(f"q1 0 {first['id']} 2\nq2 0 {first['id']} 1\n", encoding="utf-8")
    engines = ["fahras-1", "whoosh-std", "fts5"]
    try:
        import tantivy  # noqa: F401

        engines.append("tantivy")
    except ImportError:
        pass
    builds = [bench["peers"].measure_build(e, corpus, work / "idx" / e) for e in engines]
    return {"work": work, "corpus": corpus, "topics": topics, "qrels": qrels, "builds": builds,
            "index": work / "idx" / "fahras-1", "peers": work / "idx"}


def test_replicated_corpus_has_new_ids_and_shifted_dates(bench):
    recs = list(bench["scale"].replicated(SAMPLE, 400))
    ids = [r["id"] for r in recs]
    assert len(ids) == len(set(ids)) == 400
    n = sum(1 for _ in open(SAMPLE, encoding="utf-8"))
    assert recs[n]["id"] == recs[0]["id"] + "~r1"
    if recs[0].get("date"):
        assert int(recs[n]["date"][:4]) == int(recs[0]["date"][:4]) - 1


def test_query_set_is_seeded_and_sized(bench, tiny):
    q1 = bench["queries"].build_queries(50, corpus=tiny["corpus"], topics=tiny["topics"])
    q2 = bench["queries"].build_queries(50, corpus=tiny["corpus"], topics=tiny["topics"])
    assert q1 == q2 and len(q1) == 50 and q1[:2] == ["شركة ناشئة", "التعليم"]
    assert all(q.strip() for q in q1)


def test_index_builds_report_every_figure(tiny, bench):
    for row in tiny["builds"]:
        assert row["docs"] == 300, row
        assert row["seconds"] > 0 and row["size_mb"] > 0 and row["peak_rss_mb"] > 0
        assert row["analysis"]
    table = bench["peers"].index_table(tiny["builds"])
    assert table.count("\n") == len(tiny["builds"]) + 1


def test_latency_rows_for_every_mode_and_peer(tiny, bench):
    queries = bench["queries"].build_queries(12, corpus=tiny["corpus"], topics=tiny["topics"])
    peers = [b["engine"] for b in tiny["builds"] if b["engine"] != "fahras-1"]
    result = bench["latency"].run_latency(tiny["index"], queries, tiny["peers"], peers, warmup=False)
    names = [r["name"] for r in result["rows"]]
    assert names == [f"fahras {m}" for m in bench["latency"].MODES] + peers
    for row in result["rows"]:
        assert row["n"] == 12 and row["p50_ms"] <= row["p95_ms"] <= row["p99_ms"]
    assert "| fahras facets+hl |" in bench["latency"].latency_table(result)


def test_peer_quality_on_topics(tiny, bench):
    rows = bench["peers"].run_quality(tiny["peers"], tiny["index"], tiny["topics"], tiny["qrels"])
    assert [r["engine"] for r in rows][:2] == ["fahras", "whoosh-std"]
    for r in rows:
        assert 0.0 <= r["ndcg@10"] <= 1.0 and 0.0 <= r["recall@100"] <= 1.0


def test_serve_reports_throughput_and_worker_memory(tiny, bench):
    result = bench["serve_memory"].run_serve(tiny["index"], ["شركة", "التعليم"], workers=2, clients=2,
                                             seconds=1.0, after=10)
    assert result["requests"] > 0 and result["errors"] == 0
    assert len(result["worker_rss_mb"]) == 2 and all(m > 0 for m in result["worker_rss_mb"])


def test_index_benchmark_builds_both_analyses_through_the_same_import(tiny, bench, tmp_path):
    """bench/index.py: Fahras and plain Whoosh, 1 and 2 processes, the same documents in each."""
    ib = bench["index"]
    names = ["fahras-1", "whoosh-std-1", "fahras-2"]
    runs, best = ib.compare(tiny["corpus"], names, 1, tmp_path)
    assert [r["engine"] for r in runs] == names
    assert {r["docs"] for r in runs} == {300} and {r["rejected"] for r in runs} == {0}
    for r in runs:
        assert r["cpu_s"] > 0 and r["size_mb"] > 0 and r["peak_rss_mb"] > 0 and r["peak_tree_pss_mb"] > 0
    # The plain-Whoosh index really is plain Whoosh: no Fahras version stamp, another analyzer.
    assert (tmp_path / "fahras-1" / "fahras.json").exists()
    assert not (tmp_path / "whoosh-std-1" / "fahras.json").exists()
    lines = ib.ratios(best)
    assert any(line.startswith("Fahras ÷ plain Whoosh, 1 process:") for line in lines)
    assert any(line.startswith("fahras: 2 processes") for line in lines)
    assert "| fahras-2 | 300 |" in ib.table([best[n] for n in names])


def test_a_stack_gives_every_copy_its_own_segment_id(tiny, bench, tmp_path):
    """Like a real index: nothing keyed by segment id (the postings cache) may find one copy's
    entries for another."""
    from support.articles import engine_at
    from whoosh import index as whoosh_index

    from search import SearchRequest

    docs = bench["scale"].stack_index(tiny["index"], tmp_path / "stack", 3)
    ix = whoosh_index.open_dir(str(tmp_path / "stack"))
    ids = [seg.segment_id() for seg in ix._segments()]
    ix.close()
    assert len(ids) == len(set(ids)) == 3 * len(whoosh_index.open_dir(str(tiny["index"]))._segments())
    engine = engine_at(tmp_path / "stack")
    try:
        assert engine.search(SearchRequest(q="")).total == docs == 900
        one = engine_at(tiny["index"])
        assert engine.search(SearchRequest(q="التعليم")).total == 3 * one.search(SearchRequest(q="التعليم")).total
        one.close()
    finally:
        engine.close()


def test_date_range_benchmark_compares_both_ways(tiny, bench):
    from click.testing import CliRunner

    result = CliRunner().invoke(bench["date_range"].main, ["--index", str(tiny["index"]), "--runs", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.count("× |") == len(bench["date_range"].RANGES)


def test_small_imports_report_each_run_and_its_segments(tiny, tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "small_imports.py"), "--index", str(tiny["index"]),
         "--copy", str(tmp_path / "copy"), "--corpus", str(SAMPLE), "--runs", "5", "--docs", "4"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("start: ") and lines[-1].startswith("all runs: ")
    runs = [line for line in lines if line.startswith("run ")]
    assert len(runs) == 5 and all(" segments " in line for line in runs)
