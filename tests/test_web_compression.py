"""Pages and JSON compressed for clients that accept it (web/compression.py): through the test
client and over a real server, the same bytes once decoded, errors and opted-out servers plain."""

from __future__ import annotations

import gzip
import json
import re
import urllib.parse
import urllib.request

import brotli
import pytest
from backports import zstd
from support.servers import served
from support.webcorpus import build_index

from web import create_app

Q = urllib.parse.quote("التعليم")
DECODE = {"gzip": gzip.decompress, "br": brotli.decompress, "zstd": zstd.decompress}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("web-compression") / "index")


@pytest.fixture(scope="module")
def client(index_dir):
    return create_app({"FAHRAS_INDEX": str(index_dir)}).test_client()


def _untimed(body: bytes) -> bytes:
    """An answer without the time it took (``took_ms``, the page's ``took``): all else is the same."""
    if body.startswith(b"{"):
        return json.dumps({**json.loads(body), "took_ms": 0}).encode()
    return re.sub(rb'<span class="took">[^<]*</span>', b"", body)


@pytest.mark.parametrize("path", [f"/search?q={Q}", f"/api/v1/search?q={Q}", f"/search.json?q={Q}", "/"])
@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd"])
def test_an_answer_is_compressed_as_the_client_asks_and_decodes_to_the_same_bytes(client, path, encoding):
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": encoding})
    assert plain.status_code == packed.status_code == 200 and "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == encoding
    assert int(packed.headers["Content-Length"]) == len(packed.data) < len(plain.data)
    assert _untimed(DECODE[encoding](packed.data)) == _untimed(plain.data)
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    assert packed.headers["X-Content-Type-Options"] == "nosniff"  # the other hooks still ran


def test_a_browser_offering_every_encoding_gets_zstd_and_curl_gets_gzip(client):
    browser = client.get(f"/search?q={Q}", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    curl = client.get(f"/search?q={Q}", headers={"Accept-Encoding": "deflate, gzip"})
    assert browser.headers["Content-Encoding"] == "zstd" and curl.headers["Content-Encoding"] == "gzip"


def test_a_long_querys_page_shrinks_most(client):
    """Every facet and page link repeats the query: a query of 300 words' page is mostly those."""
    q = urllib.parse.quote(" OR ".join(["التعليم"] * 40))
    plain = client.get(f"/search?q={q}")
    packed = client.get(f"/search?q={q}", headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == 200 and len(plain.data) > 15 * len(packed.data), (len(plain.data), len(packed.data))


@pytest.mark.parametrize("path", ["/api/v1/search?per_page=1000", "/api/v1/documents/missing", "/search?page=0"])
def test_errors_go_out_plain(client, path):
    resp = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert resp.status_code in (400, 404) and "Content-Encoding" not in resp.headers
    assert resp.data.startswith((b"{", b"<"))


def test_a_server_behind_a_compressing_proxy_turns_it_off(index_dir):
    client = create_app({"FAHRAS_INDEX": str(index_dir), "FAHRAS_COMPRESS": False}).test_client()
    resp = client.get(f"/search?q={Q}", headers={"Accept-Encoding": "gzip"})
    assert resp.status_code == 200 and "Content-Encoding" not in resp.headers


def test_compressed_over_a_real_server(index_dir):
    with served(index_dir) as (base, _proc):
        request = urllib.request.Request(f"{base}/api/v1/search?q={Q}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as resp:
            assert resp.headers["Content-Encoding"] == "gzip"
            body = json.loads(gzip.decompress(resp.read()))
        with urllib.request.urlopen(f"{base}/api/v1/search?q={Q}", timeout=30) as resp:
            assert "Content-Encoding" not in resp.headers
            plain = json.loads(resp.read())
    assert body["total"] > 0 and {**body, "took_ms": 0} == {**plain, "took_ms": 0}
