"""``fahras search`` and ``fahras eval``: small click commands over :mod:`search.engine`.

Errors a user can act on (no index, wrong version, a bad query or date) print one line on stderr
and exit with status 2 (usage) or 1 (index); never a traceback.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys
from datetime import date

import click

from indexer.store import IndexProblem
from search.results import SORTS, QueryError, SearchRequest, SearchResult

DEFAULT_CORPUS = pathlib.Path("../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz")


def default_index() -> str:
    return os.environ.get("FAHRAS_INDEX") or "var/index"


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"fahras: {message}", err=True)
    sys.exit(code)


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"--{name} {value!r} is not a date: use YYYY-MM-DD", 2)
    return None


def _strip_marks(html: str) -> str:
    """Terminal view of a snippet: <mark> as bold (on a TTY) or [..], entities unescaped."""
    import html as html_mod

    if sys.stdout.isatty():
        on, off = "\033[1m", "\033[0m"
    else:
        on, off = "[", "]"
    return html_mod.unescape(html.replace("<mark>", on).replace("</mark>", off))


def format_text(result: SearchResult) -> str:
    lines = []
    shown = f"{(result.page - 1) * result.per_page + 1}-{(result.page - 1) * result.per_page + len(result.hits)}"
    head = f"{result.total} results" + (f" (showing {shown})" if result.hits else "")
    if result.fallback_or:
        head += " — no article has every word; showing articles with any of them"
    lines.append(head)
    if result.suggestion:
        lines.append(f"did you mean: {result.suggestion}")
    for n, hit in enumerate(result.hits, (result.page - 1) * result.per_page + 1):
        meta = " · ".join(x for x in (hit.date[:10] if hit.date else None, hit.source, hit.section) if x)
        lines.append("")
        lines.append(f"{n}. {_strip_marks(hit.title_html) or hit.id}")
        lines.append(f"   {hit.id}" + (f" · {meta}" if meta else "") + (f" · {hit.score:.2f}" if hit.score else ""))
        if hit.snippet_html:
            lines.append(f"   {_strip_marks(hit.snippet_html)}")
        if hit.url:
            lines.append(f"   {hit.url}")
    if result.facets_truncated:
        lines.append(f"\n(facet counts cut short: {', '.join(result.facets_truncated)})")
    if result.timed_out:
        lines.append("\n(the search ran out of time: these are the results found by then)")
    return "\n".join(lines)


@click.command("search")
@click.argument("query")
@click.option("--index", "index_dir", default=None, help="Index directory [$FAHRAS_INDEX or var/index].")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON result object.")
@click.option("--limit", default=10, show_default=True, type=int, help="Results per page (1-100).")
@click.option("--page", default=1, show_default=True, type=int)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--section", multiple=True, help="Only this section (repeat for either of several).")
@click.option("--source", multiple=True, help="Only this source (repeat for either of several).")
@click.option("--from", "date_from", default=None, help="From this day (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, help="Up to this day, included (YYYY-MM-DD).")
@click.option("--time-limit", type=click.FloatRange(min=0), default=0, show_default=True,
              help="Stop after this many seconds and show what was found (0: no limit).")
def search_command(query, index_dir, as_json, limit, page, sort, section, source, date_from, date_to,
                   time_limit) -> None:
    """Search the index for QUERY (words, "phrases", -word, OR, title:, date:2015-07..2015-08)."""
    from search.engine import SearchEngine

    filters = {name: list(values) for name, values in (("section", section), ("source", source)) if values}
    request = SearchRequest(
        q=query,
        page=page,
        per_page=limit,
        sort=sort,
        filters=filters,
        date_from=_day(date_from, "from"),
        date_to=_day(date_to, "to"),
    )
    try:
        engine = SearchEngine(index_dir or default_index(), query_time_limit=time_limit or None)
    except IndexProblem as err:
        _fail(str(err))
    try:
        result = engine.search(request)
    except QueryError as err:
        _fail(str(err), 2)
    except IndexProblem as err:  # e.g. damaged postings, found only when a search reads them
        _fail(str(err))
    finally:
        engine.close()
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(result))


@click.command("eval")
@click.option("--topics", required=True, type=click.Path(exists=True, dir_okay=False), help="Topics TSV.")
@click.option("--qrels", required=True, type=click.Path(exists=True, dir_okay=False), help="TREC qrels.")
@click.option("--index", "index_dir", default=None,
              help="Index to evaluate [fahras: $FAHRAS_INDEX or var/index; others: var/eval/NAME].")
@click.option("--analyzer", default="fahras", show_default=True,
              type=click.Choice(["none", "fold", "lucene-light10", "snowball", "whoosh-isri", "fahras"]))
@click.option("--corpus", default=None, type=click.Path(dir_okay=False),
              help="Corpus to build a missing comparison index from [../shared/.../saudinewsnet.jsonl.gz].")
@click.option("--per-query", is_flag=True, help="Add a row per topic (with unjudged docs in its top 10).")
def eval_command(topics, qrels, index_dir, analyzer, corpus, per_query) -> None:
    """Relevance of an index on judged topics: ndcg@10, recall@100, mrr@10, p@10 (ir_measures)."""
    from search import evaluation as ev

    try:
        topic_list, judgments = ev.read_topics(topics), ev.read_qrels(qrels)
    except (ValueError, KeyError, OSError) as err:
        _fail(str(err), 2)
    if analyzer == "fahras":
        from search.engine import SearchEngine

        try:
            engine = SearchEngine(index_dir or default_index())
        except IndexProblem as err:
            _fail(str(err))
        try:
            run = ev.engine_run(engine, topic_list)
        finally:
            engine.close()
    else:
        path = pathlib.Path(index_dir or f"var/eval/{analyzer}")
        if not ev.index_is_current(analyzer, path):
            source = pathlib.Path(corpus) if corpus else DEFAULT_CORPUS
            if not source.exists():
                _fail(f"no {analyzer} index at {path} and no corpus at {source} to build it (--corpus)")
            click.echo(f"building the {analyzer} index at {path} from {source} …", err=True)
            ev.build_index(analyzer, source, path, procs=min(2, os.cpu_count() or 1))
        run = ev.comparison_run(analyzer, path, topic_list)
    aggregate, rows = ev.measure(run, judgments)
    for name in ev.METRICS:
        click.echo(f"{name}\t{aggregate.get(name, 0.0):.4f}")
    if per_query:
        unjudged = ev.unjudged_in_top(run, judgments)
        click.echo("\nqid\t" + "\t".join(ev.METRICS) + "\tunjudged@10\tquery")
        by_qid = {t.qid: t.query for t in topic_list}
        for qid in sorted(rows):
            values = "\t".join(f"{rows[qid].get(m, 0.0):.4f}" for m in ev.METRICS)
            click.echo(f"{qid}\t{values}\t{unjudged.get(qid, 0)}\t{by_qid.get(qid, '')}")

