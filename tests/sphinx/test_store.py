"""The side store's rows: packed in the import's pool, re-packed by its parent when an article
joins an earlier story, read back by the feed (no searchd needed)."""

from __future__ import annotations

import json
import zlib

from indexer.schema import PART_STARTS, STORY
from search.sphinx_backend import importer
from search.sphinx_backend.store import Store, pack, packed, unpack

TOKENS = {"title": "وزار خبر", "body": "نص خبر", "meta": "\ue003x", "date": 1437436800, "author": 'سارة "س"'}


def _record(doc_id: str, body: str) -> dict:
    return {"id": doc_id, "title": "وزارة الصحة", "body": body, "date": None, "tags": ["صحة"], "source": "okaz"}


def test_a_row_is_read_by_zlib_and_a_zlib_row_by_unpack():
    """ISA-L writes what the standard library's zlib reads (older Fahras, bench/import_guard.py),
    and rows zlib wrote before stay readable."""
    assert json.loads(zlib.decompress(pack(TOKENS))) == TOKENS
    old = zlib.compress(json.dumps(TOKENS, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)
    assert unpack(old) == TOKENS


def test_a_row_moved_into_another_story_is_the_row_packed_in_that_story():
    """The pool packs each article in its own story; the parent's re-pack of one that joins an
    earlier story gives the bytes packing it there would (key order, the long body's parts)."""
    long_body = "\n".join(["مزارع الزعفران في خراسان"] * 9000)  # over one part (indexer/parts.py)
    for body in ("نص قصير عن الصحة", long_body):
        mine = importer._packed_batch([_record("a-1", body)], first=7, gen=3)[0]
        moved = importer._in_story(mine, "story-9")
        num, doc_id, doc, sphinx = importer.analyse(_record("a-1", body))
        doc[STORY] = "story-9"
        sphinx["story"] = importer.doc_number("story-9")
        sphinx["seq"] = 3 << 32 | 7
        assert moved == packed(num, doc_id, doc, sphinx)
        assert mine.story == doc_id and moved.story == "story-9"
        assert (PART_STARTS in json.loads(moved.doc)) == (body == long_body) == bool(moved.parts)


def test_write_packs_as_the_pool_does(tmp_path):
    """``Store.write`` (dicts) and ``Store.write_packed`` (the pool's rows) store the same rows."""
    rows = [(n, f"d{n}", {"id": f"d{n}", "title": "t", "body": "b", "near": "01k 02k"}, {**TOKENS, "seq": n})
            for n in (5, 9, 5)]  # a number twice in a batch: the last row wins, counted as replacing
    stores = [Store(tmp_path / "a.sqlite"), Store(tmp_path / "b.sqlite")]
    try:
        assert stores[0].write(rows, 1) == stores[1].write_packed([packed(*r) for r in rows], 1) == (2, 1)
        dumps = [list(s.db.iterdump()) for s in stores]
        assert dumps[0] == dumps[1]
        assert [(num, t["seq"]) for num, t in stores[0].tokens()] == [(5, 5), (9, 9)]
    finally:
        for s in stores:
            s.close()
