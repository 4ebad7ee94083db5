"""Writing into a real on-disk index: batches, update by id, delete, rejects, procs, locks, stats."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from indexer_data import article, stored_docs, write_jsonl
from whoosh.index import TOC

from indexer import store
from indexer.documents import to_fields
from indexer.sources import LineFilter, read_source, validate
from indexer.writer import (
    LOCK_FILE,
    Importer,
    IndexLockedError,
    PoolRun,
    RunLock,
    delete_documents,
    import_records,
    index_stats,
    merge_groups,
)


def run(index_dir, path, **kwargs):
    rejects = []
    summary = import_records(index_dir, read_source(str(path)), on_reject=rejects.append, **kwargs)
    return summary, rejects


def test_every_record_lands_once_with_its_fields(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(25)])
    summary, rejects = run(tmp_path / "ix", src, batch_size=10)
    assert (summary.indexed, summary.updated, summary.rejected, summary.commits) == (25, 0, 0, 3)
    docs = stored_docs(tmp_path / "ix")
    assert set(docs) == {f"gen-{i:05d}" for i in range(25)}
    doc = docs["gen-00007"]
    expected = article(7)
    assert doc["title"] == expected["title"] and doc["body"] == expected["body"]
    assert doc["section"] == expected["section"] and doc["tags"] == ",".join(expected["tags"])
    assert (doc["year"], doc["month"]) == ("2017", "2017-08")


def test_reimport_updates_by_id_without_duplicates(tmp_path):
    ix = tmp_path / "ix"
    run(ix, write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(10)]), batch_size=4)
    changed = [{**article(i), "title": f"عنوان مصحح {i}"} for i in range(5, 15)]
    summary, _ = run(ix, write_jsonl(tmp_path / "b.jsonl", changed), batch_size=4)
    assert (summary.indexed, summary.updated) == (5, 5)
    docs = stored_docs(ix)
    assert len(docs) == 15
    assert docs["gen-00007"]["title"] == "عنوان مصحح 7"
    assert docs["gen-00002"]["title"] == article(2)["title"]
    # The stemmed field was re-indexed too: the old title's number no longer finds the document.
    with store.open_index(ix).searcher() as s:
        assert s.document_number(id="gen-00007") is not None
        assert s.doc_count() == 15


def test_delete_by_id(tmp_path):
    ix = tmp_path / "ix"
    run(ix, write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(6)]))
    deleted, missing = delete_documents(ix, ["gen-00001", "gen-00004", "nope", "gen-00001"])
    assert deleted == ["gen-00001", "gen-00004"] and missing == ["nope"]
    assert set(stored_docs(ix)) == {"gen-00000", "gen-00002", "gen-00003", "gen-00005"}


def test_rejects_carry_source_line_reason_and_raw_record(tmp_path):
    lines = [
        json.dumps(article(1), ensure_ascii=False),
        '{"id": "broken", "title": ',
        json.dumps({"title": "لا معرف"}, ensure_ascii=False),
        json.dumps(article(1), ensure_ascii=False),  # duplicate in this run
        json.dumps({"id": "x1", "title": "", "body": ""}),
        json.dumps({"id": "x2", "title": "عنوان", "date": "أمس"}, ensure_ascii=False),
        json.dumps({"id": "x3", "title": 5}),
        json.dumps({"id": "x4", "title": "عنوان", "tags": {"a": 1}}, ensure_ascii=False),
        json.dumps({"id": 9, "title": "عنوان"}, ensure_ascii=False),
        json.dumps({"id": "", "title": "عنوان"}, ensure_ascii=False),
    ]
    src = tmp_path / "a.jsonl"
    src.write_bytes(
        "\n".join(lines[:5]).encode() + b'\n{"id": "enc", "title": "\xd8"}\n' + "\n".join(lines[5:]).encode()
    )
    summary, rejects = run(tmp_path / "ix", src)
    assert (summary.indexed, summary.rejected) == (1, 10)
    by_line = {r.line: r for r in rejects}
    assert by_line[2].reason.startswith("broken JSON") and by_line[2].record == '{"id": "broken", "title": '
    assert by_line[3].reason == "missing id" and by_line[3].record == {"title": "لا معرف"}
    assert by_line[4].reason == f"duplicate id 'gen-00001' (first at {src}:1)"
    assert by_line[5].reason == "no title and no body"
    assert by_line[6].reason.startswith("bad encoding: invalid UTF-8")
    assert by_line[7].reason == "date does not parse as ISO 8601: 'أمس'"
    assert by_line[8].reason == "title must be a string, got a number"
    assert by_line[9].reason.startswith("tags must be a list of strings")
    assert by_line[10].reason == "id must be a string, got a number"
    assert by_line[11].reason == "empty id"
    assert all(r.source == str(src) for r in rejects)
    assert json.loads(by_line[3].to_json()) == {
        "source": str(src), "line": 3, "reason": "missing id", "record": {"title": "لا معرف"}
    }


def test_unknown_fields_are_stored_in_extra(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [{**article(1), "lang": "ar", "views": 12}])
    run(tmp_path / "ix", src)
    assert json.loads(stored_docs(tmp_path / "ix")["gen-00001"]["extra"]) == {"lang": "ar", "views": 12}


def test_drop_lines_removes_boilerplate_from_the_index(tmp_path, fixture_article):
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": "albayan", "body": fixture_article}])
    run(tmp_path / "ix", src, drop=LineFilter(["ت + ت - الحجم الطبيعي", "/اضغط هنا$/"]))
    body = stored_docs(tmp_path / "ix")["albayan"]["body"]
    assert "الحجم الطبيعي" not in body and body.startswith("أميركا تدعم البيشمركة")


@pytest.mark.parametrize("parallel", ["pool", "whoosh"])
def test_two_processes_index_the_same_documents(tmp_path, parallel):
    records = [article(i) for i in range(60)]
    src = write_jsonl(tmp_path / "a.jsonl", records)
    run(tmp_path / "one", src, batch_size=25)
    ix = store.create_or_open(tmp_path / "two")
    summary = Importer(ix, batch_size=25, procs=2, parallel=parallel).run(read_source(str(src)))
    ix.close()
    assert (summary.indexed, summary.commits) == (60, 3)
    assert stored_docs(tmp_path / "two") == stored_docs(tmp_path / "one")
    one, two = index_stats(tmp_path / "one"), index_stats(tmp_path / "two")
    assert one["fields"] == two["fields"]  # same terms, same token counts
    # Updates across processes still replace.
    ix = store.create_or_open(tmp_path / "two")
    again = Importer(ix, batch_size=25, procs=2, parallel=parallel).run(read_source(str(src)))
    ix.close()
    assert (again.indexed, again.updated) == (0, 60)
    assert index_stats(tmp_path / "two")["documents"] == 60


def test_merge_groups_follow_the_log_merge_policy():
    # a full group of one level is merged (into one segment of the next level, or one per worker)
    assert merge_groups([0] * 9, factor=10) == []
    assert merge_groups([0] * 23, factor=10) == [list(range(10)), list(range(10, 20))]
    levels = [1, 0, 1, 0] + [1] * 8 + [0] * 7  # nine of level 0, ten of level 1
    assert merge_groups(levels, factor=10) == [[0, 2, *range(4, 12)]]
    assert merge_groups([0] * 20, factor=20, ways=2) == [list(range(10)), list(range(10, 20))]
    assert merge_groups([0] * 20, factor=20, ways=3) == [list(range(7)), list(range(7, 14)), list(range(14, 20))]
    assert merge_groups([0] * 19) == [] and merge_groups([0] * 20) == [list(range(20))]


def _segment_files(index_dir) -> set[str]:
    """Segment ids that files in the folder belong to (``MAIN_<id>.<ext>``), and temporary folders."""
    names = {p.name for p in index_dir.iterdir() if p.name != "MAIN_WRITELOCK"}
    return {n.split(".")[0] for n in names if n.startswith("MAIN_")} | {n for n in names if n.endswith(".tmp")}


def test_pool_run_merges_ten_segments_of_a_level_into_one(tmp_path):
    """The merge job, started by PoolRun in a real pool, copies ten committed segments into one
    holding exactly their documents and terms."""
    ix = store.create_or_open(tmp_path / "ix")
    records = [to_fields(validate(article(i))) for i in range(100)]
    for start in range(0, 100, 10):
        w = ix.writer()
        for fields in records[start:start + 10]:
            w.add_document(**fields)
        w.commit(merge=False)
    segments = ix._segments()
    before_docs, before_stats = stored_docs(tmp_path / "ix"), index_stats(tmp_path / "ix")
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool_run = PoolRun(pool, str(tmp_path / "ix"), ix.indexname, factor=10)
        pool_run.add(segments[:9])
        assert not pool_run.running and len(pool_run.idle) == 9
        pool_run.add(segments[9:])
        assert len(pool_run.running) == 1 and not pool_run.idle
        pool_run.running[0][0].wait(120)
        [(merged, new)] = pool_run.finished()
    assert [s.segment_id() for s in merged] == [s.segment_id() for s in segments]
    assert new.doc_count_all() == 100
    TOC(ix.schema, [new], ix.latest_generation() + 1).write(ix.storage, ix.indexname)
    ix.close()
    assert stored_docs(tmp_path / "ix") == before_docs
    after_stats = index_stats(tmp_path / "ix")
    assert after_stats["segments"] == 1
    assert {f: v["terms"] for f, v in after_stats["fields"].items()} == {
        f: v["terms"] for f, v in before_stats["fields"].items()
    }


def test_two_processes_merge_in_the_background_and_leave_a_clean_index(tmp_path):
    """30 batches on 2 processes: the workers write the batches and merge the run's segments as
    it goes (twenty of a level into two, one per worker) and the run waits for those merges: 12
    segments, every document once, the same terms as one process writes, and no file of a segment
    that was merged away."""
    records = [article(i) for i in range(300)]
    src = write_jsonl(tmp_path / "a.jsonl", records)
    run(tmp_path / "one", src, batch_size=10)
    ix = store.create_or_open(tmp_path / "two")
    summary = Importer(ix, batch_size=10, procs=2).run(read_source(str(src)))
    segments = ix._segments()
    ix.close()
    assert (summary.indexed, summary.commits) == (300, 30)
    assert sorted(s.doc_count_all() for s in segments) == [10] * 10 + [100, 100]
    assert stored_docs(tmp_path / "two") == stored_docs(tmp_path / "one")
    one, two = index_stats(tmp_path / "one")["fields"], index_stats(tmp_path / "two")["fields"]
    assert {f: v["terms"] for f, v in one.items()} == {f: v["terms"] for f, v in two.items()}
    # Token totals: a Whoosh merge (one process merges too, by its own policy) copies each
    # document's field length from its one-byte form, which rounds lengths above 64.
    for name in one:
        assert abs(one[name]["tokens"] - two[name]["tokens"]) <= 0.01 * one[name]["tokens"], name
    assert _segment_files(tmp_path / "two") == {s.segment_id() for s in segments}
    assert len(list((tmp_path / "two").glob("*.toc"))) == 1
    # Updates on 2 processes: the older (merged) segments lose the replaced documents.
    ix = store.create_or_open(tmp_path / "two")
    again = Importer(ix, batch_size=10, procs=2).run(read_source(str(src)))
    ix.close()
    assert (again.indexed, again.updated) == (0, 300)
    assert index_stats(tmp_path / "two")["documents"] == 300
    assert stored_docs(tmp_path / "two") == stored_docs(tmp_path / "one")


def test_two_processes_with_nothing_to_write_commit_nothing(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [{"title": "لا معرف"}] * 3)
    ix = store.create_or_open(tmp_path / "ix")
    generation = ix.latest_generation()
    summary = Importer(ix, batch_size=10, procs=2).run(read_source(str(src)))
    assert (summary.commits, summary.rejected) == (0, 3)
    assert ix.latest_generation() == generation
    ix.close()
    assert not list((tmp_path / "ix").glob("*.tmp"))


def test_stats_report_documents_versions_size_and_terms(tmp_path):
    run(tmp_path / "ix", write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(8)]))
    stats = index_stats(tmp_path / "ix")
    assert stats["documents"] == 8
    assert stats["analyzer_version"] and stats["schema_version"] == 1
    assert stats["size_bytes"] > 0
    assert stats["fields"]["id"]["terms"] == 8
    assert stats["fields"]["body"]["terms"] > 10 and stats["fields"]["body"]["tokens"] > 8 * 20


def test_version_mismatch_refuses_to_write(tmp_path):
    ix = tmp_path / "ix"
    run(ix, write_jsonl(tmp_path / "a.jsonl", [article(1)]))
    meta = json.loads((ix / store.META_FILE).read_text())
    (ix / store.META_FILE).write_text(json.dumps({**meta, "analyzer_version": "old-0"}))
    with pytest.raises(store.IndexVersionError, match="analyzer_version='old-0'.*Re-index"):
        run(ix, write_jsonl(tmp_path / "b.jsonl", [article(2)]))


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from indexer.writer import RunLock
    RunLock(sys.argv[1], command="holder").acquire()
    print("locked", flush=True)
    time.sleep(60)
    """
)


