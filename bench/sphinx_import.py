"""Import speed of the Sphinx backend: a source into a (new or running) local cluster, timed.

Prints the import's summary line, documents per second (wall) and the CPU seconds of this
process and the processes it waited for (the analysis pool, ``indexer``, ``indextool``; not the
``searchd`` nodes, which run on their own), split into the parent's share and the children's and
into the two phases (analysing + storing the batches, then building the indexes), and the index
and store sizes per shard. The cluster is stopped at the end unless ``--keep``.

With ``--baseline ../main`` the same import runs at the same time with another checkout's code
(its own cluster under ``DIR-baseline``, ports ``P+20`` on), so that both meet the same load on a
shared machine; both reports are printed, with the ratio of their docs/s and docs per CPU-second.

    python bench/sphinx_import.py SOURCE --cluster var/bench/c31k --shards 2 --procs 2 [--port-base P]
    python bench/sphinx_import.py SOURCE --cluster var/bench/c31k --baseline ../main
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
# A child timing another checkout (--baseline) imports that checkout's code.
sys.path.insert(0, os.environ.get("FAHRAS_BENCH_CODE", str(ROOT)))


def _cpu() -> tuple[float, float]:
    """(this process's CPU seconds, its waited-for children's)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def _size(path: pathlib.Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run(args: argparse.Namespace) -> dict:
    from indexer.sources import read_sources
    from search.sphinx_backend import cluster as cl
    from search.sphinx_backend import importer

    built: dict[str, float] = {}
    build = importer.build

    def timed_build(*a, **kw):  # the second phase, timed where the import calls it
        wall, (me, kids) = time.perf_counter(), _cpu()
        try:
            return build(*a, **kw)
        finally:
            now_me, now_kids = _cpu()
            built.update(wall=time.perf_counter() - wall, cpu=now_me - me + now_kids - kids)

    importer.build = timed_build
    cluster = cl.start(args.cluster, args.shards, args.port_base)
    try:
        wall, (me, kids) = time.perf_counter(), _cpu()
        summary = importer.import_records(cluster, read_sources(args.source), procs=args.procs)
        wall = time.perf_counter() - wall
        now_me, now_kids = _cpu()
        sizes = {node.name: (_size(cluster.node_dir(node) / "data"), cluster.store_path(node).stat().st_size)
                 for node in cluster.shards}
    finally:
        if not args.keep:
            cl.stop(args.cluster)
    docs = summary.indexed + summary.updated
    return {"line": summary.line(), "docs": docs, "wall": wall, "parent_cpu": now_me - me,
            "children_cpu": now_kids - kids, "build_wall": built.get("wall", 0.0),
            "build_cpu": built.get("cpu", 0.0), "sizes": sizes, "load": os.getloadavg()[0]}


def report(name: str, r: dict, procs: int, shards: int) -> None:
    cpu = r["parent_cpu"] + r["children_cpu"]
    print(f"[{name}] {r['line']}")
    print(f"[{name}] {r['docs'] / r['wall']:.1f} docs/s wall, {cpu:.1f} CPU s ({r['docs'] / cpu:.0f} docs per "
          f"CPU-second): parent {r['parent_cpu']:.1f}, children {r['children_cpu']:.1f}; procs {procs}, "
          f"shards {shards}, load average {r['load']:.1f} at the end")
    analyse_wall, analyse_cpu = r["wall"] - r["build_wall"], cpu - r["build_cpu"]
    print(f"[{name}] analyse + store: {analyse_wall:.1f} s wall, {analyse_cpu:.1f} CPU s "
          f"({r['docs'] / analyse_wall:.0f} docs/s); build (indexer, global IDF, reload): "
          f"{r['build_wall']:.1f} s wall, {r['build_cpu']:.1f} CPU s")
    for node, (index, store) in r["sizes"].items():
        print(f"[{name}] {node}: index {index / 2**20:.0f} MB, store {store / 2**20:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="+")
    ap.add_argument("--cluster", required=True)
    ap.add_argument("--shards", type=int, default=2)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--port-base", type=int, default=9500)
    ap.add_argument("--keep", action="store_true", help="Leave the cluster running.")
    ap.add_argument("--baseline", type=pathlib.Path, help="Another checkout to import with at the same time.")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # a --baseline child
    args = ap.parse_args()
    if args.json:
        print(json.dumps(run(args)))
        return
    if args.baseline is None:
        report("this", run(args), args.procs, args.shards)
        return
    children = {}
    for name, code, suffix, port in (("baseline", args.baseline.resolve(), "-baseline", args.port_base + 20),
                                     ("this", ROOT, "", args.port_base)):
        cmd = [sys.executable, __file__, *args.source, "--cluster", args.cluster + suffix, "--shards",
               str(args.shards), "--procs", str(args.procs), "--port-base", str(port), "--json",
               *(["--keep"] if args.keep else [])]
        # PYTHONPATH: the feed that ``indexer`` starts (python -m search.sphinx_backend.feed) is
        # that checkout's too, not the one the interpreter has installed.
        env = {**os.environ, "FAHRAS_BENCH_CODE": str(code),
               "PYTHONPATH": os.pathsep.join(filter(None, (str(code), os.environ.get("PYTHONPATH"))))}
        children[name] = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
    results = {}
    for name, child in children.items():
        out, _ = child.communicate()
        if child.returncode != 0:
            raise SystemExit(f"the {name} import failed (exit {child.returncode})")
        results[name] = json.loads(out.strip().splitlines()[-1])
        report(name, results[name], args.procs, args.shards)
    b, t = results["baseline"], results["this"]
    per_cpu = [r["docs"] / (r["parent_cpu"] + r["children_cpu"]) for r in (b, t)]
    print(f"this / baseline: docs/s wall {t['docs'] / t['wall'] / (b['docs'] / b['wall']):.2f}x, "
          f"docs per CPU-second {per_cpu[1] / per_cpu[0]:.2f}x (the two imports ran at the same time)")


if __name__ == "__main__":
    main()
