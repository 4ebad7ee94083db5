"""Faults under the index: bad paths, a read-only directory, a full disk, a corrupted segment.

What must hold in every case: the user gets one clear line (CLI) or a JSON error without a
traceback (API), and what was committed before the fault is still there afterwards.

The read-only directory and the full disk are real, not simulated in Python: a read-only bind
mount (``chmod`` does not stop root, who runs these tests in CI) and a 2 MB tmpfs. Both need
``mount``, which needs root (or CAP_SYS_ADMIN); without it those two tests skip and say so.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import pathlib
import shutil
import subprocess
import uuid

import pytest
from support.articles import article, import_jsonl, stored_docs, write_jsonl
from support.cli import clean_failure, fahras

from web import create_app


def api_error(index_dir: pathlib.Path, path: str = "/api/v1/search?q=test") -> tuple[int, dict]:
    """Status and JSON body of one API call on an app over ``index_dir``; never a traceback."""
    client = create_app({"FAHRAS_INDEX": str(index_dir)}).test_client()
    response = client.get(path)
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and 'File "' not in body, body
    return response.status_code, json.loads(body)


def build(index_dir: pathlib.Path, tmp: pathlib.Path, start: int, n: int, batch: int = 100) -> dict:
    records = [article(i) for i in range(start, start + n)]
    src = write_jsonl(tmp / f"docs-{start}-{n}.jsonl", records)
    result = fahras("index", src, "--index", index_dir, "--batch-size", batch)
    assert result.returncode == 0, result.stderr
    return {r["id"]: r for r in records}


def same_as_source(docs: dict, records: dict) -> None:
    assert set(docs) == set(records)
    for doc_id, record in records.items():
        assert (docs[doc_id]["title"], docs[doc_id]["body"]) == (record["title"], record["body"])


@pytest.fixture(scope="module")
def committed(tmp_path_factory) -> tuple[pathlib.Path, dict]:
    """A small committed index (300 documents in 3 segments) that tests copy before harming."""
    tmp = tmp_path_factory.mktemp("faults")
    index_dir = tmp / "index"
    records = {}
    for start in (0, 100, 200):
        records.update(build(index_dir, tmp, start, 100))
    return index_dir, records


def copy_of(committed, tmp_path: pathlib.Path) -> pathlib.Path:
    target = tmp_path / "index"
    shutil.copytree(committed[0], target)
    return target


# ------------------------------------------------------------------------------ bad paths


def test_missing_index_directory_is_one_line_everywhere(tmp_path):
    missing = tmp_path / "nowhere"
    for args in (("search", "وزارة"), ("stats",), ("delete", "gen-00001")):
        clean_failure(fahras(*args, "--index", missing), "no fahras index", "fahras index")
    clean_failure(fahras("serve", "--index", missing, "--port", "1"), "fahras index")
    status, body = api_error(missing)
    assert status == 503 and body["error"]["code"] == "index_unavailable"
    assert not missing.exists(), "reading commands must not create the directory"


def test_a_file_where_the_index_should_be(tmp_path):
    a_file = tmp_path / "index"
    a_file.write_text("not an index\n", encoding="utf-8")
    src = write_jsonl(tmp_path / "a.jsonl", [article(1)])
    clean_failure(fahras("index", src, "--index", a_file), "not a directory", "exists")
    clean_failure(fahras("search", "وزارة", "--index", a_file), "no fahras index")
    status, body = api_error(a_file)
    assert status == 503 and body["error"]["code"] == "index_unavailable"
    assert a_file.read_text(encoding="utf-8") == "not an index\n"


def test_a_missing_source_leaves_the_index_alone(committed, tmp_path):
    index_dir = copy_of(committed, tmp_path)
    clean_failure(fahras("index", tmp_path / "missing.jsonl", "--index", index_dir), "missing.jsonl")
    same_as_source(stored_docs(index_dir), committed[1])


# ------------------------------------------------------------------------ mounts (root only)


@contextlib.contextmanager
def mounted(*args: str):
    """``mount ARGS...``; the last argument is the mount point, unmounted afterwards."""
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"`mount {' '.join(args)}` is not permitted here ({result.stderr.strip()}): "
                    "needs root or CAP_SYS_ADMIN")
    try:
        yield pathlib.Path(args[-1])
    finally:
        subprocess.run(["umount", "-l", args[-1]], check=False)


def test_read_only_index_still_searches_and_refuses_writes_clearly(committed, tmp_path):
    index_dir = copy_of(committed, tmp_path)
    before = sorted(p.name for p in index_dir.iterdir())
    src = write_jsonl(tmp_path / "more.jsonl", [article(i) for i in range(1000, 1050)])
    with mounted("--bind", str(index_dir), str(index_dir)):
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(index_dir)], capture_output=True, text=True)
        if ro.returncode != 0:
            pytest.skip(f"cannot remount read-only: {ro.stderr.strip()}")
        clean_failure(fahras("index", src, "--index", index_dir), "read-only file system")
        clean_failure(fahras("delete", "gen-00001", "--index", index_dir), "read-only file system")
        # Readers need no write access at all.
        found = fahras("search", "وزارة", "--json", "--index", index_dir)
        assert found.returncode == 0, found.stderr
        assert json.loads(found.stdout)["total"] > 0
        status, body = api_error(index_dir, "/api/v1/search?q=%D9%88%D8%B2%D8%A7%D8%B1%D8%A9")
        assert status == 200 and body["total"] > 0
        stats = fahras("stats", "--json", "--index", index_dir)
        assert json.loads(stats.stdout)["documents"] == len(committed[1])
    assert sorted(p.name for p in index_dir.iterdir()) == before
    same_as_source(stored_docs(index_dir), committed[1])


@pytest.mark.slow
def test_full_disk_fails_clearly_and_keeps_committed_batches(tmp_path):
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    with mounted("-t", "tmpfs", "-o", "size=2m", f"fahras-test-{uuid.uuid4().hex[:8]}", str(mount_point)):
        index_dir = mount_point / "index"
        first = build(index_dir, tmp_path, 0, 200)
        # 6,000 more articles (about 40 MB of index) cannot fit in what is left of 2 MB.
        records = [article(i) for i in range(200, 6200)]
        src = write_jsonl(tmp_path / "big.jsonl", records)
        result = fahras("index", src, "--index", index_dir, "--batch-size", 500)
        clean_failure(result, "no space left on device")
        docs = stored_docs(index_dir)
        assert set(first) <= set(docs), "a committed document was lost"
        extra = set(docs) - set(first)
        assert len(extra) % 500 == 0, "a partial batch is visible"
        want = {r["id"]: r for r in records}
        for doc_id in extra:
            assert docs[doc_id]["body"] == want[doc_id]["body"]
        status, body = api_error(index_dir, "/healthz")
        assert status == 200 and body["documents"] == len(docs)
        # With room again, the same import completes: every document exactly once.
        grow = subprocess.run(["mount", "-o", "remount,size=160m", str(mount_point)], capture_output=True)
        assert grow.returncode == 0, grow.stderr
        again = fahras("index", src, "--index", index_dir, "--batch-size", 500)
        assert again.returncode == 0, again.stderr
        final = stored_docs(index_dir)
        assert set(final) == set(first) | set(want)


@pytest.mark.parametrize("procs", [1, 2])
def test_a_full_disk_while_merging_after_the_last_batch_keeps_every_document(tmp_path, monkeypatch, procs):
    """A merge writes the merged copy before dropping its parts, so it needs room the batches did
    not: when it fails, every batch is already committed. The import says so and how to merge
    later, instead of failing (a traceback, once: the failed commit had closed the writer that
    the clean-up then cancelled)."""
    import indexer.importer

    def no_room(ix):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(indexer.importer, "merge_small", no_room)
    records = [article(i) for i in range(120)]
    summary, rejects = import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "a.jsonl", records),
                                    batch_size=20, procs=procs)
    assert summary.indexed == 120 and not rejects
    [note] = [n for n in summary.notes if "not merged" in n]
    assert "No space left on device" in note and "fahras optimize" in note
    assert set(stored_docs(tmp_path / "index")) == {r["id"] for r in records}


# ----------------------------------------------------------------------------- corruption


def _harm(index_dir: pathlib.Path, suffix: str, how: str) -> None:
    victim = sorted(p for p in index_dir.iterdir() if p.name.endswith(suffix))[-1]
    data = bytearray(victim.read_bytes())
    if how == "truncate":
        victim.write_bytes(data[: len(data) // 3])
    elif how == "delete":
        victim.unlink()
    else:  # garble: flip the bits of the middle of the file (postings, not the segment directory)
        for i in range(len(data) // 10, len(data) * 8 // 10):
            data[i] ^= 0x5A
        victim.write_bytes(bytes(data))


@pytest.mark.parametrize("suffix,how", [
    (".toc", "truncate"), (".pst", "truncate"), (".pst", "delete"), (".pst", "garble"),
    (".trm", "truncate"), (".trm", "garble"), ("_stored.col", "truncate"), ("date.col", "delete"),
])
def test_damaged_index_files_give_clear_errors_and_are_not_written_over(committed, tmp_path, suffix, how):
    """The segment list is in ``.toc``; each segment is plain files: terms ``.trm``, postings
    ``.pst``, columns ``.col`` (stored text, lengths, facets). Whoosh itself would notice a
    damaged ``.pst`` only when a search reads the lost postings; the record of every file's size,
    time stamp and checksum (indexer/manifest.py) makes every command see it at once."""
    index_dir = copy_of(committed, tmp_path)
    _harm(index_dir, suffix, how)
    harmed = {p.name: p.read_bytes() for p in index_dir.iterdir() if p.name.startswith(("MAIN_", "_MAIN_"))}
    src = write_jsonl(tmp_path / "more.jsonl", [article(5000)])
    for args in (("search", "وزارة الصحة"), ("stats",), ("delete", "gen-00001"), ("index", src)):
        clean_failure(fahras(*args, "--index", index_dir), "damaged")
    status, body = api_error(index_dir, "/api/v1/search?q=%D9%88%D8%B2%D8%A7%D8%B1%D8%A9")
    assert status == 503 and body["error"]["code"] == "index_unavailable"
    assert "damaged" in body["error"]["message"]
    # Nothing was written over the damaged files (a writer that took the index for missing would
    # have created a new, empty one in its place).
    after = {p.name: p.read_bytes() for p in index_dir.iterdir() if p.name.startswith(("MAIN_", "_MAIN_"))}
    assert after == harmed


def test_damage_that_keeps_size_and_time_stamp_is_found_by_checksums(committed, tmp_path):
    """A failing disk can change bytes without touching size or time stamp. Opening for a search
    does not read whole files (that would cost a full read per worker), but every writer does,
    and so does ``fahras stats --verify``: no commit ever builds on such damage."""
    index_dir = copy_of(committed, tmp_path)
    victim = sorted(index_dir.glob("*.pst"))[-1]
    stamp = victim.stat()
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit
    victim.write_bytes(bytes(data))
    os.utime(victim, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    harmed = {p.name: p.read_bytes() for p in index_dir.iterdir() if p.name.startswith(("MAIN_", "_MAIN_"))}

    assert fahras("stats", "--index", index_dir).returncode == 0  # sizes and time stamps agree
    line = clean_failure(fahras("stats", "--verify", "--index", index_dir), "damaged")
    assert victim.name in line and "checksum" in line
    src = write_jsonl(tmp_path / "more.jsonl", [article(5000)])
    for args in (("delete", "gen-00001"), ("index", src)):
        clean_failure(fahras(*args, "--index", index_dir), "damaged")
    after = {p.name: p.read_bytes() for p in index_dir.iterdir() if p.name.startswith(("MAIN_", "_MAIN_"))}
    assert after == harmed


def test_every_committed_segment_file_is_recorded(committed, tmp_path):
    """The record covers exactly the files of the live segments, and a clean index verifies."""
    index_dir = copy_of(committed, tmp_path)
    result = fahras("stats", "--verify", "--json", "--index", index_dir)
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    files = json.loads((index_dir / "fahras-files.json").read_text(encoding="utf-8"))["files"]
    on_disk = sorted(p.name for p in index_dir.iterdir() if p.name.startswith("MAIN_") and "WRITELOCK" not in p.name)
    assert sorted(files) == on_disk and stats["files_recorded"] == len(on_disk) > 0
    assert not any(p.suffix == ".seg" for p in index_dir.iterdir())  # plain files, not compound
