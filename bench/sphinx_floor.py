"""The engine's own floor: what searchd takes for the least a full search must ask of it, side by
side with Fahras's full search, in one run.

Why: a 1M full search spends most of its time in searchd (docs/scaling.md). Before shaving the
code above Sphinx, this measures the bare statements on the same query set (bench/queries.py):
if they alone are over the target at p95, no work above them reaches it.

Each query is compiled by the engine itself: a search runs until it has counted its selections
(the full-match tier, then the union of the tiers), which a searcher that answers nothing notes
(:class:`Selections`); the statements are then built by :class:`SphinxSearcher`'s own
``_select`` from those selections, and the engine's own round trips (the page with its count and
stories, the union's count, the facets: exact, without the facet time limit the site's search
has) are recorded from its own methods. The floor row adds, per query, the ranked top 10 (whose
``SHOW META`` is the count) and the facets as the engine asks them (one batch of ``GROUP BY``
statements): the least a full search asks, exactly. Each
statement is sent alone, every query's statements in rotating order, ``--rounds`` times after
a warm-up; a query's time is the median of its rounds, and the table gives p50/p95/p99 and mean
over the queries, overall and by how many documents the full tier matches (under 1 % of the
archive, 1-10 %, over 10 %: < 10k, 10-100k, > 100k at 1M). The same bare statements go to each
shard's own port (its ``main, delta``) to show what the shards buy. Variants (engine options,
"vs" the statement they change): another ranker, ``cutoff``, ``max_matches``, the facets as one
statement of ``FACET`` clauses (the engine's form before), the page and the facets in one batch; for each, how its
answers compare.

    python bench/sphinx_floor.py --cluster /work/var1m/s1m-2 [--queries 200] [--rounds 3]
        [--cutoff N] [--json-out FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import pathlib
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.latency import fahras_call, percentile  # noqa: E402
from bench.queries import build_queries  # noqa: E402
from indexer.schema import SECTION  # noqa: E402
from search import EngineSettings, QueryError, open_engine  # noqa: E402
from search.backend import Selection  # noqa: E402
from search.deadline import Deadline  # noqa: E402
from search.facets import MAX_VALUES  # noqa: E402
from search.results import SearchRequest  # noqa: E402
from search.sphinx_backend import client, config  # noqa: E402
from search.sphinx_backend.cluster import node_documents  # noqa: E402
from search.sphinx_backend.searcher import (  # noqa: E402
    FACET_LIMIT,
    RANK_ORDER,
    RANKED,
    SphinxSearcher,
    ranker,
)

SHARES = (0.01, 0.10)  # bucket edges: the share of the archive a query's full tier matches
RANKED_TOP = "b  ranked top 10 (bm25f expression)"
FACETS = "e  the facets as the engine asks"
FULL = "f  full search (facets + highlights)"
# The least a full search asks of searchd, exactly: its ranked page (whose SHOW META is the count),
# then its facets; per query, the sum of the two statements' times.
FLOOR = "b+e the floor: ranked top 10, then the facets"
Statements = list[tuple[str, list | None]]


def bucket(matches: int, documents: int, shares: tuple[float, ...] = SHARES) -> str:
    """The label of the bucket of a query matching ``matches`` of ``documents``:
    ``bucket(5_000, 1_000_000)`` → ``"< 10,000"``, ``bucket(10_000, 1_000_000)`` → ``"10,000-100,000"``."""
    edges = [round(s * documents) for s in shares]
    for k, edge in enumerate(edges):
        if matches < edge:
            return f"< {edge:,}" if k == 0 else f"{edges[k - 1]:,}-{edge:,}"
    return f">= {edges[-1]:,}"


def bucket_labels(documents: int, shares: tuple[float, ...] = SHARES) -> list[str]:
    edges = [round(s * documents) for s in shares]
    return [bucket(0, documents, shares)] + [bucket(e, documents, shares) for e in edges]


def summary(seconds: list[float]) -> dict[str, float]:
    """p50/p95/p99 (nearest rank) and mean, in ms."""
    ms = [s * 1000 for s in seconds]
    return {"n": len(ms), "p50": statistics.median(ms), "p95": percentile(ms, 95),
            "p99": percentile(ms, 99), "mean": statistics.fmean(ms)}


class _Counted(Exception):
    """The engine has counted what it counts first: the search stops there."""


class Selections(SphinxSearcher):
    """A searcher that answers nothing: it notes the selections the engine counts (the full
    tier first, then, when the query has partial tiers, their union) and stops the search."""

    def __init__(self, backend, deadline) -> None:
        super().__init__(backend, deadline)
        self.counted: list[Selection] = []

    def count(self, selection: Selection) -> int:
        self.counted.append(selection)
        if len(self.counted) == 2:
            raise _Counted
        return 1

    def count_stories(self, selection: Selection) -> int:
        raise _Counted


def selections(engine, q: str) -> list[Selection]:
    """[full tier] or [full tier, union of the tiers] as the engine compiles ``q`` ([]: nothing
    to search)."""
    backend = engine.backend
    noted: list[Selections] = []

    def searcher(deadline):
        noted.append(Selections(backend, deadline))
        return contextlib.nullcontext(noted[-1])

    backend.searcher = searcher
    try:
        engine.search(SearchRequest(q=q), facets=False, highlight=False)
    except _Counted:
        pass
    finally:
        del backend.searcher  # the class's method again
    return noted[0].counted if noted else []


def engine_trips(engine, full: Selection, whole: Selection) -> dict[str, Statements]:
    """The round trips the engine's searcher sends for the page (with the count and the stories),
    the union's count (when there are partial tiers) and the facets, as it sends them."""
    backend = engine.backend
    plain = backend.batch
    sent: list[Statements] = []
    backend.batch = lambda statements: (sent.append(list(statements)), plain(statements))[1]
    try:
        with backend.searcher(_no_deadline()) as s:
            s.count(full)
            trips = {"page": sent[-1]}
            if whole != full:
                s.count(whole)
                trips["union"] = sent[-1]
            described = full if s.count(full) else whole
            before = len(sent)
            s.facet_counts(described, SECTION, 60.0)
            trips["facets"] = sent[before]  # (then the years apart, were the months cut)
    finally:
        del backend.batch
    return trips


