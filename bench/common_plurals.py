"""Broken-plural pairs above the plurals' share cap, and which the ratio rule takes (docs/relevance.md,
"Common plurals").

For each singular ↔ plural pair of the table (``analyzers.broken_plurals``) whose other form is in
more than ``MAX_SHARE["plural"]`` of an index's articles, prints the ratio of the other form's
articles to the typed form's, the two forms and their counts, lowest ratio first, and how many
pairs ``PLURAL_RATIO`` admits: the list a person reads to judge the rule.

    python bench/common_plurals.py --index /work/idx/tail31k [--ratio 3]
"""

from __future__ import annotations

import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.broken_plurals import forms_of, table  # noqa: E402
from indexer.schema import BODY, TITLE  # noqa: E402
from search import open_engine  # noqa: E402
from search.backend import most_documents  # noqa: E402
from search.deadline import Deadline  # noqa: E402
from search.expansion import MAX_SHARE, PLURAL_RATIO  # noqa: E402
from search.settings import EngineSettings  # noqa: E402


def pairs_above_cap(index: str) -> tuple[int, list[tuple[float, str, str, int, int]]]:
    """The index's document count and (ratio, typed, other, typed's articles, other's) of every
    pair whose other form is above the share cap."""
    engine = open_engine(EngineSettings(index=index))
    try:
        documents = int(engine.stats()["documents"])
        cap = int(MAX_SHARE["plural"] * documents)
        rows = []
        with engine.backend.searcher(Deadline(None)) as s:
            for stem in sorted(table()):
                n = most_documents(s, (BODY, TITLE), stem)
                if n < 2:
                    continue
                for other in forms_of(stem):
                    m = most_documents(s, (BODY, TITLE), other)
                    if m > cap:
                        rows.append((m / n, stem, other, n, m))
        return documents, sorted(rows)
    finally:
        engine.close()


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False), required=True)
@click.option("--ratio", type=float, default=PLURAL_RATIO, show_default=True)
def main(index: str, ratio: float) -> None:
    documents, rows = pairs_above_cap(index)
    taken = [r for r in rows if r[0] <= ratio]
    click.echo(f"{documents} documents; {len(rows)} pairs above the {MAX_SHARE['plural']:.0%} cap; "
               f"{len(taken)} within {ratio:g}× the typed form's articles")
    for r, typed, other, n, m in rows:
        click.echo(f"{r:.2f}\t{typed}\t{other}\t{n}\t{m}\t{'taken' if r <= ratio else ''}")


if __name__ == "__main__":
    main()
