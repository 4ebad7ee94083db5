"""Import speed of the Sphinx backend: a source into a (new or running) local cluster, timed.

Prints the import's summary line, documents per second (wall) and the CPU seconds of this
process and the processes it waited for (the analysis pool, ``indexer``, ``indextool``; not the
``searchd`` nodes, which run on their own), and the index and store sizes per shard.

    python bench/sphinx_import.py SOURCE --cluster var/bench/c31k --shards 2 --procs 2 [--port-base P]
"""

from __future__ import annotations

import argparse
import pathlib
import resource
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _size(path: pathlib.Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="+")
    ap.add_argument("--cluster", required=True)
    ap.add_argument("--shards", type=int, default=2)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--port-base", type=int, default=9500)
    args = ap.parse_args()

    from indexer.sources import read_sources
    from search.sphinx_backend import cluster as cl
    from search.sphinx_backend import importer

    cluster = cl.start(args.cluster, args.shards, args.port_base)
    wall, cpu = time.perf_counter(), _cpu()
    summary = importer.import_records(cluster, read_sources(args.source), procs=args.procs)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    docs = summary.indexed + summary.updated
    print(summary.line())
    print(f"{docs / wall:.1f} docs/s wall, {cpu:.1f} CPU s ({docs / cpu:.0f} docs per CPU-second), "
          f"procs {args.procs}, shards {args.shards}")
    for node in cluster.shards:
        index = _size(cluster.node_dir(node) / "data") / 2**20
        store = cluster.store_path(node).stat().st_size / 2**20
        print(f"{node.name}: index {index:.0f} MB, store {store:.0f} MB")


if __name__ == "__main__":
    main()
