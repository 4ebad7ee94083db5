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

``--isolate``: each engine (the Whoosh index, each cluster) is searched by a child process of its
own (the time taken in the child, around the search), so that each engine's Python process has
its own memory figure, beside its searchd nodes': what one site worker of each backend holds.
The children answer the same queries in rotation, and their full searches' totals and facet
counts are compared with the first engine's (the same articles must count alike).

    python bench/sphinx_latency.py --isolate --whoosh-index var/bench/w100k \
        --cluster var/bench/s100k-1 --cluster var/bench/s100k-2 --queries 200 [--json-out FILE]

``--baseline ../main``: each cluster is searched by this checkout's code and by another's, each in
a child process of its own (the same harness; the time is taken in the child, around the search),
query by query in rotation, after the warm-up; and the two answers of each full search are
compared (total, stories, each hit's id, score, title and snippet HTML and folded copies, the
facets): the count of queries whose answers differ is printed, with the first few; then the
memory of each child and each searchd.

    python bench/sphinx_latency.py --cluster var/c31k-1 --baseline ../main [--no-collapse]
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
# A child searching with another checkout's code (--baseline) imports that checkout's code.
sys.path.insert(0, os.environ.get("FAHRAS_BENCH_CODE", str(ROOT)))

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


def digest(result) -> dict:
    """What two versions of the code must answer alike (not ``took_ms``)."""
    return {
        "total": result.total, "stories": result.total_stories,
        "hits": [[h.id, round(h.score, 6) if h.score is not None else None, h.title_html, h.snippet_html,
                  [d.id for d in h.duplicates]] for h in result.hits],
        "facets": {name: [[v.value, v.count] for v in values] for name, values in result.facets.items()},
    }


def engine_settings(spec: str) -> EngineSettings:
    """``whoosh:DIR`` is a Whoosh index, anything else a Sphinx cluster (a directory)."""
    if spec.startswith("whoosh:"):
        return EngineSettings(index=spec.removeprefix("whoosh:"), query_time_limit=None)
    return EngineSettings(backend="sphinx", cluster=spec, query_time_limit=None)


def child(spec: str, collapse: bool) -> None:
    """Search ``spec`` (:func:`engine_settings`) with the code on ``sys.path`` for each request line
    of stdin; one line of JSON a search on stdout: seconds (None: the query was refused) and the
    answer's digest."""
    engine = open_engine(engine_settings(spec))
    print(json.dumps({"code": str(pathlib.Path(sys.modules["search"].__file__).parent.parent)}), flush=True)
    for line in sys.stdin:
        ask = json.loads(line)
        full = ask["mode"] != "plain"
        t = time.perf_counter()
        try:
            result = engine.search(SearchRequest(q=ask["q"], collapse=collapse), facets=full, highlight=full)
        except QueryError:
            print(json.dumps({"s": None}), flush=True)
            continue
        print(json.dumps({"s": time.perf_counter() - t, "digest": digest(result) if full else None}), flush=True)
    engine.close()


