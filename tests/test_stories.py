"""One story once (indexer/nearduplicates.py, indexer/stories.py, search/stories.py): copies of a
story in other papers are given one stored story id at import and folded into one hit; through the
importer (one process and a pool), the engine, the API, the pages and the CLI."""

from __future__ import annotations

import json
import random
from datetime import datetime

import pytest
from click.testing import CliRunner
from support.articles import WORDS, engine_at, import_jsonl, index_records, stored_docs, write_jsonl
from support.stories import STORY, half_other, story_records, trimmed_copy

from fahras.cli import main
from indexer.nearduplicates import BANDS, LOOSE_BANDS, Sketch, near_keys, near_of_text, same_story
from indexer.stories import Stories
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


def _as_read(records: list[dict]) -> list[dict]:
    """The records as a JSON Lines file holds them (dates as text)."""
    return [{**r, "date": r["date"].isoformat()} for r in records]


@pytest.mark.parametrize("procs", [1, 2])
def test_the_story_is_stored_at_import_whatever_batch_or_worker_writes_a_copy(tmp_path, procs):
    # One record a batch: each copy is written by another batch (and, with 2 procs, worker) than
    # the first, and looked up either among the batches not committed yet or in the index.
    src = write_jsonl(tmp_path / "s.jsonl", _as_read(story_records()))
    summary, rejects = import_jsonl(tmp_path / "index", src, batch_size=1, procs=procs)
    assert summary.indexed == 13 and not rejects
    stories = {doc_id: doc["story"] for doc_id, doc in stored_docs(tmp_path / "index").items()}
    assert stories["gas-okaz"] == stories["gas-riyadh"] == stories["gas-was"] == "gas-okaz"
    assert all(stories[f"other-{i}"] == f"other-{i}" for i in range(10))


def test_a_copy_imported_later_joins_the_story_and_a_reimport_keeps_it(tmp_path):
    first, later = story_records()[:1], story_records()[1:]
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "a.jsonl", _as_read(first)))
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "b.jsonl", _as_read(later)))
    summary, _ = import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "c.jsonl", _as_read(story_records())))
    assert summary.updated == 13
    stories = {doc_id: doc["story"] for doc_id, doc in stored_docs(tmp_path / "index").items()}
    assert {stories[i] for i in ("gas-okaz", "gas-riyadh", "gas-was")} == {"gas-okaz"}


def test_an_article_linking_two_stories_joins_the_closer_one_and_rewrites_neither():
    """c shares one key with a, two with b: b's story. d's 00a leads to a and to c (story b), its
    01b to b and c: two keys to b, one to a. f's keys lead to a and to g's story once each: a tie,
    the least story id."""
    batch = [{"id": "a", "near": "00a 01a 02a"}, {"id": "b", "near": "00b 01b 02b"},
             {"id": "c", "near": "00a 01b 02b"}, {"id": "d", "near": "00a 01b 02c"}, {"id": "e"},
             {"id": "g", "near": "00g 01g 02g"}, {"id": "f", "near": "01g 01a 02f"}]
    Stories().assign(batch)
    assert [f["story"] for f in batch] == ["a", "b", "b", "b", "e", "g", "a"]


def _assigned_in_batches(records: list[dict], size: int) -> list[str]:
    """Each record's story when the records come ``size`` a batch, each batch committed to a
    stand-in index (key -> stories, newest first: no order of storage may decide) before the next."""
    stories, index = Stories(), {}
    out = []
    for start in range(0, len(records), size):
        batch = [dict(r) for r in records[start:start + size]]
        stories.assign(batch, lambda key: list(reversed(index.get(key, []))))
        for fields in batch:
            for key in fields["near"].split():
                index.setdefault(key, []).append(fields["story"])
        stories.committed()
        out += [f["story"] for f in batch]
    return out


def test_the_stories_do_not_depend_on_the_batches():
    """Every article imported before counts, committed or pending, in whatever order an index
    returns them: a key whose articles went to two stories leads to both in every case."""
    records = [{"id": "a", "near": "00a 01a"}, {"id": "b", "near": "00b 01b"},
               {"id": "c", "near": "00a 01b"}, {"id": "d", "near": "00x 01b"}, {"id": "e", "near": "00a 01y"},
               {"id": "f", "near": "00a 01b 02f"}, {"id": "h", "near": "00h 01h"}, {"id": "i", "near": "00h 01a"}]
    every = {size: _assigned_in_batches(records, size) for size in (1, 2, 3, len(records))}
    assert len(set(map(tuple, every.values()))) == 1, every


TRIMMED, REVIEW = trimmed_copy(), half_other()


def test_a_trimmed_copy_shares_loose_keys_only_and_its_sketch_says_one_story():
    full, trimmed, review = (near_of_text(r["title"], r["body"]) for r in (story_records()[0], TRIMMED, REVIEW))
    assert len(full.loose) == LOOSE_BANDS and not set(full.keys) & set(trimmed.keys)
    assert set(full.loose) & set(trimmed.loose)
    assert same_story(Sketch.read(full.sketch), Sketch.read(trimmed.sketch)) > 0.5
    assert same_story(Sketch.read(full.sketch), Sketch.read(review.sketch)) == 0.0
    assert Sketch.read("") is None and Sketch.read("12:not base64!") is None


