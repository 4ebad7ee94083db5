"""The import's output, this checkout's against another's (``--baseline ../main``): row for row.

A change made for speed must not change a single stored byte's meaning. Each checkout imports the
first N records of a source into a cluster layout of its own (no ``searchd``; the Sphinx build
stage is left out: it reads the stores and is not what is guarded) with its own code, in a fresh
interpreter, with the same ``--procs`` and batch size as a real import. Then the shards' side stores
are compared table by table: every document's originals, every field's terms and attributes (the
``tokens`` blob, unpacked), the body parts, the near-duplicate keys with their stories, and the
generation marks. Prints the counts and the first differences; exits 1 when anything differs.

    python bench/import_guard.py SOURCE --baseline ../main [--docs 5000] [--shards 2] [--procs 2]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
# A child importing with another checkout's code (--baseline) imports that checkout's modules.
sys.path.insert(0, os.environ.get("FAHRAS_BENCH_CODE", str(ROOT)))

# (table, its columns as compared, their order); ``tokens`` is compared unpacked (zlib'd JSON).
TABLES = (
    ("docs", "num, id, gen, doc, tokens", "num"),
    ("parts", "num, part, text", "num, part"),
    ("near", "key, num, story", "num, key"),
    ("tombstones", "num, gen", "num"),
    ("meta", "key, value", "key"),
)


def import_into(directory: str, sources: list[str], docs: int, shards: int, procs: int) -> dict:
    """In a child: import the first ``docs`` records into a new cluster layout at ``directory``
    (the stores only: the build stage is replaced by a no-op); the import's counts and CPU."""
    import resource

    from indexer.sources import read_sources
    from search.sphinx_backend import cluster as cl
    from search.sphinx_backend import importer

    importer.build = lambda cluster, stores: []  # the stores are what is compared
    cluster = cl.create(directory, shards)
    started = time.perf_counter()
    summary = importer.import_records(cluster, itertools.islice(read_sources(sources), docs), procs=procs)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"line": summary.line(), "wall": time.perf_counter() - started,
            "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
            "stores": [str(cluster.store_path(node)) for node in cluster.shards]}


def _rows(path: str, table: str, columns: str, order: str) -> list[tuple]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()
    finally:
        db.close()
    if table == "docs":  # the originals and the terms as values, not as their serialisation
        rows = [(num, i, gen, json.loads(doc), json.loads(zlib.decompress(tokens))) for num, i, gen, doc, tokens in rows]
    return rows


def _first_difference(a: tuple, b: tuple) -> str:
    if len(a) > 4 and isinstance(a[4], dict):  # a docs row: (num, id, gen, originals, tokens)
        for key in sorted(set(a[3]) | set(b[3])):
            if a[3].get(key) != b[3].get(key):
                return f"num {a[0]} originals[{key!r}]: {a[3].get(key)!r:.120} != {b[3].get(key)!r:.120}"
        for key in sorted(set(a[4]) | set(b[4])):
            if a[4].get(key) != b[4].get(key):
                return f"num {a[0]} tokens[{key!r}]: {a[4].get(key)!r:.120} != {b[4].get(key)!r:.120}"
    return f"{a!r:.200} != {b!r:.200}"


def compare(baseline: list[str], this: list[str]) -> list[str]:
    """The differences between two imports' stores, shard by shard and table by table."""
    problems = []
    for shard, (a, b) in enumerate(zip(baseline, this, strict=True)):
        for table, columns, order in TABLES:
            rows_a, rows_b = _rows(a, table, columns, order), _rows(b, table, columns, order)
            if len(rows_a) != len(rows_b):
                problems.append(f"shard{shard} {table}: {len(rows_a)} rows against {len(rows_b)}")
            wrong = [(x, y) for x, y in zip(rows_a, rows_b, strict=False) if x != y]
            problems += [f"shard{shard} {table}: {_first_difference(x, y)}" for x, y in wrong[:3]]
            if len(wrong) > 3:
                problems.append(f"shard{shard} {table}: {len(wrong) - 3} more rows differ")
            print(f"shard{shard} {table}: {len(rows_b)} rows, {len(wrong)} differ")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="+")
    ap.add_argument("--baseline", type=pathlib.Path, required=True, help="The checkout to compare with (../main).")
    ap.add_argument("--docs", type=int, default=5000, help="Records to import (the source's first).")
    ap.add_argument("--shards", type=int, default=2)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--child", help=argparse.SUPPRESS)  # a child's cluster directory
    args = ap.parse_args()
    sources = [str(pathlib.Path(s).resolve()) for s in args.source]
    if args.child:
        print(json.dumps(import_into(args.child, sources, args.docs, args.shards, args.procs)))
        return
    work = pathlib.Path(tempfile.mkdtemp(prefix="import-guard-"))
    try:
        results = {}
        for name, code in (("baseline", args.baseline.resolve()), ("this", ROOT)):
            cmd = [sys.executable, __file__, *sources, "--baseline", str(args.baseline), "--docs", str(args.docs),
                   "--shards", str(args.shards), "--procs", str(args.procs), "--child", str(work / name)]
            done = subprocess.run(cmd, env={**os.environ, "FAHRAS_BENCH_CODE": str(code)}, stdout=subprocess.PIPE,
                                  text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"the {name} import failed (exit {done.returncode})")
            results[name] = json.loads(done.stdout.strip().splitlines()[-1])
            r = results[name]
            print(f"[{name}] {r['line']}; {r['wall']:.1f} s wall, {r['cpu']:.1f} CPU s")
        problems = compare(results["baseline"]["stores"], results["this"]["stores"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for problem in problems:
        print("DIFFERENT", problem)
    print("identical" if not problems else f"{len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
