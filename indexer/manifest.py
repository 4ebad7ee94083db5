"""What every segment file of an index should be: its size, time stamp and checksum, kept beside it.

Why: Fahras writes each segment as plain files (``.trm`` terms, ``.pst`` postings, ``.col``
columns) rather than Whoosh's compound ``.seg``, because a worker that searches compound segments
copies them into its heap (more than ten times the memory: docs/benchmarks.md, "Serving"). But Whoosh checks nothing about plain files when it opens them:
a truncated or deleted ``.pst`` shows up only when a search reads the postings it lost, and
``stats``, ``delete`` or an import would carry on over the damage (a merge would even copy it into
new segments).

So after every commit the writer records, in ``fahras-files.json``, each segment file's size,
modification time and CRC-32 (segment files are written once and never changed, so each checksum
is computed once). Opening the index compares sizes and time stamps, which costs one ``stat`` per
file; only a file whose time stamp moved is read to compare its checksum (an index restored from a
copy keeps its content). :func:`verify` with ``full=True`` reads every file (``fahras stats
--verify``): the check for damage that leaves size and time stamp alone, such as a failing disk.

Files of segments committed after the last record (a writer killed between Whoosh's commit and
ours) are not listed; they are recorded by the next commit, trusted as found.
"""

from __future__ import annotations

import json
import os
import pathlib
import zlib
from typing import Any

MANIFEST_FILE = "fahras-files.json"
_CHUNK = 1 << 20


class FileDamaged(Exception):
    """A recorded segment file is missing or differs from its record; the message says which."""


def _prefixes(ix: Any) -> tuple[str, ...]:
    return tuple(f"{segment.segment_id()}." for segment in ix._segments())


def segment_files(ix: Any) -> list[str]:
    """The files of the segments in the index's current table of contents."""
    prefixes = _prefixes(ix)
    return sorted(name for name in ix.storage.list() if name.startswith(prefixes))


def recorded_count(ix: Any, index_dir: str | pathlib.Path) -> int:
    """How many files of the current segments have a record to be checked by."""
    prefixes = _prefixes(ix)
    return sum(1 for name in read(index_dir) if name.startswith(prefixes))


def checksum(path: pathlib.Path) -> int:
    crc = 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc


def read(index_dir: str | pathlib.Path) -> dict[str, dict[str, int]]:
    try:
        files = json.loads((pathlib.Path(index_dir) / MANIFEST_FILE).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return files if isinstance(files, dict) else {}


def record(ix: Any, index_dir: str | pathlib.Path) -> None:
    """Write the record of the current segment files (call after each commit, holding the lock)."""
    index_dir = pathlib.Path(index_dir)
    before = read(index_dir)
    files: dict[str, dict[str, int]] = {}
    for name in segment_files(ix):
        stat = (index_dir / name).stat()
        old = before.get(name)
        if old and old.get("size") == stat.st_size and old.get("mtime_ns") == stat.st_mtime_ns:
            files[name] = old
        else:
            files[name] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                           "crc32": checksum(index_dir / name)}
    tmp = index_dir / f".{MANIFEST_FILE}.tmp"
    try:
        tmp.write_text(json.dumps({"files": files}, indent=0) + "\n", encoding="utf-8")
        os.replace(tmp, index_dir / MANIFEST_FILE)  # atomic: a reader sees the old record or the new
    except OSError:
        tmp.unlink(missing_ok=True)  # e.g. a full disk: the old record stays, the commit is kept
        raise


def verify(ix: Any, index_dir: str | pathlib.Path, *, full: bool = False) -> None:
    """Raise :class:`FileDamaged` if a recorded file of the current segments is missing or changed."""
    index_dir = pathlib.Path(index_dir)
    prefixes = _prefixes(ix)
    for name, expected in read(index_dir).items():
        if not name.startswith(prefixes):
            continue  # a segment merged away since the record: not part of this index any more
        path = index_dir / name
        try:
            stat = path.stat()
        except FileNotFoundError:
            raise FileDamaged(f"segment file {name} is missing") from None
        if stat.st_size != expected.get("size"):
            raise FileDamaged(f"segment file {name} has {stat.st_size} bytes, {expected.get('size')} were written")
        if (full or stat.st_mtime_ns != expected.get("mtime_ns")) and checksum(path) != expected.get("crc32"):
            raise FileDamaged(f"segment file {name} does not have the content that was written (checksum)")
