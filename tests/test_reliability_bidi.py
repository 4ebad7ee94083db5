"""Bidi controls cannot reorder what the pages show (issue 16, item 8).

``https://ok.test/a\\u202egpj.exe`` was shown as ``https://ok.test/aexe.jpg``. Every value a
template prints now loses U+202A-U+202E and U+2066-U+2069 (``presenters.displayed``, the
templates' ``finalize``), and the stored fields shown beside others are isolated in ``<bdi>``.
tests/browser/test_bidi.py looks at the result in chromium.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from support.bidi import CONTROLS, SHOWN_URL, WORD, build_bidi_index

from web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return create_app({"FAHRAS_INDEX": str(build_bidi_index(tmp_path_factory.mktemp("bidi")))}).test_client()


PAGES = ["/search?per_page=50&q=" + urllib.parse.quote(WORD), "/documents/spoof",
         *(f"/documents/bidi-{n}" for n in range(len(CONTROLS))),
         "/search?q=" + urllib.parse.quote(WORD + " \u202e")]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_carries_a_bidi_control(client, path):
    html = client.get(path).get_data(as_text=True)
    assert WORD in html
    assert not [c for c in CONTROLS if c in html], path


def test_the_link_text_is_the_url_as_it_reads(client):
    html = client.get("/documents/spoof").get_data(as_text=True)
    assert f"<bdi>{SHOWN_URL}</bdi></a>" in html
    for value in ("abc.com", "كاتب", "قسم", "وسم"):
        assert f"{value}</bdi>" in html or f">{value}" in html  # isolated values


def test_the_api_keeps_the_stored_values(client):
    """Only what is drawn is cleaned: the JSON gives the document as it was imported."""
    doc = client.get("/api/v1/documents/spoof").get_json()
    assert doc["url"] == "https://ok.test/a\u202egpj.exe"


def test_an_arabic_error_message_isolates_its_dates(client):
    """The reversed Hijri range read "20-10-1436..25-10-1436" inside the Arabic message."""
    html = client.get("/search?q=x&hijri_from=1436-10-25&hijri_to=1436-10-20").get_data(as_text=True)
    message = re.search(r'<p class="error-message">(.*?)</p>', html).group(1)
    assert '<bdi dir="ltr">1436-10-25..1436-10-20</bdi>' in message and "ينتهي قبل أن يبدأ" in message
    bad = client.get("/search?q=x&per_page=1000").get_data(as_text=True)
    assert '<bdi dir="ltr">per_page</bdi>' in bad


@pytest.mark.parametrize("control", CONTROLS)
def test_the_query_is_isolated_and_no_control_reaches_the_title(client, control):
    html = client.get("/search?q=" + urllib.parse.quote(f"zzq{control} 2015-07")).get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert control not in title and "zzq 2015-07" in title
    assert "لـ«<bdi class=\"query\">zzq 2015-07</bdi>»" in html
