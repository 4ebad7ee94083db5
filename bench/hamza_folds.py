"""What each way of folding hamza seats merges, on the corpus's word forms (DESIGN.md rule 4).

Counts SaudiNewsNet's folded forms with the hamza seats left as written, then groups them under
each candidate fold and prints how many groups of different spellings each one creates, the
tokens in them, and the most frequent groups to read:

* ``seat → ء`` (Fahras): ؤ and ئ become the seatless ء; مسؤول/مسئول, أبناؤه/أبنائه/أبناءه meet.
* ``carrier-less``: ؤ → و, ئ → ي, ء dropped (``fold_hamza=True``); also merges ما/ماء, بها/بهاء.

    python bench/hamza_folds.py [--show 60]
"""

from __future__ import annotations

import collections
import gzip
import json
import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.normalize import (  # noqa: E402
    HAMZA_CARRIER_FOLDS,
    LETTER_FOLDS,
    TOKEN_PATTERN,
    is_arabic,
    strip_marks,
    unicode_fold,
)

CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
SEATS = ("\u0624", "\u0626")  # ؤ ئ
AS_WRITTEN = str.maketrans({k: v for k, v in LETTER_FOLDS.items() if k not in SEATS})
FOLDS = {
    "seat → ء": str.maketrans({seat: "\u0621" for seat in SEATS}),
    "carrier-less": str.maketrans(HAMZA_CARRIER_FOLDS),
}


@click.command()
@click.option("--corpus", type=click.Path(path_type=pathlib.Path), default=CORPUS)
@click.option("--show", default=60, show_default=True, help="Groups to print for each fold.")
@click.option("--min-count", default=3, show_default=True)
def main(corpus: pathlib.Path, show: int, min_count: int) -> None:
    counts: collections.Counter[str] = collections.Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = f"{doc.get('title') or ''} {doc.get('body') or ''}"
            for token in TOKEN_PATTERN.findall(text):
                for word in strip_marks(unicode_fold(token)).split():
                    if is_arabic(word):
                        counts[word.translate(AS_WRITTEN)] += 1
    forms = {w: c for w, c in counts.items() if c >= min_count}
    click.echo(f"{len(forms)} forms seen at least {min_count} times\n")
    for name, table in FOLDS.items():
        groups: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
        for form, c in forms.items():
            groups[form.translate(table)].append((c, form))
        merged = sorted((sorted(g, reverse=True) for g in groups.values() if len(g) > 1),
                        key=lambda g: -sum(c for c, _ in g))
        tokens = sum(c for g in merged for c, _ in g)
        click.echo(f"{name}: {len(merged)} groups of different spellings, {tokens} tokens in them")
        click.echo("  " + " | ".join("/".join(f"{w}:{c}" for c, w in g[:3]) for g in merged[:show]) + "\n")


if __name__ == "__main__":
    main()
