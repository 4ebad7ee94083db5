"""Import, re-import and delete on a Sphinx cluster.

The Whoosh import's readers, validation and rejects (``indexer.sources``) and its record → fields
step (``indexer.documents.to_fields``) are called as they are; what differs is where the fields go:

1. each accepted record is analysed by Fahras's analyzers in a process pool (:func:`analyse`): the
   terms of every field as Sphinx keywords (:mod:`.tokens`), the attributes, the originals;
2. its story is decided in record order (:class:`indexer.stories.Stories`; the keys of earlier
   imports are looked up in the stores' ``near`` tables) and kept as the ``story`` attribute (the
   number of the story's id) and in the originals;
3. its 64-bit number (:func:`doc_number`, a stable hash of the id, never Python's ``hash``) picks
   the shard (number mod shards), and each batch is committed to the shards' side stores;
4. at the end each changed shard rebuilds its ``delta`` index (or folds it into a new ``main``
   when the delta has grown past a quarter of the main) with ``indexer --rotate``, the global IDF
   is rebuilt over all shards, and searchd picks both up without a restart;
5. once every shard is built, the minority-spelling table is mined again (:mod:`.spellings`).

What was committed to a store is never lost: if ``searchd`` or ``indexer`` fails (a node killed
during an import), the import says which shards still have to be built, and the next
``fahras index`` (even with no new records) or ``fahras cluster start`` builds them.
"""

from __future__ import annotations

import calendar
import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import os
import pathlib
import signal
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from analyzers.terms import FieldTerms, field_terms, load_tables, widen_caches_for_import
from indexer import nearduplicates
from indexer.documents import body_and_lead_terms, to_fields
from indexer.importer import Summary
from indexer.lock import flock_within
from indexer.nearduplicates import is_loose, near_of_words
from indexer.schema import ID, NEAR, SKETCH, STORY
from indexer.sources import Invalid, LineFilter, Raw, Reject, admit
from indexer.stories import CANDIDATES, Stories
from search.sphinx_backend import config, tokens, vocabulary
from search.sphinx_backend.cluster import Cluster, ClusterError, Node
from search.sphinx_backend.store import Row, Store, pack, packed, unpack

DEFAULT_BATCH_SIZE = 1000
# A delta larger than this share of its main (and than FOLD_MIN) is folded into a new main.
FOLD_RATIO = 0.25
FOLD_MIN = 1000
ROTATE_TIMEOUT = 120.0
# A rotation not done after this many seconds is asked for again: a SIGHUP that reaches searchd
# while it is still swapping in earlier files (indexer --rotate's, a moment before) can be lost,
# and the new files then waited the whole ROTATE_TIMEOUT and failed the import (seen once under
# load, 2026-12-06, in a fresh clone's `make test`).
RESIGNAL_SECONDS = 5.0
# Each store's page cache while an import writes it: each batch adds its rows and ~15 near-
# duplicate keys an article at random places of the tables and indexes, and with SQLite's 2 MiB
# the pages were read again for every batch (a 32,000-article store: writes 7.7 -> 6.0 CPU s).
WRITE_CACHE_MIB = 64
META_FIELDS = ("section", "source", "author")


def expected_versions() -> dict[str, object]:
    """What a cluster built by this code records: the analysis, the schema, the Sphinx layout."""
    from indexer.schema import versions

    return {**versions(), "sphinx_layout_version": tokens.LAYOUT_VERSION}


def doc_number(doc_id: str) -> int:
    """The 64-bit number Sphinx knows a document by: a stable hash of its id (non-zero)."""
    num = int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big")
    return (num & (2**63 - 1)) or 1


def shard_of(num: int, shards: int) -> int:
    return num % shards


# ------------------------------------------------------------------------------------ analysis


def _when(fields: dict[str, Any]) -> int:
    when = fields.get("date")
    return calendar.timegm(when.timetuple()) if when is not None else 0


