"""Warm query latency: Fahras's five kinds of request and the peers, interleaved query by query.

Why interleaved: this machine is shared, and a burst of someone else's load during one engine's
turn would otherwise pass for that engine's slowness. For each of the 200 queries
(``bench/queries.py``) every mode and every peer runs once, in a rotating order; a full warm-up
pass over all queries comes first (OS page cache, Whoosh's lazily loaded term dictionaries and
columns, the stemmer cache: the full Fahras request once per query, and each peer once). Reported: p50/p95/p99 in milliseconds and the ratio of each p95 to
plain top-10.

Fahras modes (all through :class:`search.SearchEngine`):

* ``plain``: top 10 by relevance, no facets, no highlights;
* ``facets``: + the five disjunctive facet counts and the "did you mean" check;
* ``facets+hl``: + highlighted title and snippet (what the API and the site return);
* ``date-sorted``: newest first, with facets and highlights;
* ``deep-page``: page 50 (results 491-500), with facets and highlights;
* ``facets+hl flat``, ``deep-page flat``: the same with ``collapse=false`` (every article its own
  hit; the others show one hit per story): what collapsing costs.

Peers: top 10 of the OR of the words (``bench/peers.py``), title weighted.

    python bench/latency.py --index var/bench/fahras-31k --peers var/bench/peers-31k
"""

from __future__ import annotations

import json
import pathlib
import statistics
import sys
import time
from dataclasses import replace

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from peers import PEERS, SEARCHERS  # noqa: E402
from queries import build_queries  # noqa: E402

from search import EngineSettings, QueryError, SearchRequest, open_engine  # noqa: E402

MODES = ("plain", "facets", "facets+hl", "date-sorted", "deep-page")
FLAT = " flat"  # a mode's name + FLAT: the same request with collapse off


def fahras_call(engine, mode: str):
    if mode.endswith(FLAT):
        return fahras_call(_Flat(engine), mode.removesuffix(FLAT))

    def run(q: str):
        if mode == "plain":
            return engine.search(SearchRequest(q=q), facets=False, highlight=False)
        if mode == "facets":
            return engine.search(SearchRequest(q=q), facets=True, highlight=False)
        if mode == "facets+hl":
            return engine.search(SearchRequest(q=q))
        if mode == "date-sorted":
            return engine.search(SearchRequest(q=q, sort="newest"))
        if mode == "deep-page":
            return engine.search(SearchRequest(q=q, page=50))
        raise ValueError(mode)

    return run


