"""How far past its time limit a hostile query runs (issue 16, item 3).

Why: the limit is a promise to the operator that no accepted query holds a worker longer than
``FAHRAS_QUERY_TIME_LIMIT`` (+ 0.5 s for the answer). The probe's queries: the 60 commonest body
words each with ``~2`` joined by OR, 60 one-letter prefixes (``ب*``), ``ال~2``, and their kin
(two-letter prefixes, fuzzy words side by side, prefixes and fuzzy words mixed). Each runs through
:class:`search.SearchEngine` with facets, highlights and the suggestion, as the API does; printed:
seconds, seconds past the limit, whether it says ``timed_out``, and the total.

    python bench/deadline.py --index var/bench/fahras-31k --limit 3
    python bench/deadline.py --backend sphinx --cluster var/c31k-1 --limit 3
    python bench/deadline.py --index /work/idx/w31k-ar8 --limit 1 --baseline /tmp/main --rounds 3

``--baseline DIR`` (a ``git archive`` of another commit): the same queries through that code
too, the two alternating round by round in fresh processes (each query on a fresh engine: cold
caches), and the worst overrun of each side by side. A limit under the queries' own time (1 s on
31k) puts the deadline inside them, as a busy machine does to the 3 s one.

Exits non-zero when a query overruns the limit by more than ``--grace`` seconds.
"""

from __future__ import annotations

import itertools
import json
import os
import pathlib
import subprocess
import sys
import time

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The code measured: this checkout, or a baseline's (set by --baseline for its child process).
sys.path.insert(0, os.environ.get("FAHRAS_BENCH_CODE", str(ROOT)))

from search import EngineSettings, QueryError, SearchRequest, open_engine  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def common_words(engine, count: int) -> list[str]:
    """The ``count`` body words (folded, unstemmed) in the most documents, over 2 letters."""
    if engine.backend.name == "sphinx":  # the cluster's vocabulary: exact forms of title and body
        db = engine.backend.vocabulary._conn()
        rows = db.execute("SELECT term FROM terms WHERE kind = 'exact' AND length(term) > 2 "
                          "ORDER BY df DESC, term LIMIT ?", (count,))
        return [t for (t,) in rows]
    with engine.backend.searcher(None) as s:
        reader = s._reader  # the bench reads the vocabulary directly: not an engine interface
        freq = ((reader.doc_frequency("body_exact", t), t.decode("utf-8") if isinstance(t, bytes) else t)
                for t in reader.lexicon("body_exact"))
        ranked = sorted(((df, t) for df, t in freq if len(t) > 2), reverse=True)
    return [t for _, t in ranked[:count]]


def hostile_queries(words: list[str]) -> dict[str, str]:
    letters = list(itertools.islice(itertools.cycle(LETTERS), 60))
    pairs = [a + b for a, b in itertools.islice(itertools.product(LETTERS[:8], LETTERS), 60)]
    return {
        "60 common words ~2, OR": " OR ".join(f"{w}~2" for w in words[:60]),
        "60 common words ~2, side by side": " ".join(f"{w}~2" for w in words[:60]),
        "60 one-letter prefixes": " ".join(f"{c}*" for c in letters),
        "60 one-letter prefixes, OR": " OR ".join(f"{c}*" for c in letters),
        "60 two-letter prefixes, OR": " OR ".join(f"{p}*" for p in pairs),
        "ال~2": "ال~2",
        "ال~2 و~2 في~2": "ال~2 و~2 في~2",
        "30 prefixes + 30 fuzzy, OR": " OR ".join([f"{c}*" for c in letters[:30]] + [f"{w}~2" for w in words[:30]]),
        # Prefix words side by side (the full matches then the partial ones: matching, then ranking)
        "5 prefix words": "حد* الف* الت* المش* ول*",
        "4 prefix words": "مد* سع* عر* وز*",
        "5 one-letter prefix words": "ا* ب* ت* م* و*",
        "3 fuzzy words": "الحكومه~2 وزير~2 المملكه~2",
        "كتا*": "كتا*",
        # Date spans, each its own range over the archive (an outside probe's, 2026-12-04)
        "60 date spans, OR": " OR ".join(f"date:2015-07-{1 + i % 28:02d}..2015-08-{1 + i % 28:02d}" for i in range(60)),
        "60 open date spans, side by side": " ".join(f"date:2015-07-{1 + i % 28:02d}.." for i in range(60)),
    }


