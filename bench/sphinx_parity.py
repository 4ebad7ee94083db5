"""Relevance and result parity of the Sphinx backend with the Whoosh backend, side by side.

Runs the dev topics through both backends (the search façade's engine on a Whoosh index and on a
cluster holding the same corpus, as ``fahras eval --backend`` opens them) and prints nDCG@10, Recall@100,
MRR@10, P@10 of each and their differences (the target: within 0.01), then, on the 200 benchmark
queries (``bench/queries.py``), how often totals, top-10 lists and facet counts agree.

    python bench/sphinx_parity.py --whoosh-index var/w31k --cluster var/c31k [--import CORPUS]
        [--shards 2] [--port-base 9460] [--json-out FILE]

``--import`` first starts the cluster (if need be) and imports the corpus into it, timing it;
``--native`` measures Sphinx's own ``bm25f()`` order, without Fahras's re-scoring of the top.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.queries import build_queries  # noqa: E402
from search import EngineSettings, SearchRequest, open_engine  # noqa: E402
from search.evaluation.judgments import read_qrels, read_topics  # noqa: E402
from search.evaluation.metrics import METRICS, engine_run, measure  # noqa: E402

SHARED = ROOT.parent / "shared"


def facet_table(result) -> dict:
    return {k: [(v.value, v.count) for v in vals] for k, vals in result.facets.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--whoosh-index", required=True)
    ap.add_argument("--cluster", required=True)
    ap.add_argument("--import", dest="corpus", default=None, help="import this corpus first")
    ap.add_argument("--shards", type=int, default=2)
    ap.add_argument("--port-base", type=int, default=9460)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--topics", default=str(SHARED / "eval/dev/topics.tsv"))
    ap.add_argument("--qrels", default=str(SHARED / "eval/dev/qrels.txt"))
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--native", action="store_true",
                    help="Sphinx's own bm25f() order only (no re-scoring of the top documents)")
    ap.add_argument("--json-out", default=None)
    args = ap.parse_args()

    from indexer.sources import read_sources
    from search.sphinx_backend import cluster as cl
    from search.sphinx_backend import importer

    report: dict = {}
    cluster = cl.start(args.cluster, args.shards, args.port_base)
    if args.corpus:
        t = time.perf_counter()
        summary = importer.import_records(cluster, read_sources([args.corpus]), procs=args.procs)
        seconds = time.perf_counter() - t
        report["import"] = {"documents": summary.indexed + summary.updated, "seconds": round(seconds, 1),
                            "docs_per_s": round((summary.indexed + summary.updated) / seconds, 1)}
        print(f"import: {summary.line()} ({report['import']['docs_per_s']} docs/s, procs {args.procs})")

    whoosh = open_engine(EngineSettings(index=args.whoosh_index, query_time_limit=None))
    sphinx = open_engine(EngineSettings(backend="sphinx", cluster=args.cluster, query_time_limit=None))
    sphinx.backend.rescoring = not args.native
    topics, qrels = read_topics(args.topics), read_qrels(args.qrels)
    runs = {"whoosh": engine_run(whoosh, topics), "sphinx": engine_run(sphinx, topics)}
    metrics = {name: measure(run, qrels)[0] for name, run in runs.items()}
    report["relevance"] = metrics
    print(f"{'metric':<12}{'whoosh':>9}{'sphinx':>9}{'diff':>9}")
    for m in METRICS:
        w, s = metrics["whoosh"].get(m, 0.0), metrics["sphinx"].get(m, 0.0)
        print(f"{m:<12}{w:>9.4f}{s:>9.4f}{s - w:>+9.4f}")
    overlaps = []
    for t in topics:
        a = [d for d, _ in runs["whoosh"][t.qid][:10]]
        b = [d for d, _ in runs["sphinx"][t.qid][:10]]
        overlaps.append(len(set(a) & set(b)) / max(1, len(a)))
    report["topic_top10_overlap"] = round(sum(overlaps) / len(overlaps), 4)
    print(f"top-10 overlap on the topics: {report['topic_top10_overlap']:.3f}")

    queries = build_queries(total=args.queries)
    same_total = same_top = same_facets = same_set = 0
    diffs = []
    for q in queries:
        rw = whoosh.search(SearchRequest(q=q))
        rs = sphinx.search(SearchRequest(q=q))
        same_total += rw.total == rs.total
        top_w, top_s = [h.id for h in rw.hits], [h.id for h in rs.hits]
        same_top += top_w == top_s
        same_set += set(top_w) == set(top_s)
        same_facets += facet_table(rw) == facet_table(rs)
        if rw.total != rs.total or facet_table(rw) != facet_table(rs):
            diffs.append({"q": q, "whoosh": rw.total, "sphinx": rs.total})
    n = len(queries)
    report["queries"] = {"n": n, "same_total": same_total, "same_top10_order": same_top,
                         "same_top10_set": same_set, "same_facets": same_facets, "differences": diffs[:20]}
    print(f"{n} queries: totals equal {same_total}, facet counts equal {same_facets}, "
          f"top-10 same set {same_set}, same order {same_top}")
    for d in diffs[:10]:
        print(f"  differs: {d}")
    whoosh.close()
    sphinx.close()
    if args.json_out:
        pathlib.Path(args.json_out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