def _no_deadline() -> Deadline:
    deadline = Deadline(None)
    deadline.start()
    return deadline


@dataclass
class Probe:
    """One timed thing: a batch of statements to a node, or a call; ``base``: the probe a
    variant changes, its answers compared with ``answer`` (a function of the result sets)."""

    name: str
    run: Callable[[], object]
    base: str | None = None
    answer: Callable[[object], object] | None = None


def _option(sql: str, option: str) -> str:
    return sql.replace(" OPTION ", f" OPTION {option}, ", 1)


def _max_matches(sql: str, n: int) -> str:
    return re.sub(r"max_matches=\d+", f"max_matches={n}", sql)


def _on_shard(statements: Statements) -> Statements:
    return [(sql.replace(f" FROM {config.DISTRIBUTED} ", f" FROM {', '.join(config.INDEXES)} "), args)
            for sql, args in statements]


def _ranked_answer(sets) -> tuple[list, str]:
    return [row[0] for row in sets[0]], _total(sets[-1])


def _total(meta_rows) -> str:
    return dict((str(k), str(v)) for k, v in meta_rows).get("total_found", "")


def _shown(rows) -> list:
    """What a facet shows: its top values by count (ties by value). A facet of more values than
    the agents send (FACET_LIMIT each) is cut per agent, and which of the values tied at the cut
    an agent keeps differs from one statement to another: its tail is not comparable."""
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:MAX_VALUES]


def _facet_statement(sql: str, args: list | None, fields: list[str], max_matches: int) -> Statements:
    """The facets as one statement of ``FACET`` clauses on the count statement ``sql`` (the
    searcher's form until five ``GROUP BY`` statements in one batch measured cheaper)."""
    sql = _max_matches(sql, max_matches) + "".join(
        f" FACET {f} ORDER BY COUNT(*) DESC LIMIT {FACET_LIMIT}" for f in fields)
    return [(sql, args), ("SHOW META", None)]


def _facet_tables(sets) -> list:
    """The facet tables of a FACET statement (the sets between the main one and SHOW META)."""
    return [_shown(rows) for rows in sets[1:-1]]


def _grouped_tables(skip: int) -> Callable[[object], list]:
    """The facet tables of a batch of GROUP BY statements, each with its SHOW META, after
    ``skip`` result sets."""
    return lambda sets: [_shown(rows) for rows in sets[skip::2]]


