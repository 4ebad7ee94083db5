"""Where the time of a Sphinx full search goes: SphinxQL round trips by kind, and the stages in
Python (parsing, expansion, compiling, re-scoring, side store reads, highlights, the story walk).

Two passes over the benchmark queries (bench/queries.py), after a warm-up pass, each the site's
full search (facets + highlights): one timing every SphinxQL round trip by what it asks (count,
page, re-scoring, facets, near-duplicate look-ups...) with the wall clock, one under cProfile
for the Python stages (cumulative time, so the stages nest: the table says which holds which).

    python bench/sphinx_profile.py --cluster var/c31k-1 [--queries 200] [--top 25]
    python bench/sphinx_profile.py --cluster var/c31k-1 --compare

``--compare``: ``SphinxBackend.batching`` on (the default: a selection's count comes with the
statement that ranks its top) against off (the count a statement of its own), query by query in
alternation in one run: p50/p95/p99 of the full search, round trips a search, and whether the two
answers are the same (total, hits, facets).

``--replay RANKER ...``: what a statement costs with another ranker. Every round trip of the full
searches is recorded (one pass), then each is sent again as sent and once per variant, the
variants in rotation, each timed alone; the table gives each kind of round trip's mean and p95 ms
by variant, and how its answers compare with the statement as sent: rows and ``total_found``
equal (statements that rank nothing must answer alike under any ranker), or, for a ranked page,
the share of its documents also in the page as sent. Variants: :func:`variant`.

    python bench/sphinx_profile.py --cluster var/s1m-2 --queries 60 --replay ranked bm25 tight
"""

from __future__ import annotations

import argparse
import cProfile
import pathlib
import pstats
import re
import sys
import time
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.latency import fahras_call, percentile  # noqa: E402
from bench.queries import build_queries  # noqa: E402
from indexer.errors import IndexProblem  # noqa: E402
from search import EngineSettings, QueryError, open_engine  # noqa: E402
from search.sphinx_backend.searcher import ranker  # noqa: E402

# What a batch of statements asks, from its first statement (rescore.py, searcher.py).
KINDS = (
    ("hit_count*user_weight", "re-scoring counts"),
    ("SUM(", "field averages"),
    (", COUNT(*) FROM", "facets"),
    ("ORDER BY date", "page by date"),
    ("story, title_len", "page (re-scored)"),
    ("id, WEIGHT()", "page"),
    ("LIMIT 0, 1 ", "count"),
)
STAGES = (
    ("engine.py", "_answer"), ("engine.py", "_parse"), ("expansion.py", "expand"),
    ("searcher.py", "compile"), ("searcher.py", "count"), ("searcher.py", "top"),
    ("backend.py", "rescored"), ("rescore.py", "rescore"), ("backend.py", "tokens_of"),
    ("rescore.py", "field_counts"), ("searcher.py", "_fetched"),
    ("backend.py", "documents"), ("engine.py", "_page"), ("stories.py", "page"), ("searcher.py", "story_copies"),
    ("searcher.py", "_ranked"), ("hits.py", "hit"), ("highlight.py", "snippet"),
    ("highlight.py", "highlight_full"), ("engine.py", "_facets"), ("searcher.py", "facet_counts"),
    ("engine.py", "_suggestion"), ("client.py", "batch"), ("searcher.py", "_run"),
)


