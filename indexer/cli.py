"""``fahras index``, ``stats``, ``delete``, ``spellings`` and ``optimize``: thin click wrappers over the library.

Bad input (:class:`indexer.sources.SourceError`) exits 2, index problems
(:class:`indexer.errors.IndexProblem`: version mismatch, missing index, lock held) exit 1, each as
one line on stderr (:mod:`fahras.options`).

With ``--backend sphinx`` the same commands write to a cluster: the backend's own module (loaded
by name, as ``search.engine.BACKENDS`` loads backends: each engine keeps its writing beside its
searching) is called with the same readers, reject sink and options.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import pathlib
import sys
from typing import Any, NoReturn, TextIO

import click

from fahras.options import (
    DEFAULT_BACKEND,
    backend_options,
    fail,
    index_option,
    note,
    reported,
)
from indexer import store
from indexer.compaction import optimize
from indexer.context_spellings import rebuild_spellings, write_pairs_tsv
from indexer.delete import delete_documents
from indexer.errors import IndexProblem
from indexer.importer import DEFAULT_BATCH_SIZE, import_records
from indexer.sources import LineFilter, Reject, SourceError, check_source, read_sources
from indexer.stats import index_stats

# Segments from which `fahras stats` suggests `fahras optimize` (a search on 7 took 2x the p95 of
# the same archive in one: docs/benchmarks.md, "Small imports").
MANY_SEGMENTS = 8

# Backends other than Whoosh: the module with their import_records(cluster, items, **options),
# delete_documents(cluster, ids, wait) and index_stats(cluster).
BACKEND_ADMIN = {"sphinx": "search.sphinx_backend.admin"}


def user_errors():
    return reported(usage=(SourceError,), problems=(IndexProblem,))


def _admin(backend: str):
    """The module writing ``backend``'s indexes; None for Whoosh (this package)."""
    if backend == DEFAULT_BACKEND:
        return None
    if backend not in BACKEND_ADMIN:
        names = ", ".join([DEFAULT_BACKEND, *BACKEND_ADMIN])
        fail(f"unknown search backend {backend!r}: use one of {names} (FAHRAS_BACKEND)")
    return importlib.import_module(BACKEND_ADMIN[backend])


@click.command("index")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@index_option
@backend_options
@click.option("--rejects", "rejects_path", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write rejected records here (JSON Lines: source, line, reason, record); - writes "
                   "them to stdout (the summary then goes to stderr). Without it each reject is one "
                   "line on stderr.")
@click.option("--procs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes: each writes whole batches and merges them (indexer/parallel.py).")
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True,
              type=click.IntRange(1),
              help="Documents per commit: a crash loses at most one batch (PROCS + 1 with --procs).")
@click.option("--drop-lines", "drop_lines", metavar="FILE", type=click.Path(dir_okay=False),
              help="Body lines to drop: one a line, exact (after strip) or /regex/.")
