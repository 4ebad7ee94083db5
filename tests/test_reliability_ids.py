"""Every id a search lists can be opened, on the site and through the API (issue 16, item 7).

``xss/16`` was accepted at import and listed by search, yet ``/documents/xss/16`` and
``/api/v1/documents/xss%2F16`` answered 404 (werkzeug decodes ``%2F`` before routing), and a
``../x`` link was resolved away by the browser. Such ids are now rejected at import with the
reason; every other odd id is reached by the link its page prints (resolved as a browser
resolves it) and by the API path a client builds with ordinary percent-encoding.
"""

from __future__ import annotations

import html
import re
import urllib.parse

import pytest
from support.articles import import_jsonl, write_jsonl

from web import create_app

# "a.json": /documents/a.json is the JSON twin of /documents/a, so its own page was unreachable.
REJECTED = ["xss/16", "../x", "a/b/c", "/lead", "trail/", "..", ".", "%2F/x", "a.json", "ملف.json"]
ODD = ["a b", "50%", "q?x=1", "h#1", "back\\slash", "..x", "x..", "ملف:١٢", "a+b", "semi;colon",
       "<b>id<b>", "%2F", "tab\tin", "dots.json.x", "~tilde", "'quote\""]
WORD = "زنجبيل"  # one word every record shares, so that one search lists them all


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("ids")
    records = [{"id": rid, "title": f"{WORD} {n}", "body": f"{WORD} نص {n}"}
               for n, rid in enumerate(REJECTED + ODD)]
    summary, rejects = import_jsonl(root / "index", write_jsonl(root / "docs.jsonl", records))
    return root / "index", summary, rejects


@pytest.fixture(scope="module")
def client(imported):
    return create_app({"FAHRAS_INDEX": str(imported[0])}).test_client()


def test_ids_that_cannot_be_a_path_step_are_rejected_with_the_reason(imported):
    _, summary, rejects = imported
    assert sorted(r.record["id"] for r in rejects) == sorted(REJECTED)
    for r in rejects:
        assert "URL path" in r.reason, r.reason
    assert summary.indexed == len(ODD)


def test_every_listed_id_opens_from_the_link_its_page_prints(client):
    base = "http://fahras.test/search?q=" + urllib.parse.quote(WORD)
    page = client.get(base + "&per_page=100").get_data(as_text=True)
    hrefs = re.findall(r'href="(/documents/[^"]*)"', page)
    assert len(hrefs) == len(ODD)
    opened = set()
    for href in hrefs:
        href = html.unescape(href)
        assert "\\" not in href  # browsers read a backslash as a slash in http URLs
        url = urllib.parse.urljoin(base, href)  # dot segments resolved as a browser does
        parts = urllib.parse.urlsplit(url)
        assert parts.path == href.split("?")[0] and not parts.fragment, href
        resp = client.get(parts.path)
        assert resp.status_code == 200, href
        opened.add(client.get(parts.path + ".json").get_json()["document"]["id"])
    assert opened == set(ODD)


def test_every_listed_id_opens_through_the_api(client):
    hits = client.get("/api/v1/search", query_string={"q": WORD, "per_page": 100}).get_json()["hits"]
    assert {h["id"] for h in hits} == set(ODD)
    for h in hits:
        path = "/api/v1/documents/" + urllib.parse.quote(h["id"], safe="")
        assert client.get(path).get_json()["id"] == h["id"]
        assert client.get(path + "/similar").status_code == 200
