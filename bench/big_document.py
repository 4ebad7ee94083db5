"""A 50 MB document served by ``fahras serve`` (issue 16, item 9): its page, a later part of it
and its similar articles, each timed and weighed.

Why: the probe's 50 MB document made its page take 6 s and weigh 50 MB, and ``/similar`` 6 s.
The page now shows one part (``web.presenters.PART_CHARS``) with links to the others, and similar
articles are found from the first ``SIMILAR_CHARS`` of the body. The document is built from real
articles of ``--corpus`` (repeated until it reaches ``--mb``), indexed with a few others, then each
request is sent ``--repeat`` times to a one-worker server; the worst time is printed.

    python bench/big_document.py --corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz --mb 50
"""

from __future__ import annotations

import gzip
import itertools
import json
import pathlib
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.importer import import_records  # noqa: E402
from indexer.sources import read_sources  # noqa: E402
from web import supervise  # noqa: E402


def articles(corpus: pathlib.Path, count: int) -> list[dict]:
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, count)]


def build(corpus: pathlib.Path, mb: float, work: pathlib.Path) -> pathlib.Path:
    """An index with one ``mb`` MB document (real articles one after another) and 200 others."""
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
    import_records(work / "index", read_sources([str(source)]))
    return work / "index"


def timed(url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as r:
        body = r.read()
        return time.perf_counter() - started, r.status, len(body)


@click.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path),
              required=True)
@click.option("--mb", default=50.0, show_default=True, help="Size of the long document.")
@click.option("--repeat", default=3, show_default=True)
def main(corpus: pathlib.Path, mb: float, repeat: int) -> None:
    """Time a huge document's page, a later part and its similar articles."""
    with tempfile.TemporaryDirectory(prefix="fahras-big-") as tmp:
        started = time.perf_counter()
        index = build(corpus, mb, pathlib.Path(tmp))
        click.echo(f"indexed a {mb:g} MB document and 200 others in {time.perf_counter() - started:.0f} s")
        ready = "/api/v1/search?q=" + urllib.parse.quote("السعودية")
        with supervise.running(index, workers=1, env={"FAHRAS_RATE_LIMIT": "0"}, ready=ready) as (base, _proc):
            click.echo(f"| request | worst of {repeat}, s | status | bytes |\n|---|---:|---:|---:|")
            for path in ("/documents/big", "/documents/big?part=2", "/api/v1/documents/big/similar", ready):
                runs = [timed(base + path) for _ in range(repeat)]
                click.echo(f"| `{urllib.parse.unquote(path)}` | {max(r[0] for r in runs):.3f} | "
                           f"{runs[0][1]} | {runs[0][2]:,} |")

if __name__ == "__main__":
    main()
