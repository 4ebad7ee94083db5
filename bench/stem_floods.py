"""Rare words cut into a common stem they are not (docs/stemming.md, "Rare forms, common stems").

For every folded corpus form, its light stem, the steps that made it (a bare clitic, the
article, an ending) and the stem's *term frequency*: the summed counts of every form that stems
to it, which is what a search for the form will match. A form is *flagged* when a bare clitic
(و ف ب ك ل) or an ending was cut and the term is at least ``--ratio`` times as common as the form:
كامرون → امر (0 uses of كامرون, 5,218 articles of أمر). The flagged list mixes wrong cuts (names,
loanwords) with right ones (كمسلمين, بمدارسهم); ``--sample`` prints a seeded random sample to read.

The vocabulary is the corpus's, every form seen at least once (``--min-count``), counted as
bench/build_lexicon.py counts (cached under ``--cache``): the lexicon the stemmer reads holds only
forms seen ≥ 3 times, but a user may type, and an article may hold, a rarer one.

    python bench/stem_floods.py [--min-count 1] [--ratio 20] [--sample 100 --seed 14]
"""

from __future__ import annotations

import collections
import gzip
import json
import pathlib
import random
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.clitics import strip_clitics  # noqa: E402
from analyzers.evidence import count, known  # noqa: E402
from analyzers.stemming import light_stem  # noqa: E402
from bench.build_lexicon import corpus_counts  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
DEFAULT_CACHE = ROOT / "var/bench/vocabulary.tsv.gz"


def vocabulary(corpus: pathlib.Path, cache: pathlib.Path) -> dict[str, int]:
    """Every folded Arabic form of the corpus with its count (made once, then read from ``cache``)."""
    if cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            return {w: int(c) for w, _, c in (line.rstrip("\n").partition("\t") for line in fh)}
    counts = corpus_counts(corpus)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(cache, "wt", encoding="utf-8") as out:
        for w, c in counts.most_common():
            out.write(f"{w}\t{c}\n")
    return dict(counts)


def steps(word: str, stem: str) -> tuple[str, str]:
    """(the bare clitics cut, the ending cut) on the way from ``word`` to ``stem``; "" for none."""
    rest = strip_clitics(word)
    prefix = word[: len(word) - len(rest)] if word.endswith(rest) else ""
    # Clitics before the article are proven by it (والكتاب): only a stack without it is "bare".
    bare = "" if "ال" in prefix or prefix.endswith("لل") else prefix
    ending = rest[len(stem) :] if rest.startswith(stem) else ("" if rest == stem else rest)
    return bare, ending


def flagged(vocab: dict[str, int], ratio: float, min_count: int = 1, max_count: int = 10**9) -> list[dict]:
    """The flagged forms among those seen ``min_count``..``max_count`` times; terms count them all."""
    stems = {w: light_stem(w) for w in vocab}
    term: collections.Counter[str] = collections.Counter()
    for w, s in stems.items():
        term[s] += vocab[w]
    rows = []
    for w, n in vocab.items():
        if not min_count <= n <= max_count:
            continue
        s = stems[w]
        bare, ending = steps(w, s)
        if (bare or ending) and term[s] >= ratio * n:
            rows.append({"form": w, "uses": n, "stem": s, "term": term[s], "clitic": bare, "ending": ending,
                         "rest_known": known(strip_clitics(w)), "lexicon": count(w)})
    return rows


@click.command()
@click.option("--corpus", type=click.Path(path_type=pathlib.Path), default=DEFAULT_CORPUS)
@click.option("--cache", type=click.Path(path_type=pathlib.Path), default=DEFAULT_CACHE)
@click.option("--min-count", default=1, show_default=True, help="forms seen at least this often")
@click.option("--max-count", default=10**9, help="and at most this often")
@click.option("--ratio", default=20.0, show_default=True, help="flag: term ≥ ratio × the form's uses")
@click.option("--sample", default=0, help="print this many flagged forms at random")
@click.option("--seed", default=14, show_default=True)
@click.option("--out", type=click.Path(path_type=pathlib.Path), help="write every flagged row (JSONL)")
def main(corpus, cache, min_count, max_count, ratio, sample, seed, out) -> None:
    vocab = vocabulary(corpus, cache)
    rows = flagged(vocab, ratio, min_count, max_count)
    kinds = collections.Counter(("clitic+ending" if r["clitic"] and r["ending"] else
                                 "clitic" if r["clitic"] else "ending") for r in rows)
    click.echo(f"{sum(min_count <= n <= max_count for n in vocab.values())} forms seen {min_count}..{max_count} times; flagged (term ≥ {ratio:g}× the form): "
               f"{len(rows)} forms, {sum(r['uses'] for r in rows)} tokens; " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for r in random.Random(seed).sample(rows, min(sample, len(rows))):
        click.echo(f"{r['form']}\t{r['uses']}\t→ {r['stem']}\t{r['term']}\t[{r['clitic']}|{r['ending']}]\trest_known={r['rest_known']}")


if __name__ == "__main__":
    main()
