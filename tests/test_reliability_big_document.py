"""A very long document: its page shows a bounded part with a way to the rest, and similar
articles come from a bounded part (issue 16, item 9).

A 50 MB document made ``/documents/<id>`` take 6 s and weigh 50 MB, and ``/similar`` 6 s
(bench/big_document.py prints the times). Here a 0.7 MB document, past both bounds: its lead is
about saffron, the rest about cloves and cumin.
"""

from __future__ import annotations

import re

import pytest
from support.articles import import_jsonl, write_jsonl

from web import create_app
from web.presenters import PART_CHARS, part_bounds

LEAD = "\n".join(["زعفران مزارع الزعفران في خراسان"] * 800)
REST = "\n".join(["قرنفل كمون بهارات الهند " * 20] * 1300)
END = "خاتمة_التقرير"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("big-document")
    records = [
        {"id": "long", "title": "تقرير طويل", "body": f"{LEAD}\n{REST}\n{END}"},
        {"id": "saffron", "title": "زعفران خراسان", "body": "مزارع الزعفران في خراسان تجني الزعفران"},
        {"id": "cloves", "title": "قرنفل وكمون", "body": "قرنفل كمون بهارات الهند قرنفل كمون"},
    ]
    summary, rejects = import_jsonl(root / "index", write_jsonl(root / "docs.jsonl", records))
    assert summary.indexed == 3 and not rejects
    return create_app({"FAHRAS_INDEX": str(root / "index")}).test_client()


@pytest.mark.slow
def test_the_page_shows_one_part_and_links_to_the_next(client):
    resp = client.get("/documents/long")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and len(html) < 3 * PART_CHARS * 2  # Arabic: 2 bytes a letter
    count = int(re.search(r"الجزء 1 من (\d+)", html).group(1))
    assert count > 5 and END not in html
    assert 'href="/documents/long?part=2"' in html
    last = client.get(f"/documents/long?part={count}").get_data(as_text=True)
    assert END in last and f'href="/documents/long?part={count - 1}"' in last
    assert client.get(f"/documents/long?part={count + 1}").status_code == 400
    assert client.get("/documents/long?part=" + "9" * 5000).status_code == 400


@pytest.mark.slow
def test_similar_articles_come_from_the_lead(client):
    similar = [h["id"] for h in client.get("/api/v1/documents/long/similar").get_json()["hits"]]
    assert similar == ["saffron"]


def test_parts_cover_the_body_exactly_and_cut_at_line_breaks():
    body = "\n".join(f"سطر {n} " + "كلمة " * (n % 50) for n in range(20000))
    starts = part_bounds(body, size=5000)
    pieces = [body[a:b] for a, b in zip(starts, starts[1:] + [len(body)], strict=True)]
    assert "".join(pieces) == body
    assert all(len(p) <= 5000 for p in pieces)
    assert all(body[s - 1] == "\n" for s in starts[1:])
    assert part_bounds("x" * 12, size=5) == [0, 5, 10]  # no break at all: a hard cut
