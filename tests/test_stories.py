"""One story once (indexer/nearduplicates.py, search/stories.py): copies of a story in other
papers are found at import and folded into one hit; through the engine, the API, the pages and the
CLI."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from support.articles import engine_at, index_records
from support.stories import STORY, story_records

from fahras.cli import main
from indexer.nearduplicates import BANDS, near_keys
from search import SearchRequest
from web import create_app


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return index_records(tmp_path_factory.mktemp("stories") / "index", story_records())


def test_copies_share_keys_and_other_articles_do_not():
    keys = {r["id"]: set(near_keys(r["title"], r["body"])) for r in story_records()}
    assert len(keys["gas-okaz"]) == BANDS
    assert keys["gas-okaz"] & keys["gas-riyadh"] and keys["gas-okaz"] & keys["gas-was"]
    assert not any(keys["gas-okaz"] & keys[f"other-{i}"] for i in range(10))
    assert near_keys("خبر قصير", "جملة واحدة فقط") == []  # too short to call a copy
    assert near_keys("عنوان", STORY) == near_keys("عنوان", STORY)  # the same in every process


def test_a_story_is_one_hit_listing_its_copies(index):
    engine = engine_at(index)
    try:
        r = engine.search(SearchRequest(q="حقل الغاز الطبيعي", per_page=20))
        ids = [h.id for h in r.hits]
        story = [h for h in r.hits if h.id.startswith("gas-")]
        assert len(story) == 1 and {d.id for d in story[0].duplicates} == {"gas-okaz", "gas-riyadh", "gas-was"} - {story[0].id}
        assert {d.source for d in story[0].duplicates} <= {"okaz", "alriyadh", "was"}
        assert r.total == 13 and len(ids) == 11  # total counts articles; hits are stories
        every = engine.search(SearchRequest(q="حقل الغاز الطبيعي", per_page=20, collapse=False))
        assert len(every.hits) == 13 and all(h.duplicates == [] for h in every.hits)
        newest = engine.search(SearchRequest(q="حقل الغاز الطبيعي", sort="newest", per_page=20))
        assert len([h for h in newest.hits if h.id.startswith("gas-")]) == 1
        d = r.to_dict()["hits"][ids.index(story[0].id)]["duplicates"][0]
        assert set(d) == {"id", "source", "title", "date"}
    finally:
        engine.close()


def test_pages_of_stories_do_not_repeat_a_story(index):
    engine = engine_at(index)
    try:
        pages = [engine.search(SearchRequest(q="الطبيعي", per_page=4, page=n)).hits for n in (1, 2, 3)]
        ids = [h.id for hits in pages for h in hits]
        assert len(ids) == len(set(ids)) == 11
        assert sum(1 for i in ids if i.startswith("gas-")) == 1
    finally:
        engine.close()


def test_the_api_page_and_cli_show_one_story_once(index):
    client = create_app({"FAHRAS_INDEX": str(index)}).test_client()
    body = client.get("/api/v1/search", query_string={"q": "حقل الغاز الطبيعي", "per_page": 20}).get_json()
    assert sum(len(h["duplicates"]) for h in body["hits"]) == 2
    every = client.get("/api/v1/search", query_string={"q": "حقل الغاز الطبيعي", "per_page": 20, "collapse": "false"}).get_json()
    assert len(every["hits"]) == 13
    html = client.get("/search", query_string={"q": "حقل الغاز الطبيعي"}).get_data(as_text=True)
    assert '<details class="hit-copies">' in html and "<summary>ومصدران آخران</summary>" in html
    out = CliRunner().invoke(main, ["search", "حقل الغاز الطبيعي", "--index", str(index), "--limit", "20"])
    assert "also in 2 other article(s)" in out.output
    flat = CliRunner().invoke(main, ["search", "حقل الغاز الطبيعي", "--index", str(index), "--limit", "20",
                                     "--no-collapse", "--json"])
    assert len(json.loads(flat.output)["hits"]) == 13


def test_evaluation_ranks_every_article(index):
    engine = engine_at(index)
    try:
        ranked = [doc_id for doc_id, _ in engine.rank_ids("حقل الغاز الطبيعي")]
        assert {"gas-okaz", "gas-riyadh", "gas-was"} <= set(ranked) and len(ranked) == 13
    finally:
        engine.close()