class Child:
    """A child process searching one cluster with one checkout's code (:func:`child`)."""

    def __init__(self, code: pathlib.Path, spec: str, collapse: bool) -> None:
        cmd = [sys.executable, __file__, "--child", "--cluster", spec, *([] if collapse else ["--no-collapse"])]
        self.proc = subprocess.Popen(cmd, env={**os.environ, "FAHRAS_BENCH_CODE": str(code)}, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.code = json.loads(self.proc.stdout.readline())["code"]

    def search(self, q: str, mode: str) -> dict:
        self.proc.stdin.write(json.dumps({"q": q, "mode": mode}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def against_baseline(args: argparse.Namespace) -> None:
    """This checkout's code and the baseline's on each cluster, side by side (module docstring)."""
    from search.sphinx_backend import cluster as cl

    names = {spec: f"sphinx-{len(cl.load(spec).shards)} {pathlib.Path(spec).name}" for spec in args.cluster}
    children: dict[str, Child] = {}
    for spec, name in names.items():
        for code, label in ((ROOT, "this"), (args.baseline.resolve(), "baseline")):
            children[f"{label} {name}"] = Child(code, spec, not args.no_collapse)
    print("code: " + ", ".join(f"{n} from {c.code}" for n, c in children.items()))
    queries = build_queries(total=args.queries)
    times, answers = rotate(children, queries)
    print(f"{'engine mode':<44}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for r in summarize(times):
        print(f"{r['name']:<44}{r['n']:>5}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}")
    for name in names.values():
        pairs = [(q, answers.get((f"this {name}", q)), answers.get((f"baseline {name}", q))) for q in queries]
        differ = [(q, a, b) for q, a, b in pairs if a != b]
        top10 = sum(1 for _q, a, b in pairs if a and b and [h[0] for h in a["hits"]] == [h[0] for h in b["hits"]])
        snippets = sum(1 for _q, a, b in pairs if a and b and [h[3] for h in a["hits"]] == [h[3] for h in b["hits"]])
        print(f"{name}: full-search answers equal {len(pairs) - len(differ)}/{len(pairs)} "
              f"(same hits in order {top10}, same snippets {snippets})")
        for q, a, b in differ[:3]:
            print(f"  differs: {q!r}\n    this     {json.dumps(a, ensure_ascii=False)[:600]}\n"
                  f"    baseline {json.dumps(b, ensure_ascii=False)[:600]}")
    memory = {label: memory_kb(c.proc.pid) for label, c in children.items()}
    for spec, name in names.items():
        cluster = cl.load(spec)
        memory.update({f"{name} {node.name}": memory_kb(pid) for node in cluster.nodes
                       if (pid := cluster.pid(node)) is not None})
    print_memory(memory)
    for c in children.values():
        c.close()


def rotate(children: dict[str, Child], queries: list[str],
           ) -> tuple[dict[str, list[float]], dict[tuple[str, str], dict]]:
    """Every child's plain and full search of each query, after a warm-up pass of full searches,
    the order rotating from query to query: the seconds of each (child, mode) and the digest of
    each (child, query)'s full search."""
    for q in queries:  # warm-up
        for c in children.values():
            c.search(q, "facets+hl")
    calls = [f"{n} {m}" for n in children for m in MODES]
    times: dict[str, list[float]] = {n: [] for n in calls}
    answers: dict[tuple[str, str], dict] = {}
    for i, q in enumerate(queries):
        for name in calls[i % len(calls):] + calls[: i % len(calls)]:
            label, mode = name.rsplit(" ", 1)
            out = children[label].search(q, mode)
            if out["s"] is None:
                continue
            times[name].append(out["s"])
            if out["digest"] is not None:
                answers[(label, q)] = out["digest"]
    return times, answers


def counts_agree(answers: dict[tuple[str, str], dict], first: str, other: str, queries: list[str]) -> dict[str, int]:
    """How many of ``queries`` the full searches of engines ``first`` and ``other`` answered with
    the same total, the same story count, the same facet counts (the same articles must count
    alike whatever the engine; the order of near-ties may differ), out of those both answered."""
    pairs = [(answers[(first, q)], answers[(other, q)]) for q in queries
             if (first, q) in answers and (other, q) in answers]
    return {"answered": len(pairs), "total": sum(a["total"] == b["total"] for a, b in pairs),
            "stories": sum(a["stories"] == b["stories"] for a, b in pairs),
            "facets": sum(a["facets"] == b["facets"] for a, b in pairs)}


def isolated(args: argparse.Namespace) -> None:
    """Each engine in a child process of its own, side by side (module docstring)."""
    from search.sphinx_backend import cluster as cl

    specs = {"whoosh": f"whoosh:{args.whoosh_index}"} if args.whoosh_index else {}
    clusters = {}
    for spec in args.cluster:
        cluster = cl.load(spec)
        name = f"sphinx-{len(cluster.shards)} {pathlib.Path(spec).name}"
        clusters[name], specs[name] = cluster, spec
    children = {name: Child(ROOT, spec, not args.no_collapse) for name, spec in specs.items()}
    queries = build_queries(total=args.queries)
    t0 = time.time()
    load = [os.getloadavg()[0]]
    times, answers = rotate(children, queries)
    load.append(os.getloadavg()[0])
    rows = summarize(times)
    print(f"{'engine mode':<34}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for r in rows:
        print(f"{r['name']:<34}{r['n']:>5}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}")
    first = next(iter(children))
    agree = {name: counts_agree(answers, first, name, queries) for name in list(children)[1:]}
    for name, a in agree.items():
        print(f"{name} against {first}: of {a['answered']} full searches, totals equal {a['total']}, "
              f"story counts {a['stories']}, facet counts {a['facets']}")
    memory = {f"{name} python": memory_kb(c.proc.pid) for name, c in children.items()}
    for name, cluster in clusters.items():
        memory.update({f"{name} {node.name}": memory_kb(pid) for node in cluster.nodes
                       if (pid := cluster.pid(node)) is not None})
    print_memory(memory)
    documents = {name: cl.status(c.directory)["nodes"][0]["documents"] for name, c in clusters.items()}
    print(f"documents: {documents}; {time.time() - t0:.0f} s, load average {load[0]:.1f} before, {load[1]:.1f} after")
    for c in children.values():
        c.close()
    if args.json_out:
        pathlib.Path(args.json_out).write_text(json.dumps(
            {"queries": len(queries), "rows": rows, "memory_kb": memory, "documents": documents,
             "agree": agree, "load": load, "collapse": not args.no_collapse}, indent=2) + "\n")


def print_memory(memory: dict[str, dict[str, int]]) -> None:
    print("memory (MB):  " + ", ".join(f"{k} rss {v['rss_kb'] / 1024:.0f} pss {v['pss_kb'] / 1024:.0f}"
                                        for k, v in memory.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--whoosh-index", default=None)
    ap.add_argument("--cluster", action="append", default=[])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--json-out", default=None)
    ap.add_argument("--no-collapse", action="store_true", help="searches without the story walk")
    ap.add_argument("--baseline", type=pathlib.Path, help="another checkout's code, side by side")
    ap.add_argument("--isolate", action="store_true", help="each engine searched by a child process of its own")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # one code's searches
    args = ap.parse_args()
    if args.child:
        child(args.cluster[0], not args.no_collapse)
        return
    if args.isolate:
        isolated(args)
        return
    if args.baseline is not None:
        against_baseline(args)
        return

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
    print_memory(memory)
    print(f"documents: {documents}")
    for engine in engines.values():
        engine.close()
    if args.json_out:
        pathlib.Path(args.json_out).write_text(json.dumps(
            {"queries": len(queries), "rows": rows, "memory_kb": memory, "documents": documents}, indent=2) + "\n")


if __name__ == "__main__":
    main()
