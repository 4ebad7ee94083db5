"""``fahras index/stats/delete`` through the real console script, including a real ``kill -9``."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
import signal
import subprocess
import time

import pytest
from support.articles import article, stored_docs, write_jsonl
from support.cli import FAHRAS, clean_failure, fahras

from indexer import store
from indexer.errors import IndexProblem
from indexer.lock import LOCK_FILE, lock_holders

SUMMARY = re.compile(r"^indexed (\d+), updated (\d+), rejected (\d+) in \d+\.\d s$")


def counts(result) -> tuple[int, int, int]:
    assert result.returncode == 0, result.stderr
    match = SUMMARY.match(result.stdout.strip().splitlines()[-1])
    assert match, result.stdout
    return tuple(map(int, match.groups()))


def test_jsonl_file_with_rejects_file(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(
        "\n".join([json.dumps(article(1), ensure_ascii=False), "{oops", json.dumps({"id": "x"})]) + "\n",
        encoding="utf-8",
    )
    result = fahras("index", src, "--index", tmp_path / "ix", "--rejects", tmp_path / "r.jsonl")
    assert counts(result) == (1, 0, 2)
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    rejects = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["line"], r["reason"][:11]) for r in rejects] == [(2, "broken JSON"), (3, "no title an")]
    assert rejects[0]["source"] == str(src) and rejects[0]["record"] == "{oops"


def test_a_rejects_file_naming_a_source_is_refused_before_it_empties_it(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [article(1), {"id": "x", "title": 3}])
    before = src.read_bytes()
    result = fahras("index", src, "--index", tmp_path / "ix", "--rejects", tmp_path / "." / "a.jsonl")
    clean_failure(result, "is the source", code=2)
    assert src.read_bytes() == before and not (tmp_path / "ix").exists()


def test_without_rejects_file_each_reject_is_a_line_on_stderr(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [article(1), {"id": "x", "title": 3}])
    result = fahras("index", src, "--index", tmp_path / "ix")
    assert counts(result) == (1, 0, 1)
    assert result.stderr.strip() == f"fahras: rejected {src}:2: title must be a string, got a number"


def test_rejects_to_stdout_leave_the_summary_on_stderr(tmp_path):
    """``--rejects -`` (once a file named "-"): stdout is then JSON Lines for whatever reads it."""
    src = write_jsonl(tmp_path / "a.jsonl", [article(1), {"id": "x", "title": 3}])
    result = fahras("index", src, "--index", tmp_path / "ix", "--rejects", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rejects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["line"], r["record"]["id"]) for r in rejects] == [(2, "x")]
    assert result.stderr.startswith("indexed 1, updated 0, rejected 1 in ")
    assert not (tmp_path / "-").exists()


def test_an_import_whose_every_record_is_rejected_fails(tmp_path):
    """A feed in the wrong shape imports nothing: a cron job must see a failure, not "indexed 0"."""
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": "x"}, {"title": "no id"}])
    result = fahras("index", src, "--index", tmp_path / "ix", "--rejects", tmp_path / "r.jsonl")
    assert result.returncode == 1 and result.stdout.startswith("indexed 0, updated 0, rejected 2 in ")
    assert result.stderr.strip() == f"fahras: error: nothing imported: all 2 records were rejected (the reasons are in {tmp_path / 'r.jsonl'})"
    assert len((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    # one good record is an import that went on past its rejects, as before
    write_jsonl(src, [{"id": "x"}, article(1)])
    assert fahras("index", src, "--index", tmp_path / "ix").returncode == 0


def test_a_truncated_gzip_imports_what_it_holds_and_the_next_source(tmp_path):
    whole = gzip.compress("".join(json.dumps(article(i), ensure_ascii=False) + "\n" for i in range(300)).encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    after = write_jsonl(tmp_path / "after.jsonl", [article(1000)])
    result = fahras("index", cut, after, "--index", tmp_path / "ix", "--rejects", tmp_path / "r.jsonl",
                    "--batch-size", "50")
    indexed, updated, rejected = counts(result)
    rejects = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rejected == len(rejects) >= 1 and "corrupt or truncated" in rejects[-1]["reason"]
    assert 0 < indexed < 300 and len(stored_docs(tmp_path / "ix")) == indexed and "gen-01000" in stored_docs(tmp_path / "ix")


def test_stdin_and_gzip(tmp_path):
    lines = "".join(json.dumps(article(i), ensure_ascii=False) + "\n" for i in range(5))
    assert counts(fahras("index", "-", "--index", tmp_path / "ix", input=lines)) == (5, 0, 0)
    gz = tmp_path / "b.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as f:
        f.writelines(json.dumps(article(i), ensure_ascii=False) + "\n" for i in range(3, 8))
    assert counts(fahras("index", gz, "--index", tmp_path / "ix")) == (3, 2, 0)
    assert len(stored_docs(tmp_path / "ix")) == 8


def test_csv_with_arabic_values_and_quoted_newlines(tmp_path):
    src = tmp_path / "a.csv"
    src.write_text(
        "id,title,body,section,source,date,tags,author\n"
        'csv-1,افتتاح معرض الكتاب,"الفقرة الأولى\nالفقرة الثانية",ثقافة,الرياض,2016-03-01,"كتب,معارض",سارة\n'
        "csv-2,ارتفاع أسعار النفط,صعدت الأسعار,اقتصاد,الحياة,2017-05-02T10:00:00+03:00,,\n"
        "csv-3,,,رياضة,,,,\n",
        encoding="utf-8",
    )
    result = fahras("index", src, "--index", tmp_path / "ix", "--rejects", tmp_path / "r.jsonl")
    assert counts(result) == (2, 0, 1)
    docs = stored_docs(tmp_path / "ix")
    assert docs["csv-1"]["body"] == "الفقرة الأولى\nالفقرة الثانية"
    assert (docs["csv-1"]["section"], docs["csv-1"]["author"], docs["csv-1"]["tags"]) == ("ثقافة", "سارة", "كتب,معارض")
    assert docs["csv-2"]["month"] == "2017-05"
    reject = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))
    assert (reject["line"], reject["reason"]) == (5, "no title and no body")


def test_folder_of_json_and_txt(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps([article(1), article(2)], ensure_ascii=False), encoding="utf-8")
    (folder / "qayyara.txt").write_text("الجيش يقتحم القيارة\n\nاقتحمت القوات مركز المدينة\n", encoding="utf-8")
    assert counts(fahras("index", folder, "--index", tmp_path / "ix")) == (3, 0, 0)
    assert stored_docs(tmp_path / "ix")["qayyara"]["title"] == "الجيش يقتحم القيارة"


def test_a_folder_of_dumps_holding_its_rejects_file_and_the_index(tmp_path):
    """A folder's JSON Lines files are read too; the rejects file and the index the import writes
    are no source, though they lie inside the folder (read while it is written, each rejects line
    would be rejected into the file again, without end)."""
    folder = tmp_path / "dumps"
    folder.mkdir()
    write_jsonl(folder / "day1.jsonl", [article(1), {"id": "bad"}])
    with gzip.open(folder / "day2.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps(article(2), ensure_ascii=False) + "\n")
    for _ in range(2):  # the second time, the folder holds both from the first
        done = fahras("index", folder, "--index", folder / "ix", "--rejects", folder / "rejects.jsonl", timeout=120)
        assert counts(done)[2] == 1, done.stderr
    rejects = (folder / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["reason"] for line in rejects] == ["no title and no body"]
    assert set(stored_docs(folder / "ix")) == {article(1)["id"], article(2)["id"]}


def test_drop_lines_option(tmp_path, fixture_article):
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": "albayan", "body": fixture_article}])
    patterns = tmp_path / "drop.txt"
    patterns.write_text("ت + ت - الحجم الطبيعي\n/اضغط هنا$/\n", encoding="utf-8")
    assert counts(fahras("index", src, "--index", tmp_path / "ix", "--drop-lines", patterns)) == (1, 0, 0)
    assert "اضغط هنا" not in stored_docs(tmp_path / "ix")["albayan"]["body"]


def test_unusable_input_is_one_line_and_exit_2(tmp_path):
    clean_failure(fahras("index", tmp_path / "missing.jsonl", "--index", tmp_path / "ix"), "no such file", code=2)
    (tmp_path / "a.xml").write_text("<a/>")
    clean_failure(fahras("index", tmp_path / "a.xml", "--index", tmp_path / "ix"), "unknown format", code=2)
    assert not (tmp_path / "ix").exists()  # checked before anything is written


def test_version_mismatch_message(tmp_path):
    ix = tmp_path / "ix"
    fahras("index", write_jsonl(tmp_path / "a.jsonl", [article(1)]), "--index", ix)
    (ix / store.META_FILE).write_text(json.dumps({"analyzer_version": "fahras-ar-0", "schema_version": 1}))
    for args in (("index", tmp_path / "a.jsonl"), ("stats",), ("delete", "gen-00001")):
        clean_failure(fahras(*args, "--index", ix), "analyzer_version='fahras-ar-0'", code=1)
        assert "Re-index" in fahras(*args, "--index", ix).stderr


@pytest.mark.parametrize("stamp", ["[]", "not json", None])
def test_a_garbled_or_missing_version_stamp_is_a_damaged_index_in_one_line(tmp_path, stamp):
    """A list in fahras.json gave a traceback, a missing one 'built with analyzer_version=None'."""
    ix = tmp_path / "ix"
    fahras("index", write_jsonl(tmp_path / "a.jsonl", [article(1)]), "--index", ix)
    if stamp is None:
        (ix / store.META_FILE).unlink()
    else:
        (ix / store.META_FILE).write_text(stamp)
    for args in (("search", "خبر"), ("stats",), ("index", tmp_path / "a.jsonl")):
        clean_failure(fahras(*args, "--index", ix), "no readable fahras.json", code=1)


def test_stats_and_delete_with_index_from_environment(tmp_path):
    env = {"FAHRAS_INDEX": str(tmp_path / "env-ix")}
    assert counts(fahras("index", write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(4)]), env=env))[0] == 4
    stats = json.loads(fahras("stats", "--json", env=env).stdout)
    assert {"documents", "analyzer_version", "schema_version", "size_bytes", "fields"} <= set(stats)
    assert stats["documents"] == 4 and stats["fields"]["id"]["terms"] == 4
    assert "documents    4" in fahras("stats", env=env).stdout
    result = fahras("delete", "gen-00000", " gen-00003 ", env=env)  # stripped, as the import strips ids
    assert (result.returncode, result.stdout.strip()) == (0, "deleted 2")
    clean_failure(fahras("delete", "gen-00001", "nope", env=env), "not in the index: nope", code=1)
    assert json.loads(fahras("stats", "--json", env=env).stdout)["documents"] == 1


def test_default_index_is_var_index_under_cwd(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [article(1)])
    env = {k: v for k, v in os.environ.items() if k != "FAHRAS_INDEX"}
    result = subprocess.run([FAHRAS, "index", str(src)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert counts(result) == (1, 0, 0)
    assert store.exists(tmp_path / "var" / "index")


def test_stats_of_a_missing_index(tmp_path):
    clean_failure(fahras("stats", "--index", tmp_path / "none"), "no Fahras index at", code=1)


# ---------------------------------------------------------------------------- crash safety

N_DOCS, BATCH = 3000, 200


def _wait_for_commit(index_dir, proc, at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            ix = store.open_index(index_dir)
            try:
                if ix.doc_count() >= at_least:
                    return ix.doc_count()
            finally:
                ix.close()
        except (IndexProblem, OSError, EOFError):
            pass
        time.sleep(0.05)
    raise AssertionError(f"no commit seen before the import ended (exit {proc.poll()})")


def _kill_mid_import(tmp_path, procs: int):
    records = [article(i) for i in range(N_DOCS)]
    src = write_jsonl(tmp_path / "big.jsonl", records)
    ix = tmp_path / "ix"
    proc = subprocess.Popen(
        [FAHRAS, "index", src, "--index", ix, "--batch-size", str(BATCH), "--procs", str(procs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        _wait_for_commit(ix, proc, BATCH)
        # A second writer meanwhile is refused with a message that names the first one.
        clean_failure(fahras("index", src, "--index", ix), f"being written by another process (pid {proc.pid}", code=1)
        assert proc.poll() is None, "the import finished before it could be killed: raise N_DOCS"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    return src, ix, {r["id"]: r for r in records}


def _check_killed_index_then_resume(src, ix, expected, procs: int):
    # The index opens, holds whole committed batches only, and every stored document is complete.
    docs = stored_docs(ix)
    committed = len(docs)
    assert BATCH <= committed < N_DOCS and committed % BATCH == 0, committed
    for doc_id, doc in docs.items():
        want = expected[doc_id]
        assert (doc["title"], doc["body"], doc["section"]) == (want["title"], want["body"], want["section"])
    # Nothing (no orphaned worker) still holds the lock.
    deadline = time.monotonic() + 10
    while lock_holders(ix / LOCK_FILE) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert lock_holders(ix / LOCK_FILE) == []
    # Running the same import again completes it: every document exactly once.
    result = fahras("index", src, "--index", ix, "--batch-size", BATCH * 5, "--procs", procs)
    assert counts(result) == (N_DOCS - committed, committed, 0)
    assert "an earlier writer" in result.stderr and "stopped without finishing" in result.stderr
    assert set(stored_docs(ix)) == set(expected)
    assert json.loads(fahras("stats", "--json", "--index", ix).stdout)["documents"] == N_DOCS


@pytest.mark.slow
def test_ctrl_c_mid_import_says_what_the_index_holds_in_one_line(tmp_path):
    """click said "Aborted!" and nothing of what was committed (the third probe)."""
    src = write_jsonl(tmp_path / "big.jsonl", [article(i) for i in range(N_DOCS)])
    ix = tmp_path / "ix"
    proc = subprocess.Popen([FAHRAS, "index", src, "--index", ix, "--batch-size", str(BATCH)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_commit(ix, proc, BATCH)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "Traceback" not in err and "Aborted" not in err, err
    line = [x for x in err.splitlines() if x][-1]
    held = len(stored_docs(ix))
    assert line == (f"fahras: error: interrupted: the index holds {held} documents (+{held}), whole batches "
                    "only; run the same import again to finish it")
    assert held % BATCH == 0 and held >= BATCH


@pytest.mark.slow
def test_kill_9_mid_import_leaves_committed_batches_and_reimport_completes(tmp_path):
    src, ix, expected = _kill_mid_import(tmp_path, procs=1)
    _check_killed_index_then_resume(src, ix, expected, procs=1)


@pytest.mark.slow
def test_kill_9_with_worker_processes(tmp_path):
    """With --procs 2 the pool workers die with the writer and do not keep the index locked."""
    src, ix, expected = _kill_mid_import(tmp_path, procs=2)
    _check_killed_index_then_resume(src, ix, expected, procs=2)


# ---------------------------------------------------------------------------- real corpus


@pytest.mark.slow
@pytest.mark.corpus
def test_first_2000_real_articles(tmp_path, corpus_path):
    src = tmp_path / "slice.jsonl.gz"
    with gzip.open(corpus_path, "rb") as full, gzip.open(src, "wb") as part:
        part.writelines(itertools.islice(full, 2000))
    with gzip.open(src, "rt", encoding="utf-8") as f:
        ids = [json.loads(line)["id"] for line in f]
    assert len(ids) == 2000
    rejects_path = tmp_path / "rejects.jsonl"
    indexed, updated, rejected = counts(fahras("index", src, "--index", tmp_path / "ix", "--rejects", rejects_path))
    rejects = [json.loads(line) for line in rejects_path.read_text(encoding="utf-8").splitlines()]
    assert updated == 0 and rejected == len(rejects)
    assert indexed == 2000 - rejected
    for reject in rejects:
        assert reject["source"] == str(src) and reject["reason"]
        assert reject["record"]["id"] == ids[reject["line"] - 1]
        if reject["reason"] == "no title and no body":
            assert not reject["record"]["title"].strip() and not reject["record"]["body"].strip()
    docs = stored_docs(tmp_path / "ix")
    assert len(docs) == 2000 - rejected
    assert set(docs) | {r["record"]["id"] for r in rejects} == set(ids)
