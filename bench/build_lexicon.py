"""Build ``analyzers/data/lexicon.tsv.gz``: folded Arabic word forms and how often they stand alone.

The light stemmer strips a bare clitic (و ف ب ك ل without the article) only when the rest of the
word is itself a more frequent standalone word (ونفط → نفط, but وزارة stays: زارة is rare).
That needs word frequencies from real news text; SaudiNewsNet gives them. Only a frequency list of
single word forms is shipped (no article text): forms seen fewer than ``--min-count`` times are
dropped, which also drops names and typos particular to single articles.

    python bench/build_lexicon.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import collections
import gzip
import json
import pathlib
import sys
from collections.abc import Iterator

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.normalize import TOKEN_PATTERN, is_arabic, normalize_word  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
OUT = ROOT / "analyzers/data/lexicon.tsv.gz"


def corpus_words(corpus: pathlib.Path) -> Iterator[list[str]]:
    """The folded words of each article's title and body, in order, one list an article."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = f"{doc.get('title') or ''} {doc.get('body') or ''}"
            # A ligature (ﷺ) folds to several words: count each.
            yield " ".join(normalize_word(t) for t in TOKEN_PATTERN.findall(text)).split()


def corpus_counts(corpus: pathlib.Path) -> collections.Counter[str]:
    """Every folded Arabic word form of the corpus's titles and bodies, with its count."""
    counts: collections.Counter[str] = collections.Counter()
    for words in corpus_words(corpus):
        counts.update(w for w in words if is_arabic(w))
    return counts


@click.command()
@click.option("--corpus", type=click.Path(exists=True, path_type=pathlib.Path), default=DEFAULT_CORPUS)
@click.option("--min-count", default=3, show_default=True)
def main(corpus: pathlib.Path, min_count: int) -> None:
    counts = corpus_counts(corpus)
    kept = [(w, c) for w, c in counts.most_common() if c >= min_count]
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        for w, c in kept:
            out.write(f"{w}\t{c}\n")
    click.echo(f"{len(kept)} forms (of {len(counts)}) with count >= {min_count} -> {OUT}")


if __name__ == "__main__":
    main()
