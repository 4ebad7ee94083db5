"""A 50 MB document served by ``fahras serve`` (issue 16, item 9): its page, its parts, its JSON
twins, its similar articles and a search finding it, each timed and weighed, side by side with
another checkout (``--baseline``, e.g. ``main``) in one run.

Why: the probe's 50 MB document made its page take 6 s and weigh 50 MB, and ``/similar`` 6 s.
The index now stores a long body in parts (indexer/parts.py) and every reader reads one part. The
document is built from real articles of ``--corpus`` (repeated until it reaches ``--mb``), written
with 200 others to one JSON Lines file; each checkout indexes it with its own ``fahras index``
and serves it with its own ``fahras serve`` (one worker each, both running at once); each
request is sent ``--repeat`` times to each server in turn (the first is each worker's first view of
the document) and the median and worst times are printed.

    python bench/big_document.py --corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz --mb 50 \\
        --baseline ../main
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from web import supervise  # noqa: E402

WORD = "السعودية"


def articles(corpus: pathlib.Path, count: int) -> list[dict]:
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, count)]


def write_source(corpus: pathlib.Path, mb: float, work: pathlib.Path) -> pathlib.Path:
    """One ``mb`` MB document (real articles one after another) and 200 others, as JSON Lines."""
    others = [a for a in articles(corpus, 400) if a.get("body")][:200]
    chunks, size = [], 0
    for a in itertools.cycle(others):
        chunks.append(a["body"])
        size += len(a["body"].encode("utf-8")) + 1
        if size >= mb * 1e6:
            break
    big = {"id": "big", "title": others[0].get("title") or "big", "body": "\n".join(chunks)}
    source = work / "docs.jsonl"
    with open(source, "w", encoding="utf-8") as f:
        for record in [big, *others]:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return source


def fahras_of(checkout: pathlib.Path) -> list[str]:
    """A checkout's own ``fahras`` command (its ``.venv``: ``make install`` made it)."""
    script = checkout / ".venv" / "bin" / "fahras"
    if not script.exists():
        raise click.ClickException(f"{script} is missing: run `make install` in {checkout}")
    return [str(script)]


def timed(url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=300) as r:
            body = r.read()
            return time.perf_counter() - started, r.status, len(body)
    except urllib.error.HTTPError as err:
        return time.perf_counter() - started, err.code, len(err.read())


@click.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path),
              required=True)
@click.option("--mb", default=50.0, show_default=True, help="Size of the long document.")
@click.option("--repeat", default=3, show_default=True)
@click.option("--baseline", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              help="Another checkout (with its .venv) to serve the same documents side by side.")
def main(corpus: pathlib.Path, mb: float, repeat: int, baseline: pathlib.Path | None) -> None:
    """Time a huge document's page, parts, JSON twins and similar articles."""
    checkouts = {"this": ROOT, **({"baseline": baseline.resolve()} if baseline else {})}
    with tempfile.TemporaryDirectory(prefix="fahras-big-") as tmp, contextlib.ExitStack() as servers:
        work = pathlib.Path(tmp)
        source = write_source(corpus, mb, work)
        bases = {}
        for name, checkout in checkouts.items():
            started = time.perf_counter()
            index = work / f"index-{name}"
            subprocess.run([*fahras_of(checkout), "index", str(source), "--index", str(index)],
                           check=True, stdout=subprocess.DEVNULL)
            click.echo(f"{name} ({checkout}): indexed a {mb:g} MB document and 200 others in "
                       f"{time.perf_counter() - started:.0f} s")
            # Ready once the worker has searched (its index and tables open, expansion loaded).
            ready = "/api/v1/search?q=" + urllib.parse.quote(WORD)
            bases[name], _proc = servers.enter_context(supervise.running(
                index, workers=1, env={"FAHRAS_RATE_LIMIT": "0"}, ready=ready, timeout=300,
                fahras=fahras_of(checkout)))
        # How many parts the imported (cleaned) body has, as this checkout's JSON says.
        with urllib.request.urlopen(bases["this"] + "/api/v1/documents/big", timeout=300) as r:
            parts = json.load(r)["parts"]
        click.echo(f"the long body has {parts} parts")
        q = urllib.parse.quote(WORD)
        paths = ["/documents/big", "/documents/big?part=2", f"/documents/big?part={parts}",
                 f"/documents/big?q={q}&part=2", "/documents/big.json", "/api/v1/documents/big",
                 "/api/v1/documents/big?part=2", f"/api/v1/documents/big?q={q}&part=2",
                 "/api/v1/documents/big/similar", f"/api/v1/search?q={q}"]
        names = list(checkouts)
        header = " | ".join(f"{n}: median, s | {n}: worst of {repeat}, s | {n}: status | {n}: bytes"
                            for n in names)
        ratio = " | this / baseline (worst)" if baseline else ""
        click.echo(f"\n| request | {header}{ratio} |\n|---|" + "---:|" * (4 * len(names) + bool(baseline)))
        for path in paths:
            runs: dict[str, list] = {n: [] for n in names}
            for _ in range(repeat):  # in turn, so that both see the same load
                for n in names:
                    runs[n].append(timed(bases[n] + path))
            worst = {n: max(r[0] for r in runs[n]) for n in names}
            cells = " | ".join(f"{statistics.median(r[0] for r in runs[n]):.3f} | {worst[n]:.3f} | "
                               f"{runs[n][0][1]} | {runs[n][0][2]:,}" for n in names)
            extra = f" | {worst['this'] / worst['baseline']:.2f}" if baseline else ""
            click.echo(f"| `{urllib.parse.unquote(path)}` | {cells}{extra} |")


if __name__ == "__main__":
    main()