def kind_of(sql: str) -> str:
    if "GROUP 21 BY story" in sql:  # stories.MAX_COPIES + 1 a story
        return "story copies (one a page)"
    for needle, name in KINDS:
        if needle in sql:
            return name
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cluster", required=True)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--top", type=int, default=0, help="also print cProfile's top N by own time")
    ap.add_argument("--compare", action="store_true", help="SphinxBackend.batching on against off")
    ap.add_argument("--replay", nargs="+", metavar="VARIANT", help="each round trip again with these rankers")
    args = ap.parse_args()

    engine = open_engine(EngineSettings(backend="sphinx", cluster=args.cluster, query_time_limit=None))
    full = fahras_call(engine, "facets+hl")
    queries = build_queries(total=args.queries)
    if args.compare:
        compare(engine, full, queries)
        engine.close()
        return
    if args.replay:
        replay(engine, full, queries, args.replay)
        engine.close()
        return

    def run_all() -> float:
        t = time.perf_counter()
        for q in queries:
            try:
                full(q)
            except QueryError:
                pass
        return time.perf_counter() - t

    run_all()  # warm-up
    backend = engine.backend
    plain_batch = backend.batch
    trips: dict[str, list[float]] = defaultdict(list)

    def timed_batch(statements):
        t = time.perf_counter()
        try:
            return plain_batch(statements)
        finally:
            trips[kind_of(statements[0][0])].append(time.perf_counter() - t)

    backend.batch = timed_batch
    wall = run_all()
    backend.batch = plain_batch
    n = len(queries)
    print(f"{n} full searches, {wall / n * 1000:.1f} ms a search (wall, round trips timed)")
    print(f"{'round trip':<26}{'per search':>11}{'ms each':>9}{'ms a search':>13}")
    for name, ts in sorted(trips.items(), key=lambda kv: -sum(kv[1])):
        print(f"{name:<26}{len(ts) / n:>11.2f}{sum(ts) / len(ts) * 1000:>9.2f}{sum(ts) / n * 1000:>13.2f}")
    total = sum(sum(ts) for ts in trips.values())
    print(f"{'all round trips':<26}{sum(map(len, trips.values())) / n:>11.2f}{'':>9}{total / n * 1000:>13.2f}")

    prof = cProfile.Profile()
    prof.enable()
    run_all()
    prof.disable()
    stats = pstats.Stats(prof)
    print(f"\n{'stage (cumulative, cProfile)':<40}{'calls/search':>13}{'ms a search':>13}")
    for (path, _line, func), (_cc, nc, _tt, ct, _callers) in sorted(stats.stats.items(), key=lambda kv: -kv[1][3]):
        if (pathlib.Path(path).name, func) in STAGES:
            label = f"{pathlib.Path(path).parent.name}/{pathlib.Path(path).name}:{func}"
            print(f"{label:<40}{nc / n:>13.2f}{ct / n * 1000:>13.2f}")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)
    engine.close()


_LIMIT = re.compile(r"ORDER BY WEIGHT\(\) [^;]* LIMIT (\d+), (\d+) OPTION")


def variant(sql: str, name: str, expression: str) -> str:
    """``sql`` as variant ``name`` sends it (parts joined by ``+`` applied in turn): ``ranked``
    gives every statement the expression ranker; ``tight`` sets a statement ordered by WEIGHT()
    ``max_matches`` to its offset + limit (each agent then sends its top that long), ``loose``
    to 1000 at least (as before); any other name replaces the expression ranker of ranked
    statements."""
    for part in name.split("+"):
        if part == "ranked":
            sql = sql.replace("ranker=none", f"ranker={expression}")
        elif part in ("tight", "loose"):
            limit = _LIMIT.search(sql)
            if limit:
                matches = int(limit[1]) + int(limit[2]) if part == "tight" else max(1000, int(limit[1]) + int(limit[2]))
                sql = re.sub(r"max_matches=\d+", f"max_matches={matches}", sql)
        else:
            sql = sql.replace(f"ranker={expression}", f"ranker={part}")
    return sql