def probes(engine, conns: dict[str, client.Connection], q: str, cutoff: int) -> tuple[list[Probe], int] | None:
    """What to time for ``q`` and the number of documents its full tier matches (None: nothing
    to search)."""
    found = selections(engine, q)
    if not found:
        return None
    full, whole = found[0], found[-1]
    s = SphinxSearcher(engine.backend, _no_deadline())
    cond = s._conditions(full)
    meta = ("SHOW META", None)
    match = [s._select(cond, "id", "", 0, 10, None), meta]
    ranked = [s._select(cond, RANKED, RANK_ORDER, 0, 10, None), meta]
    count = [s._select(cond, "id", "", 0, 1, None), meta]
    coordinator = conns["coordinator"]
    matches = int(_total(coordinator.batch(count)[-1]) or 0)
    # The facets describe the full matches, or the partial ones when there are none (the engine's rule)
    described = cond if matches or whole is full else s._conditions(whole)

    def grouped_by(field: str, *options: str) -> Statements:
        sql, args = s._select(described, f"{field}, COUNT(*)", "COUNT(*) DESC", 0, FACET_LIMIT, None, group=field)
        for option in options:
            sql = _option(sql, option)
        return [(sql, args), meta]

    section = grouped_by(SECTION)
    trips = engine_trips(engine, full, whole)
    facets = trips["facets"]
    fields = [m.group(1) for sql, _args in facets if (m := re.search(r" GROUP BY (\w+)", sql))]
    grouped = [x for f in fields for x in grouped_by(f)]
    expression = ranker(engine.backend.ranking)

    def batch(conn, statements):
        return lambda: conn.batch(statements)

    out = [
        Probe("a  match only: top 10, ranker=none", batch(coordinator, match)),
        Probe(RANKED_TOP, batch(coordinator, ranked), answer=_ranked_answer),
        Probe("c  count alone (LIMIT 0,1)", batch(coordinator, count)),
        *(Probe(f"d  one facet: GROUP BY {f}", batch(coordinator, grouped_by(f))) for f in fields),
        Probe(FACETS, batch(coordinator, facets), answer=_grouped_tables(0)),
        Probe("g  page trip as the engine asks", batch(coordinator, trips["page"])),
        Probe(FULL, lambda: fahras_call(engine, "facets+hl")(q)),
        Probe("b' ranker=bm25", batch(coordinator, [(ranked[0][0].replace(expression, "bm25"), ranked[0][1]), meta]),
              base=RANKED_TOP, answer=_ranked_answer),
        Probe(f"b' cutoff={cutoff}", batch(coordinator, [(_option(ranked[0][0], f"cutoff={cutoff}"), ranked[0][1]),
                                                         meta]),
              base=RANKED_TOP, answer=_ranked_answer),
        # FACET clauses ignore the statement's cutoff (2.2.11): the GROUP BY statements carry it
        Probe(f"e' GROUP BYs, one batch, cutoff={cutoff}",
              batch(coordinator, [x for f in fields for x in grouped_by(f, f"cutoff={cutoff}")]),
              base=FACETS, answer=_grouped_tables(0)),
        Probe("e' max_matches=100", batch(coordinator, [(_max_matches(sql, 100), args) for sql, args in facets]),
              base=FACETS, answer=_grouped_tables(0)),
        Probe("e' one statement, FACET clauses",
              batch(coordinator, _facet_statement(*s._select(described, "id", "", 0, 1, None), fields,
                                                  engine.backend.max_matches)),
              base=FACETS, answer=_facet_tables),
        Probe("e' page trip + GROUP BYs, one batch", batch(coordinator, trips["page"] + grouped),
              base=FACETS, answer=_grouped_tables(len(trips["page"]))),
    ]
    if "union" in trips:
        out.append(Probe("h  union count trip (partial tiers)", batch(coordinator, trips["union"])))
    for name, conn in conns.items():
        if name == "coordinator":
            continue
        out += [Probe(f"{name} a  match only", batch(conn, _on_shard(match))),
                Probe(f"{name} b  ranked top 10", batch(conn, _on_shard(ranked))),
                Probe(f"{name} d  GROUP BY section", batch(conn, _on_shard(section))),
                Probe(f"{name} e  the facets", batch(conn, _on_shard(facets)))]
    return out, matches