def run(settings: EngineSettings, cold: bool = False) -> list[dict]:
    """Each hostile query, timed. ``cold``: each on a fresh engine (its caches empty; the tables
    every process loads once are loaded by a first search on another engine)."""
    engine = open_engine(settings)
    limit = settings.query_time_limit
    try:
        engine.search(SearchRequest(q="السعودية"))  # warm: tables and term dictionaries
        rows = []
        for name, q in hostile_queries(common_words(engine, 60)).items():
            if cold:
                engine.close()
                engine = open_engine(settings)
            started = time.perf_counter()
            try:
                result = engine.search(SearchRequest(q=q))
                outcome = {"timed_out": result.timed_out, "total": result.total}
            except QueryError as err:
                outcome = {"timed_out": None, "total": None, "refused": str(err)[:60]}
            seconds = time.perf_counter() - started
            rows.append({"query": name, "seconds": seconds, "over": seconds - limit, **outcome})
        return rows
    finally:
        engine.close()


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path))
@click.option("--backend", type=click.Choice(["whoosh", "sphinx"]), default="whoosh", show_default=True)
@click.option("--cluster", default=None, help="The Sphinx cluster (with --backend sphinx).")
@click.option("--limit", default=3.0, show_default=True, help="The query time limit, seconds.")
@click.option("--grace", default=0.5, show_default=True, help="Allowed overrun, seconds.")
@click.option("--baseline", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              default=None, help="Another checkout to measure alternately, side by side.")
@click.option("--rounds", default=3, show_default=True, help="Rounds per checkout (with --baseline).")
@click.option("--json-rows", is_flag=True, hidden=True, help="Cold rows as JSON (a --baseline child).")
def main(index: pathlib.Path | None, backend: str, cluster: str | None, limit: float, grace: float,
         baseline: pathlib.Path | None, rounds: int, json_rows: bool) -> None:
    """Time the hostile queries against the query time limit."""
    if (backend == "sphinx") != bool(cluster) or (backend == "whoosh") != bool(index):
        raise click.UsageError("--index for the whoosh backend, --backend sphinx --cluster for sphinx")
    settings = EngineSettings(backend=backend, index=str(index or ""), cluster=cluster or "",
                              query_time_limit=limit)
    if json_rows:
        click.echo(json.dumps(run(settings, cold=True)))
        return
    if baseline is not None:
        compare(sys.argv[1:], baseline, rounds, limit)
        return
    rows = run(settings)
    click.echo(f"| query | seconds | past the {limit:g} s limit | timed_out | total |")
    click.echo("|---|---:|---:|---|---:|")
    for r in rows:
        over = f"{r['over']:+.2f}" if r["over"] > 0 else "-"
        click.echo(f"| {r['query']} | {r['seconds']:.2f} | {over} | {r['timed_out']} | "
                   f"{r.get('refused') or r['total']} |")
    worst = max(r["over"] for r in rows)
    click.echo(f"worst overrun: {max(worst, 0):.2f} s (allowed {grace} s)")
    if worst > grace:
        raise SystemExit("a query ran past the limit + grace")


def compare(args: list[str], baseline: pathlib.Path, rounds: int, limit: float) -> None:
    """This checkout and ``baseline`` alternating, each round a fresh process per checkout."""
    kept = [a for i, a in enumerate(args) if a not in ("--baseline", "--rounds")
            and (i == 0 or args[i - 1] not in ("--baseline", "--rounds"))]
    worst: dict[str, list[tuple[float, str]]] = {"this checkout": [], str(baseline): []}
    for _ in range(rounds):
        for name, code in (("this checkout", ROOT), (str(baseline), baseline.resolve())):
            out = subprocess.run([sys.executable, __file__, *kept, "--json-rows"], check=True,
                                 capture_output=True, text=True,
                                 env={**os.environ, "FAHRAS_BENCH_CODE": str(code)}).stdout
            rows = json.loads(out.strip().splitlines()[-1])
            worst[name].append(max((r["over"], r["query"]) for r in rows))
    click.echo(f"| checkout | worst overrun past the {limit:g} s limit, per round (query) |")
    click.echo("|---|---|")
    for name, found in worst.items():
        click.echo(f"| {name} | " + ", ".join(f"{o:+.2f} s ({q})" for o, q in found) + " |")


if __name__ == "__main__":
    main()
