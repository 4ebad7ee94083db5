"""How far past its time limit a hostile query runs (issue 16, item 3).

Why: the limit is a promise to the operator that no accepted query holds a worker longer than
``FAHRAS_QUERY_TIME_LIMIT`` (+ 0.5 s for the answer). The probe's queries: the 60 commonest body
words each with ``~2`` joined by OR, 60 one-letter prefixes (``ب*``), ``ال~2``, and their kin
(two-letter prefixes, fuzzy words side by side, prefixes and fuzzy words mixed). Each runs through
:class:`search.SearchEngine` with facets, highlights and the suggestion, as the API does; printed:
seconds, seconds past the limit, whether it says ``timed_out``, and the total.

    python bench/deadline.py --index var/bench/fahras-31k --limit 3
    python bench/deadline.py --backend sphinx --cluster var/c31k-1 --limit 3

Exits non-zero when a query overruns the limit by more than ``--grace`` seconds.
"""

from __future__ import annotations

import itertools
import pathlib
import sys
import time

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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
    }


def run(settings: EngineSettings) -> list[dict]:
    engine = open_engine(settings)
    limit = settings.query_time_limit
    try:
        engine.search(SearchRequest(q="السعودية"))  # warm: tables and term dictionaries
        rows = []
        for name, q in hostile_queries(common_words(engine, 60)).items():
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
def main(index: pathlib.Path | None, backend: str, cluster: str | None, limit: float, grace: float) -> None:
    """Time the hostile queries against the query time limit."""
    if (backend == "sphinx") != bool(cluster) or (backend == "whoosh") != bool(index):
        raise click.UsageError("--index for the whoosh backend, --backend sphinx --cluster for sphinx")
    rows = run(EngineSettings(backend=backend, index=str(index or ""), cluster=cluster or "",
                              query_time_limit=limit))
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


if __name__ == "__main__":
    main()
