"""Create and open Fahras indexes on disk, with the version check every reader and writer needs."""

from __future__ import annotations

import json
import pathlib

from whoosh import index as whoosh_index
from whoosh.index import Index

from indexer.schema import build_schema, versions

META_FILE = "fahras.json"
INDEX_NAME = "MAIN"


class IndexProblem(Exception):
    """Base for index problems a user can act on; the message says what to do."""


class IndexMissingError(IndexProblem):
    pass


class IndexVersionError(IndexProblem):
    pass


def read_meta(index_dir: str | pathlib.Path) -> dict:
    path = pathlib.Path(index_dir) / META_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def check_versions(index_dir: str | pathlib.Path) -> None:
    """Raise :class:`IndexVersionError` when the index was built by other analysis or schema."""
    meta, expected = read_meta(index_dir), versions()
    wrong = {k: meta.get(k) for k, v in expected.items() if meta.get(k) != v}
    if wrong:
        found = ", ".join(f"{k}={v!r}" for k, v in wrong.items())
        wanted = ", ".join(f"{k}={expected[k]!r}" for k in wrong)
        raise IndexVersionError(
            f"the index at {index_dir} was built with {found}, but this Fahras needs {wanted}. "
            f"Re-index: remove {index_dir} and run `fahras index SOURCE... --index {index_dir}`."
        )


def exists(index_dir: str | pathlib.Path) -> bool:
    return pathlib.Path(index_dir).is_dir() and whoosh_index.exists_in(str(index_dir), INDEX_NAME)


def open_index(index_dir: str | pathlib.Path) -> Index:
    """Open an existing index after checking its versions."""
    if not exists(index_dir):
        raise IndexMissingError(
            f"no Fahras index at {index_dir}: build one with `fahras index SOURCE... --index {index_dir}`"
        )
    check_versions(index_dir)
    return whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)


def create_or_open(index_dir: str | pathlib.Path) -> Index:
    """Open the index for writing, creating it (with its version stamp) when there is none."""
    path = pathlib.Path(index_dir)
    if exists(path):
        return open_index(path)
    path.mkdir(parents=True, exist_ok=True)
    # The stamp goes first: a crash right after it leaves no index, never an unstamped one.
    (path / META_FILE).write_text(json.dumps(versions(), indent=2) + "\n", encoding="utf-8")
    return whoosh_index.create_in(str(path), build_schema(), indexname=INDEX_NAME)
