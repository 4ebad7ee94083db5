"""Indexing cost of the Arabic analysis: Fahras against plain Whoosh, one process and two.

Why this benchmark: analysis is what Fahras adds to Whoosh, and what an archive pays for at every
bulk import and re-index. To see that cost and nothing else, both sides go through the very same
import code (:class:`indexer.importer.Importer`: validation, batches of 1,000 with update-by-id,
the process pool for ``--procs``) into the very same fields and stored text; the only difference
is the analyzer of the five text fields:

* ``fahras-N``: Fahras's schema (fold, stop words, stems, exact forms, roots);
* ``whoosh-std-N``: the same schema with Whoosh's ``StandardAnalyzer`` on every text field
  (``bench/peers.py``'s ``whoosh_std_schema``).

Each build runs alone in a child process. Figures per build: wall seconds and docs/s; CPU seconds
of the whole process tree (user + system, pool workers included: the fair figure on a machine
shared with other work); index size on disk; peak RSS of the largest process (``ru_maxrss``) and
the peak PSS of the whole tree sampled every 0.2 s (forked workers share their parent's pages, so
summing RSS would count those twice). ``--rounds 2`` repeats the builds in reversed order and keeps
each engine's fastest round.

Targets (issue 4): Fahras ÷ plain Whoosh time ≤ 1.3; Fahras with 2 processes ≥ 1.6× one.

    python bench/index.py                       # the whole 31k corpus, four builds
    python bench/index.py --docs 2000 --rounds 2
"""

from __future__ import annotations

import json
import pathlib
import shutil
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measure import in_rounds, run_child  # noqa: E402
from peers import dir_size, sample_corpus, whoosh_std_schema  # noqa: E402

CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
ENGINES = ("fahras-1", "whoosh-std-1", "fahras-2", "whoosh-std-2")
TARGET_RATIO = 1.3
TARGET_SPEEDUP = 1.6


def parse_engine(engine: str) -> tuple[str, int]:
    """``"whoosh-std-2"`` → ``("whoosh-std", 2)``."""
    kind, _, procs = engine.rpartition("-")
    if kind not in ("fahras", "whoosh-std") or not procs.isdigit() or int(procs) < 1:
        raise click.BadParameter(f"unknown engine {engine!r}: fahras-N or whoosh-std-N")
    return kind, int(procs)


# -- the build (in the child process) -----------------------------------------------------------
def build_index(kind: str, procs: int, corpus: pathlib.Path, out: pathlib.Path) -> dict:
    """Import ``corpus`` into a new index at ``out`` with Fahras's own import code."""
    from whoosh import index as whoosh_index

    from indexer import store
    from indexer.importer import Importer
    from indexer.sources import read_sources

    if kind == "fahras":
        ix = store.create_or_open(out)
    else:
        out.mkdir(parents=True)
        ix = whoosh_index.create_in(str(out), whoosh_std_schema())
    try:
        summary = Importer(ix, procs=procs).run(read_sources([str(corpus)]))
    finally:
        ix.close()
    return {"indexed": summary.indexed, "updated": summary.updated, "rejected": summary.rejected}


# -- measuring it (in the parent) ---------------------------------------------------------------
def measure(engine: str, corpus: pathlib.Path, out: pathlib.Path) -> dict:
    """Build ``engine``'s index of ``corpus`` at ``out`` in a child process; its figures."""
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    child = run_child([sys.executable, __file__, "build-one", engine, str(corpus), str(out)], engine)
    counts = json.loads(child.stdout.strip().splitlines()[-1])
    docs = counts["indexed"] + counts["updated"]
    return {
        "engine": engine,
        "docs": docs,
        "rejected": counts["rejected"],
        "seconds": round(child.seconds, 1),
        "docs_per_s": round(docs / child.seconds, 1),
        # The pool workers are reaped by the child, so their CPU time is in the child's rusage.
        "cpu_s": round(child.cpu_s, 1),
        "size_mb": round(dir_size(out) / 1e6, 1),
        "peak_rss_mb": round(child.peak_rss_mb, 1),
        "peak_tree_pss_mb": round(child.peak_tree_pss_mb, 1),
    }