def analyse(record: dict[str, Any]) -> tuple[int, str, dict[str, Any], dict[str, Any]]:
    """(number, id, originals, Sphinx fields and attributes) of one validated record."""
    title_terms = field_terms(record.get("title") or "")
    body_terms, lead_stems = body_and_lead_terms(record.get("body") or "")
    fields = to_fields(record, near=near_of_words(title_terms[0] + body_terms[0]))
    return assemble(fields, record.get("tags") or [], title_terms, body_terms, lead_stems)


def assemble(fields: dict[str, Any], tags: list[str], title_terms: FieldTerms, body_terms: FieldTerms,
             lead_stems: list[str]) -> tuple[int, str, dict[str, Any], dict[str, Any]]:
    """:func:`analyse` once the title's and body's terms (:func:`field_terms`) and the lead's
    stems are known: the synthetic 100k/1M builds (bench/sphinx_synthetic.py) compose a body's
    terms from analysed paragraphs and come in here, so that everything else is made as an
    import makes it. The lead is kept as its distinct stems (what the lead factor asks is only
    whether a stem is there), in first-seen order, as Sphinx spells them (:data:`config.ATTRS`)."""
    title, body = fields["title"], fields["body"]
    meta = [tokens.meta_term(name, fields[name]) for name in META_FIELDS if fields.get(name)]
    meta += [tokens.meta_term("tags", t) for t in tags]
    meta.append(tokens.EVERY)
    when = fields.get("date")
    if when is not None:
        meta += tokens.date_terms(when.year, when.month, when.day)
    title_exact, title_stems, title_roots = title_terms
    body_exact, body_stems, body_roots = body_terms
    meta += [tokens.title_form_term(form) for form in sorted(set(title_exact))]
    sphinx = {
        "title": tokens.field_text("", title_stems),
        "body": tokens.field_text("", body_stems),
        "title_exact": tokens.field_text(tokens.EXACT, title_exact),
        "body_exact": tokens.field_text(tokens.EXACT, body_exact),
        "roots": tokens.field_text(tokens.ROOT, title_roots + body_roots),
        "meta": " ".join(meta),
        "lead": tokens.field_text("", list(dict.fromkeys(lead_stems))),
        "date": _when(fields),
        "has_date": int(when is not None),
        "year": when.year if when is not None else 0,
        "month": when.year * 100 + when.month if when is not None else 0,
        "hijri_year": int(fields.get("hijri_year") or 0),
        **{name: fields.get(name) or "" for name in META_FIELDS},
    }
    originals = {
        "id": fields["id"],
        "title": title,
        "body": body,
        "url": fields.get("url"),
        "date": when.isoformat() if when is not None else None,
        "section": fields.get("section"),
        "source": fields.get("source"),
        "author": fields.get("author"),
        "tags": list(tags),
        NEAR: fields.get(NEAR) or "",
        SKETCH: fields.get(SKETCH) or "",
        "extra": json.loads(fields["extra"]) if fields.get("extra") else {},
    }
    return doc_number(fields["id"]), fields["id"], originals, sphinx


def _analyse_batch(records: list[dict[str, Any]]) -> list[tuple[int, str, dict, dict]]:
    return [analyse({k: v for k, v in r.items() if k != "_at"}) for r in records]


# --------------------------------------------------------------------------------- the import


@dataclass
class SphinxSummary(Summary):
    """What one import did (the Whoosh import's summary and line), and what is left to build."""

    unbuilt: list[str] = field(default_factory=list)  # shards whose indexes lag their store
    committed_through: tuple[str, int] | None = None  # the last source line committed

    def line(self) -> str:
        if not self.unbuilt:
            return super().line()
        return (f"{super().line()}; committed but not yet searchable on {', '.join(self.unbuilt)} "
                "(its searchd is down): `fahras cluster start` indexes them")


class ClusterBusy(ClusterError):
    """Another import or delete holds the cluster."""


