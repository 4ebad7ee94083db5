"""``fahras index``, ``fahras stats`` and ``fahras delete``: thin click wrappers over the library.

Everything the user sees on failure is one line on stderr and a non-zero exit code, never a
traceback: bad input (:class:`indexer.sources.SourceError`) and index problems
(:class:`indexer.store.IndexProblem`: version mismatch, missing index, lock held) are caught here.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

import click

from indexer import store
from indexer.sources import LineFilter, Reject, SourceError, check_source, read_sources
from indexer.writer import DEFAULT_BATCH_SIZE, delete_documents, import_records, index_stats

INDEX_ENV = "FAHRAS_INDEX"
DEFAULT_INDEX = "var/index"


def index_option(f):
    return click.option(
        "--index",
        "index_dir",
        envvar=INDEX_ENV,
        default=DEFAULT_INDEX,
        show_default=True,
        metavar="DIR",
        help=f"Index directory (or ${INDEX_ENV}).",
    )(f)


def fail(message: str, code: int = 1) -> None:
    click.echo(f"fahras: error: {message}", err=True)
    sys.exit(code)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can act on into one line and exit code 1 (2 for bad input)."""
    try:
        yield
    except SourceError as err:
        fail(str(err), 2)
    except store.IndexProblem as err:
        fail(str(err), 1)
    except OSError as err:
        fail(f"{err.filename or ''}: {err.strerror or err}".lstrip(": "), 1)


@click.command("index")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@index_option
@click.option("--rejects", "rejects_path", metavar="FILE", type=click.Path(dir_okay=False),
              help="Write rejected records here (JSON Lines: source, line, reason, record). "
                   "Without it each reject is one line on stderr.")
@click.option("--procs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes: each writes whole batches and merges them (indexer/writer.py).")
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True,
              type=click.IntRange(1),
              help="Documents per commit: a crash loses at most one batch (PROCS + 1 with --procs).")
@click.option("--drop-lines", "drop_lines", metavar="FILE", type=click.Path(dir_okay=False),
              help="Body lines to drop: one a line, exact (after strip) or /regex/.")
@click.option("--wait", default=0.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another writer to release the index.")
def index_command(sources: tuple[str, ...], index_dir: str, rejects_path: str | None, procs: int,
                  batch_size: int, drop_lines: str | None, wait: float) -> None:
    """Index SOURCE... (.jsonl, .jsonl.gz, .csv, a folder of .json/.txt, or - for stdin).

    Re-importing an id replaces the document. Ends with
    `indexed N, updated M, rejected K in S s` (N new documents, M replaced).
    """
    with user_errors():
        for spec in sources:
            check_source(spec)
        drop = LineFilter.from_file(drop_lines) if drop_lines else None
        with _reject_sink(rejects_path) as on_reject, _progress() as on_record:
            summary = import_records(
                index_dir,
                read_sources(sources),
                batch_size=batch_size,
                procs=procs,
                drop=drop,
                on_reject=on_reject,
                on_record=on_record,
                on_stale=_report_stale,
                wait=wait,
            )
    click.echo(summary.line())


def _report_stale(owner: dict[str, Any]) -> None:
    click.echo(
        f"fahras: note: an earlier writer (pid {owner.get('pid')}, started {owner.get('started')}) "
        "stopped without finishing; its lock was cleared and its committed batches are kept",
        err=True,
    )


@contextlib.contextmanager
def _reject_sink(path: str | None):
    if path is None:
        def on_reject(reject: Reject) -> None:
            click.echo(f"fahras: rejected {reject.source}:{reject.line}: {reject.reason}", err=True)

        yield on_reject
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
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
@click.option("--verify", is_flag=True,
              help="Also read every segment file and compare its checksum with the one written.")
def stats_command(index_dir: str, as_json: bool, verify: bool) -> None:
    """Documents, size, versions and per-field term counts of an index."""
    with user_errors():
        stats = index_stats(index_dir, verify=verify)
    if as_json:
        click.echo(json.dumps(stats, ensure_ascii=False, indent=2))
        return
    click.echo(f"index        {stats['path']}")
    click.echo(f"documents    {stats['documents']} ({stats['deleted']} deleted, not yet merged away)")
    click.echo(f"segments     {stats['segments']}")
    click.echo(f"size         {stats['size_bytes'] / 1e6:.1f} MB")
    click.echo(f"versions     analyzer {stats['analyzer_version']}, schema {stats['schema_version']}")
    if verify:
        click.echo(f"verified     {stats['files_recorded']} segment files, checksums as written")
    click.echo("field        terms       tokens")
    for name, counts in stats["fields"].items():
        click.echo(f"{name:<12} {counts['terms']:>8}  {counts['tokens']:>11}")


@click.command("delete")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@index_option
@click.option("--wait", default=0.0, show_default=True, type=click.FloatRange(0),
              help="Seconds to wait for another writer to release the index.")
def delete_command(ids: tuple[str, ...], index_dir: str, wait: float) -> None:
    """Delete documents by id (exit 1 when some id was not in the index)."""
    with user_errors():
        deleted, missing = delete_documents(index_dir, ids, wait=wait)
    click.echo(f"deleted {len(deleted)}")
    if missing:
        fail(f"not in the index: {', '.join(missing)}")


__all__ = ["index_command", "stats_command", "delete_command"]