def compare(corpus: pathlib.Path, names: list[str], rounds: int,
            workdir: pathlib.Path) -> tuple[list[dict], dict[str, dict]]:
    """Every run of every build (order reversed each round) and the fastest run of each build."""
    return in_rounds(names, rounds, lambda engine: measure(engine, corpus, workdir / engine))


def ratios(best: dict[str, dict]) -> list[str]:
    """The lines that answer the targets, from the builds that were run."""
    lines = []
    for procs in (1, 2):
        a, b = best.get(f"fahras-{procs}"), best.get(f"whoosh-std-{procs}")
        if a and b:
            wall, cpu = a["seconds"] / b["seconds"], a["cpu_s"] / b["cpu_s"]
            lines.append(
                f"Fahras ÷ plain Whoosh, {procs} process{'es' if procs > 1 else ''}: wall {wall:.2f}×, "
                f"CPU {cpu:.2f}× (target ≤ {TARGET_RATIO}: {'met' if wall <= TARGET_RATIO else 'missed'}"
                f" on wall time)"
            )
    for kind in ("fahras", "whoosh-std"):
        one, two = best.get(f"{kind}-1"), best.get(f"{kind}-2")
        if one and two:
            speedup = one["seconds"] / two["seconds"]
            verdict = f" (target ≥ {TARGET_SPEEDUP}: {'met' if speedup >= TARGET_SPEEDUP else 'missed'})"
            lines.append(f"{kind}: 2 processes {speedup:.2f}× faster than 1 in wall time"
                         + (verdict if kind == "fahras" else ""))
    return lines


def table(rows: list[dict]) -> str:
    lines = ["| build | docs | rejected | wall s | docs/s | CPU s | index MB | peak RSS MB (largest process) "
             "| peak PSS MB (all processes) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['engine']} | {r['docs']} | {r['rejected']} | {r['seconds']} | {r['docs_per_s']} | "
              f"{r['cpu_s']} | {r['size_mb']} | {r['peak_rss_mb']} | {r['peak_tree_pss_mb']} |" for r in rows]
    return "\n".join(lines)


@click.group(invoke_without_command=True)
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path),
              default=CORPUS, show_default=True)
@click.option("--docs", type=int, default=None, help="Only the first N articles (a quick sample).")
@click.option("--engines", default=",".join(ENGINES), show_default=True)
@click.option("--rounds", default=1, show_default=True, help="Repeat in reversed order; keep the fastest.")
@click.option("--workdir", type=click.Path(path_type=pathlib.Path), default=ROOT / "var/bench/index",
              show_default=True)
@click.option("--json-out", type=click.Path(path_type=pathlib.Path), default=None)
@click.pass_context
def main(ctx, corpus, docs, engines, rounds, workdir, json_out) -> None:
    """Build every engine's index of the corpus side by side; print the table and the ratios."""
    if ctx.invoked_subcommand is not None:
        return
    names = [e.strip() for e in engines.split(",") if e.strip()]
    for name in names:
        parse_engine(name)
    workdir.mkdir(parents=True, exist_ok=True)
    if docs is not None:
        corpus = sample_corpus(corpus, docs, workdir / f"sample-{docs}.jsonl")
    runs, best = compare(corpus, names, rounds, workdir)
    rows = [best[name] for name in names]
    click.echo(f"corpus: {corpus}\n")
    click.echo(table(rows))
    click.echo("")
    for line in ratios(best):
        click.echo(f"- {line}")
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps({"corpus": str(corpus), "runs": runs, "best": rows,
                                        "ratios": ratios(best)}, indent=2), encoding="utf-8")


@main.command("build-one", hidden=True)
@click.argument("engine")
@click.argument("corpus", type=click.Path(exists=True, path_type=pathlib.Path))
@click.argument("out", type=click.Path(path_type=pathlib.Path))
def build_one(engine: str, corpus: pathlib.Path, out: pathlib.Path) -> None:
    kind, procs = parse_engine(engine)
    click.echo(json.dumps(build_index(kind, procs, corpus, out)))


if __name__ == "__main__":
    main()
