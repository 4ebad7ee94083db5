"""What the house-spelling test adds to a first, uncached search: per query of ``bench/queries.py``.

The test (:meth:`search.expansion.Expander.house_spellings`) runs once per typed word and index
version, then is cached with the word's other alternatives; a search whose words are all cached
pays nothing (``bench/latency.py --against`` times that warm case). This times the test alone,
for every plain word of each query, on a fresh cache, after the dictionary tables are loaded;
with ``--against`` also the whole first search of each query, this checkout and another side by
side (``bench/latency.py``'s workers, no warm-up pass):

    python bench/house_cost.py --index /work/idx/w31k-ar7 [--against /work/main]
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

from latency import _WORKER  # noqa: E402
from queries import build_queries  # noqa: E402

from indexer.schema import BODY, TITLE  # noqa: E402
from search import EngineSettings, open_engine  # noqa: E402
from search.analysis import terms  # noqa: E402
from search.deadline import Deadline  # noqa: E402
from search.syntax import Group, Node, Not, Word, parse  # noqa: E402


def _words(node: Node) -> list[str]:
    """The plain words of a query tree (the ones the expander gives alternatives)."""
    if isinstance(node, Group):
        return [w for item in node.items for w in _words(item)]
    if isinstance(node, Not):
        return _words(node.node)
    return [node.text] if isinstance(node, Word) and not (node.prefix or node.fuzzy) else []


def first_searches(index: str, base: str) -> None:
    """p50/p95 of the first search of each query, this checkout and ``base`` alternately first."""
    import subprocess

    sides = {"this checkout": ROOT, f"base ({base})": pathlib.Path(base)}
    workers = {name: subprocess.Popen([sys.executable, "-c", _WORKER, str(code), str(pathlib.Path(index).resolve())],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=str(code))
               for name, code in sides.items()}

    def ask(name: str, q: str) -> float:
        workers[name].stdin.write(q.replace("\n", " ") + "\n")
        workers[name].stdin.flush()
        return float(workers[name].stdout.readline())

    times: dict[str, list[float]] = {name: [] for name in sides}
    try:
        for name, w in workers.items():
            assert w.stdout.readline().strip() == "ready", name
            ask(name, "تحميل")  # the dictionary tables
        for i, q in enumerate(build_queries()):
            for name in (list(sides) if i % 2 == 0 else list(sides)[::-1]):
                if (ms := ask(name, q)) >= 0:
                    times[name].append(ms)
    finally:
        for w in workers.values():
            w.stdin.close()
            w.wait()
    for name, ms in times.items():
        ms.sort()
        print(f"{name}: first search of each query p50 {statistics.median(ms):.1f} ms, "
              f"p95 {ms[int(0.95 * len(ms))]:.1f} ms")


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False), required=True)
@click.option("--against", "base", type=click.Path(exists=True, file_okay=False), default=None,
              help="Another checkout: time the first search of each query with both, side by side.")
def main(index: str, base: str | None) -> None:
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
    if base:
        first_searches(index, base)


if __name__ == "__main__":
    main()