class _Flat:
    """The engine with every request's ``collapse`` off."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def search(self, request: SearchRequest, **kwargs):
        return self.engine.search(replace(request, collapse=False), **kwargs)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: with 200 samples p99 is the 2nd slowest)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def summarize(times: dict[str, list[float]]) -> list[dict]:
    rows = []
    for name, ts in times.items():
        ms = [t * 1000 for t in ts]
        rows.append({
            "name": name,
            "n": len(ms),
            "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(percentile(ms, 95), 2),
            "p99_ms": round(percentile(ms, 99), 2),
            "mean_ms": round(statistics.fmean(ms), 2),
        })
    return rows


def run_latency(index: pathlib.Path, queries: list[str], peers_dir: pathlib.Path | None,
                peers: list[str], modes: tuple[str, ...] = MODES, warmup: bool = True,
                postings_cache_mb: float | None = None) -> dict:
    """``postings_cache_mb``: the Whoosh backend's postings cache
    (search/whoosh_backend/postings_cache.py; None: the default). The warm-up pass fills it with
    the queries' common words, so ``0`` gives what the same searches cost when none of their words
    is cached."""
    # No time limit: a search cut short at the limit would pass for a fast one.
    cache = {} if postings_cache_mb is None else {"postings_cache_mb": postings_cache_mb}
    engine = open_engine(EngineSettings(index=str(index), query_time_limit=None, **cache))
    calls: dict[str, object] = {f"fahras {m}": fahras_call(engine, m) for m in modes}
    opened = []
    for name in peers:
        if peers_dir is None or not (peers_dir / name).exists():
            continue
        s = SEARCHERS[name](peers_dir / name)
        opened.append(s)
        calls[name] = s.search
    names = list(calls)
    errors: dict[str, int] = dict.fromkeys(names, 0)
    if warmup:  # once per query: the full Fahras request (postings, columns, stored text) and each peer
        for q in queries:
            for name in ["fahras facets+hl", *[n for n in names if not n.startswith("fahras")]]:
                try:
                    if name in calls:
                        calls[name](q)
                except QueryError:
                    pass
    times: dict[str, list[float]] = {n: [] for n in names}
    totals: list[int] = []
    for i, q in enumerate(queries):
        order = names[i % len(names):] + names[: i % len(names)]  # rotate who goes first
        for name in order:
            t = time.perf_counter()
            try:
                out = calls[name](q)
            except QueryError:
                errors[name] += 1
                continue
            times[name].append(time.perf_counter() - t)
            if name == "fahras plain":
                totals.append(out.total)
    docs = engine.stats()["documents"]
    pc = engine.backend.postings_cache
    cache_figures = {"budget_mb": round(pc.budget_bytes / 2**20), "used_mb": round(pc.size_bytes / 2**20, 1),
                     "lists": len(pc), "hits": pc.stats.hits, "misses": pc.stats.misses}
    engine.close()
    for s in opened:
        s.close()
    return {"index": str(index), "documents": docs, "queries": len(queries),
            "matches_median": statistics.median(totals) if totals else 0,
            "postings_cache": cache_figures, "rows": summarize(times), "errors": errors}


# A worker timing the site's full search (facets + highlights, no time limit), or with "suggest" as
# sys.argv[3] an autocomplete, with the code at sys.argv[1]: one query a line in, milliseconds out
# (-1 for a query error).
_WORKER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from search import EngineSettings, QueryError, SearchRequest, open_engine
engine = open_engine(EngineSettings(index=sys.argv[2], query_time_limit=None))
suggesting = sys.argv[3] == "suggest"
print("ready", flush=True)
for line in sys.stdin:
    t = time.perf_counter()
    try:
        if suggesting:
            engine.suggest(line.rstrip("\\n"))
        else:
            engine.search(SearchRequest(q=line.rstrip("\\n")))
        print((time.perf_counter() - t) * 1000, flush=True)
    except QueryError:
        print(-1, flush=True)
"""


def prefixes(queries: list[str]) -> list[str]:
    """What an autocomplete is asked while the queries are typed: each query of two words or more
    with its last word cut to 2 and to 3 letters (``وزارة الص``), once each."""
    out: dict[str, None] = {}
    for q in queries:
        *head, last = q.split() or [""]
        if head and len(last) > 3:
            for n in (2, 3):
                out[" ".join([*head, last[:n]])] = None
    return list(out)


def compare_code(index: pathlib.Path, queries: list[str], base: pathlib.Path,
                 base_index: pathlib.Path | None = None, kind: str = "search") -> dict:
    """The full search (or, ``kind`` "suggest", the autocomplete) with this checkout and with the
    code at ``base`` (another checkout of the project, e.g. the commit before a change), side by
    side: one worker process each, the same queries alternately first, after a warm-up pass;
    p50/p95 of each and the p95 ratio. ``base_index``: the index the base code searches, when the
    change needs a re-import (a new schema or analyzer: the base code refuses the new index); the
    same one otherwise."""
    import subprocess

    sides = {"this checkout": (ROOT, index), f"base ({base})": (base, base_index or index)}
    workers = {}
    for name, (code, where) in sides.items():
        w = subprocess.Popen([sys.executable, "-c", _WORKER, str(code), str(where.resolve()), kind], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=str(code))
        assert w.stdout.readline().strip() == "ready", name
        workers[name] = w

    def ask(name: str, q: str) -> float:
        w = workers[name]
        w.stdin.write(q.replace("\n", " ") + "\n")
        w.stdin.flush()
        return float(w.stdout.readline())

    names = list(sides)
    try:
        for q in queries:  # warm-up
            for name in names:
                ask(name, q)
        times: dict[str, list[float]] = {n: [] for n in names}
        for i, q in enumerate(queries):
            for name in (names if i % 2 == 0 else names[::-1]):
                ms = ask(name, q)
                if ms >= 0:
                    times[name].append(ms / 1000)
    finally:
        for w in workers.values():
            w.stdin.close()
            w.wait()
    rows = summarize(times)
    return {"queries": len(queries), "rows": rows,
            "p95_ratio": round(rows[0]["p95_ms"] / rows[1]["p95_ms"], 3) if rows[1]["p95_ms"] else None}