def _hold_lock(index_dir):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(index_dir)], stdout=subprocess.PIPE, text=True,
        cwd=os.path.dirname(os.path.dirname(__file__)),
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_live_writer_makes_a_second_writer_fail_with_its_pid(tmp_path):
    ix = tmp_path / "ix"
    holder = _hold_lock(ix)
    try:
        with pytest.raises(IndexLockedError, match=rf"being written by another process \(pid {holder.pid}, `holder`"):
            run(ix, write_jsonl(tmp_path / "a.jsonl", [article(1)]), wait=0.3)
    finally:
        holder.kill()
        holder.wait()


def test_lock_of_a_killed_writer_is_cleared_with_a_note(tmp_path):
    ix = tmp_path / "ix"
    holder = _hold_lock(ix)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert json.loads((ix / LOCK_FILE).read_text())["pid"] == holder.pid  # the file outlived it
    (ix / "MAIN.tmp").mkdir()  # as a killed Whoosh writer leaves it
    notes = []
    summary = import_records(
        ix, read_source(str(write_jsonl(tmp_path / "a.jsonl", [article(1)]))), on_stale=notes.append
    )
    assert summary.indexed == 1
    assert notes and notes[0]["pid"] == holder.pid
    assert not (ix / "MAIN.tmp").exists()
    assert (ix / LOCK_FILE).read_text() == ""  # released cleanly: nothing stale next time


def test_orphan_holding_the_lock_is_named(tmp_path):
    """A process that inherited the lock from a dead writer is reported by pid."""
    script = HOLD_LOCK.replace('print("locked", flush=True)', textwrap.dedent(
        """
        import os
        if os.fork():
            print("locked", flush=True)
            os._exit(0)
        """
    ))
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ix")],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    proc.wait()
    lock = RunLock(tmp_path / "ix")
    try:
        with pytest.raises(IndexLockedError, match=r"locked by process\(es\) \d+ left over from a writer that died") as err:
            lock.acquire()
        orphan = int(str(err.value).split("process(es) ")[1].split()[0])
    finally:
        for pid in _children_holding(tmp_path / "ix" / LOCK_FILE):
            os.kill(pid, signal.SIGKILL)
    assert orphan != proc.pid


def _children_holding(path):
    from indexer.writer import lock_holders

    return lock_holders(path)
