"""What the look-alike ending rules change (docs/stemming.md, "Look-alike endings").

Stems every lexicon form (``analyzers.evidence.lexicon()``) and compares them with a saved run:
how many forms and tokens change, the commonest, and a seeded sample to read. ``--grid`` sets each
threshold of the three rules (``DUAL_ARTICLE_MIN``, ``DUAL_ARTICLE_SHARE``, ``YIN_DUAL_RATIO``,
``NISBA_FEMININE_SHARE``) to other values, the others as shipped, and prints the changed forms and
the word-list figures (tests/test_wordlists.py) for each.

    python bench/lookalike_endings.py --save var/bench/stems-ar10.json      # on the code before
    python bench/lookalike_endings.py --before var/bench/stems-ar10.json [--sample 100 --seed 21] [--grid]
"""

from __future__ import annotations

import contextlib
import io
import json
import pathlib
import random
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from analyzers import endings, stemming  # noqa: E402
from analyzers.evidence import lexicon  # noqa: E402

GRID = {
    "DUAL_ARTICLE_MIN": (10, 20, 40),
    "DUAL_ARTICLE_SHARE": (0, 0.1, 0.2, 0.3),
    "YIN_DUAL_RATIO": (0, 2, 3, 5, 10),
    "NISBA_FEMININE_SHARE": (0, 0.1, 0.25, 0.5, 1.0),
}


def stems() -> dict[str, str]:
    stemming.light_stem.cache.clear()
    return {w: stemming.light_stem(w) for w in lexicon()}


def changed(before: dict[str, str]) -> list[tuple[str, str, str, int]]:
    """(form, stem before, stem now, uses) for every lexicon form whose stem changed, commonest first."""
    counts, now = lexicon(), stems()
    rows = [(w, before[w], now[w], counts[w]) for w in counts if w in before and now[w] != before[w]]
    return sorted(rows, key=lambda r: -r[3])  # ties in lexicon order (commonest first)


def figures() -> dict[str, float]:
    import test_wordlists  # the figures exactly as the test computes them

    with contextlib.redirect_stdout(io.StringIO()):
        return test_wordlists.conflation_figures(stemming.light_stem)


@click.command()
@click.option("--save", type=click.Path(dir_okay=False, path_type=pathlib.Path), help="write every lexicon form's stem")
@click.option("--before", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path))
@click.option("--sample", default=0, help="print this many changed forms at random")
@click.option("--seed", default=21, show_default=True)
@click.option("--grid", is_flag=True, help="try each threshold's other values")
def main(save, before, sample, seed, grid) -> None:
    if save:
        save.parent.mkdir(parents=True, exist_ok=True)
        save.write_text(json.dumps(stems(), ensure_ascii=False), encoding="utf-8")
        click.echo(f"{len(lexicon())} stems -> {save}")
    if not before:
        return
    old = json.loads(before.read_text(encoding="utf-8"))
    rows = changed(old)
    click.echo(f"{len(rows)} lexicon forms change ({sum(r[3] for r in rows)} tokens)")
    click.echo("commonest: " + " ".join(f"{w}:{a}→{b}({n})" for w, a, b, n in rows[:40]))
    for w, a, b, n in random.Random(seed).sample(rows, min(sample, len(rows))):
        click.echo(f"  {w}\t{n}\t{a} → {b}")
    if grid:
        shipped = {name: getattr(endings, name) for name in GRID}
        for name, values in GRID.items():
            for value in values:
                setattr(endings, name, value)
                rows, f = changed(old), figures()
                click.echo(f"{name}={value}: {len(rows)} forms ({sum(r[3] for r in rows)} tokens); "
                           + ", ".join(f"{k} {v:.4f}" for k, v in f.items()))
            setattr(endings, name, shipped[name])


if __name__ == "__main__":
    main()
