"""Import, re-import, delete and crash recovery on a real 2-shard cluster."""

from __future__ import annotations

import json
import os
import signal
import threading

import pytest
from support.sphinx import sphinx_engine

from indexer.sources import read_sources
from search.results import SearchRequest
from search.sphinx_backend import cluster as cl
from search.sphinx_backend import importer


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _article(i: int, word: str = "وزارة") -> dict:
    return {"id": f"doc-{i}", "title": f"{word} خبر {i}", "body": f"نص الخبر رقم {i} عن {word}",
            "date": f"2015-07-{1 + i % 28:02d}", "section": ["سياسة", "رياضة"][i % 2], "source": "okaz"}


def test_document_numbers_are_stable_64_bit_and_spread_over_shards():
    nums = [importer.doc_number(f"snn-{i}") for i in range(2000)]
    assert importer.doc_number("snn-1") == nums[1]  # no dependence on the process's hash seed
    assert all(0 < n < 2**63 for n in nums) and len(set(nums)) == 2000
    shares = [sum(1 for n in nums if importer.shard_of(n, 2) == k) for k in range(2)]
    assert min(shares) > 900


def test_sample_in_two_shards_holds_every_document(sample_cluster):
    nodes = cl.status(sample_cluster.directory)["nodes"]
    coordinator, *shards = nodes
    assert coordinator["documents"] == 168 == sum(n["documents"] for n in shards)
    assert all(n["documents"] > 50 for n in shards)


def test_reimport_replaces_and_delete_deletes(make_cluster, tmp_path):
    cluster = make_cluster()
    first = importer.import_records(cluster, read_sources([str(_jsonl(tmp_path / "a.jsonl",
                                                                      [_article(i) for i in range(40)]))]))
    assert (first.indexed, first.updated) == (40, 0)
    changed = [_article(i, "صحيفة") for i in range(10)]
    second = importer.import_records(cluster, read_sources([str(_jsonl(tmp_path / "b.jsonl", changed))]))
    assert (second.indexed, second.updated) == (0, 10)
    searcher = sphinx_engine(cluster)
    try:
        assert searcher.search(SearchRequest(q="وزارة")).total == 30
        assert searcher.search(SearchRequest(q="صحيفة")).total == 10
        assert searcher.search(SearchRequest(q="")).total == 40
        assert searcher.document("doc-3").title == "صحيفة خبر 3"
        deleted, missing = importer.delete_documents(cluster, ["doc-3", "doc-20", "nope"])
        assert (deleted, missing) == (["doc-3", "doc-20"], ["nope"])
        assert searcher.search(SearchRequest(q="")).total == 38
        assert searcher.search(SearchRequest(q="صحيفة")).total == 9
        assert searcher.document("doc-3") is None
    finally:
        searcher.close()


def test_a_large_delta_is_folded_into_main(make_cluster, tmp_path, monkeypatch):
    cluster = make_cluster(shards=1)
    monkeypatch.setattr(importer, "FOLD_RATIO", 0.0)
    monkeypatch.setattr(importer, "FOLD_MIN", 10)
    importer.import_records(cluster, read_sources([str(_jsonl(tmp_path / "a.jsonl", [_article(i) for i in range(30)]))]))
    importer.import_records(cluster, read_sources([str(_jsonl(tmp_path / "b.jsonl",
                                                              [_article(i, "صحيفة") for i in range(25)]))]))
    from search.sphinx_backend.store import Store

    store = Store(cluster.store_path(cluster.shards[0]))
    try:
        assert store.main_gen == store.gen  # folded: the delta is empty again
    finally:
        store.close()
    searcher = sphinx_engine(cluster)
    try:
        assert searcher.search(SearchRequest(q="صحيفة")).total == 25
        assert searcher.search(SearchRequest(q="وزارة")).total == 5
    finally:
        searcher.close()


def test_bad_records_are_rejected_as_the_whoosh_import_does(make_cluster, tmp_path):
    cluster = make_cluster(shards=1)
    source = tmp_path / "mixed.jsonl"
    source.write_text('{"id": "ok", "title": "كتاب"}\n{"title": "no id"}\nnot json\n'
                      '{"id": "ok", "title": "again"}\n{"id": "x", "date": "yesterday", "title": "t"}\n',
                      encoding="utf-8")
    rejects = []
    summary = importer.import_records(cluster, read_sources([str(source)]), on_reject=rejects.append)
    assert (summary.indexed, summary.rejected) == (1, 4)
    assert [r.line for r in rejects] == [2, 3, 4, 5]
    assert "duplicate id" in rejects[2].reason


def test_importing_into_a_remote_coordinator_says_why_not():
    with pytest.raises(cl.ClusterError, match="coordinator run elsewhere"):
        importer.import_records(cl.locate("127.0.0.1:1"), iter(()))


def _searchd_processes(pid: int) -> list[int]:
    """The searchd serving ``pid`` and its watchdog (the parent that restarts it when it dies)."""
    with open(f"/proc/{pid}/stat") as f:
        parent = int(f.read().rsplit(")", 1)[1].split()[1])
    with open(f"/proc/{parent}/cmdline", "rb") as f:
        return [parent, pid] if b"searchd" in f.read() else [pid]


