"""Mine spelling-variant families from the corpus frequency list, by rule: ``tests/wordlists/variant_families.txt``.

Issue 19's families (جوجل / غوغل / قوقل, يوتيوب / يوتوب) are examples of a class; the test list must
not be hand-picked. From the corpus frequency list (``analyzers/data/lexicon.tsv.gz``) every
form is reduced to its light stem (the term the index holds) and the counts added; a stem used at
least ``--min-count`` times that the dictionary does not know is joined to each of its variants
under :mod:`analyzers.spelling_variants`' rules used at least ``--min-variant`` times — but not
to one written as its nisba adjective in another share of its uses (:mod:`analyzers.adjective_forms`,
from the same list's forms: هولاند / هولند of الهولندي, the import's test too) — and the connected
groups are the families, most used first, one a line: ``stem:count stem:count ...``.

    python bench/build_variant_families.py [--out tests/wordlists/variant_families.txt] [--sample 40]

``--sample N`` prints N families drawn at random (seed 19) to read and judge by hand
(docs/relevance.md gives the precision found). ``--index DIR`` searches every spelling of every
family on a real index and counts the spellings finding less than 90% of what their family's
most-found spelling finds (issue 19's check).
"""

from __future__ import annotations

import collections
import pathlib
import random
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.adjective_forms import two_words  # noqa: E402
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
    forms = lexicon()

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for stem, n in sorted(counts.items()):
        if n < min_count:
            continue
        for other in variants(stem, lambda t: counts.get(t, 0) >= min_variant):
            if two_words(stem, other, lambda f: forms.get(f, 0)):
                continue
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
@click.option("--index", "index_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Also search each spelling on this index (the 90% check).")
def main(out: str, min_count: int, min_variant: int, sample: int, index_dir: str | None) -> None:
    counts = stem_counts()
    found = families(counts, min_count, min_variant)
    lines = [
        "# Built by bench/build_variant_families.py from the corpus frequency list; do not edit.",
        f"# Spelling-variant families of non-dictionary words (stem ≥ {min_count} uses, variant ≥ "
        f"{min_variant}), one a line, most used first: stem:uses",
    ]
    publish(out, lines, [[(s, counts[s]) for s in g] for g in found], sample, index_dir)


def publish(out: str, header: list[str], found: list[list[tuple[str, int]]], sample: int,
            index_dir: str | None) -> None:
    """Write mined families under ``header``, one a line as ``spelling:count`` (a two-word
    spelling written ``A_B``); print ``sample`` of them drawn at random (seed 19) to judge by hand;
    with ``index_dir``, :func:`check` each spelling on that index."""
    lines = [*header, *(" ".join(f"{s}:{n}" for s, n in f) for f in found)]
    pathlib.Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    click.echo(f"{len(found)} families, {sum(map(len, found))} spellings → {out}")
    for f in random.Random(19).sample(found, min(sample, len(found))):
        click.echo(" ".join(f"{s}:{n}" for s, n in f))
    if index_dir:
        check(index_dir, [[s.replace("_", " ") for s, _n in f] for f in found])


def check(index_dir: str, found: list[list[str]]) -> None:
    """Each spelling's total against its family's most-found spelling's, on a real index: the full
    matches (``total_all``) and the whole answer, partial matches too (``total``, what the API and
    the page give first)."""
    from search import EngineSettings, SearchRequest, open_engine

    engine = open_engine(EngineSettings(index=index_dir, query_time_limit=None))
    short: dict[str, list[tuple[str, int, int]]] = {"total_all": [], "total": []}
    spellings = 0
    try:
        for family in found:
            results = {s: engine.search(SearchRequest(q=s, per_page=1), facets=False, highlight=False)
                       for s in family}
            spellings += len(results)
            for measure, out in short.items():
                totals = {s: getattr(r, measure) for s, r in results.items()}
                most = max(totals.values())
                out += [(s, t, most) for s, t in totals.items() if t < 0.9 * most]
    finally:
        engine.close()
    for measure, out in short.items():
        click.echo(f"{spellings} spellings of {len(found)} families searched, by {measure}: {len(out)} find "
                   f"less than 90% of their family's most-found spelling")
        for s, t, most in out:
            click.echo(f"  {s}: {t} of {most}")


if __name__ == "__main__":
    main()
