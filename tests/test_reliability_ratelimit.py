"""The rate limit holds on every route a client calls, across the workers (issue 16, item 6).

With ``FAHRAS_RATE_LIMIT=30`` the probe got 100 of 100 answers from ``/search.json``,
``/search?format=json`` and ``/documents/<id>.json``: only ``/api/v1`` was limited, and each
worker counted on its own. Now one bucket per client covers every route but static files and
``/healthz``, in a table the workers of ``fahras serve`` share.
"""

from __future__ import annotations

import threading
import urllib.parse
from collections import Counter

import pytest
from support.servers import get, served
from support.webcorpus import build_index

from web import create_app

ROUTES = ["/search.json?q=التعليم", "/search?q=التعليم&format=json", "/search?q=التعليم",
          "/documents/{id}.json", "/documents/{id}", "/", "/index.json",
          "/api/v1/search?q=التعليم", "/api/v1/documents/{id}", "/api/v1/suggest?q=ال",
          "/no/such/page"]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("ratelimit") / "index")


@pytest.mark.parametrize("route", ROUTES)
def test_every_route_is_limited(index_dir, route):
    client = create_app({"FAHRAS_INDEX": str(index_dir), "FAHRAS_RATE_LIMIT": 2}).test_client()
    doc_id = create_app({"FAHRAS_INDEX": str(index_dir)}).test_client() \
        .get("/api/v1/search?q=التعليم").get_json()["hits"][0]["id"]
    url = route.replace("{id}", urllib.parse.quote(doc_id, safe=""))
    statuses = [client.get(url).status_code for _ in range(3)]
    assert statuses[:2] != [429, 429] and statuses[2] == 429, (url, statuses)
    assert client.get("/static/app.css").status_code != 429
    assert client.get("/healthz").status_code == 200


@pytest.mark.slow
def test_the_limit_holds_across_the_workers(index_dir):
    """Two workers, 8 concurrent clients from one address: at most the limit (+ the refill)."""
    seen: Counter[int] = Counter()
    lock = threading.Lock()
    with served(index_dir, env={"FAHRAS_RATE_LIMIT": "30"}) as (base, _proc):
        q = urllib.parse.quote("التعليم")
        urls = [f"{base}/search.json?q={q}", f"{base}/api/v1/suggest?q={q}"]

        def client(k: int) -> None:
            for i in range(13):
                status, _headers, _body = get(urls[(k + i) % 2])
                with lock:
                    seen[status] += 1

        threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    print(f"\n[rate limit] 30/min, 2 workers, 104 requests: {dict(seen)}")
    assert set(seen) == {200, 429}
    assert seen[200] <= 30 + 5, seen  # the burst, and what refills (0.5 a second) meanwhile