@contextlib.contextmanager
def cluster_lock(cluster: Cluster, wait: float = 0.0) -> Iterator[None]:
    """One writer per cluster (an advisory lock, released by the kernel if the writer dies)."""
    assert cluster.directory is not None
    path = cluster.directory / "import.lock"
    with open(path, "a+") as fh:
        if not flock_within(fh.fileno(), wait):
            raise ClusterBusy(f"another import or delete is writing to {cluster.directory}")
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def local(cluster: Cluster) -> Cluster:
    """``cluster`` if this machine holds its directory; a coordinator run elsewhere is refused."""
    if cluster.directory is None:
        raise ClusterError(
            f"{cluster.address} is a coordinator run elsewhere: plain indexes are built on their "
            "nodes, so import with `--cluster DIR` on the machine that holds the cluster directory"
        )
    return cluster


def _accepted(items: Iterable[Raw], drop: LineFilter | None, on_reject: Callable[[Reject], None],
              summary: SphinxSummary) -> Iterator[dict[str, Any]]:
    """Validated records, each bad one reported (the Whoosh import's rules, by its functions)."""
    seen: dict[str, tuple[str, int]] = {}
    for item in items:
        try:
            record = admit(item, drop, seen)
            record["_at"] = (item.source, item.line)
            yield record
        except Invalid as err:
            summary.rejected += 1
            on_reject(Reject(item.source, item.line, str(err), item.record))


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_records(
    cluster: Cluster,
    items: Iterable[Raw],
    *,
    procs: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    drop: LineFilter | None = None,
    on_reject: Callable[[Reject], None] = lambda r: None,
    on_record: Callable[[], None] = lambda: None,
    wait: float = 0.0,
) -> SphinxSummary:
    """Import ``items`` into the cluster; replaces documents whose id is already there."""
    cluster = local(cluster)
    started = time.perf_counter()
    summary = SphinxSummary()
    with cluster_lock(cluster, wait):
        stores = [Store(cluster.store_path(node), cache_mib=WRITE_CACHE_MIB) for node in cluster.shards]
        try:
            for store in stores:
                store.check_versions(expected_versions(), str(cluster.directory))
            gen = max(s.gen for s in stores) + 1
            records = _accepted(items, drop, on_reject, summary)
            load_tables()  # before the pool forks: its workers share them
            nearduplicates.load()
            pool = ProcessPoolExecutor(procs, mp_context=multiprocessing.get_context("fork"),
                                       initializer=widen_caches_for_import) if procs > 1 else None
            try:
                stories = Stories()
                for batch, rows in _analysed(records, batch_size, pool, procs, gen):
                    # Each article's story, in record order, against every shard's store (the
                    # batch's keys looked up at once: nothing is written while they are assigned).
                    keys = {key for row in rows for key in row.near.split()}
                    stored = _stored_stories(stores, {key for key in keys if not is_loose(key)})
                    sketches = _stored_sketches(stores, {key for key in keys if is_loose(key)})
                    fields = [{ID: row.id, NEAR: row.near, SKETCH: row.sketch} for row in rows]
                    stories.assign(fields, lambda key, stored=stored: stored.get(key, ()),
                                   lambda key, sketches=sketches: sketches.get(key, ()))
                    by_shard: dict[int, list[Row]] = {}
                    for row, assigned in zip(rows, fields, strict=True):
                        if assigned[STORY] != row.story:
                            row = _in_story(row, assigned[STORY])
                        by_shard.setdefault(shard_of(row.num, len(stores)), []).append(row)
                    for k, part in by_shard.items():
                        try:
                            added, replaced = stores[k].write_packed(part, gen)
                        except ValueError as err:  # two ids with one 64-bit number
                            raise ClusterError(str(err)) from None
                        summary.indexed += added
                        summary.updated += replaced
                    stories.committed()
                    summary.committed_through = batch[-1]["_at"]
                    for _ in rows:
                        on_record()
            except Exception as err:
                raise ClusterError(_stopped(err, summary)) from err
            finally:
                if pool is not None:
                    pool.shutdown(cancel_futures=True)
            summary.unbuilt = build(cluster, stores)
            if not summary.unbuilt and (summary.indexed or summary.updated):
                # imported here: the table is mined through the backend, which imports this module
                from search.sphinx_backend import spellings

                if note := spellings.after_import(cluster):
                    summary.notes.append(note)
        finally:
            for s in stores:
                s.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _stopped(err: Exception, summary: SphinxSummary) -> str:
    where = summary.committed_through
    done = (f"the records up to {where[0]}:{where[1]} are committed and will be indexed by the next "
            "`fahras index` or `fahras cluster start`; re-run the import from the next line "
            "(or whole: re-importing replaces)") if where else "nothing was committed; re-run the import"
    return f"the import stopped ({err}): {done}"