def test_a_shard_killed_during_an_import_loses_nothing(make_cluster, tmp_path):
    """searchd of one shard (watchdog and all) is killed -9 while an import runs: the import
    finishes, says which shard could not load its indexes, and after a restart every document is
    there."""
    cluster = make_cluster()
    victim = cluster.shards[1]
    pids = _searchd_processes(cluster.pid(victim))
    records = [_article(i) for i in range(300)]
    source = _jsonl(tmp_path / "many.jsonl", records)
    seen = 0

    def count():
        nonlocal seen
        seen += 1
        if seen == 150:
            for pid in pids:  # the watchdog first: it would start the server again
                os.kill(pid, signal.SIGKILL)

    summary = importer.import_records(cluster, read_sources([str(source)]), batch_size=50, on_record=count)
    assert summary.indexed == 300
    assert summary.unbuilt == [victim.name]
    cl.start(cluster.directory, 2, cluster.coordinator_port)
    searcher = sphinx_engine(cluster)
    try:
        result = searcher.search(SearchRequest(q=""))
        assert (result.total, result.partial) == (300, False)
    finally:
        searcher.close()


def test_an_import_that_stops_says_what_is_committed_and_start_indexes_it(make_cluster, tmp_path):
    cluster = make_cluster()
    source = _jsonl(tmp_path / "many.jsonl", [_article(i) for i in range(120)])
    seen = 0

    def fail_in_third_batch():
        nonlocal seen
        seen += 1
        if seen == 41:
            raise OSError("disk full")

    with pytest.raises(cl.ClusterError, match=r"disk full.*up to .*many.jsonl:80 are committed"):
        importer.import_records(cluster, read_sources([str(source)]), batch_size=40, on_record=fail_in_third_batch)
    cl.start(cluster.directory, 2, cluster.coordinator_port)  # running already: indexes what was committed
    searcher = sphinx_engine(cluster)
    try:
        assert searcher.search(SearchRequest(q="")).total == 80
    finally:
        searcher.close()


def test_one_writer_at_a_time(make_cluster):
    cluster = make_cluster(shards=1)
    held = threading.Event()
    release = threading.Event()

    def hold():
        with importer.cluster_lock(cluster):
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(10)
    try:
        with pytest.raises(cl.ClusterError, match="another import"):
            importer.import_records(cluster, iter(()))
    finally:
        release.set()
        t.join()


def test_a_cluster_built_by_another_analyzer_version_is_refused(make_cluster, tmp_path):
    from indexer.errors import IndexVersionError
    from search.sphinx_backend.store import Store

    cluster = make_cluster(shards=1)
    importer.import_records(cluster, read_sources([str(_jsonl(tmp_path / "a.jsonl", [_article(1)]))]))
    store = Store(cluster.store_path(cluster.shards[0]))
    with store.db:
        store.db.execute("UPDATE meta SET value = 'fahras-ar-0' WHERE key = 'analyzer_version'")
    store.close()
    with pytest.raises(IndexVersionError, match="analyzer_version='fahras-ar-0'.*Re-index"):
        importer.import_records(cluster, read_sources([str(_jsonl(tmp_path / "b.jsonl", [_article(2)]))]))
    with pytest.raises(IndexVersionError):  # when the engine opens (fahras serve: at start, and 503)
        sphinx_engine(cluster)


def _stored(cluster) -> list[tuple]:
    """Every row a cluster's side stores hold, shard by shard: originals and terms as values."""
    import itertools
    import zlib

    from search.sphinx_backend.store import Store

    rows = []
    for node in cluster.shards:
        store = Store(cluster.store_path(node))
        try:
            docs = store.db.execute("SELECT num, id, gen, doc, tokens FROM docs ORDER BY num").fetchall()
            rows.append([(n, i, g, json.loads(d), json.loads(zlib.decompress(t))) for n, i, g, d, t in docs])
            rows.append(store.db.execute("SELECT key, num, story FROM near ORDER BY key, rowid").fetchall())
            rows.append(store.db.execute("SELECT num, part, text FROM parts ORDER BY num, part").fetchall())
        finally:
            store.close()
    assert any(itertools.chain(*rows))
    return rows


def test_the_pool_stores_what_one_process_stores(make_cluster, corpus_path, tmp_path):
    """The analysis pool (its workers' wider caches, what crosses the process boundary, batches
    split in pieces) changes no stored byte's meaning: 600 real articles imported with one
    process and with two, in batches of 100 (stories decided across batches), then 200 of them
    again (replaced rows), give the same rows. ``bench/import_guard.py`` compares with main."""
    import gzip
    import itertools

    with gzip.open(corpus_path, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in itertools.islice(fh, 600)]
    first, again = _jsonl(tmp_path / "first.jsonl", records), _jsonl(tmp_path / "again.jsonl", records[100:300])
    clusters = {procs: make_cluster(name=f"procs{procs}") for procs in (1, 2)}
    for procs, cluster in clusters.items():
        summary = importer.import_records(cluster, read_sources([str(first)]), procs=procs, batch_size=100)
        assert summary.indexed > 550
        summary = importer.import_records(cluster, read_sources([str(again)]), procs=procs, batch_size=100)
        assert summary.updated > 190
    one, two = (_stored(clusters[procs]) for procs in (1, 2))
    assert len(one) == len(two)
    for a, b in zip(one, two, strict=True):
        assert a == b