@pytest.mark.parametrize("later", [False, True])
def test_a_trimmed_copy_joins_the_story_and_a_half_copy_does_not(tmp_path, later):
    """In one run (the copy's candidates among the batches not committed yet) and in a later one
    (looked up in the index), one record a batch."""
    story = _as_read(story_records())
    copies = _as_read([TRIMMED, REVIEW])
    runs = [story, copies] if later else [story + copies]
    for n, records in enumerate(runs):
        import_jsonl(tmp_path / "index", write_jsonl(tmp_path / f"{n}.jsonl", records), batch_size=1)
    stories = {doc_id: doc["story"] for doc_id, doc in stored_docs(tmp_path / "index").items()}
    assert stories["gas-trimmed"] == "gas-okaz" and stories["gas-review"] == "gas-review"


def test_a_loose_candidate_is_joined_only_when_its_sketch_agrees():
    full, trimmed, review = (near_of_text(r["title"], r["body"]) for r in (story_records()[0], TRIMMED, REVIEW))
    batch = [{"id": "a", "near": "00a x00p", "sketch": full.sketch},
             {"id": "b", "near": "00b x00p", "sketch": review.sketch},
             {"id": "c", "near": "00c x00p x01q", "sketch": trimmed.sketch},
             {"id": "d", "near": "00d x00p", "sketch": ""}]
    Stories().assign(batch)
    assert [f["story"] for f in batch] == ["a", "b", "a", "d"]
    committed = [{"id": "e", "near": "00e x01q", "sketch": trimmed.sketch}]
    Stories().assign(committed, sketches=lambda key: [("a", full.sketch)] if key == "x01q" else [])
    assert committed[0]["story"] == "a"


def test_a_story_is_one_hit_listing_its_copies(index):
    engine = engine_at(index, query_time_limit=None)  # a loaded machine must not drop copies
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
    engine = engine_at(index, query_time_limit=None)  # a loaded machine must not drop copies
    try:
        results = [engine.search(SearchRequest(q="الطبيعي", per_page=4, page=n)) for n in (1, 2, 3, 4)]
        assert [len(r.hits) for r in results] == [4, 4, 3, 0]  # full pages until the stories end
        assert {(r.total, r.total_stories, r.pages) for r in results} == {(13, 11, 3)}
        ids = [h.id for r in results for h in r.hits]
        assert len(ids) == len(set(ids)) == 11
        assert sum(1 for i in ids if i.startswith("gas-")) == 1
        whole = engine.search(SearchRequest(q="الطبيعي", per_page=11))
        assert [h.id for h in whole.hits] == ids  # page N+1 goes on exactly where page N stopped
        for sort in ("newest", "oldest"):
            by_date = [engine.search(SearchRequest(q="الطبيعي", per_page=5, page=n, sort=sort)).hits for n in (1, 2, 3)]
            assert [len(hits) for hits in by_date] == [5, 5, 1]
    finally:
        engine.close()


def test_the_api_page_and_cli_show_one_story_once(index):
    client = create_app({"FAHRAS_INDEX": str(index), "FAHRAS_QUERY_TIME_LIMIT": "0"}).test_client()
    body = client.get("/api/v1/search", query_string={"q": "حقل الغاز الطبيعي", "per_page": 20}).get_json()
    assert sum(len(h["duplicates"]) for h in body["hits"]) == 2
    every = client.get("/api/v1/search", query_string={"q": "حقل الغاز الطبيعي", "per_page": 20, "collapse": "false"}).get_json()
    assert len(every["hits"]) == 13
    assert (body["total"], body["total_stories"], body["collapse"], every["collapse"]) == (13, 11, True, False)
    html = client.get("/search", query_string={"q": "حقل الغاز الطبيعي"}).get_data(as_text=True)
    assert '<details class="hit-copies">' in html and "<summary>ومصدران آخران</summary>" in html
    assert '<span class="stories" data-stories="11">(11 قصة)</span>' in html
    out = CliRunner().invoke(main, ["search", "حقل الغاز الطبيعي", "--index", str(index), "--limit", "20"])
    assert "also in 2 other article(s)" in out.output and out.output.startswith("13 results in 11 stories")
    flat = CliRunner().invoke(main, ["search", "حقل الغاز الطبيعي", "--index", str(index), "--limit", "20",
                                     "--no-collapse", "--json"])
    assert len(json.loads(flat.output)["hits"]) == 13


def test_similar_articles_leave_out_the_documents_own_story_and_fold_the_others(tmp_path, index):
    """The likest articles of a copy are the other copies: they are its story, not "similar
    articles". Seen from another article, the story is one entry listing its copies."""
    e = engine_at(index)
    try:
        from_copy = [h.id for h in e.similar("gas-riyadh", limit=5).hits]
        assert from_copy and not {"gas-okaz", "gas-was"} & set(from_copy)
        # An article of another story that shares most of the story's words.
        more = index_records(tmp_path / "more", [*story_records(), {
            "id": "gas-review", "title": "حقل الغاز الجديد في الشرقية", "body": STORY[: len(STORY) // 2]
            + " " + " ".join(random.Random(3).choices(WORDS, k=40)),
            "source": "okaz", "date": datetime(2015, 8, 3), "tags": []}])
        e2 = engine_at(more)
        try:
            hits = e2.similar("gas-review", limit=5).hits
            story = [h for h in hits if h.id in {"gas-okaz", "gas-riyadh", "gas-was"}]
            assert len(story) == 1 and len(story[0].duplicates) == 2
        finally:
            e2.close()
    finally:
        e.close()


def test_evaluation_ranks_every_article(index):
    engine = engine_at(index, query_time_limit=None)  # a loaded machine must not drop copies
    try:
        ranked = [doc_id for doc_id, _ in engine.rank_ids("حقل الغاز الطبيعي")]
        assert {"gas-okaz", "gas-riyadh", "gas-was"} <= set(ranked) and len(ranked) == 13
    finally:
        engine.close()
