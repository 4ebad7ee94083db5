"""Few segments: an archive imported a little at a time keeps its small segments merged, and
``fahras optimize`` merges everything into one, the documents, terms and answers unchanged."""

from __future__ import annotations

import json
import threading
import urllib.parse

from support.articles import article, import_jsonl, stored_docs, write_jsonl
from support.cli import clean_failure, fahras
from support.locks import hold_lock
from support.servers import get, served

from indexer import manifest, store
from indexer.compaction import SMALL_FLOOR, SMALL_MAX_DOCS, SMALL_SEGMENTS, small_group, small_limit
from indexer.documents import to_fields
from indexer.schema import ID
from indexer.sources import validate
from indexer.stats import index_stats


def _sizes(index_dir) -> list[int]:
    ix = store.open_index(index_dir)
    try:
        return [s.doc_count_all() for s in ix._segments()]
    finally:
        ix.close()


def _terms(index_dir) -> dict[str, int]:
    return {f: v["terms"] for f, v in index_stats(index_dir)["fields"].items()}


def test_small_is_a_share_of_the_archive_between_a_floor_and_a_ceiling():
    assert small_limit(0) == small_limit(5_000) == SMALL_FLOOR  # a young archive: all is small
    assert small_limit(31_000) == 3_100
    assert small_limit(1_000_000) == SMALL_MAX_DOCS  # a large one never copies its tenth again


def test_small_segments_are_merged_once_enough_have_gathered():
    assert small_group([10] * (SMALL_SEGMENTS - 1)) == []
    assert small_group([10] * SMALL_SEGMENTS) == list(range(SMALL_SEGMENTS))
    # the big segments of a first import stay; the small ones beside them go into one
    assert small_group([10_000, 10_000, 6_000, 4_973, 100, 100]) == []
    assert small_group([10_000, 100, 10_000, 6_000, 4_973, 2_000, 100, 100]) == [1, 5, 6, 7]
    # in a large archive a segment of SMALL_MAX_DOCS or more is never small
    assert small_group([400_000, *[SMALL_MAX_DOCS] * 6]) == []
    assert small_group([400_000, *[SMALL_MAX_DOCS - 1] * 4]) == [1, 2, 3, 4]


def test_an_archive_imported_a_little_at_a_time_keeps_few_segments(tmp_path):
    """Thirty imports of three articles, as a site updated through the day: fewer than
    SMALL_SEGMENTS segments after each (Whoosh's own policy alone let 5-6 gather on these runs,
    a dozen on a real archive's), and the same documents and terms as one import of them all."""
    records = [article(i) for i in range(90)]
    counts = []
    for run in range(30):
        src = write_jsonl(tmp_path / f"run{run}.jsonl", records[run * 3:run * 3 + 3])
        summary, _ = import_jsonl(tmp_path / "daily", src)
        assert summary.indexed == 3
        counts.append(len(_sizes(tmp_path / "daily")))
        merged = [n for n in summary.notes if "small segments into one" in n]  # the user is told
        assert len(merged) == (counts[-1] == 1 and run > 0)
    assert max(counts) == SMALL_SEGMENTS - 1 and min(counts) == 1
    import_jsonl(tmp_path / "once", write_jsonl(tmp_path / "all.jsonl", records))
    assert stored_docs(tmp_path / "daily") == stored_docs(tmp_path / "once")
    assert _terms(tmp_path / "daily") == _terms(tmp_path / "once")


def _ids(index_dir, query: str) -> list[str]:
    result = fahras("search", query, "--index", index_dir, "--json", "--limit", "50", "--no-collapse")
    assert result.returncode == 0, result.stderr
    return [hit["id"] for hit in json.loads(result.stdout)["hits"]]


def _segmented(index_dir, records: list[dict], size: int, deleted: list[str]) -> None:
    """An index of ``records`` in segments of ``size``, ``deleted`` deleted: committed without
    merging (an import's own merges would leave one segment of so few documents)."""
    ix = store.create_or_open(index_dir)
    try:
        fields = [to_fields(validate(r)) for r in records]
        for start in range(0, len(fields), size):
            writer = ix.writer()
            for one in fields[start:start + size]:
                writer.add_document(**one)
            writer.commit(merge=False)
        writer = ix.writer()
        for doc_id in deleted:
            writer.delete_by_term(ID, doc_id)
        writer.commit(merge=False)
        manifest.record(ix, index_dir)
    finally:
        ix.close()


def test_optimize_merges_every_segment_into_one_and_drops_the_deleted(tmp_path):
    ix = tmp_path / "ix"
    _segmented(ix, [article(i) for i in range(40)], 4, ["gen-00003", "gen-00031"])
    before = {q: _ids(ix, q) for q in ("الحكومة", "وزارة الصحة", "مشروع OR ميزانية")}
    docs = stored_docs(ix)
    segments = len(_sizes(ix))
    assert segments == 10 and index_stats(ix)["deleted"] == 2
    assert "fahras optimize" in fahras("stats", "--index", ix).stdout  # the hint, from 8 segments

    done = fahras("optimize", "--index", ix)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"merged {segments} segments into 1, dropped 2 deleted documents")
    stats = index_stats(ix, verify=True)  # every file recorded as written
    assert (stats["segments"], stats["documents"], stats["deleted"]) == (1, 38, 0)
    assert stored_docs(ix) == docs
    assert {q: _ids(ix, q) for q in before} == before  # the same answers, in the same order
    assert "fahras optimize" not in fahras("stats", "--index", ix).stdout

    again = fahras("optimize", "--index", ix)
    assert again.returncode == 0 and again.stdout.startswith("nothing to merge"), again.stdout


def test_optimize_waits_for_no_one_and_fails_clearly(tmp_path):
    ix = tmp_path / "ix"
    import_jsonl(ix, write_jsonl(tmp_path / "a.jsonl", [article(1)]))
    holder = hold_lock(ix)
    try:
        clean_failure(fahras("optimize", "--index", ix), "another process", code=1)
    finally:
        holder.kill()
        holder.wait()
    clean_failure(fahras("optimize", "--index", tmp_path / "none"), "no Fahras index", code=1)
    clean_failure(fahras("optimize", "--index", ix, "--backend", "sphinx"), "whoosh backend", code=1)


def test_a_running_server_answers_through_an_optimize_and_after_it(tmp_path):
    """``fahras serve`` on a 10-segment index keeps answering while ``fahras optimize`` merges it
    (no 5xx, no shortened total), and after the commit answers the same from the one segment."""
    ix = tmp_path / "ix"
    _segmented(ix, [article(i) for i in range(200)], 20, [])
    url = "/api/v1/search?per_page=50&collapse=false&q=" + urllib.parse.quote("الحكومة OR مشروع")
    with served(ix) as (base, _proc):
        status, _, body = get(base + url)
        assert status == 200
        before = json.loads(body)
        answers, stop = [], threading.Event()

        def ask() -> None:
            while not stop.is_set():
                answers.append(get(base + url))

        asker = threading.Thread(target=ask)
        asker.start()
        try:
            done = fahras("optimize", "--index", ix)
        finally:
            stop.set()
            asker.join(timeout=30)
        assert done.returncode == 0 and done.stdout.startswith("merged 10 segments into 1"), done
        assert answers and all(status == 200 for status, _, _ in answers)
        assert {json.loads(body)["total"] for _, _, body in answers} == {before["total"]}
        status, _, body = get(base + url)
        after = json.loads(body)
    assert len(_sizes(ix)) == 1
    assert [h["id"] for h in after["hits"]] == [h["id"] for h in before["hits"]]