def load_average() -> float:
    return float(pathlib.Path("/proc/loadavg").read_text().split()[0])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cluster", required=True, help="a directory made by `fahras cluster start`")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cutoff", type=int, default=None, help="matches per shard for the cutoff variants "
                    "(default: 1%% of the documents)")
    ap.add_argument("--json-out", default=None)
    args = ap.parse_args()

    engine = open_engine(EngineSettings(backend="sphinx", cluster=args.cluster, query_time_limit=None))
    cluster = engine.backend.cluster
    documents = node_documents(cluster, next(n for n in cluster.nodes if n.role == "coordinator")) or 0
    cutoff = args.cutoff or max(1, documents // 100)
    conns = {n.name: client.Connection(cluster.host, n.port) for n in cluster.nodes}
    loads = [load_average()]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    planned: list[tuple[str, list[Probe], int]] = []
    failed: dict[str, int] = {}  # statements whose agents timed out (a cold cache, a loaded machine)
    for q in build_queries(total=args.queries):
        for _attempt in range(3):  # the first look at a cold 1M cluster can outlast the agents' 3 s
            try:
                made = probes(engine, conns, q, cutoff)
                break
            except QueryError:
                made = None
                break
            except client.EngineUnavailable as err:
                made = None
                failed["compiling"] = failed.get("compiling", 0) + 1
                print(f"  {q!r}: {err}", file=sys.stderr)
        if made is not None:
            planned.append((q, *made))
    times: dict[str, dict[str, list[float]]] = {}
    answers: dict[tuple[str, str], object] = {}
    for rnd in range(args.rounds + 1):  # round 0: the warm-up, whose answers are compared
        for i, (q, plist, _matches) in enumerate(planned):
            k = (i + rnd) % len(plist)
            for p in plist[k:] + plist[:k]:
                t = time.perf_counter()
                try:
                    got = p.run()
                except client.EngineUnavailable as err:
                    failed[p.name] = failed.get(p.name, 0) + 1
                    print(f"  {q!r} {p.name}: {err}", file=sys.stderr)
                    continue
                took = time.perf_counter() - t
                if rnd == 0:
                    if p.answer is not None:
                        answers[(p.name, q)] = p.answer(got)
                    continue
                times.setdefault(p.name, {}).setdefault(q, []).append(took)
            loads.append(load_average())
        print(f"  round {rnd} done, {time.strftime('%H:%M:%S')}, load {loads[-1]:.1f}", file=sys.stderr)
    report(planned, times, answers, documents, rounds=args.rounds, loads=loads, started=started,
           json_out=args.json_out, cluster=args.cluster)
    if failed:
        print(f"agents timed out (left out): {failed}")
    for conn in conns.values():
        conn.close()
    engine.close()


def _agreement(base: str, name: str, planned, answers) -> str:
    """How the variant's answers compare with its base's, on the warm-up's answers."""
    pairs = [(answers.get((base, q)), answers.get((name, q))) for q, *_rest in planned]
    pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
    if not pairs:
        return ""
    if isinstance(pairs[0][0], tuple):  # (ids, total_found) of a ranked list
        shared = statistics.fmean(len(set(a[0]) & set(b[0])) / max(1, len(a[0])) for a, b in pairs)
        totals = sum(a[1] == b[1] for a, b in pairs)
        return f"top 10 shared {shared:.2f}, totals equal {totals}/{len(pairs)}"
    return f"facet tables equal {sum(a == b for a, b in pairs)}/{len(pairs)}"


def report(planned, times, answers, documents: int, *, rounds: int, loads: list[float], started: str,
           json_out: str | None, cluster: str) -> None:
    labels = bucket_labels(documents)
    bucket_of = {q: bucket(m, documents) for q, _p, m in planned}
    sizes = {label: sum(1 for b in bucket_of.values() if b == label) for label in labels}
    medians = {name: {q: statistics.median(ts) for q, ts in by_query.items()} for name, by_query in times.items()}
    medians[FLOOR] = {q: t + medians[FACETS][q] for q, t in medians[RANKED_TOP].items() if q in medians[FACETS]}
    full_mean = summary(list(medians[FULL].values()))["mean"]
    print(f"{cluster}: {documents:,} documents, {len(planned)} queries, {rounds} rounds each (a query's "
          f"time: the median of its rounds), started {started}, load average {min(loads):.1f}-{max(loads):.1f}")
    head = f"{'':<44}{'p50':>8}{'p95':>8}{'p99':>8}{'mean':>8}{'/full':>7}"
    head += "".join(f"{'p95 ' + label:>22}" for label in labels)
    print(head + "    (ms; /full: mean over the full search's mean)")
    print(f"{'queries by matches of the full tier':<83}" + "".join(f"{sizes[label]:>22}" for label in labels))
    rows = {}
    for name, per_query in sorted(medians.items()):  # the probes are named in their order
        total = summary(list(per_query.values()))
        parts = {label: summary([t for q, t in per_query.items() if bucket_of[q] == label]) for label in labels
                 if any(bucket_of[q] == label for q in per_query)}
        rows[name] = {"all": total, "buckets": parts}
        line = (f"{name:<44}{total['p50']:>8.1f}{total['p95']:>8.1f}{total['p99']:>8.1f}{total['mean']:>8.1f}"
                f"{total['mean'] / full_mean:>7.2f}")
        line += "".join(f"{parts[label]['p95']:>22.1f}" if label in parts else f"{'':>22}" for label in labels)
        print(line)
    print("variants' answers (warm-up round) against the statement they change:")
    for _q, plist, _m in planned[:1]:
        for p in plist:
            if p.base is not None:
                print(f"  {p.name:<42} vs {p.base.split()[0]}: {_agreement(p.base, p.name, planned, answers)}")
    if json_out:
        pathlib.Path(json_out).write_text(json.dumps(
            {"cluster": cluster, "documents": documents, "queries": len(planned), "rounds": rounds,
             "started": started, "load": [min(loads), max(loads)], "rows": rows,
             "per_query_ms": {name: {q: round(t * 1000, 2) for q, t in by_query.items()}
                              for name, by_query in medians.items()},
             "matches": {q: m for q, _p, m in planned}}, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
