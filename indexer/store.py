"""Create and open Fahras indexes on disk, with the version check every reader and writer needs."""

from __future__ import annotations

import contextlib
import json
import pathlib
import pickle
import struct
import zlib
from collections.abc import Iterator

from whoosh import index as whoosh_index
from whoosh.filedb.filetables import FileFormatError
from whoosh.index import Index
from whoosh.reading import CorruptIndexError

from indexer import manifest
from indexer.errors import IndexDamagedError, IndexMissingError, IndexVersionError
from indexer.schema import build_schema, versions

META_FILE = "fahras.json"
INDEX_NAME = "MAIN"


# What Whoosh raises when it reads a damaged file: it unpickles the table of contents and each
# compound segment's directory, and unpacks fixed-size records.
_UNREADABLE = (OSError, EOFError, ValueError, LookupError, struct.error, pickle.PickleError,
               zlib.error, CorruptIndexError, FileFormatError)


def damaged_error(index_dir: str | pathlib.Path, err: BaseException) -> IndexDamagedError:
    return IndexDamagedError(
        f"the index at {index_dir} cannot be read, it is damaged ({type(err).__name__}: {err}): "
        f"restore it from a copy, or remove it and rebuild it with "
        f"`fahras index SOURCE... --index {index_dir}`"
    )


def read_meta(index_dir: str | pathlib.Path) -> dict:
    path = pathlib.Path(index_dir) / META_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def check_versions(index_dir: str | pathlib.Path) -> None:
    """Raise :class:`IndexVersionError` when the index was built by other analysis or schema, and
    :class:`IndexDamagedError` when its version stamp is missing or unreadable (it is written
    first, so a Fahras index always has one: saying "built with None" misled)."""
    meta, expected = read_meta(index_dir), versions()
    if not meta or not any(k in meta for k in expected):
        raise IndexDamagedError(
            f"the index at {index_dir} has no readable {META_FILE} (its analyzer and schema versions): "
            f"restore it from a copy, or remove it and rebuild it with "
            f"`fahras index SOURCE... --index {index_dir}`")
    wrong = {k: meta.get(k) for k, v in expected.items() if meta.get(k) != v}
    if wrong:
        found = ", ".join(f"{k}={v!r}" for k, v in wrong.items())
        wanted = ", ".join(f"{k}={expected[k]!r}" for k in wrong)
        raise IndexVersionError(
            f"the index at {index_dir} was built with {found}, but this Fahras needs {wanted}. "
            f"Re-index: remove {index_dir} and run `fahras index SOURCE... --index {index_dir}`."
        )


@contextlib.contextmanager
def damage_reported(index_dir: str | pathlib.Path) -> Iterator[None]:
    """Turn a read failure of Whoosh's files into :class:`IndexDamagedError`.

    For opening readers and searchers only: Whoosh reads a segment's postings and columns when a
    reader is made, so damage inside a segment shows up there. Around writes it would misname a
    full disk as damage.
    """
    try:
        yield
    except _UNREADABLE as err:
        raise damaged_error(index_dir, err) from None


def _toc_replaced(err: BaseException) -> bool:
    """Whether Whoosh failed because a writer committed between its listing the tables of
    contents and its reading the newest one (a commit removes the one before): look again."""
    return isinstance(err, FileNotFoundError) and str(err.filename or "").endswith(".toc")


def exists(index_dir: str | pathlib.Path) -> bool:
    """True when there is an index; a damaged one raises :class:`IndexDamagedError`, never False
    (a writer would otherwise create a new, empty index over it)."""
    if not pathlib.Path(index_dir).is_dir():
        return False
    for _attempt in range(3):
        try:
            return whoosh_index.exists_in(str(index_dir), INDEX_NAME)
        except _UNREADABLE as err:
            if not _toc_replaced(err):
                raise damaged_error(index_dir, err) from None
            damage = err
    raise damaged_error(index_dir, damage) from None


def open_index(index_dir: str | pathlib.Path, *, verify_content: bool = False) -> Index:
    """Open an existing index after checking its versions and its segment files.

    Whoosh reads a segment's files only when a reader is made, and of plain segment files only
    what a search needs, so a missing or truncated file would otherwise fail later, deep in a
    search, or not at all in ``stats`` and ``delete``. Each file is compared with the record the
    writer kept (:mod:`indexer.manifest`: one ``stat`` per file) and compound segments (indexes
    written before plain files) have their directory read. ``verify_content`` also compares every
    file's checksum: writers ask for it, so that no commit builds on damage.
    """
    if not exists(index_dir):
        raise IndexMissingError(
            f"no Fahras index at {index_dir}: build one with `fahras index SOURCE... --index {index_dir}`"
        )
    check_versions(index_dir)
    for _attempt in range(3):
        ix = generation = None
        try:
            ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
            generation = ix.latest_generation()
            for segment in ix._segments():
                if segment.is_compound():
                    segment.open_compound_file(ix.storage).close()
            manifest.verify(ix, index_dir, full=verify_content)
            return ix
        except (manifest.FileDamaged, *_UNREADABLE) as err:
            # A writer may have committed between our listing the tables of contents and reading
            # the newest (it removes the one before), or removed merged-away segment files after
            # we read it: look again if it has. A file missing or wrong under a table of contents
            # that stayed the same is damage (no need to read it all again).
            moved = _toc_replaced(err) if ix is None else (
                isinstance(err, (manifest.FileDamaged, FileNotFoundError))
                and ix.latest_generation() != generation)
            if not moved:
                raise damaged_error(index_dir, err) from None
            damage = err
    raise damaged_error(index_dir, damage) from None


def create_or_open(index_dir: str | pathlib.Path) -> Index:
    """Open the index for writing, creating it (with its version stamp) when there is none."""
    path = pathlib.Path(index_dir)
    if exists(path):
        return open_index(path, verify_content=True)
    path.mkdir(parents=True, exist_ok=True)
    # The stamp goes first: a crash right after it leaves no index, never an unstamped one.
    (path / META_FILE).write_text(json.dumps(versions(), indent=2) + "\n", encoding="utf-8")
    return whoosh_index.create_in(str(path), build_schema(), indexname=INDEX_NAME)