def _analysed(records: Iterable[dict[str, Any]], batch_size: int, pool: ProcessPoolExecutor | None,
              procs: int, gen: int) -> Iterator[tuple[list[dict[str, Any]], list[Row]]]:
    """(batch, its rows packed by :func:`_packed_batch`) in input order; with a pool, ``procs``
    batches are analysed at once, each split in pieces over the workers."""
    position = 0  # of the batch's first record in the import
    if pool is None:
        for batch in _batches(records, batch_size):
            yield batch, _packed_batch(batch, position, gen)
            position += len(batch)
        return
    pending: list[Any] = []
    for batch in _batches(records, batch_size):
        step = max(1, len(batch) // (procs * 2))
        pending.append((batch, [pool.submit(_packed_batch, batch[i : i + step], position + i, gen)
                                for i in range(0, len(batch), step)]))
        position += len(batch)
        if len(pending) > procs:
            done, futures = pending.pop(0)
            yield done, [row for f in futures for row in f.result()]
    for done, futures in pending:
        yield done, [row for f in futures for row in f.result()]


def _packed_batch(records: list[dict[str, Any]], first: int, gen: int) -> list[Row]:
    """The rows of consecutive records (the first at position ``first`` of the import) as the
    store keeps them: analysed (:func:`_analyse_batch`) and packed here, in the pool, where it is
    parallel; the parent, alone, only writes them. Each row is in its own story, which most
    articles are (86% of the 31k corpus): the parent re-packs those that join an earlier one
    (:func:`_in_story`). ``seq`` is the import order, ``gen << 32 | position``."""
    rows = []
    for position, (num, doc_id, doc, sphinx) in enumerate(_analyse_batch(records), start=first):
        doc[STORY] = doc_id
        sphinx["story"] = num
        sphinx["seq"] = (gen << 32) | position
        rows.append(packed(num, doc_id, doc, sphinx))
    return rows


def _in_story(row: Row, story: str) -> Row:
    """``row`` moved into another story: its originals' ``story`` and its ``story`` attribute
    (the story id's number) rewritten, every other value and key order as they were."""
    doc = json.loads(row.doc)
    doc[STORY] = story
    sphinx = unpack(row.tokens)
    sphinx["story"] = doc_number(story)
    return row._replace(doc=json.dumps(doc, ensure_ascii=False), tokens=pack(sphinx), story=story)


def _stored_stories(stores: list[Store], keys: set[str]) -> dict[str, list[str]]:
    """Each strict near-duplicate key's stories over every shard's store."""
    return _shard_after_shard(store.stories_with(keys) for store in stores)


def _stored_sketches(stores: list[Store], keys: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Each loose near-duplicate key's (story, sketch) over every shard's store (at most
    ``CANDIDATES + 1`` a key and shard: one more says the key is boilerplate)."""
    return _shard_after_shard(store.sketches_with(keys, CANDIDATES + 1) for store in stores)


T = TypeVar("T")


def _shard_after_shard(found: Iterable[dict[str, list[T]]]) -> dict[str, list[T]]:
    """Each key's values, the shards' lists put end to end in shard order."""
    out: dict[str, list[T]] = {}
    for shard in found:
        for key, values in shard.items():
            out.setdefault(key, []).extend(values)
    return out


def resume(cluster: Cluster) -> list[str]:
    """Index what an import that stopped committed but did not build; the shards it built (none
    when another import holds the cluster: that one will build them)."""
    try:
        with cluster_lock(cluster):
            stores = [Store(cluster.store_path(node)) for node in cluster.shards]
            try:
                lagging = [n.name for n, s in zip(cluster.shards, stores, strict=True) if s.get("built_gen") < s.gen]
                if lagging:
                    build(cluster, stores)
                return lagging
            finally:
                for s in stores:
                    s.close()
    except ClusterBusy:
        return []


# ---------------------------------------------------------------------------------- deleting


def delete_documents(cluster: Cluster, ids: Iterable[str], wait: float = 0.0) -> tuple[list[str], list[str]]:
    """Delete by id; (deleted, missing)."""
    cluster = local(cluster)
    ids = list(dict.fromkeys(ids))
    deleted: list[str] = []
    with cluster_lock(cluster, wait):
        stores = [Store(cluster.store_path(node)) for node in cluster.shards]
        try:
            gen = max(s.gen for s in stores) + 1
            for doc_id in ids:
                num = doc_number(doc_id)
                store = stores[shard_of(num, len(stores))]
                if store.number_of(doc_id) == num and store.delete([num], gen):
                    deleted.append(doc_id)
            build(cluster, stores)
        finally:
            for s in stores:
                s.close()
    return deleted, [i for i in ids if i not in deleted]


# ---------------------------------------------------------------------------------- building


def build(cluster: Cluster, stores: list[Store]) -> list[str]:
    """Bring every shard's indexes up to its store, then the global IDF; the shards left unbuilt
    (their searchd is down: their index files wait for its next start).

    The shards' ``indexer`` runs go side by side, as many at a time as there are CPUs: each is
    one process (and its feed), and one after the other they left all but one core idle. A
    shard's main is marked built before its delta is indexed (the delta's feed reads that mark);
    when a shard fails, the others' work is still marked, then the first failure raised."""
    folds, deltas = [], []
    for node, store in zip(cluster.shards, stores, strict=True):
        if store.get("built_gen") >= store.gen:
            continue
        main_count = store.count() - store.count(store.main_gen)
        folding = store.count(store.main_gen) > max(FOLD_MIN, FOLD_RATIO * main_count)
        (folds if folding else deltas).append((node, store, store.gen))
    if not folds and not deltas:
        return []
    built = _in_parallel(cluster, [(node, "main") for node, _s, _g in folds] + [(node, "delta") for node, _s, _g in deltas])
    failed = [err for err in built.values() if err is not None]
    for node, store, gen in folds:
        if built[node.name] is None:
            store.mark_built(gen, gen)
    for node, store, gen in deltas:
        if built[node.name] is None:
            store.mark_built(None, gen)
    # After a fold the delta holds what the new main does not: nothing, or a kill-list.
    refolded = _in_parallel(cluster, [(node, "delta") for node, _s, _g in folds if built[node.name] is None])
    failed += [err for err in refolded.values() if err is not None]
    if failed:
        raise failed[0]
    build_global_idf(cluster)
    return [node.name for node in cluster.shards if not reload(cluster, node)]


def _in_parallel(cluster: Cluster, jobs: list[tuple[Node, str]]) -> dict[str, ClusterError | None]:
    """``indexer`` on each (shard, index), as many at a time as there are CPUs: each shard's
    error (None: built)."""
    def one(job: tuple[Node, str]) -> ClusterError | None:
        try:
            run_indexer(cluster, job[0], [job[1]], rotate=True)
        except ClusterError as err:
            return err
        return None

    if not jobs:
        return {}
    with ThreadPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
        return {node.name: err for (node, _name), err in zip(jobs, pool.map(one, jobs), strict=True)}


def run_indexer(cluster: Cluster, node: Node, names: list[str], rotate: bool) -> None:
    """Build indexes of one shard with ``indexer``; with ``rotate``, a running searchd swaps them
    in (we wait until it has); without a running searchd the files wait for its next start."""
    running = rotate and cluster.pid(node) is not None
    cmd = ["indexer", "--config", str(cluster.conf(node)), "--quiet", *names]
    if running:
        cmd.insert(-len(names), "--rotate")
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=cluster.node_dir(node))
    if done.returncode != 0 or "ERROR" in done.stdout or "FATAL" in done.stdout:
        detail = (done.stdout + done.stderr).strip().splitlines()
        raise ClusterError(f"indexer failed on {node.name}: {detail[-1] if detail else done.returncode}")
    if running:
        _wait_rotated(cluster, node, names)
    else:
        _promote_if_idle(cluster, node)


