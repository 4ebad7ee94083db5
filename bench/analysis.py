"""Analysis throughput: Fahras's full chain against Whoosh's StandardAnalyzer, side by side.

Analyzes the title and body of the first N articles (default 5,000) of SaudiNewsNet with each
analyzer in the same process, interleaved round by round so machine noise hits both alike, and
prints tokens/s, the cost ratio per input word (target: Fahras ≤ 3× StandardAnalyzer) and the stem
cache hit rate.

The ratio is per *input word* (what the tokenizer finds, nearly the same count for both): Fahras
drops Arabic stop words and StandardAnalyzer (an English stop list) drops none, so dividing by
output tokens would charge Fahras for the work it saves the index. Both figures are printed.

    python bench/analysis.py [--docs 5000] [--rounds 3]
"""

from __future__ import annotations

import gzip
import json
import pathlib
import sys
import time

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh.analysis import StandardAnalyzer  # noqa: E402

from analyzers.normalize import TOKEN_PATTERN  # noqa: E402
from analyzers.pipeline import exact_analyzer, roots_analyzer, text_analyzer  # noqa: E402
from analyzers.stemming import cache_stats  # noqa: E402

CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"


def load(path: pathlib.Path, limit: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            texts.append(f"{doc.get('title') or ''}\n{doc.get('body') or ''}")
            if len(texts) >= limit:
                break
    return texts


def count_words(texts: list[str]) -> int:
    return sum(len(TOKEN_PATTERN.findall(text)) for text in texts)


def run(analyzer, texts: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    count = 0
    for text in texts:
        for _ in analyzer(text, positions=True, chars=True):
            count += 1
    return count, time.perf_counter() - start


@click.command()
@click.option("--corpus", type=click.Path(path_type=pathlib.Path), default=CORPUS)
@click.option("--docs", default=5000, show_default=True)
@click.option("--rounds", default=3, show_default=True, help="Best-of rounds per analyzer.")
def main(corpus: pathlib.Path, docs: int, rounds: int) -> None:
    if not corpus.exists():
        raise SystemExit(f"skipped: {corpus} not found (../shared is needed for benchmarks)")
    texts = load(corpus, docs)
    analyzers = {
        "whoosh StandardAnalyzer": StandardAnalyzer(),
        "fahras text (stemmed)": text_analyzer(),
        "fahras exact": exact_analyzer(),
        "fahras roots": roots_analyzer(),
    }
    # A cold pass first: it fills the stem cache as indexing a corpus would, and is reported.
    cold_tokens, cold_time = run(analyzers["fahras text (stemmed)"], texts)
    stats = cache_stats()
    best: dict[str, tuple[int, float]] = {}
    for _ in range(rounds):
        for name, analyzer in analyzers.items():
            tokens, seconds = run(analyzer, texts)
            if name not in best or seconds < best[name][1]:
                best[name] = (tokens, seconds)
    words = count_words(texts)
    base_time = best["whoosh StandardAnalyzer"][1]
    click.echo(f"{len(texts)} articles ({words} words) from {corpus.name}, best of {rounds} rounds\n")
    click.echo(
        f"{'analyzer':28} {'tokens out':>10} {'seconds':>8} {'words/s':>10} {'tokens/s':>10} "
        f"{'cost/word':>9} {'cost/token':>10}"
    )
    base_per_token = base_time / best["whoosh StandardAnalyzer"][0]
    rows = [*best.items(), ("fahras text, cold cache", (cold_tokens, cold_time))]
    for name, (tokens, seconds) in rows:
        click.echo(
            f"{name:28} {tokens:10d} {seconds:8.2f} {words / seconds:10.0f} {tokens / seconds:10.0f} "
            f"{seconds / base_time:8.2f}x {(seconds / tokens) / base_per_token:9.2f}x"
        )
    ratio = best["fahras text (stemmed)"][1] / base_time
    click.echo(
        f"\nstem cache after the cold pass: {stats['hits']} hits, {stats['misses']} misses, "
        f"hit rate {stats['hit_rate']:.1%}"
    )
    verdict = "meets" if ratio <= 3 else "MISSES"
    click.echo(f"full chain / StandardAnalyzer cost per word: {ratio:.2f}x ({verdict} the 3x target)")

if __name__ == "__main__":
    main()
