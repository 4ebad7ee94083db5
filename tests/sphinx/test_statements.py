"""What a full search asks of searchd: only the statement that ranks the page runs the ranker.

A statement that counts, groups or lists by an attribute (the totals, the stories, the facets,
a page's copies) carries ``ranker=none``: scoring every match of a broad query for nothing
was most of a 1M search (docs/scaling.md). The union of a query's tiers is counted, never
paged, so it is not ranked either; and a ranked list asks each shard for its own length only
(an agent otherwise sends ``max_matches`` rows whatever the LIMIT)."""

from __future__ import annotations

import re

import pytest
from support.sphinx import sphinx_engine

from search import SearchRequest


@pytest.fixture(scope="module")
def recorded(sample_cluster):
    """(the full search of two words with a partial tier, the SQL of every statement it sent): the
    sample holds 7 articles with both words and 26 with one, so a flat page of 5 is full matches
    only (a collapsed page ranks more than it shows, reaching the partial tier)."""
    engine = sphinx_engine(sample_cluster, query_time_limit=None)
    backend = engine.backend
    sent: list[str] = []
    plain = backend.batch

    def recording(statements):
        sent.extend(sql for sql, _args in statements if not sql.startswith("SHOW META"))
        return plain(statements)

    backend.batch = recording
    try:
        yield engine.search(SearchRequest(q="وزارة الصحة", per_page=5, collapse=False)), sent
    finally:
        backend.batch = plain
        engine.close()


def test_only_the_page_is_ranked(recorded):
    result, sent = recorded
    assert result.total_all >= 5 and result.total_partial > 0 and result.facets
    ranked = [sql for sql in sent if "ORDER BY WEIGHT()" in sql]
    assert len(ranked) == 1, ranked
    for sql in sent:  # (a statement without MATCH scans attributes: no ranker runs)
        if "MATCH(" in sql and sql not in ranked:
            assert "ranker=none" in sql, sql


def test_a_ranked_list_asks_each_shard_for_its_length(recorded):
    _result, sent = recorded
    (page,) = [sql for sql in sent if "ORDER BY WEIGHT()" in sql]
    offset, limit = map(int, re.search(r"LIMIT (\d+), (\d+) OPTION", page).groups())
    assert f"max_matches={offset + limit}" in page


def _years(result) -> dict[str, int]:
    return {v.value: v.count for v in result.facets["year"]}


@pytest.mark.parametrize("facet_limit", [1000, 5])
def test_the_year_facet_is_the_months_sum_only_while_every_month_came_back(both_engines, monkeypatch,
                                                                            facet_limit):
    """The year facet is added up from the month facet's rows when both are counted in one
    statement; a month facet cut at the facet limit (here 5 of 8 months, the two of 2014 among the
    dropped) would lose years, so then the year is grouped on its own: the years equal Whoosh's
    both ways (fails when the cut months are summed: 2014 would be missing)."""
    from search.sphinx_backend import searcher

    monkeypatch.setattr(searcher, "FACET_LIMIT", facet_limit)
    months = ["2014-11", "2014-12"] + [f"2015-0{m}" for m in range(1, 7)]
    records = [{"id": f"m{i}-{k}", "title": f"تقرير الزعفران {i} {k}", "body": "حصاد الزعفران في خراسان",
                "date": f"{month}-1{k}"}
               for i, month in enumerate(months) for k in range(1 if month < "2015" else 3)]
    whoosh, sphinx = both_engines(records)
    request = SearchRequest(q="الزعفران", per_page=5)
    expected = {"2014": 2, "2015": 18}
    assert _years(whoosh.search(request)) == expected
    result = sphinx.search(request)
    assert _years(result) == expected
    assert sum(v.count for v in result.facets["month"]) == (20 if facet_limit > 8 else 15)


def _authors(result) -> dict[str, int]:
    return {v.value: v.count for v in result.facets["author"]}


def test_a_facet_of_more_values_than_a_shard_keeps_counts_exactly_or_says_it_is_cut(both_engines, monkeypatch):
    """Each shard's grouping keeps max_matches groups and counts a dropped value again from 0
    when it comes back, so a facet of more values was counted low, unflagged (31k: «تل أبيب:
    «الشرق الأوسط»» 8 of its 9 articles). Here the request's depth and the facet limit are 5, for
    301 authors: the facet statement keeps as many groups as the field has values, and the
    selected author counts 4 as on Whoosh (fails when each shard keeps 5: it counted 0). Past the
    cap on kept groups the facet is reported cut."""
    from search.settings import Limits
    from search.sphinx_backend import searcher

    monkeypatch.setattr(searcher, "FACET_LIMIT", 5)
    chosen = "تل أبيب: «الشرق الأوسط»"
    records = [{"id": f"a{i}", "title": f"مسؤول رقم {i}", "body": "قال مسؤول في الوزارة",
                "author": f"كاتب {i}"} for i in range(300)]
    records += [{"id": f"t{k}", "title": f"مسؤول اسرائيلي {k}", "body": "قال مسؤول في تل ابيب",
                 "author": chosen} for k in range(4)]
    whoosh, sphinx = both_engines(records, limits=Limits(max_depth=5))
    request = SearchRequest(q="مسؤول", per_page=5, filters={"author": [chosen]})
    expected = whoosh.search(request)
    assert _authors(expected)[chosen] == 4
    result = sphinx.search(request)
    assert result.total == expected.total == 4
    counted = _authors(result)  # the 5 values listed, each exact: one article an author but «chosen»
    assert counted == {value: 4 if value == chosen else 1 for value in counted}
    assert counted[chosen] == 4
    assert result.facets_truncated == []
    monkeypatch.setattr(searcher, "FACET_GROUPS", 5)
    assert "author" in sphinx.search(SearchRequest(q="مسؤول", per_page=5)).facets_truncated
