"""`make bench` / `make bench-100k` / `make bench-1m`: every benchmark of issue 7 in one run.

Why one driver: the figures are only comparable when they come from the same run on the same
machine, and the ratios (Fahras against plain Whoosh, 2 processes against 1, p95 against the
target) are what is reported. Steps, each printing its markdown table:

1. the corpus: the real 31k articles, or ``--docs N`` replicated from them (``bench/scale.py``);
2. full builds of the corpus: ``fahras-2`` (the index searched below) and the ``--engines`` peers
   (``fts5``, ``tantivy``; ``bench/peers.py``);
3. the indexing ratios on a ``--ratio-docs`` sample (``bench/index.py``: Fahras and plain
   Whoosh through the same import code, 1 and 2 processes, two rounds with the order reversed);
4. quality of every engine on the dev topics (31k corpus only: the qrels judge its ids);
5. warm latency, interleaved, of every Fahras mode and every peer (``bench/latency.py``);
6. queries/s on 2 gunicorn workers and a worker's RSS after 1,000 queries (``bench/serve_memory.py``).

Everything lands in ``var/bench/<label>/`` (git-ignored) and ``var/bench/<label>.json``.

    python bench/run_all.py                       # 31k, about 15-20 minutes on 2 idle cores
    python bench/run_all.py --docs 100000         # 100k, about an hour
"""

from __future__ import annotations

import json
import pathlib
import platform
import subprocess
import sys
import time

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import index as index_bench  # noqa: E402
import latency as lat  # noqa: E402
import peers as pr  # noqa: E402
import serve_memory as sm  # noqa: E402
from queries import build_queries  # noqa: E402
from scale import CORPUS, write_corpus  # noqa: E402

SHARED = ROOT.parent / "shared"


def machine() -> dict:
    free = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout
    return {"nproc": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
            "free_g": free.strip(), "python": platform.python_version(),
            "platform": platform.platform(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


@click.command()
@click.option("--docs", type=int, default=None, help="Replicate the corpus to N articles (default: the 31k).")
@click.option("--label", default=None, help="Name of the run (default: 31k or <N/1000>k).")
@click.option("--ratio-docs", default=1000, show_default=True,
              help="Sample size of the indexing ratios (0: skip).")
@click.option("--engines", default="fts5,tantivy", show_default=True,
              help="Peers built on the full corpus (whoosh-std: 11 CPU-minutes at 31k, so only in the ratio sample by default).")
@click.option("--skip-build", is_flag=True, help="Reuse the indexes of an earlier run of this label.")
@click.option("--serve-seconds", default=20.0, show_default=True)
def main(docs, label, ratio_docs, engines, skip_build, serve_seconds) -> None:
    """Run every benchmark on one corpus size and print the tables."""
    label = label or ("31k" if docs is None else f"{docs // 1000}k")
    work = ROOT / "var" / "bench" / label
    work.mkdir(parents=True, exist_ok=True)
    peer_names = [e for e in engines.split(",") if e]
    out: dict = {"label": label, "machine": machine()}
    corpus = CORPUS
    if docs is not None:
        corpus = work / f"corpus-{label}.jsonl"
        if not corpus.exists():
            click.echo(f"== replicating {docs} articles → {corpus}", err=True)
            write_corpus(corpus, docs)
    out["corpus"] = str(corpus)

    if not skip_build:
        click.echo("== full builds", err=True)
        builds = [pr.measure_build(e, corpus, work / e) for e in ["fahras-2", *peer_names]]
        out["builds"] = builds
        click.echo(pr.index_table(builds))
        if ratio_docs:
            click.echo(f"== indexing ratios on {ratio_docs} articles (2 rounds)", err=True)
            sample = pr.sample_corpus(CORPUS, ratio_docs, work / f"sample-{ratio_docs}.jsonl")
            names = list(index_bench.ENGINES)
            runs, best = index_bench.compare(sample, names, 2, work / "ratio")
            out["ratio_runs"] = runs
            out["ratios"] = [best[e] for e in names]
            click.echo(index_bench.table(out["ratios"]))
            for line in index_bench.ratios(best):
                click.echo(f"- {line}")

    index = work / "fahras-2"
    if docs is None and (SHARED / "eval/dev/qrels.txt").exists():
        click.echo("== quality on the dev topics", err=True)
        out["quality"] = pr.run_quality(work, index, SHARED / "eval/dev/topics.tsv",
                                        SHARED / "eval/dev/qrels.txt")
        click.echo(pr.quality_table(out["quality"]))

    click.echo("== latency (200 queries, warm, interleaved)", err=True)
    queries = build_queries()
    out["latency"] = lat.run_latency(index, queries, work, peer_names)
    click.echo(lat.latency_table(out["latency"]))

    click.echo("== serving (2 gunicorn workers)", err=True)
    out["serve"] = sm.run_serve(index, queries, workers=2, clients=4, seconds=serve_seconds, after=1000)
    click.echo(sm.serve_table(out["serve"]))

    dest = ROOT / "var" / "bench" / f"{label}.json"
    dest.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    click.echo(f"results: {dest}", err=True)


if __name__ == "__main__":
    main()