def _promote_if_idle(cluster: Cluster, node: Node) -> None:
    from search.sphinx_backend.cluster import _promote_new

    if cluster.pid(node) is None:
        _promote_new(cluster.node_dir(node) / "data")


def _wait_rotated(cluster: Cluster, node: Node, names: list[str]) -> bool:
    """Wait until searchd has swapped in the new files (it renames ``NAME.new.*``), asking again
    every ``RESIGNAL_SECONDS``; False when it died meanwhile."""
    data = cluster.node_dir(node) / "data"
    deadline = time.monotonic() + ROTATE_TIMEOUT
    asked = time.monotonic()
    while time.monotonic() < deadline:
        if not any(next(data.glob(f"{n}.new.*"), None) for n in names):
            return True
        pid = cluster.pid(node)
        if pid is None:
            return False
        if time.monotonic() - asked >= RESIGNAL_SECONDS:
            os.kill(pid, signal.SIGHUP)  # again: the first may have come during another rotation
            asked = time.monotonic()
        time.sleep(0.05)
    raise ClusterError(f"searchd of {node.name} did not load its new indexes within {ROTATE_TIMEOUT:.0f} s")


def reload(cluster: Cluster, node: Node) -> bool:
    """Make a shard's searchd re-read its indexes with the new global IDF; False when it is not
    running.

    Sphinx 2.2.11 reads an index's ``global_idf`` file only when it loads the index, and has no
    ``RELOAD INDEX``: so the current files are hard-linked as ``NAME.new.*`` (no copy) and a
    rotation (SIGHUP) loads them again, seamlessly, as after ``indexer --rotate``.
    """
    pid = cluster.pid(node)
    if pid is None:
        return False
    data = cluster.node_dir(node) / "data"
    for name in config.INDEXES:
        for path in data.glob(f"{name}.*"):
            ext = path.name[len(name) + 1 :]
            if "." in ext or ext == "spl":  # .new.*/.old.* leftovers, the lock file
                continue
            new = data / f"{name}.new.{ext}"
            new.unlink(missing_ok=True)
            os.link(path, new)
    os.kill(pid, signal.SIGHUP)
    return _wait_rotated(cluster, node, list(config.INDEXES))


