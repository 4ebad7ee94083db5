"""Search latency and memory of the Whoosh backend and the Sphinx backend, side by side in one run.

Each query of ``bench/queries.py`` goes to every engine in turn (the order rotating from query to
query, so a burst of someone else's load does not land on one engine only), for the plain search
(no facets, no highlights) and the site's full search (facets + highlights), after one warm-up
pass. Engines: a Whoosh index and any number of Sphinx clusters (e.g. one of 1 shard and one of 2
holding the same documents). Memory: the RSS and PSS of each cluster's searchd processes and of
this process.

    python bench/sphinx_latency.py --whoosh-index var/w31k --cluster var/c31k-1 --cluster var/c31k-2
        [--queries 200] [--json-out FILE] [--no-collapse]

``--no-collapse``: every search with ``collapse`` off (no story walk: its near-duplicate look-ups
depend on how many copies an archive holds, which the synthetic 100k/1M builds of
bench/sphinx_synthetic.py do not have), so that clusters of real and synthetic articles compare.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.latency import fahras_call, summarize  # noqa: E402
from bench.queries import build_queries  # noqa: E402
from search import EngineSettings, QueryError, open_engine  # noqa: E402
from search.results import SearchRequest  # noqa: E402

MODES = ("plain", "facets+hl")


def memory_kb(pid: int) -> dict[str, int]:
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                out["rss_kb"] = int(line.split()[1])
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                out["pss_kb"] = int(line.split()[1])
    return out


def flat_call(engine, mode: str):
    """:func:`bench.latency.fahras_call`'s plain and full search, with ``collapse`` off."""
    full = mode != "plain"
    return lambda q: engine.search(SearchRequest(q=q, collapse=False), facets=full, highlight=full)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--whoosh-index", default=None)
    ap.add_argument("--cluster", action="append", default=[])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--json-out", default=None)
    ap.add_argument("--no-collapse", action="store_true", help="searches without the story walk")
    args = ap.parse_args()

    from search.sphinx_backend import cluster as cl

    engines = {}
    if args.whoosh_index:
        engines["whoosh"] = open_engine(EngineSettings(index=args.whoosh_index, query_time_limit=None))
    clusters = {}
    for spec in args.cluster:
        cluster = cl.load(spec)
        name = f"sphinx-{len(cluster.shards)} {pathlib.Path(spec).name}"
        clusters[name] = cluster
        engines[name] = open_engine(EngineSettings(backend="sphinx", cluster=spec, query_time_limit=None))
    calls = {f"{e} {m}": fahras_call(engine, m) for e, engine in engines.items() for m in MODES}
    if args.no_collapse:
        calls = {f"{e} {m}": flat_call(engine, m) for e, engine in engines.items() for m in MODES}
    queries = build_queries(total=args.queries)
    for q in queries:  # warm-up: every engine's full search once
        for e in engines:
            try:
                calls[f"{e} facets+hl"](q)
            except QueryError:
                pass
    names = list(calls)
    times: dict[str, list[float]] = {n: [] for n in names}
    for i, q in enumerate(queries):
        for name in names[i % len(names):] + names[: i % len(names)]:
            t = time.perf_counter()
            try:
                calls[name](q)
            except QueryError:
                continue
            times[name].append(time.perf_counter() - t)
    rows = summarize(times)
    memory = {"python": memory_kb(__import__("os").getpid())}
    for name, cluster in clusters.items():
        for node in cluster.nodes:
            pid = cluster.pid(node)
            if pid is not None:
                memory[f"{name} {node.name}"] = memory_kb(pid)
    documents = {name: cl.status(c.directory)["nodes"][0]["documents"] for name, c in clusters.items()}
    print(f"{'engine mode':<34}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for r in rows:
        print(f"{r['name']:<34}{r['n']:>5}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}")
    print("memory (MB):  " + ", ".join(f"{k} rss {v['rss_kb'] / 1024:.0f} pss {v['pss_kb'] / 1024:.0f}"
                                        for k, v in memory.items()))
    print(f"documents: {documents}")
    for engine in engines.values():
        engine.close()
    if args.json_out:
        pathlib.Path(args.json_out).write_text(json.dumps(
            {"queries": len(queries), "rows": rows, "memory_kb": memory, "documents": documents}, indent=2) + "\n")


if __name__ == "__main__":
    main()
