"""An archive updated a little at a time: the segments each small import leaves, and its time.

Copies an index, then imports ``--runs`` files of ``--docs`` articles drawn from the corpus (new
ids, as a day's articles would be), each through ``fahras index`` in its own process as a
scheduled job runs it, and prints each run's wall time and the segment count after it. Search the
copy beside the original with ``bench/latency.py --index COPY --against ... --base-index ...``
to see what the segments cost (docs/benchmarks.md, "Small imports").

    python bench/small_imports.py --index /work/idx/tail31k --copy var/bench/daily --runs 36
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import store  # noqa: E402
from web.supervise import fahras_command  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def segments(index_dir: pathlib.Path) -> list[int]:
    ix = store.open_index(index_dir)
    try:
        return [s.doc_count_all() for s in ix._segments()]
    finally:
        ix.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True, type=pathlib.Path, help="the archive to copy")
    parser.add_argument("--copy", required=True, type=pathlib.Path, help="where the copy goes (replaced)")
    parser.add_argument("--corpus", type=pathlib.Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=36)
    parser.add_argument("--docs", type=int, default=100, help="articles a run")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    shutil.rmtree(args.copy, ignore_errors=True)
    shutil.copytree(args.index, args.copy)
    opener = gzip.open if args.corpus.suffix == ".gz" else open
    with opener(args.corpus, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    picked = random.Random(args.seed).sample(rows, args.runs * args.docs)
    print(f"start: {len(segments(args.copy))} segments")
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            path = pathlib.Path(tmp) / f"run{run}.jsonl"
            with open(path, "w", encoding="utf-8") as f:
                for row in picked[run * args.docs:(run + 1) * args.docs]:
                    f.write(json.dumps({**row, "id": f"run{run:03d}-{row['id']}"}, ensure_ascii=False) + "\n")
            started = time.perf_counter()
            subprocess.run([*fahras_command(), "index", str(path), "--index", str(args.copy)],
                           check=True, capture_output=True)
            seconds = time.perf_counter() - started
            total += seconds
            sizes = segments(args.copy)
            print(f"run {run + 1:3d}: {seconds:5.1f} s, {len(sizes):2d} segments "
                  f"(smallest {sorted(sizes)[:4]})", flush=True)
    print(f"all runs: {total:.1f} s, {total / args.runs:.2f} s a run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
