"""A very long document: its page and its JSON twins carry one bounded part of the body with the
way to the rest, and similar articles come from a bounded part (issue 16, item 9).

A 50 MB document made ``/documents/<id>`` take 6 s and weigh 50 MB, and ``/similar`` 6 s
(bench/big_document.py prints the times). Here a 900,000-character document (10 parts): its lead is
about saffron, then cloves and cumin, then a quarter of a million characters with no space or line
break (vocalized words and emoji run together: the parts are cut inside a word there), then the
end. The index stores it in parts (indexer/parts.py); every reader reads one.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from support.articles import import_jsonl, write_jsonl
from support.servers import get

from indexer.cleaning import clean_text
from indexer.parts import PART_CHARS, byte_starts, part_bounds
from search.sphinx_backend.store import Store
from web import create_app
from web.supervise import running

LEAD = "\n".join(["زعفران مزارع الزعفران في خراسان"] * 800)
REST = "\n".join(["قرنفل كمون بهارات الهند " * 20] * 1300)
RUN = "كَلِمَةٌ😀" * 28_000  # no space, no line break: hard cuts, next to harakat and emoji
END = "خاتمة_التقرير"
BODY = clean_text(f"{LEAD}\n{REST}\n{RUN}\n{END}")  # the body as imported (spaces trimmed)
SMALL = "مزارع الزعفران في خراسان تجني الزعفران"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("big-document")
    records = [
        {"id": "long", "title": "تقرير طويل", "body": BODY},
        {"id": "saffron", "title": "زعفران خراسان", "body": SMALL},
        {"id": "cloves", "title": "قرنفل وكمون", "body": "قرنفل كمون بهارات الهند قرنفل كمون"},
    ]
    summary, rejects = import_jsonl(root / "index", write_jsonl(root / "docs.jsonl", records))
    assert summary.indexed == 3 and not rejects
    return root / "index"


@pytest.fixture(scope="module")
def client(index):
    return create_app({"FAHRAS_INDEX": str(index)}).test_client()


def parts_through(fetch, first: str) -> list[dict]:
    """Every part of a document, following each JSON's ``next_part`` from ``first``."""
    out, url = [], first
    while url:
        doc = fetch(url)
        doc = doc.get("document", doc)  # the page's twin wraps it with the similar articles
        assert doc["part"] == len(out) + 1
        out.append(doc)
        url = doc["next_part"]
    return out


@pytest.mark.slow
def test_the_page_shows_one_part_and_links_to_the_next(client):
    resp = client.get("/documents/long")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and len(resp.data) < 3 * PART_CHARS  # Arabic: 2 bytes a letter
    count = int(re.search(r"الجزء 1 من (\d+)", html).group(1))
    assert count == len(part_bounds(BODY)) and END not in html
    assert 'href="/documents/long?part=2"' in html
    assert 'href="/documents/long.json"' in html
    last = client.get(f"/documents/long?part={count}").get_data(as_text=True)
    assert END in last and f'href="/documents/long?part={count - 1}"' in last
    assert f'href="/documents/long.json?part={count}"' in last
    assert client.get(f"/documents/long?part={count + 1}").status_code == 400
    assert client.get("/documents/long?part=0").status_code == 400
    assert client.get("/documents/long?part=" + "9" * 5000).status_code == 400


@pytest.mark.slow
@pytest.mark.parametrize("route", ["/api/v1/documents/long", "/documents/long.json"])
def test_json_twins_carry_one_part_and_join_to_the_body_exactly(client, route):
    first = client.get(route)
    assert first.status_code == 200 and len(first.data) < 8 * PART_CHARS  # JSON escapes: \uXXXX
    parts = parts_through(lambda url: client.get(url).get_json(), route)
    assert [p["parts"] for p in parts] == [len(parts)] * len(parts) and len(parts) > 5
    assert "".join(p["body"] for p in parts) == BODY
    assert all(len(p["body"]) <= PART_CHARS for p in parts)
    assert parts[0]["previous_part"] is None and parts[1]["previous_part"] == route
    assert parts[-1]["next_part"] is None and parts[0]["next_part"] == f"{route}?part=2"
    resp = client.get(f"{route}?part={len(parts) + 1}")
    error = resp.get_json()["error"]
    assert resp.status_code == 400 and error["code"] == "bad_part"
    assert f"part must be between 1 and {len(parts)}" in error["message"]


