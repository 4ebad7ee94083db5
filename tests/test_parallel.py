"""Importing with a pool of worker processes: the same index as one process writes, merges done by
the workers, nothing left behind."""

from __future__ import annotations

import multiprocessing

import pytest
from support.articles import article, import_jsonl, stored_docs, write_jsonl
from whoosh.index import TOC

from indexer import compaction, store
from indexer.documents import to_fields
from indexer.importer import Importer
from indexer.parallel import TAIL_SHARE, PoolRun, merge_groups, tail_groups
from indexer.sources import read_source, validate
from indexer.stats import index_stats


@pytest.mark.parametrize("parallel", ["pool", "whoosh"])
def test_two_processes_index_the_same_documents(tmp_path, parallel):
    records = [article(i) for i in range(60)]
    src = write_jsonl(tmp_path / "a.jsonl", records)
    import_jsonl(tmp_path / "one", src, batch_size=25)
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


def test_tail_groups_take_the_small_segments_left_below_the_largest():
    # the batches left under the merged levels, in one group per worker, each of two or more
    assert tail_groups([100, 100] + [10] * 10) == [list(range(2, 12))]
    assert tail_groups([100, 100] + [10] * 10, ways=2) == [list(range(2, 7)), list(range(7, 12))]
    assert tail_groups([10, 100, 10, 10], ways=2) == [[0, 2, 3]]  # a lone leftover joins a group
    # nothing to do: one segment, one small one, segments of like sizes
    assert tail_groups([]) == tail_groups([5]) == tail_groups([100, 10]) == tail_groups([10] * 30) == []
    assert tail_groups([100, 100, 10 * TAIL_SHARE * 10, 10 * TAIL_SHARE * 10]) == []  # at the share: kept


def test_one_process_merges_the_tail_of_its_run_and_only_of_it(tmp_path):
    """Whoosh's own policy leaves a run's last batches as small segments; the run's end merges
    them into one (the documents and terms unchanged). A later small run has no tail of its own:
    the older segments stay (until small ones gather: tests/test_compaction.py)."""
    records = [article(i) for i in range(80)]
    src = write_jsonl(tmp_path / "a.jsonl", records)
    ix = store.create_or_open(tmp_path / "ix")
    Importer(ix, batch_size=5).run(read_source(str(src)))  # Whoosh's policy leaves 55 + 5 × 5
    sizes = [s.doc_count_all() for s in ix._segments()]
    ix.close()
    assert sorted(sizes) == [25, 55]
    import_jsonl(tmp_path / "plain", src, batch_size=80)
    assert stored_docs(tmp_path / "ix") == stored_docs(tmp_path / "plain")
    plain, merged = index_stats(tmp_path / "plain")["fields"], index_stats(tmp_path / "ix")["fields"]
    assert {f: v["terms"] for f, v in plain.items()} == {f: v["terms"] for f, v in merged.items()}
    ix = store.create_or_open(tmp_path / "ix")
    segments = {s.segment_id() for s in ix._segments()}
    Importer(ix, batch_size=10).run(read_source(str(write_jsonl(tmp_path / "b.jsonl", [article(80)]))))
    assert segments <= {s.segment_id() for s in ix._segments()}  # one new segment beside them
    ix.close()


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


@pytest.mark.slow
def test_two_processes_merge_in_the_background_and_leave_a_clean_index(tmp_path, monkeypatch):
    """30 batches on 2 processes: the workers write the batches and merge the run's segments as
    it goes (twenty of a level into two, one per worker) and the run waits for those merges, then
    merges its tail (the ten batches left, under a quarter of the largest) into two more: 4
    segments, every document once, the same terms as one process writes, and no file of a segment
    that was merged away. (The archive's small segments would then be merged into one, as these
    are all small: held off here, tests/test_compaction.py has it.)"""
    monkeypatch.setattr(compaction, "SMALL_SEGMENTS", 10**6)
    records = [article(i) for i in range(300)]
    src = write_jsonl(tmp_path / "a.jsonl", records)
    import_jsonl(tmp_path / "one", src, batch_size=10)
    ix = store.create_or_open(tmp_path / "two")
    summary = Importer(ix, batch_size=10, procs=2).run(read_source(str(src)))
    segments = ix._segments()
    ix.close()
    assert (summary.indexed, summary.commits) == (300, 30)
    assert sorted(s.doc_count_all() for s in segments) == [50, 50, 100, 100]
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
