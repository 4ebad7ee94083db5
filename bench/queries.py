"""The 200 benchmark queries: the dev topics' queries plus title words sampled from the corpus.

Why these: latency depends on how many documents a query matches and how many terms it expands
to, so the set mixes the 30 judged topic queries (2-4 words, realistic) with words drawn from
real titles (seeded, so every run and every engine gets the same list), written the way people
type them: with or without hamza (أ/إ/ا), with a clitic glued on (و, ال, بال, وال, ل), one or two
words. Every engine (Fahras and the peers) runs exactly this list.

    python bench/queries.py --out var/bench/queries.txt   # prints or writes one query a line
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
from pathlib import Path

import click

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpora/saudinewsnet/saudinewsnet.jsonl.gz"
TOPICS = SHARED / "eval/dev/topics.tsv"
QRELS = SHARED / "eval/dev/qrels.txt"
SEED = 7
TOTAL = 200

_WORD = re.compile(r"[\u0621-\u064A]{4,}")
_COMMON = {"التي", "الذي", "على", "إلى", "الى", "عن", "هذا", "هذه", "بعد", "قبل", "خلال", "بين"}
PREFIXES = ("و", "ال", "بال", "وال", "ل")


def topic_queries(path: Path = TOPICS) -> list[tuple[str, str]]:
    """(qid, query) of the dev topics."""
    with open(path, encoding="utf-8", newline="") as f:
        return [(row["qid"], row["query"]) for row in csv.DictReader(f, delimiter="\t")]


def hamza_variant(word: str, rng: random.Random) -> str:
    """Write a leading alef the way people do: with or without its hamza."""
    if word[0] in "أإآ":
        return "ا" + word[1:]
    if word[0] == "ا" and not word.startswith("ال"):
        return rng.choice("أإ") + word[1:]
    if word.startswith("ال") and len(word) > 3 and word[2] == "ا":
        return "ال" + rng.choice("أإ") + word[3:]
    return word


def prefix_variant(word: str, rng: random.Random) -> str:
    """Glue a clitic on (or take the article off) the way running text has it."""
    if word.startswith("ال"):
        return rng.choice(("و", "ب", "ف", "")) + (word if rng.random() < 0.7 else word[2:])
    return rng.choice(PREFIXES) + word


def title_words(corpus: Path, limit: int | None = None) -> list[list[str]]:
    return [words for _id, words in titled(corpus, limit)]


def titled(corpus: Path, limit: int | None = None) -> list[tuple[str, list[str]]]:
    """(id, the title's sampled words) of each article whose title has any."""
    titles = []
    opener = gzip.open if str(corpus).endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            doc = json.loads(line)
            words = [w for w in _WORD.findall(doc.get("title") or "") if w not in _COMMON]
            if words:
                titles.append((doc.get("id", ""), words))
    return titles


def build_queries(total: int = TOTAL, corpus: Path = CORPUS, topics: Path = TOPICS,
                  seed: int = SEED, corpus_limit: int | None = None) -> list[str]:
    """``total`` queries: the topic queries first, then sampled title words with variants."""
    rng = random.Random(seed)
    queries = [q for _qid, q in topic_queries(topics)][:total]
    titles = title_words(corpus, corpus_limit)
    seen = set(queries)
    while len(queries) < total and titles:
        words = rng.choice(titles)
        n = 1 if rng.random() < 0.5 or len(words) < 2 else 2
        start = rng.randrange(len(words) - n + 1)
        picked = []
        for w in words[start:start + n]:
            r = rng.random()
            if r < 0.35:
                w = hamza_variant(w, rng)
            elif r < 0.7:
                w = prefix_variant(w, rng)
            picked.append(w)
        q = " ".join(picked)
        if q not in seen:
            seen.add(q)
            queries.append(q)
    return queries


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (default: stdout).")
@click.option("--total", default=TOTAL, show_default=True)
@click.option("--seed", default=SEED, show_default=True)
def main(out: Path | None, total: int, seed: int) -> None:
    """Print the benchmark queries, one a line."""
    text = "\n".join(build_queries(total, seed=seed)) + "\n"
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {text.count(chr(10))} queries to {out}")
    else:
        click.echo(text, nl=False)


if __name__ == "__main__":
    main()
