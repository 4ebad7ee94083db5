"""Hijri (Umm al-Qura) dates: beside the Gregorian date in hits and documents, a Hijri-year facet,
a Hijri span in the query language and the date form; through the engine, the API, the pages and
the CLI."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from click.testing import CliRunner
from support.articles import engine_at, write_index

from fahras.cli import main
from indexer.hijri import hijri_bound, hijri_iso, to_hijri
from search import QueryError, SearchRequest
from search.syntax import DateSpan, parse
from web import create_app
from web.presenters import display_hijri


@pytest.mark.parametrize("day, hijri", [
    (date(2015, 7, 21), "1436-10-05"), (date(2015, 7, 17), "1436-10-01"), (date(2015, 6, 18), "1436-09-01"),
    (date(2014, 10, 25), "1436-01-01"), (date(1900, 1, 1), None), (None, None),
])  # fmt: skip
def test_umm_al_qura_dates(day, hijri):
    assert hijri_iso(day) == hijri


def test_hijri_spans_are_gregorian_bounds():
    assert hijri_bound("1436-09") == datetime(2015, 6, 18) and hijri_bound("1436-09", end=True) == datetime(2015, 7, 17)
    assert hijri_bound("1436") == datetime(2014, 10, 25) and hijri_bound("1436", end=True) == datetime(2015, 10, 14)
    assert hijri_bound("1436-10-05") == datetime(2015, 7, 21) and hijri_bound("1436-10-05", end=True) == datetime(2015, 7, 22)
    assert to_hijri(hijri_bound("1436", end=True).date()) == (1437, 1, 1)
    assert hijri_bound("١٤٣٦-٠٩") == hijri_bound("1436-09")  # Arabic-Indic digits too
    for bad in ("1436-13", "1200", "1436-9-31", "1436-09-"):
        with pytest.raises(ValueError):
            hijri_bound(bad)


def test_the_query_language_reads_hijri_spans():
    assert parse("هجري:1436-09").items == [DateSpan(datetime(2015, 6, 18), datetime(2015, 7, 17), "1436-09")]
    assert parse("hijri:1436-09..1436-10").items[0].end == datetime(2015, 8, 16)
    assert parse("الهجري:..1436-10-05").items[0].start is None
    with pytest.raises(QueryError, match="Hijri"):
        parse("هجري:1436-13")


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return write_index(tmp_path_factory.mktemp("hijri") / "index")  # DOCS: 21 Jul – 6 Aug 2015


def test_hits_documents_and_facets_carry_the_hijri_date(index):
    engine = engine_at(index)
    try:
        r = engine.search(SearchRequest(q="الذهب"))
        assert {(h.id, h.date_hijri) for h in r.hits} == {("d04", "1436-10-17"), ("d09", "1436-10-07")}
        assert [(v.value, v.count) for v in r.facets["hijri_year"]] == [("1436", 2)]
        assert engine.document("d01").date_hijri == "1436-10-05"
        assert r.to_dict()["hits"][0]["date_hijri"]
        assert {h.id for h in engine.search(SearchRequest(q="هجري:1436-10-05..1436-10-08", per_page=50)).hits} == {"d01", "d02", "d09", "d10"}
        assert {h.id for h in engine.search(SearchRequest(hijri_from="1436-10-20", per_page=50)).hits} == {"d05"}
        assert engine.search(SearchRequest(q="الذهب", hijri_from="1436-10-10", date_to=date(2015, 8, 5))).total == 1
        assert engine.search(SearchRequest(filters={"hijri_year": ["1437"]})).total == 0
    finally:
        engine.close()


def test_the_api_the_pages_and_the_cli_speak_hijri(index):
    client = create_app({"FAHRAS_INDEX": str(index)}).test_client()
    body = client.get("/api/v1/search", query_string={"q": "الذهب", "hijri_from": "1436-10-10"}).get_json()
    assert [h["id"] for h in body["hits"]] == ["d04"]
    for typed in ("١٤٣٦-١٠-١٠", "۱۴۳۶-۱۰-۱۰"):  # as typed in the form's box, in Arabic digits
        arabic = client.get("/api/v1/search", query_string={"q": "الذهب", "hijri_from": typed}).get_json()
        assert [h["id"] for h in arabic["hits"]] == ["d04"]
    assert client.get("/api/v1/search", query_string={"hijri_year": "1436"}).get_json()["total"] == 10
    bad = client.get("/api/v1/search", query_string={"q": "الذهب", "hijri_to": "1436-13"})
    assert bad.status_code == 400 and "Hijri" in bad.get_json()["error"]["message"]
    assert client.get("/api/v1/search", query_string={"hijri_from": "soon"}).status_code == 400
    html = client.get("/search", query_string={"q": "الذهب"}).get_data(as_text=True)
    assert '<span class="hit-hijri">17 شوال 1436 هـ</span>' in html and 'name="hijri_from"' in html
    assert "السنة الهجرية" in html and "1436 هـ" in html
    kept = client.get("/search", query_string={"q": "الذهب", "hijri_to": "1436-13"}).get_data(as_text=True)
    assert 'name="hijri_to" value="1436-13"' in kept  # the error page keeps it to correct
    assert display_hijri("1436-09-01") == "1 رمضان 1436 هـ" and display_hijri(None) == ""
    out = CliRunner().invoke(main, ["search", "الذهب", "--hijri-from", "1436-10-10", "--json", "--index", str(index)])
    assert [h["id"] for h in json.loads(out.output)["hits"]] == ["d04"]
    text = CliRunner().invoke(main, ["search", "هجري:1436-10-17", "--index", str(index)])
    assert "2015-08-02 (1436-10-17 AH)" in text.output


def test_a_bad_hijri_bound_is_an_error_even_with_nothing_to_search_for(index):
    engine = engine_at(index)
    try:
        with pytest.raises(QueryError, match="Hijri"):
            engine.search(SearchRequest(q=":", hijri_from="0611"))
    finally:
        engine.close()