def build_global_idf(cluster: Cluster) -> None:
    """``indextool --buildidf`` over every shard's dictionaries: one IDF for the whole cluster, so
    that a document's score does not depend on which shard holds it; the same dictionaries make
    the cluster's vocabulary (:mod:`.vocabulary`)."""
    dumps = []
    for node in cluster.shards:
        for name in config.INDEXES:
            out = cluster.node_dir(node) / f"{name}.dict"
            with open(out, "w") as fh:
                done = subprocess.run(["indextool", "--config", str(cluster.conf(node)), "--dumpdict", name,
                                       "--stats"], stdout=fh, stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                raise ClusterError(f"indextool --dumpdict failed on {node.name}/{name}: {done.stderr.strip()}")
            dumps.append(str(out))
    tmp = cluster.global_idf.with_suffix(".tmp")
    done = subprocess.run(["indextool", "--buildidf", *dumps, "--out", str(tmp)], capture_output=True, text=True)
    if done.returncode != 0:
        raise ClusterError(f"indextool --buildidf failed: {(done.stdout + done.stderr).strip()[-300:]}")
    tmp.replace(cluster.global_idf)
    vocabulary.rebuild(cluster.directory, dumps)
    for d in dumps:
        pathlib.Path(d).unlink(missing_ok=True)
