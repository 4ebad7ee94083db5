"""Every request parameter at its edges answers 200 (or a redirect) or a named 400, never a 500
(issue 16, items 1 and 2).

The outside probe found ``page`` of 4,301 digits (``int()`` refuses more than 4,300: a 500) and
``to=9999-12-31`` / ``date:9999-12-31`` (the day after the calendar's last: ``OverflowError``).
hypothesis draws each parameter of each route, API and pages alike, from the edges of its kind
(calendar ends, empty, zero, negatives, huge numbers, wrong shapes) and the query language's
date field in both languages, through the real app on a real index.
"""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.webcorpus import build_index

from web import create_app

HUGE = "9" * 4301
INTEGERS = ["", "0", "-1", "1", "5", "100", "101", "1000", "-0", "999999999", "1000000000",
            "1" + "0" * 30, HUGE, "-" + HUGE, "1.5", "1e3", " 5", "٥"]
DATES = ["", "0001-01-01", "0000-01-01", "9999-12-31", "9999-12", "9999", "10000-01-01",
         "2015-02-29", "2016-02-29", "2015-13-01", "2015-00-10", "2015-07-21", "1-1-1", HUGE,
         "2015-07-21T00:00:00", "٢٠١٥-٠٧-٢١"]
TEXT = ["", "التعليم", "x", "*", "~2", HUGE, "a" * 2001, "\u202e", "\x00"]
ROUTES = ["/api/v1/search", "/search", "/search.json"]
STATUSES = {200, 302, 400}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    index = build_index(tmp_path_factory.mktemp("edges") / "index")
    return create_app({"FAHRAS_INDEX": str(index)}).test_client()


def answer(client, path: str, params: list[tuple[str, str]]):
    resp = client.get(path + "?" + urllib.parse.urlencode(params))
    assert resp.status_code in STATUSES, (path, params, resp.status_code, resp.get_data(as_text=True)[:300])
    return resp


search_params = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["page", "per_page"]), st.sampled_from(INTEGERS)),
        st.tuples(st.sampled_from(["from", "to"]), st.sampled_from(DATES)),
        st.tuples(st.sampled_from(["year", "month"]), st.sampled_from(DATES + INTEGERS)),
        st.tuples(st.sampled_from(["q", "section", "source", "author", "sort", "format"]),
                  st.sampled_from(TEXT + ["newest", "oldest", "relevance", "json"])),
    ),
    max_size=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(route=st.sampled_from(ROUTES), params=search_params)
def test_search_parameters_at_their_edges(client, route, params):
    answer(client, route, params)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(field=st.sampled_from(["date", "تاريخ", "التاريخ"]), left=st.sampled_from(DATES),
       right=st.sampled_from(DATES + [None]), route=st.sampled_from(ROUTES))
def test_query_language_dates_at_their_edges(client, field, left, right, route):
    span = left if right is None else f"{left}..{right}"
    answer(client, route, [("q", f"التعليم {field}:{span}")])


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(path=st.sampled_from(["/api/v1/suggest", "/api/v1/documents/{id}/similar"]),
       limit=st.sampled_from(INTEGERS), q=st.sampled_from(TEXT))
def test_list_limits_at_their_edges(client, path, limit, q):
    doc_id = client.get("/api/v1/search?q=التعليم").get_json()["hits"][0]["id"]
    answer(client, path.replace("{id}", urllib.parse.quote(doc_id, safe="")), [("limit", limit), ("q", q)])


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", ["page", "per_page"])
def test_an_integer_of_any_length_is_a_named_400(client, route, name):
    resp = answer(client, route, [(name, HUGE), ("format", "json")])
    assert resp.status_code == 400 and resp.get_json()["error"]["code"] == f"bad_{name}"


@pytest.mark.parametrize("path", ["/api/v1/suggest?q=ال", "/api/v1/documents/{id}/similar"])
def test_a_list_limit_of_any_length_is_a_named_400(client, path):
    doc_id = client.get("/api/v1/search?q=التعليم").get_json()["hits"][0]["id"]
    url = path.replace("{id}", urllib.parse.quote(doc_id, safe=""))
    resp = client.get(url + ("&" if "?" in url else "?") + "limit=" + HUGE)
    assert resp.status_code == 400 and resp.get_json()["error"]["code"] == "bad_limit"


@pytest.mark.parametrize("query", ["date:9999-12-31", "date:..9999-12-31", "تاريخ:9999-12-31",
                                   "date:9999", "date:9999-12..", "date:0001-01-01..9999-12-31"])
def test_the_calendars_last_day_bounds_nothing(client, query):
    every = client.get("/api/v1/search?q=التعليم").get_json()["total"]
    body = client.get("/api/v1/search?" + urllib.parse.urlencode({"q": f"التعليم {query}"})).get_json()
    assert body["total"] in (0, every)  # nothing is dated 9999; the whole calendar holds everything
    if query.startswith("date:0001") or query == "date:..9999-12-31":
        assert body["total"] == every


@pytest.mark.parametrize("route", ROUTES)
def test_to_the_last_day_of_the_calendar(client, route):
    every = client.get("/api/v1/search?q=التعليم").get_json()["total"]
    resp = answer(client, route, [("q", "التعليم"), ("from", "0001-01-01"), ("to", "9999-12-31"),
                                  ("format", "json")])
    assert resp.status_code == 200 and resp.get_json()["total"] == every
