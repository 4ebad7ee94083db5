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
    Limits,
    QueryError,
    SearchRequest,
    SearchResult,
    SettingsError,
    open_engine,
)
from search.errors import bilingual
from search.syntax import field_names, parse_day


def _day(value: str | None, name: str) -> date | None:
    """``--from``/``--to`` as the API reads ``from``/``to``: a day, or a whole year or month."""
    if not value:
        return None
    try:
        return parse_day(value, end=name == "to")
    except ValueError:
        fail(f"--{name} {value!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", EXIT_USAGE)


def _terminal(fragment: str) -> str:
    """Terminal view of a highlighted fragment: <mark> as bold (on a TTY) or [..], entities unescaped."""
    on, off = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("[", "]")
    return html.unescape(fragment.replace("<mark>", on).replace("</mark>", off))


def _counted(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def format_text(result: SearchResult) -> str:
    lines = []
    first = (result.page - 1) * result.per_page + 1
    shown = f"{first}-{first + len(result.hits) - 1}"
    head = _counted(result.total, "result")
    if result.collapse and result.total_stories < result.total:
        head += f" in {_counted(result.total_stories, 'story', 'stories')}"
    head += f" (showing {shown})" if result.hits else ""
    if result.total_partial:
        head += f": {result.total_all} with every word, {result.total_partial} with some of them"
    lines.append(head)
    if result.total and not result.hits and result.page > 1:  # a page past the end, said as the site says it
        lines.append(f"there is no page {result.page}: the results end on page {result.pages}")
    if result.message:
        lines.append(result.message)
    if result.corrected_query:
        lines.append(f"showing results for: {result.corrected_query} (nothing found for: {result.original_query})")
    if result.suggestion:
        lines.append(f"did you mean: {result.suggestion}")
    for n, hit in enumerate(result.hits, first):
        if not hit.matched_all and (n == first or result.hits[n - first - 1].matched_all):
            lines.append("")
            lines.append("-- results with some of your words --")
        when = f"{hit.date[:10]} ({hit.date_hijri} AH)" if hit.date and hit.date_hijri else hit.date[:10] if hit.date else None
        meta = " · ".join(x for x in (when, hit.source, hit.section) if x)
        lines.append("")
        lines.append(f"{n}. {_terminal(hit.title_html) or hit.id}")
        lines.append(f"   {hit.id}" + (f" · {meta}" if meta else "") + (f" · {hit.score:.2f}" if hit.score else ""))
        if hit.missing:
            lines.append(f"   missing: {' '.join(hit.missing)}")
        if hit.snippet_html:
            lines.append(f"   {_terminal(hit.snippet_html)}")
        if hit.url:
            lines.append(f"   {hit.url}")
        if hit.duplicates:
            others = ", ".join(f"{d.source or d.id}" for d in hit.duplicates)
            lines.append(f"   also in {len(hit.duplicates)} other article(s): {others}")
    if result.facets_truncated:
        lines.append(f"\n(facet counts cut short: {', '.join(result.facets_truncated)})")
    if result.timed_out:
        lines.append("\n(the search ran out of time: these are the results found by then)")
    if result.partial:
        lines.append(f"\n(shards that did not answer: {', '.join(result.shards_failed)}; "
                     "these are the other shards' results)")
    return "\n".join(lines)


# Field meanings for the help text; the names come from the query language itself.
_FIELD_HELP = {
    "title": "in the title only", "body": "in the body only", "source": "a source (facet value)",
    "section": "a section", "author": "an author", "tags": "a tag", "root": "every word of that root",
    "date": "a date or range: 2015, 2015-07, 2015-07..2015-08, ..2015-07-21",
    "hijri": "a Hijri (Umm al-Qura) date or range: 1436, 1436-09, 1436-09..1436-10",
}  # fmt: skip


def _query_help() -> str:
    """The query language in brief, both languages' operators and every field's names (from
    search.syntax, so the help cannot fall behind the parser). ``\b`` keeps click from rewrapping."""
    fields = [f"  {' / '.join(names) + ':':<28} {_FIELD_HELP.get(name, '')}" for name, names in field_names().items()]
    return "\n".join([
        "\b", "QUERY (one or more words; quote what your shell would split or expand):",
        "  النفط الذهب                  both words (AND is implied)",
        "  '\"قناة السويس\"'              the words together, as typed (a phrase)",
        "  -النفط   NOT النفط   ليس النفط   without the word (a query may start with -)",
        "  الذهب OR النفط   الذهب أو النفط   either word (also |)",
        "  '(الهلال OR النصر) -الاتحاد'   grouping with parentheses",
        "  كتا*                          words starting so",
        "  الهلاك~   الهلاك~2             spellings 1 (or 2) letters off",
        "", "\b", "Fields (the English or the Arabic name, a colon, the word):", *fields,
        "", "Options start with --; a word starting with a single - is an exclusion in the query.",
    ])  # fmt: skip


def _query_text(words: tuple[str, ...]) -> str:
    """The query from its words, refusing what can only be a mistyped option (``--limt``)."""
    for word in words:
        if word.startswith("--") and word[2:3].isascii() and word[2:3].isalpha():
            fail(f"no such option: {word.split('=')[0]} (see fahras search --help)", EXIT_USAGE)
    return " ".join(words)


@click.command("search", epilog=_query_help(),
               # "-النفط" is a query word (an exclusion), not an unknown option.
               context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@index_option
@backend_options
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON result object.")
@click.option("--limit", default=10, show_default=True, type=int, help="Results per page.")
@click.option("--page", default=1, show_default=True, type=int)
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("--section", multiple=True, help="Only this section (repeat for either of several).")
@click.option("--source", multiple=True, help="Only this source (repeat for either of several).")
@click.option("--from", "date_from", default=None,
              help="From this day (YYYY-MM-DD), or from the first day of a YYYY or YYYY-MM.")
@click.option("--to", "date_to", default=None,
              help="Up to this day, included (YYYY-MM-DD), or to the last day of a YYYY or YYYY-MM.")
@click.option("--hijri-from", default="", help="From this Hijri (Umm al-Qura) date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--hijri-to", default="", help="Up to this Hijri date, included.")
@click.option("--no-autocorrect", "autocorrect", flag_value=False, default=True,
              help="When QUERY finds nothing, do not show the results of its spelling correction.")
@click.option("--no-collapse", "collapse", flag_value=False, default=True,
              help="Show every article, also the same story run by other sources (folded by default).")
@click.option("--time-limit", type=click.FloatRange(min=0), default=0, show_default=True,
              help="Stop after this many seconds and show what was found (0: no limit).")
def search_command(query, index_dir, backend, cluster, as_json, limit, page, sort, section, source, date_from,
                   date_to, hijri_from, hijri_to, autocorrect, collapse, time_limit) -> None:
    """Search the index for QUERY: words, "phrases", -word, OR / أو, field:word, date:, prefix*,
    fuzzy~ (the query language below; docs/query-language.md)."""
    query = _query_text(query)
    filters = {name: list(values) for name, values in (("section", section), ("source", source)) if values}
    request = SearchRequest(
        q=query,
        page=page,
        per_page=limit,
        sort=sort,
        filters=filters,
        date_from=_day(date_from, "from"),
        date_to=_day(date_to, "to"),
        autocorrect=autocorrect,
        collapse=collapse,
        hijri_from=hijri_from,
        hijri_to=hijri_to,
    )
    # A damaged segment shows only when a search reads it: the search is inside too.
    with reported(usage=(QueryError, SettingsError), problems=(IndexProblem,)):
        # The environment's FAHRAS_* settings apply, as they do to `fahras serve`.
        engine = open_engine(EngineSettings.from_config(
            {**os.environ, "FAHRAS_INDEX": index_dir, **backend_config(backend, cluster),
             "FAHRAS_QUERY_TIME_LIMIT": time_limit}))
        try:
            _check_paging(limit, page, engine.limits)
            result = engine.search(request)
        finally:
            engine.close()
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_text(result))


def _check_paging(limit: int, page: int, limits: Limits) -> None:
    """``--limit`` and ``--page`` out of range, named as the command line names them (the engine
    would name the API's ``per_page`` and ``page``)."""
    if not 1 <= limit <= limits.max_per_page:
        raise bilingual(f"--limit must be between 1 and {limits.max_per_page}",
                        f"عدد النتائج (--limit) بين 1 و{limits.max_per_page}")
    if page < 1:
        raise bilingual("--page must be a whole number from 1", "رقم الصفحة (--page) يجب أن يكون 1 أو أكثر")


def register(group: click.Group) -> None:
    """Add ``search`` to the ``fahras`` group."""
    group.add_command(search_command)