@click.option("--wait", default=0.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another writer to release the index.")
def index_command(sources: tuple[str, ...], index_dir: str, backend: str, cluster: str, rejects_path: str | None,
                  procs: int, batch_size: int, drop_lines: str | None, wait: float) -> None:
    """Index SOURCE... (.jsonl, .jsonl.gz, .csv, a folder of those and .json/.txt files, or - for stdin).

    A field may hold up to 67,108,864 characters in every format. Re-importing an id replaces
    the document. Ends with
    `indexed N, updated M, rejected K in S s` (N new documents, M replaced); exit status 1 when
    there were records and every one was rejected (a feed in the wrong shape is not a success).
    """
    admin = _admin(backend)
    with user_errors():
        for spec in sources:
            check_source(spec)
        _check_rejects_apart(rejects_path, sources)
        drop = LineFilter.from_file(drop_lines) if drop_lines else None
        # What the import writes is no source, though it may lie inside a source folder.
        written = [p for p in (rejects_path, index_dir if admin is None else cluster) if p and p != "-" and ":" not in p]
        with _reject_sink(rejects_path) as on_reject, _progress() as on_record:
            options = dict(batch_size=batch_size, procs=procs, drop=drop, on_reject=on_reject,
                           on_record=on_record, wait=wait)
            if admin is None:
                before = _documents(index_dir)
                try:
                    summary = import_records(index_dir, read_sources(sources, skip=written), on_stale=_report_stale,
                                             **options)
                except KeyboardInterrupt:
                    _interrupted(index_dir, before)
            else:
                summary = admin.import_records(cluster, read_sources(sources, skip=written), **options)
    # With the rejects on stdout (--rejects -) the summary joins the notes on stderr: stdout stays
    # JSON Lines for whatever reads it.
    click.echo(summary.line(), err=rejects_path == "-")
    for line in summary.notes:
        note(line)
    if summary.rejected and not summary.indexed + summary.updated:
        where = f"in {rejects_path}" if rejects_path not in (None, "-") else "above"
        fail(f"nothing imported: all {summary.rejected} records were rejected (the reasons are {where})")


def _documents(index_dir: str) -> int | None:
    """The index's documents (0 before it exists), None when it cannot be opened."""
    try:
        if not store.exists(index_dir):
            return 0
        ix = store.open_index(index_dir)
        try:
            return ix.doc_count()
        finally:
            ix.close()
    except Exception:  # only for the message of an interrupted import
        return None


def _interrupted(index_dir: str, before: int | None) -> NoReturn:
    """Ctrl-C during an import: what it left, in one line (click said only "Aborted!"). Whole
    batches were committed; the same import run again finishes it (it updates what is there)."""
    now = _documents(index_dir)
    held = (f"the index holds {now} documents ({now - before:+d})" if now is not None and before is not None
            else "the index holds the batches committed before the stop")
    fail(f"interrupted: {held}, whole batches only; run the same import again to finish it", 130)


def _report_stale(owner: dict[str, Any]) -> None:
    note(
        f"note: an earlier writer (pid {owner.get('pid')}, started {owner.get('started')}) "
        "stopped without finishing; its lock was cleared and its committed batches are kept"
    )


def _check_rejects_apart(rejects_path: str | None, sources: tuple[str, ...]) -> None:
    """The rejects file is emptied when the import starts: naming a source there (a slip of the
    shell's history) would wipe the articles before they are read, and report success."""
    if rejects_path is None or rejects_path == "-":
        return
    target = pathlib.Path(rejects_path).resolve()
    for spec in sources:
        if spec != "-" and pathlib.Path(spec).resolve() == target:
            raise SourceError(f"--rejects {rejects_path} is the source {spec}: it would be emptied "
                              "before it is read; name another file")


@contextlib.contextmanager
def _reject_sink(path: str | None):
    if path is None:
        def on_reject(reject: Reject) -> None:
            note(f"rejected {reject.source}:{reject.line}: {reject.reason}")

        yield on_reject
        return
    if path == "-":
        yield _writer_to(sys.stdout)
        return
    with open(path, "w", encoding="utf-8") as f:
        yield _writer_to(f)


def _writer_to(f: TextIO):
    def on_reject(reject: Reject) -> None:
        f.write(reject.to_json() + "\n")
        f.flush()

    return on_reject


@contextlib.contextmanager
def _progress():
    """A tqdm bar on a terminal; nothing when stderr is a pipe or a file."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from tqdm import tqdm

    with tqdm(unit=" docs", desc="indexing", mininterval=0.5, file=sys.stderr) as bar:
        yield bar.update


@click.command("stats")
@index_option
@backend_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.option("--verify", is_flag=True,
              help="Also read every segment file and compare its checksum with the one written.")
def stats_command(index_dir: str, backend: str, cluster: str, as_json: bool, verify: bool) -> None:
    """Documents, size, versions and per-field term counts of an index."""
    admin = _admin(backend)
    with user_errors():
        stats = index_stats(index_dir, verify=verify) if admin is None else admin.index_stats(cluster)
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    if admin is not None:
        _print_cluster_stats(stats)
        return
    click.echo(f"index        {stats['path']}")
    click.echo(f"documents    {stats['documents']} ({stats['deleted']} deleted, not yet merged away)")
    hint = " (`fahras optimize` merges them into one: faster searches)" if stats["segments"] >= MANY_SEGMENTS else ""
    click.echo(f"segments     {stats['segments']}{hint}")
    click.echo(f"size         {stats['size_bytes'] / 1e6:.1f} MB")
    click.echo(f"versions     analyzer {stats['analyzer_version']}, schema {stats['schema_version']}")
    if verify:
        click.echo(f"verified     {stats['files_recorded']} segment files, checksums as written")
    click.echo("field        terms       tokens")
    for name, counts in stats["fields"].items():
        click.echo(f"{name:<12} {counts['terms']:>8}  {counts['tokens']:>11}")


def _print_cluster_stats(stats: dict[str, Any]) -> None:
    click.echo(f"cluster      {stats['path']} ({stats['cluster']})")
    click.echo(f"documents    {stats['documents']}")
    click.echo(f"size         {stats['size_bytes'] / 1e6:.1f} MB")
    click.echo(f"versions     analyzer {stats['analyzer_version']}, schema {stats['schema_version']}")
    for name, documents in stats["shards"].items():
        click.echo(f"{name:<12} {'down' if documents is None else documents}")


@click.command("delete")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@index_option
@backend_options
@click.option("--wait", default=0.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another writer to release the index.")
def delete_command(ids: tuple[str, ...], index_dir: str, backend: str, cluster: str, wait: float) -> None:
    """Delete documents by id (exit 1 when some id was not in the index)."""
    admin = _admin(backend)
    ids = tuple(i.strip() for i in ids)  # as the import stores an id: " a1 " is a1
    with user_errors():
        if admin is None:
            deleted, missing = delete_documents(index_dir, ids, wait=wait)
        else:
            deleted, missing = admin.delete_documents(cluster, ids, wait=wait)
    click.echo(f"deleted {len(deleted)}")
    if missing:
        fail(f"not in the index: {', '.join(missing)}")


@click.command("spellings")
@index_option
@backend_options
@click.option("--out", metavar="FILE", type=click.Path(dir_okay=False),
              help="Also write every measured pair as TSV (accepted or not), to read them.")
@click.option("--wait", default=0.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another writer to release the index.")
def spellings_command(index_dir: str, backend: str, cluster: str, out: str | None, wait: float) -> None:
    """Mine the index's minority-spelling table again (rare spellings the dictionary lacks, joined
    to a dictionary word by their contexts, and the spelling rules' pairs whose contexts say they
    are two words, kept apart: docs/relevance.md). Every import that changes the
    archive by a tenth does it at its end; this is for an index imported before, or to read the
    pairs. A running server reads the new table at its next request."""
    admin = _admin(backend)
    with user_errors():
        if out and not pathlib.Path(out).resolve().parent.is_dir():  # known before seconds of mining
            raise SourceError(f"--out {out}: its folder does not exist")
        pairs = rebuild_spellings(index_dir, wait=wait) if admin is None else admin.rebuild_spellings(cluster, wait=wait)
        if out:
            write_pairs_tsv(out, pairs)
    accepted, apart = sum(p.accepted for p in pairs), sum(p.apart for p in pairs)
    click.echo(f"measured {len(pairs)} pairs, accepted {accepted}, kept {apart} apart")


@click.command("optimize")
@index_option
@backend_options
@click.option("--wait", default=0.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another writer to release the index.")
def optimize_command(index_dir: str, backend: str, cluster: str, wait: float) -> None:
    """Merge the index's segments into one and drop deleted documents for good: the fastest
    searches, for minutes of merging on a large archive (docs/benchmarks.md, "Small imports").
    Imports keep the segments few on their own; a running server answers from the old segments
    until the merge is committed, then from the new one."""
    if _admin(backend) is not None:
        fail(f"optimize is for the {DEFAULT_BACKEND} backend: a {backend} cluster's imports fold "
             "their delta into the main index themselves (docs/scaling.md)")
    with user_errors():
        done = optimize(index_dir, wait=wait)
    click.echo(done.line())


def register(group: click.Group) -> None:
    """Add ``index``, ``stats``, ``delete``, ``spellings`` and ``optimize`` to the ``fahras`` group."""
    for command in (index_command, stats_command, delete_command, spellings_command, optimize_command):
        group.add_command(command)