@pytest.mark.slow
def test_parts_are_cut_inside_a_word_without_losing_a_character(client):
    parts = [p["body"] for p in parts_through(lambda url: client.get(url).get_json(), "/api/v1/documents/long")]
    inside_run = [p for p in parts if p and p[0] in RUN and not p.startswith("\n")]
    assert inside_run, "no part starts inside the run of words with no space"
    for p in parts:
        assert not unicodedata.combining(p[0])  # a letter's harakat stay with it
        p.encode("utf-8")  # no lone surrogate: a character is never split
    assert "".join(parts).count("😀") == RUN.count("😀")


def test_a_small_document_comes_whole_as_one_part(client):
    doc = client.get("/api/v1/documents/saffron").get_json()
    assert doc["body"] == SMALL and doc["part"] == doc["parts"] == 1
    assert doc["next_part"] is None and doc["previous_part"] is None
    assert client.get("/api/v1/documents/saffron?part=2").status_code == 400


@pytest.mark.slow
def test_a_later_part_marks_the_query_words(client):
    page = client.get("/documents/long?part=2&q=قرنفل").get_data(as_text=True)
    assert "<mark>قرنفل</mark>" in page
    assert 'href="/documents/long?q=%D9%82%D8%B1%D9%86%D9%81%D9%84&amp;part=3"' in page
    doc = client.get("/api/v1/documents/long?part=2&q=قرنفل").get_json()
    assert doc["body_html"].count("<mark>قرنفل</mark>") == doc["body"].count("قرنفل") > 0
    assert doc["next_part"].endswith("part=3") and "q=" in doc["next_part"]


@pytest.mark.slow
def test_similar_articles_come_from_the_lead(client):
    similar = [h["id"] for h in client.get("/api/v1/documents/long/similar").get_json()["hits"]]
    assert similar == ["saffron"]


@pytest.mark.slow
def test_a_real_server_serves_the_parts(index):
    # One worker, ready once it has read the document: the parts are what is timed by get()'s 10 s.
    with running(index, workers=1, env={"FAHRAS_RATE_LIMIT": "0"}, ready="/api/v1/documents/long") as (base, _):

        def fetch(url: str) -> dict:
            status, _headers, body = get(base + url)
            assert status == 200 and len(body) < 8 * PART_CHARS
            return json.loads(body)

        parts = parts_through(fetch, "/api/v1/documents/long")
        assert "".join(p["body"] for p in parts) == BODY
        status, _headers, page = get(f"{base}/documents/long?part={len(parts)}")
        assert status == 200 and END in page.decode("utf-8") and len(page) < 3 * PART_CHARS


def test_parts_cover_the_body_exactly_and_cut_at_line_breaks():
    body = "\n".join(f"سطر {n} " + "كلمة " * (n % 50) for n in range(20000))
    starts = part_bounds(body, size=5000)
    pieces = [body[a:b] for a, b in zip(starts, starts[1:] + [len(body)], strict=True)]
    assert "".join(pieces) == body
    assert all(len(p) <= 5000 for p in pieces)
    assert all(body[s - 1] == "\n" for s in starts[1:])
    assert part_bounds("x" * 12, size=5) == [0, 5, 10]  # no break at all: a hard cut


def test_a_hard_cut_keeps_harakat_with_their_letter_and_bytes_match():
    body = "بَّ" * 10  # a letter and two marks, no space
    starts = part_bounds(body, size=7)
    assert all(not unicodedata.combining(body[s]) for s in starts)
    assert "".join(body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)) == body
    assert byte_starts(body, starts) == [len(body[:s].encode("utf-8")) for s in starts]


def test_the_sphinx_side_store_keeps_a_long_body_in_parts(tmp_path):
    store = Store(tmp_path / "shard.sqlite")
    try:
        store.write([(7, "long", {"id": "long", "title": "", "body": BODY}, {})], gen=1)
        doc = store.documents([7])[7]
        starts = part_bounds(BODY)
        assert doc["body"] == BODY[: starts[1]] and doc["part_starts"] == starts
        rest = [store.body_part(7, n) for n in range(2, len(starts) + 1)]
        assert doc["body"] + "".join(rest) == BODY and store.body_part(7, len(starts) + 1) is None
        store.write([(7, "long", {"id": "long", "title": "", "body": SMALL}, {})], gen=2)
        assert store.documents([7])[7]["body"] == SMALL and store.body_part(7, 2) is None
        store.write([(7, "long", {"id": "long", "title": "", "body": BODY}, {})], gen=3)
        store.delete([7], gen=4)
        assert store.body_part(7, 2) is None
    finally:
        store.close()
