"""Long queries' partial tiers: one per missing word, or one for all (search/coordination.py).

A query of more than eight words is mostly a pasted headline or sentence, and the reader wants the
article it came from. Each query here is 9, 10 or 12 words of a real title (of nine words or more,
the four-letter words `bench/queries.py` samples), two of them dropped and two of another title's
added (a paraphrase: the source has all but the two foreign words); the measure is where the source
article ranks in the first 20, with the tiers at most ``MAX_PARTIAL_TIERS`` (one per missing word)
and with one partial tier, on the same engine in one run.

    python bench/long_queries.py --index var/w31k [--seed 5] [--queries 150]
"""

from __future__ import annotations

import pathlib
import random
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from queries import CORPUS, titled  # noqa: E402

from search import SearchRequest, coordination  # noqa: E402
from search.engine import open_engine  # noqa: E402

MIN_TITLE_WORDS = 9


def paraphrases(docs: list[tuple[str, list[str]]], n: int, rng: random.Random) -> list[tuple[str, str]]:
    """(source id, query): a title's first 9, 10 or 12 words, two dropped, two of another title's added."""
    out = []
    for source, words in rng.sample(docs, n):
        kept = words[: min(len(words), rng.choice((9, 10, 12)))]
        for _ in range(2):
            kept.pop(rng.randrange(len(kept)))
        kept += rng.sample(rng.choice(docs)[1], 2)
        out.append((source, " ".join(kept)))
    return out


@click.command()
@click.option("--index", "index_dir", required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--seed", default=5, show_default=True)
@click.option("--queries", "count", default=150, show_default=True)
def main(index_dir: str, seed: int, count: int) -> None:
    engine = open_engine({"FAHRAS_INDEX": index_dir, "FAHRAS_QUERY_TIME_LIMIT": 0})
    docs = [(source, words) for source, words in titled(CORPUS) if len(words) >= MIN_TITLE_WORDS]
    queries = paraphrases(docs, count, random.Random(seed))
    shipped = coordination.MAX_TIERED_WORDS
    for name, most in (("a tier per missing word", 10**6), ("one partial tier (shipped)", shipped)):
        coordination.MAX_TIERED_WORDS = most
        ranks = []
        for source, q in queries:
            ids = [h.id for h in engine.search(SearchRequest(q=q, per_page=20), facets=False, highlight=False).hits]
            ranks.append(ids.index(source) + 1 if source in ids else 0)
        found = [r for r in ranks if r]
        click.echo(f"{name:28} source in top 20: {len(found)}/{count}, first: {ranks.count(1)}, "
                   f"MRR@20 {sum(1 / r for r in found) / count:.4f}")
    coordination.MAX_TIERED_WORDS = shipped


if __name__ == "__main__":
    main()