def replay(engine, full, queries: list[str], names: list[str]) -> None:
    """Each recorded round trip as sent and with each variant ranker, timed alone, in rotation."""
    backend = engine.backend
    plain_batch = backend.batch
    expression = ranker(backend.ranking)
    recorded: list[list[tuple[str, list | None]]] = []

    def recording(statements):
        recorded.append(list(statements))
        return plain_batch(statements)

    for q in queries:  # warm-up
        try:
            full(q)
        except QueryError:
            pass
    backend.batch = recording
    for q in queries:
        try:
            full(q)
        except QueryError:
            pass
    backend.batch = plain_batch
    sides = ["as sent", *names]
    times: dict[tuple[str, str], list[float]] = defaultdict(list)
    agree: dict[tuple[str, str], list[float]] = defaultdict(list)
    for i, statements in enumerate(recorded):
        kind = kind_of(statements[0][0])
        answers = {}
        for side in sides[i % len(sides):] + sides[: i % len(sides)]:
            sent = statements if side == "as sent" else [
                (variant(sql, side, expression), args) for sql, args in statements]
            t = time.perf_counter()
            answers[side] = plain_batch(sent)
            times[(kind, side)].append(time.perf_counter() - t)
        base = answers["as sent"]
        for side in names:
            agree[(kind, side)].append(_agreement(statements, base, answers[side]))
    n = len(queries)
    print(f"{len(recorded)} round trips of {n} full searches, each sent again as sent and with {', '.join(names)}")
    print(f"{'round trip':<26}{'variant':<28}{'a search':>9}{'mean ms':>9}{'p95 ms':>9}{'answers':>9}")
    for kind in sorted({k for k, _s in times}, key=lambda k: -sum(times[(k, 'as sent')])):
        for side in sides:
            ts = [t * 1000 for t in times[(kind, side)]]
            same = agree.get((kind, side))
            print(f"{kind:<26}{side:<28}{len(ts) / n:>9.2f}{sum(ts) / len(ts):>9.2f}{percentile(ts, 95):>9.2f}"
                  f"{'' if same is None else f'{sum(same) / len(same):.3f}':>9}")


def _agreement(statements: list[tuple[str, list | None]], base: list[list[tuple]], other: list[list[tuple]]) -> float:
    """1.0 when every result set answers alike (rows in any order; the one row of a ``LIMIT 0, 1``
    statement, asked for its total only, not compared); for a statement ordered by WEIGHT(), the
    share of its page's documents (first column) also in the page as sent. SHOW META: the totals."""
    shares = []
    at = 0
    for sql, _args in statements:
        a, b = base[at], other[at]
        at += 1
        if sql.startswith("SHOW META"):
            metas = [{str(k): str(v) for k, v in rows} for rows in (a, b)]
            shares.append(float(metas[0].get("total_found") == metas[1].get("total_found")))
        elif "ORDER BY WEIGHT()" in sql:
            ids = {row[0] for row in a}
            shares.append(len(ids & {row[0] for row in b}) / len(ids) if ids else float(not b))
        elif "LIMIT 0, 1 " not in sql:
            shares.append(float(sorted(a) == sorted(b)))
    return min(shares) if shares else 1.0


def answer(result) -> tuple:
    facets = {k: [(v.value, v.count) for v in vs] for k, vs in result.facets.items()}
    return result.total, [(h.id, h.score, [d.id for d in h.duplicates]) for h in result.hits], facets


def compare(engine, full, queries: list[str]) -> None:
    """Each query's full search with batching off and on, in alternation (after a warm-up)."""
    backend = engine.backend
    plain_batch = backend.batch
    trips = {False: 0, True: 0}
    times: dict[bool, list[float]] = {False: [], True: []}
    same = differ = 0
    failed = {False: 0, True: 0}
    for warm in (True, False):
        for i, q in enumerate(queries):
            answers = {}
            for batching in ((False, True) if i % 2 == 0 else (True, False)):
                backend.batching = batching

                def counted(statements, batching=batching, warm=warm):
                    trips[batching] += not warm
                    return plain_batch(statements)

                backend.batch = counted
                t = time.perf_counter()
                try:
                    answers[batching] = answer(full(q))
                except QueryError:
                    continue
                except IndexProblem as err:  # an agent that did not connect in time (a loaded machine)
                    failed[batching] += 1
                    print(f"  {q!r}: {err}", file=sys.stderr)
                    continue
                if not warm:
                    times[batching].append(time.perf_counter() - t)
            if not warm and len(answers) == 2:
                same += answers[False] == answers[True]
                differ += answers[False] != answers[True]
    backend.batch, backend.batching = plain_batch, True
    print(f"{'full search':<28}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'round trips':>13}")
    for batching, name in ((False, "batching off"), (True, "batching on")):
        ms = [t * 1000 for t in times[batching]]
        print(f"{name:<28}{len(ms):>5}{percentile(ms, 50):>9.1f}{percentile(ms, 95):>9.1f}{percentile(ms, 99):>9.1f}"
              f"{trips[batching] / max(1, len(ms)):>13.1f}")
    print(f"answers the same: {same}, different: {differ}; failed (agent time-outs): "
          f"{failed[False]} one at a time, {failed[True]} batched")


if __name__ == "__main__":
    main()
