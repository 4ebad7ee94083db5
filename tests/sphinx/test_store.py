"""The side store's rows: packed in the import's pool, re-packed by its parent when an article
joins an earlier story, read back by the feed (no searchd needed)."""

from __future__ import annotations

import json
import pathlib
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


def test_a_loose_keys_sketches_come_from_the_column_capped_in_write_order(tmp_path):
    """``sketches_with`` gives each loose key's (story, sketch), the first ``most`` written, from
    the docs' sketch column; a re-written article's old keys are gone, an article without a
    sketch (a short one) gives ""."""
    store = Store(tmp_path / "s.sqlite")
    try:
        def doc(n: int, near: str, sketch: str, story: str) -> tuple:
            return (n, f"d{n}", {"id": f"d{n}", "title": "t", "body": "b", "near": near, "sketch": sketch,
                                 STORY: story}, {**TOKENS, "seq": n})

        store.write([doc(9, "x00a x01b", "40:AAA", "d9"), doc(3, "x00a", "41:BBB", "d9"),
                     doc(7, "x00a x02c", "", "d7")], 1)
        store.write([doc(8, "x00a", "42:CCC", "d8"), doc(7, "x02c", "43:DDD", "d7"), doc(5, "x03d", "", "d5")], 2)
        found = store.sketches_with(["x00a", "x01b", "x02c", "x03d", "x09z"], most=3)
        assert found == {"x00a": [("d9", "40:AAA"), ("d9", "41:BBB"), ("d8", "42:CCC")],
                         "x01b": [("d9", "40:AAA")], "x02c": [("d7", "43:DDD")], "x03d": [("d5", "")]}
        assert [c[1] for c in store.db.execute("PRAGMA table_info(docs)")].index("sketch") < 4  # before doc
    finally:
        store.close()


def test_the_sketch_column_holds_what_the_originals_hold(tmp_path, bench_module):
    """bench/sketch_lookups.py's two roads (the column, the originals' JSON) read the same rows,
    so its ratio compares like with like."""
    lookups = bench_module("sketch_lookups")
    store = Store(tmp_path / "s.sqlite")
    try:
        sample = (pathlib.Path(__file__).resolve().parents[2] / "data" / "sample" / "articles.jsonl").read_text("utf-8")
        bodies = [json.loads(line)["body"] for line in sample.splitlines()[:3]]
        records = [_record(f"a-{n}", body) for n, body in enumerate([*bodies, bodies[0]])]  # one twice
        store.write_packed(importer._packed_batch(records, first=0, gen=1), 1)
        keys = [key for (key,) in store.db.execute("SELECT key FROM near WHERE key LIKE 'x%' ORDER BY rowid")]
        roads = [list(lookups.lookups(store.db, keys, column)) for column in lookups.ROADS.values()]
        assert roads[0] == roads[1] and len(roads[0]) >= len(keys) > 0
        assert all(sketch.count(":") == 1 for _, _, sketch in roads[0])
    finally:
        store.close()
