"""``fahras search``: a small click command over :func:`search.open_engine`.

A bad query, date or limit exits 2, an index problem 1, each as one line on stderr
(:mod:`fahras.options`).
"""

from __future__ import annotations

import html
import json
import os
import sys
from datetime import date

import click

from fahras.options import EXIT_USAGE, backend_config, backend_options, fail, index_option, reported
from search import (
    SORTS,
    EngineSettings,
    IndexProblem,
    QueryError,
    SearchRequest,
    SearchResult,
    SettingsError,
    open_engine,
)


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--{name} {value!r} is not a date: use YYYY-MM-DD", EXIT_USAGE)


def _terminal(fragment: str) -> str:
    """Terminal view of a highlighted fragment: <mark> as bold (on a TTY) or [..], entities unescaped."""
    on, off = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    return html.unescape(fragment.replace("<mark>", on).replace("</mark>", off))


def format_text(result: SearchResult) -> str:
    lines = []
    first = (result.page - 1) * result.per_page + 1
    shown = f"{first}-{first + len(result.hits) - 1}"
    head = f"{result.total} results" + (f" (showing {shown})" if result.hits else "")
    if result.total_partial:
        head += f": {result.total_all} with every word, {result.total_partial} with some of them"
    lines.append(head)
    if result.suggestion:
        lines.append(f"did you mean: {result.suggestion}")
    for n, hit in enumerate(result.hits, first):
        if not hit.matched_all and (n == first or result.hits[n - first - 1].matched_all):
            lines.append("")
            lines.append("-- results with some of your words --")
        meta = " · ".join(x for x in (hit.date[:10] if hit.date else None, hit.source, hit.section) if x)
        lines.append("")
        lines.append(f"{n}. {_terminal(hit.title_html) or hit.id}")
        lines.append(f"   {hit.id}" + (f" · {meta}" if meta else "") + (f" · {hit.score:.2f}" if hit.score else ""))
        if hit.missing:
            lines.append(f"   missing: {' '.join(hit.missing)}")
        if hit.snippet_html:
            lines.append(f"   {_terminal(hit.snippet_html)}")
        if hit.url:
            lines.append(f"   {hit.url}")
    if result.facets_truncated:
        lines.append(f"\n(facet counts cut short: {', '.join(result.facets_truncated)})")
    if result.timed_out:
        lines.append("\n(the search ran out of time: these are the results found by then)")
    if result.partial:
        lines.append(f"\n(shards that did not answer: {', '.join(result.shards_failed)}; "
                     "these are the other shards' results)")
    return "\n".join(lines)


@click.command("search")
@click.argument("query")
@index_option
@backend_options
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON result object.")
@click.option("--limit", default=10, show_default=True, type=int, help="Results per page.")
@click.option("--page", default=1, show_default=True, type=int)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--section", multiple=True, help="Only this section (repeat for either of several).")
@click.option("--source", multiple=True, help="Only this source (repeat for either of several).")
@click.option("--from", "date_from", default=None, help="From this day (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, help="Up to this day, included (YYYY-MM-DD).")
@click.option("--time-limit", type=click.FloatRange(min=0), default=0, show_default=True,
              help="Stop after this many seconds and show what was found (0: no limit).")
def search_command(query, index_dir, backend, cluster, as_json, limit, page, sort, section, source, date_from,
                   date_to, time_limit) -> None:
    """Search the index for QUERY (words, "phrases", -word, OR, title:, date:2015-07..2015-08)."""
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
    # A damaged segment shows only when a search reads it: the search is inside too.
    with reported(usage=(QueryError, SettingsError), problems=(IndexProblem,)):
        # The environment's FAHRAS_* settings apply, as they do to `fahras serve`.
        engine = open_engine(EngineSettings.from_config(
            {**os.environ, "FAHRAS_INDEX": index_dir, **backend_config(backend, cluster),
             "FAHRAS_QUERY_TIME_LIMIT": time_limit}))
        try:
            result = engine.search(request)
        finally:
            engine.close()
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(result))


def register(group: click.Group) -> None:
    """Add ``search`` to the ``fahras`` group."""
    group.add_command(search_command)
