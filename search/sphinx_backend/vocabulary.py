"""The cluster's vocabulary: each stem, exact form and root with its document frequency.

Sphinx 2.2.11 has no call that lists a keyword's neighbours (no ``CALL SUGGEST``), and Fahras needs
them for fuzzy words (``كتاب~``), did-you-mean and autocomplete. The importer already dumps every
shard's dictionary (``indextool --dumpdict``) to build the global IDF; the same dumps, summed over
shards, are written here as one SQLite table after each import. Frequencies are per kind of
term (a stem's count covers ``title`` and ``body`` together; an exact form's, ``title_exact`` and
``body_exact``): Sphinx's dictionary is per index, not per field. Until a delta is folded into its
main, a replaced document is counted twice.
"""

from __future__ import annotations

import pathlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator

from search import edits
from search.sphinx_backend import tokens

KINDS = {tokens.EXACT: "exact", tokens.ROOT: "roots", tokens.TITLE_FORM: "title"}
FILE = "vocabulary.sqlite"
STOP_EVERY = 256  # terms a fuzzy scan looks at between two looks at the clock


def kind_of(keyword: str) -> tuple[str, str] | None:
    """(kind, term) of a dictionary keyword; None for facet keywords and hashed long terms."""
    if not keyword or tokens.LONG in keyword:
        return None
    if keyword[0] in KINDS:
        return KINDS[keyword[0]], keyword[1:]
    if keyword[0] == tokens.META:
        return None
    return "text", keyword


def read_dump(path: str | pathlib.Path) -> Iterator[tuple[str, int, int]]:
    """The rows of an ``indextool --dumpdict --stats`` listing: (keyword, documents, occurrences),
    and first ``("", total documents, 0)``."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("total-documents:"):
                yield "", int(line.split(":")[1]), 0
            elif line.startswith("keyword,docs,hits,offset"):
                break
        for line in fh:
            keyword, docs, hits, _offset = line.rstrip("\n").rsplit(",", 3)
            yield keyword, int(docs), int(hits)


def rebuild(directory: pathlib.Path, dumps: Iterable[str | pathlib.Path]) -> None:
    """Write ``directory/vocabulary.sqlite`` from the dictionary dumps (replacing it atomically).

    Each keyword's counts are summed over the dumps first, then its kind read once (a keyword is
    one (kind, term)); the rows go in in the table's key order, so that SQLite appends to its
    B-tree instead of inserting at random (31k articles, 427,178 terms: 1.88 -> 1.55 CPU s, of
    which SQLite's inserts are ~0.7)."""
    counts: dict[str, list[int]] = {}  # keyword -> [documents, occurrences]
    documents = 0
    for dump in dumps:
        for keyword, docs, hits in read_dump(dump):
            if not keyword:
                documents += docs
            elif (seen := counts.get(keyword)) is None:
                counts[keyword] = [docs, hits]
            else:
                seen[0] += docs
                seen[1] += hits
    rows = sorted((*kt, n, hits) for keyword, (n, hits) in counts.items() if (kt := kind_of(keyword)) is not None)
    tmp = directory / (FILE + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    with db:
        db.execute("CREATE TABLE terms (kind TEXT, term TEXT, df INTEGER, cf INTEGER, PRIMARY KEY (kind, term))"
                   " WITHOUT ROWID")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER)")
        db.execute("INSERT INTO meta VALUES ('documents', ?)", (documents,))
        db.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)", rows)
    db.close()
    tmp.replace(directory / FILE)


class Vocabulary:
    """Read access to a cluster's vocabulary file (reopened when an import replaced it)."""

    def __init__(self, directory: pathlib.Path) -> None:
        self.path = directory / FILE
        self._db: sqlite3.Connection | None = None
        self._mtime = 0.0

    def _conn(self) -> sqlite3.Connection | None:
        try:
            mtime = self.path.stat().st_mtime
        except OSError:
            return None
        if self._db is None or mtime != self._mtime:
            # The old connection is left to the garbage collector, not closed: another thread
            # may still be reading from it (a serving process's threads share this object).
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._mtime = mtime
        return self._db

    def doc_frequency(self, kind: str, term: str) -> int:
        db = self._conn()
        if db is None:
            return 0
        row = db.execute("SELECT df FROM terms WHERE kind = ? AND term = ?", (kind, term)).fetchone()
        return row[0] if row else 0

    def frequency(self, kind: str, term: str) -> int:
        """Occurrences of ``term`` over all documents (0 when unknown)."""
        db = self._conn()
        if db is None:
            return 0
        row = db.execute("SELECT cf FROM terms WHERE kind = ? AND term = ?", (kind, term)).fetchone()
        return row[0] if row else 0

    def documents(self) -> int:
        """Documents the dictionaries counted (a replaced one twice until its delta is folded)."""
        db = self._conn()
        row = db.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone() if db else None
        return row[0] if row else 0

    def expand_prefix(self, kind: str, prefix: str) -> Iterator[str]:
        """Terms of ``kind`` starting with ``prefix``, in lexical order."""
        db = self._conn()
        if db is None:
            return iter(())
        rows = db.execute("SELECT term FROM terms WHERE kind = ? AND term >= ? AND term < ? ORDER BY term",
                          (kind, prefix, prefix + "\U0010ffff"))
        return (t for (t,) in rows)

    def documents_by_term(self, kinds: tuple[str, ...], min_docs: int = 0) -> dict[str, int]:
        """Term → its documents, added over ``kinds`` (the title's and the body's exact forms),
        for the terms in ``min_docs`` or more."""
        db = self._conn()
        if db is None:
            return {}
        marks = ", ".join("?" for _ in kinds)
        rows = db.execute(f"SELECT term, SUM(df) AS n FROM terms WHERE kind IN ({marks}) GROUP BY term HAVING n >= ?",
                          (*kinds, min_docs))
        return {str(t): int(n) for t, n in rows}

    def prefix_frequencies(self, kind: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        """The first ``limit`` terms of ``kind`` starting with ``prefix``, with their documents."""
        db = self._conn()
        if db is None:
            return []
        rows = db.execute("SELECT term, df FROM terms WHERE kind = ? AND term >= ? AND term < ? ORDER BY term LIMIT ?",
                          (kind, prefix, prefix + "\U0010ffff", limit))
        return [(str(t), int(n)) for t, n in rows]

    def terms_within(self, kind: str, term: str, maxdist: int, prefix: int = 0,
                     stop: Callable[[], bool] | None = None) -> Iterator[str]:
        """Terms within ``maxdist`` edits (:mod:`search.edits`, as the Whoosh backend counts them)
        that share the first ``prefix`` characters of ``term``; the scan ends early once
        ``stop()`` (asked every :data:`STOP_EVERY` terms looked at) says so."""
        reach = edits.swapped(term, maxdist, prefix)
        for n, cand in enumerate(self.expand_prefix(kind, term[:prefix])):
            if stop is not None and n % STOP_EVERY == 0 and stop():
                return
            if abs(len(cand) - len(term)) <= maxdist and (cand in reach or edits.close(term, cand, maxdist)):
                yield cand

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

