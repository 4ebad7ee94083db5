"""What ``fahras stats`` reports: documents, versions, size, and terms and tokens per field."""

from __future__ import annotations

import contextlib
import os
import pathlib
from collections.abc import Iterator
from typing import Any

from indexer import manifest, store


def index_size(index_dir: str | pathlib.Path) -> int:
    """Bytes of the files under ``index_dir``. A writer may remove a file or folder while they are
    counted (segments merged away, its temporary folder, a rotated Sphinx index): it counts 0, where
    a bare ``stat`` failed the search that only wanted the document count."""
    total = 0
    for folder, _dirs, files in os.walk(index_dir):  # a folder gone meanwhile (MAIN.tmp) is skipped
        for name in files:
            with contextlib.suppress(FileNotFoundError):
                total += os.stat(os.path.join(folder, name)).st_size
    return total


def index_stats(index_dir: str | pathlib.Path, *, verify: bool = False) -> dict[str, Any]:
    """Documents, versions, size on disk and, per indexed field, distinct terms and tokens.

    ``verify`` reads every segment file to compare its checksum (:mod:`indexer.manifest`).
    """
    ix = store.open_index(index_dir, verify_content=verify)
    meta = store.read_meta(index_dir)
    try:
        with store.damage_reported(index_dir), ix.reader() as reader:
            fields: dict[str, dict[str, int]] = {}
            for name, fieldobj in ix.schema.items():
                if not fieldobj.indexed:
                    continue
                terms = sum(1 for _ in _lexicon(reader, name))
                fields[name] = {"terms": terms, "tokens": int(reader.field_length(name) or 0)}
            return {
                "documents": reader.doc_count(),
                "deleted": reader.doc_count_all() - reader.doc_count(),
                "segments": len(ix._segments()),
                "analyzer_version": meta.get("analyzer_version"),
                "schema_version": meta.get("schema_version"),
                "size_bytes": index_size(index_dir),
                # Segment files with a record of size, time stamp and checksum to check them by.
                "files_recorded": manifest.recorded_count(ix, index_dir),
                "path": str(index_dir),
                "fields": fields,
            }
    finally:
        ix.close()


def _lexicon(reader: Any, name: str) -> Iterator[bytes]:
    with contextlib.suppress(KeyError):
        yield from reader.lexicon(name)
