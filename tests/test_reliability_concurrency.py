"""Crashes and concurrency: kill -9 at random points, readers during an import, two writers.

``tests/test_cli_index.py`` kills one import once, after its first commit. Here the same import is
killed 20 times at seeded random moments (before the first commit, mid-batch, mid-commit, while
the pool's workers run), resuming each time from what the last one left; after every kill the
index must open, keep every batch committed so far, and hold no partial document. Readers search
while a writer imports 10,000 articles, in-process (``SearchEngine.refresh``) and over HTTP
against ``fahras serve``. Two writers started together must not both write.
"""

from __future__ import annotations

import contextlib
import json
import random
import signal
import subprocess
import threading
import time
import urllib.parse

import pytest
from support.articles import article, engine_at, stored_docs, write_jsonl
from support.cli import FAHRAS, clean_failure, fahras
from support.servers import get, served

from indexer import store
from search import SearchRequest

SEED = 8
KILLS = 20


def _fields_match(doc: dict, record: dict) -> bool:
    return (
        doc["title"] == record["title"]
        and doc["body"] == record["body"]
        and doc["section"] == record["section"]
        and doc["source"] == record["source"]
        and doc["date"].isoformat() == record["date"]
        and doc.get("tags", "").split(",") == record["tags"]
    )


@pytest.mark.slow
def test_twenty_kill_9s_at_random_points_lose_nothing_committed(tmp_path):
    n_docs, batch = 2500, 100
    records = {r["id"]: r for r in (article(i) for i in range(n_docs))}
    order = list(records)
    src = write_jsonl(tmp_path / "src.jsonl", records.values())
    index_dir = tmp_path / "index"
    rng = random.Random(SEED)
    committed = 0
    outcomes = {"killed": 0, "finished first": 0}
    delays = []
    for round_ in range(KILLS):
        procs = 2 if round_ % 4 == 3 else 1
        proc = subprocess.Popen(
            [FAHRAS, "index", str(src), "--index", str(index_dir), "--batch-size", str(batch),
             "--procs", str(procs)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        delay = rng.uniform(0.2, 3.5)
        delays.append(delay)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            outcomes["killed"] += 1
        else:
            outcomes["finished first"] += 1
        proc.wait()
        proc.stderr.close()
        if not store.exists(index_dir):
            assert committed == 0, f"round {round_}: the index vanished after {committed} documents"
            continue
        docs = stored_docs(index_dir)  # opens, and no id twice
        # Whole batches only, from the start of the source (every run starts there), and never
        # fewer than before: a kill may stop progress but never undo it.
        assert len(docs) % batch == 0 or len(docs) == n_docs, (round_, len(docs))
        assert set(docs) == set(order[: len(docs)]), round_
        assert len(docs) >= committed, f"round {round_}: {committed} committed, {len(docs)} left"
        committed = len(docs)
        for doc_id, doc in docs.items():
            assert _fields_match(doc, records[doc_id]), (round_, doc_id)
    print(f"\n[kill -9] {KILLS} rounds (seed {SEED}), {outcomes}, delays "
          f"{min(delays):.2f}-{max(delays):.2f} s, {committed} of {n_docs} documents committed")
    assert outcomes["killed"] >= KILLS - 2, outcomes
    # The same import once more completes the index: each document exactly once, all equal.
    result = fahras("index", src, "--index", index_dir, "--batch-size", batch)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith(f"indexed {n_docs - committed}, updated {committed}, rejected 0")
    docs = stored_docs(index_dir)
    assert len(docs) == n_docs
    assert all(_fields_match(docs[i], records[i]) for i in order)
    stats = json.loads(fahras("stats", "--json", "--index", index_dir).stdout)
    # Live documents only: every run re-imports from the start, so replaced copies stay as
    # tombstones (``deleted``) until Whoosh merges their segments, and how many depends on how far
    # each killed run got before its kill. They are never searchable or stored twice (above).
    assert stats["documents"] == n_docs


# --------------------------------------------------------------------- readers during import

# Queries whose totals can only grow while documents are added (a total counts full and partial
# matches alike, so an article can only add to it).
QUERIES = ["وزارة", "المنتخب", "الرياض OR جدة", '"الاقتصاد الوطني"', "وسم:عاجل", "مستشف*",
           "الفريق -الياباني"]
N_IMPORT = 10_000


class Readers:
    """Threads that search in a loop, each recording (query, total) in order, and any error.

    A search that ran out of its time limit (``timed_out``, likely on a machine this busy) gives a
    lower bound, not a total: it is kept apart and checked against the final totals instead.
    """

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.totals: dict[str, list[int]] = {q: [] for q in QUERIES}
        self.partial: list[tuple[str, int]] = []
        self.searches = 0
        self._lock = threading.Lock()
        self.threads: list[threading.Thread] = []

    def start(self, target, count: int) -> None:
        for _ in range(count):
            t = threading.Thread(target=self._loop, args=(target,), daemon=True)
            t.start()
            self.threads.append(t)

    def _loop(self, search) -> None:
        seen: dict[str, int] = {}
        while not self.stop.is_set():
            for q in QUERIES:
                try:
                    total, timed_out = search(q)
                except Exception as err:  # noqa: BLE001 - reported by the test
                    with self._lock:
                        self.errors.append(f"{q}: {type(err).__name__}: {err}")
                    continue
                with self._lock:
                    self.searches += 1
                    if timed_out:
                        self.partial.append((q, total))
                        continue
                    if total < seen.get(q, 0):
                        self.errors.append(f"{q}: total went down from {seen[q]} to {total}")
                    seen[q] = total
                    self.totals[q].append(total)
                time.sleep(0.02)  # a busy site, not a tight loop starving the writer of CPU

    def join(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)


@pytest.fixture
def server_on():
    """Start ``fahras serve`` on an index directory; yield the base URL. Stopped afterwards."""
    with contextlib.ExitStack() as servers:
        yield lambda index_dir: servers.enter_context(served(index_dir))[0]


@pytest.mark.slow
def test_four_readers_search_while_ten_thousand_articles_are_imported(tmp_path, server_on):
    index_dir = tmp_path / "index"
    seed = write_jsonl(tmp_path / "seed.jsonl", [article(i) for i in range(200)])
    assert fahras("index", seed, "--index", index_dir).returncode == 0
    src = write_jsonl(tmp_path / "big.jsonl", [article(i) for i in range(200, 200 + N_IMPORT)])

    engine = engine_at(index_dir)
    base = server_on(index_dir)

    def in_process(q: str) -> tuple[int, bool]:
        engine.refresh()  # what the web app does before each request
        result = engine.search(SearchRequest(q=q))
        return result.total, result.timed_out

    def over_http(q: str) -> tuple[int, bool]:
        status, _, body = get(f"{base}/api/v1/search?q={urllib.parse.quote(q)}")
        if status != 200:
            raise AssertionError(f"HTTP {status}: {body[:200]!r}")
        data = json.loads(body)
        return data["total"], data["timed_out"]

    def complete_over_http(q: str) -> int:
        for _ in range(10):
            total, timed_out = over_http(q)
            if not timed_out:
                return total
        raise AssertionError(f"{q}: every search timed out once the import was over")

    before = {q: in_process(q)[0] for q in QUERIES}
    readers = Readers()
    readers.start(in_process, 2)
    readers.start(over_http, 2)
    started = time.monotonic()
    writer = fahras("index", src, "--index", index_dir, "--batch-size", 500, "--procs", 2)
    seconds = time.monotonic() - started
    time.sleep(1.0)  # a last round after the final commit
    readers.join()
    engine.close()
    assert writer.returncode == 0, writer.stderr
    assert readers.errors == [], readers.errors[:5]
    after = {q: complete_over_http(q) for q in QUERIES}
    fresh = engine_at(index_dir, query_time_limit=None)
    try:
        expected = {q: fresh.search(SearchRequest(q=q)).total for q in QUERIES}
    finally:
        fresh.close()
    # The running server sees every new article, without a restart.
    assert after == expected
    # An answer cut short by the time limit counted part of what was there: never more.
    assert all(total <= expected[q] for q, total in readers.partial), readers.partial[:5]
    assert all(after[q] > before[q] for q in QUERIES), (before, after)
    distinct = {q: len(set(v)) for q, v in readers.totals.items()}
    print(f"\n[readers] {readers.searches} searches in {seconds:.0f} s of import, no error, "
          f"{len(readers.partial)} cut short by the time limit; distinct totals seen per query: {distinct}")
    assert max(distinct.values()) >= 3, "the readers never saw the index grow"


# ------------------------------------------------------------------------------- two writers


@pytest.mark.slow
def test_two_writers_one_waits_the_other_is_refused_the_index_stays_whole(tmp_path):
    index_dir = tmp_path / "index"
    first = {r["id"]: r for r in (article(i) for i in range(3000))}
    second = {r["id"]: r for r in (article(i) for i in range(3000, 3600))}
    src1 = write_jsonl(tmp_path / "one.jsonl", first.values())
    src2 = write_jsonl(tmp_path / "two.jsonl", second.values())
    one = subprocess.Popen([FAHRAS, "index", str(src1), "--index", str(index_dir), "--batch-size", "200"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (index_dir / "fahras.lock").exists() or not (index_dir / "fahras.lock").read_text():
            assert time.monotonic() < deadline and one.poll() is None, "the first writer never started"
            time.sleep(0.05)
        # A second writer without --wait is refused at once, naming the first.
        clean_failure(fahras("index", src2, "--index", index_dir), f"pid {one.pid}")
        clean_failure(fahras("delete", "gen-00001", "--index", index_dir), f"pid {one.pid}")
        # With --wait it queues behind the first and then does its own import.
        waiting = fahras("index", src2, "--index", index_dir, "--wait", "300")
        assert one.poll() is not None, "the waiting writer ran while the first was writing"
        assert waiting.returncode == 0, waiting.stderr
        assert waiting.stdout.strip().startswith(f"indexed {len(second)}, updated 0")
    finally:
        out, err = one.communicate(timeout=300)
    assert one.returncode == 0, err
    assert out.strip().startswith(f"indexed {len(first)}, updated 0")
    docs = stored_docs(index_dir)
    want = {**first, **second}
    assert set(docs) == set(want)
    assert all(_fields_match(docs[i], want[i]) for i in want)


def test_looking_for_the_index_while_commits_replace_its_table_of_contents(tmp_path):
    """Each commit writes a new table of contents and removes the one before: a reader that
    listed the old one and then opens it finds it gone. That is a commit, not damage: `exists`
    and `open_index` look again (a refreshing search raised IndexDamagedError about 1 round in
    35 of tests/test_engine.py's threads test before)."""
    from support.articles import DOCS, write_index

    path = write_index(tmp_path / "ix", DOCS[:1])
    errors: list[BaseException] = []
    done = threading.Event()

    def look() -> None:
        try:
            while not done.is_set():
                assert store.exists(path)
                store.open_index(path).close()
        except BaseException as err:  # noqa: BLE001 - collected for the main thread
            errors.append(err)

    readers = [threading.Thread(target=look) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for i in range(60):
            write_index(path, [DOCS[i % len(DOCS)]])
    finally:
        done.set()
        for t in readers:
            t.join()
    assert not errors, str(errors[0])