def latency_table(result: dict) -> str:
    rows = result["rows"]
    plain = next((r for r in rows if r["name"] == "fahras plain"), None)
    cache = result.get("postings_cache") or {}
    lines = [f"{result['documents']} documents, {result['queries']} queries (median "
             f"{result['matches_median']} matching documents each); postings cache "
             f"{cache.get('budget_mb', '?')} MB, {cache.get('used_mb', '?')} MB used "
             f"({cache.get('hits', 0)} hits, {cache.get('misses', 0)} lists read into it):", "",
             "| engine / mode | p50 ms | p95 ms | p99 ms | mean ms | p95 ÷ Fahras plain |",
             "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        ratio = f"{r['p95_ms'] / plain['p95_ms']:.2f}" if plain and plain["p95_ms"] else ""
        lines.append(f"| {r['name']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
                     f"{r['mean_ms']} | {ratio} |")
    return "\n".join(lines)


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              required=True, help="A Fahras index.")
@click.option("--peers", "peers_dir", type=click.Path(file_okay=False, path_type=pathlib.Path),
              default=None, help="Directory holding the peer indexes (bench/peers.py index --workdir).")
@click.option("--engines", default=",".join(PEERS), show_default=True, help="Peers to run.")
@click.option("--queries", "queries_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="One query a line (default: bench/queries.py's 200).")
@click.option("--limit", type=int, default=None, help="Run only the first N queries.")
@click.option("--profile", "profile_out", type=click.Path(dir_okay=False), default=None,
              help="Profile 'fahras facets+hl' over the queries with pyinstrument into this HTML file.")
@click.option("--postings-cache-mb", type=click.FloatRange(0), default=None,
              help="Fahras's postings cache (default: the engine's); 0 for none.")
@click.option("--against", "base_code", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              default=None, help="Another checkout of the code (e.g. `git archive main | tar -x -C DIR`): "
                                 "time the full search with both, side by side, and print the p95 ratio.")
@click.option("--base-index", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              default=None, help="With --against: the index the other checkout searches (its own "
                                 "import of the same documents, when the change needs a re-import).")
@click.option("--modes", default=",".join(MODES), show_default=True,
              help=f"Fahras modes to run; any of them + '{FLAT}' runs it with collapse off.")
@click.option("--suggest", "suggesting", is_flag=True,
              help="With --against: time the autocomplete instead, on the queries' prefixes (the last "
                   "word cut to 2 and 3 letters).")
@click.option("--json-out", type=click.Path(path_type=pathlib.Path), default=None)
def main(index, peers_dir, engines, queries_file, limit, profile_out, postings_cache_mb, base_code, base_index,
         modes, suggesting, json_out) -> None:
    """Print p50/p95/p99 of every Fahras mode and every peer on the same queries."""
    if queries_file:
        queries = [q for q in pathlib.Path(queries_file).read_text(encoding="utf-8").splitlines() if q.strip()]
    else:
        queries = build_queries()
    queries = queries[:limit] if limit else queries
    if profile_out:
        _profile(index, queries, profile_out)
        return
    if base_code:
        kind = "suggest" if suggesting else "search"
        result = compare_code(index, prefixes(queries) if suggesting else queries, base_code, base_index, kind)
        what = "the autocomplete, prefixes" if suggesting else "the full search (facets + highlights), queries"
        click.echo(f"{what}: {result['queries']}, side by side:")
        for r in result["rows"]:
            click.echo(f"  {r['name']}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms")
        click.echo(f"p95 ratio (this checkout ÷ base): {result['p95_ratio']}")
        if json_out:
            json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        return
    result = run_latency(index, queries, peers_dir, [e for e in engines.split(",") if e],
                         modes=tuple(m for m in modes.split(",") if m), postings_cache_mb=postings_cache_mb)
    click.echo(latency_table(result))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


def _profile(index: pathlib.Path, queries: list[str], out: str) -> None:
    from pyinstrument import Profiler

    engine = open_engine(EngineSettings(index=str(index)))
    run = fahras_call(engine, "facets+hl")
    for q in queries:  # warm
        run(q)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for q in queries:
        run(q)
    profiler.stop()
    pathlib.Path(out).write_text(profiler.output_html(), encoding="utf-8")
    click.echo(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
