"""Date-range filters: Whoosh's ``DateRange`` matcher against the column comparison Fahras uses.

Why: a date filter used to run Whoosh's own matcher, which walks the postings of the range's trie
terms one document at a time; ``search.whoosh_backend.columns.docs_in_range`` compares the date column instead.
Both run on the same searcher, interleaved, and must find the same documents (asserted).

    python bench/date_range.py --index var/bench/100k/fahras-2
"""

from __future__ import annotations

import pathlib
import statistics
import sys
import time
from datetime import datetime

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RANGES = [
    (datetime(2015, 1, 1), datetime(2016, 1, 1)),
    (datetime(2015, 8, 1), datetime(2015, 9, 1)),
    (datetime(2014, 1, 1), None),
]


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path), required=True)
@click.option("--runs", default=15, show_default=True)
def main(index: pathlib.Path, runs: int) -> None:
    """Print the median time of each way for a few ranges."""
    from whoosh import query as wq

    from indexer.store import open_index
    from search.deadline import Deadline
    from search.whoosh_backend.columns import docs_in_range
    from search.whoosh_backend.scorer import ArrayEvaluator
    from search.whoosh_backend.tables import SegmentTables

    searcher = open_index(index).searcher()
    tables = SegmentTables()
    click.echo(f"{searcher.doc_count()} documents, {runs} runs each, interleaved")
    click.echo("| range | documents | Whoosh DateRange ms | date column ms | ratio |")
    click.echo("|---|---:|---:|---:|---:|")
    for low, high in RANGES:
        whoosh_times, column_times = [], []
        for _ in range(runs):
            started = time.perf_counter()
            query = wq.DateRange("date", low, high, endexcl=True)
            old = ArrayEvaluator(searcher, Deadline(None)).evaluate(query, scored=False).docs
            whoosh_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            new = docs_in_range(tables, searcher, "date", low, high)
            column_times.append(time.perf_counter() - started)
            assert old.tolist() == new.tolist(), (low, high)
        a, b = statistics.median(whoosh_times) * 1000, statistics.median(column_times) * 1000
        label = f"{low:%Y-%m-%d} to {f'{high:%Y-%m-%d}' if high else '…'}"
        click.echo(f"| {label} | {len(new)} | {a:.1f} | {b:.2f} | {a / b:.0f}× |")
    searcher.close()


if __name__ == "__main__":
    main()
