"""Mine spelling-variant families from the corpus frequency list, by rule: ``tests/wordlists/variant_families.txt``.

Issue 19's families (جوجل / غوغل / قوقل, يوتيوب / يوتوب) are examples of a class; the test list must
not be hand-picked. From the corpus frequency list (``analyzers/data/lexicon.tsv.gz``) every
form is reduced to its light stem (the term the index holds) and the counts added; a stem used at
least ``--min-count`` times that the dictionary does not know is joined to each of its variants
under :mod:`analyzers.spelling_variants`' rules used at least ``--min-variant`` times, and the
connected groups are the families, most used first, one a line: ``stem:count stem:count ...``.

    python bench/build_variant_families.py [--out tests/wordlists/variant_families.txt] [--sample 40]

``--sample N`` prints N families drawn at random (seed 19) to read and judge by hand
(docs/relevance.md gives the precision found).
"""

from __future__ import annotations

import collections
import pathlib
import random
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.spelling_variants import variants  # noqa: E402
from analyzers.stemming import lexicon, light_stem  # noqa: E402

OUT = ROOT / "tests/wordlists/variant_families.txt"


def stem_counts() -> dict[str, int]:
    counts: dict[str, int] = collections.Counter()
    for form, n in lexicon().items():
        counts[light_stem(form)] += n
    return dict(counts)


def families(counts: dict[str, int], min_count: int, min_variant: int) -> list[list[str]]:
    """Groups of stems joined by the variant rules, each group most used first, groups by use."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for stem, n in sorted(counts.items()):
        if n < min_count:
            continue
        for other in variants(stem, lambda t: counts.get(t, 0) >= min_variant):
            a, b = find(stem), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = collections.defaultdict(list)
    for stem in parent.keys() | set(parent.values()):
        groups[find(stem)].append(stem)
    out = [sorted(g, key=lambda s: (-counts[s], s)) for g in groups.values() if len(g) > 1]
    return sorted(out, key=lambda g: (-sum(counts[s] for s in g), g))


@click.command()
@click.option("--out", type=click.Path(dir_okay=False), default=str(OUT), show_default=True)
@click.option("--min-count", default=20, show_default=True, help="Uses of the stem a family starts from.")
@click.option("--min-variant", default=5, show_default=True, help="Uses of a variant to join it.")
@click.option("--sample", default=0, help="Print this many random families to judge.")
def main(out: str, min_count: int, min_variant: int, sample: int) -> None:
    counts = stem_counts()
    found = families(counts, min_count, min_variant)
    lines = [
        "# Built by bench/build_variant_families.py from the corpus frequency list; do not edit.",
        f"# Spelling-variant families of non-dictionary words (stem ≥ {min_count} uses, variant ≥ "
        f"{min_variant}), one a line, most used first: stem:uses",
    ]
    lines += [" ".join(f"{s}:{counts[s]}" for s in g) for g in found]
    pathlib.Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    click.echo(f"{len(found)} families, {sum(map(len, found))} spellings → {out}")
    for g in random.Random(19).sample(found, min(sample, len(found))):
        click.echo(" ".join(f"{s}:{counts[s]}" for s in g))


if __name__ == "__main__":
    main()
