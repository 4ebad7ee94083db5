"""The broken-plural table (analyzers/broken_plurals.py): a sample to read, and its coverage.

Precision is judged by reading: ``--sample`` random pairs (seeded, so the same pairs come back)
are printed for a person to mark. Coverage: the ``--top`` most frequent words of the news lexicon
whose shape is a broken-plural pattern (أفعال, فعول, مفاعل, مفاعيل, فواعل, فعائل, فعلاء, أفعلاء,
فعال) are listed with the singular stems the table gives them; the reader marks which are really
plurals, and coverage is the share of those the table answers. docs/relevance.md has the marks.

    python bench/broken_plurals.py [--sample 100] [--top 100] [--seed 2024]
"""

from __future__ import annotations

import pathlib
import random
import re
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.broken_plurals import forms_of, table  # noqa: E402
from analyzers.stemming import lexicon, light_stem  # noqa: E402
from analyzers.stopwords import stopwords  # noqa: E402

C = "[ء-ي]"
# Broken-plural shapes on folded words (hamza kept: the index keeps it).
PLURAL_SHAPES = re.compile(
    "^(?:"
    + "|".join(
        p.replace("C", C)
        for p in ("اCCاC", "CCوC", "مCاCC", "مCاCيC", "CواCC", "CCائC", "CCCاء", "اCCCاء", "CCاC", "اCاCC")
    )
    + ")$"
)


@click.command()
@click.option("--sample", default=100, show_default=True)
@click.option("--top", default=100, show_default=True)
@click.option("--seed", default=2024, show_default=True)
def main(sample: int, top: int, seed: int) -> None:
    pairs = sorted((a, b) for a, others in table().items() for b in others if a < b)
    click.echo(f"{len(table())} stems, {len(pairs)} singular/plural pairs\n")
    click.echo(f"{sample} random pairs (seed {seed}), to read:")
    chosen = random.Random(seed).sample(pairs, min(sample, len(pairs)))
    click.echo("  ".join(f"{i + 1}.{a}~{b}" for i, (a, b) in enumerate(chosen)))
    counts, stops = lexicon(), stopwords()
    frequent = sorted(
        (w for w in counts if w not in stops and PLURAL_SHAPES.match(w)), key=lambda w: (-counts[w], w)
    )[:top]
    covered = sum(1 for w in frequent if forms_of(light_stem(w)))
    click.echo(f"\n{top} most frequent words of plural shape (count, stem → table's forms):")
    click.echo(
        "  ".join(
            f"{i + 1}.{w}({counts[w]})→{'/'.join(forms_of(light_stem(w))) or '-'}" for i, w in enumerate(frequent)
        )
    )
    click.echo(f"\n{covered} of {len(frequent)} have forms in the table (plural or not: read the list)")


if __name__ == "__main__":
    main()
