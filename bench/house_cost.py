"""What the house-spelling test adds to a first, uncached search: per query of ``bench/queries.py``.

The test (:meth:`search.expansion.Expander.house_spellings`) runs once per typed word and index
version, then is cached with the word's other alternatives; a search whose words are all cached
pays nothing (``bench/latency.py --against`` times that warm case). This times the test alone,
for every plain word of each query, on a fresh cache, after the dictionary tables are loaded:

    python bench/house_cost.py --index /work/idx/w31k-ar7
"""

from __future__ import annotations

import pathlib
import statistics
import sys
import time

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from queries import build_queries  # noqa: E402

from indexer.schema import BODY, TITLE  # noqa: E402
from search import EngineSettings, open_engine  # noqa: E402
from search.analysis import terms  # noqa: E402
from search.deadline import Deadline  # noqa: E402
from search.syntax import parse  # noqa: E402


def _words(node) -> list[str]:
    items = getattr(node, "items", None)
    if items is not None:
        return [w for item in items for w in _words(item)]
    return [node.text] if hasattr(node, "alternatives") and not (node.prefix or node.fuzzy) else []


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False), required=True)
def main(index: str) -> None:
    engine = open_engine(EngineSettings(index=index, query_time_limit=None))
    engine.expanded("تحميل")  # the dictionary tables, loaded once per process
    expander = engine._expander
    per_query, tested = [], 0
    with engine.backend.searcher(Deadline(None)) as s:
        def docs(t: str) -> int:
            return max(s.doc_frequency(BODY, t), s.doc_frequency(TITLE, t))

        for q in build_queries():
            spent = 0.0
            for word in _words(parse(q)):
                stems = terms("text", word)
                if len(stems) == 1:
                    t = time.perf_counter()
                    tested += bool(expander.house_spellings(s, stems[0], docs))
                    spent += time.perf_counter() - t
            per_query.append(spent * 1000)
    engine.close()
    per_query.sort()
    print(f"{len(per_query)} queries, {tested} words given a house spelling; added to a first, uncached "
          f"search: p50 {statistics.median(per_query):.1f} ms, p95 {per_query[int(0.95 * len(per_query))]:.1f} ms, "
          f"max {per_query[-1]:.1f} ms")


if __name__ == "__main__":
    main()
