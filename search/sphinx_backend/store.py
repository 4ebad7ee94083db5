"""The side store of one shard: each document's original fields and analysed tokens, by 64-bit id.

Why a side store and not Sphinx string attributes (measured, docs/scaling.md): a plain index loads
every string attribute into each searchd's memory, and the originals are most of the data; they
are read only for the ten hits of a page and the document page, which SQLite answers from disk in
well under a millisecond. The analysed tokens are kept too, so that folding a delta into a new
``main`` re-runs ``indexer`` on stored tokens instead of the Arabic analysis (the costly part).

Generations: every import or delete that changes the shard gets the next generation number. The
``main`` index holds the documents up to ``main_gen``; the ``delta`` index holds those changed
after it, and its kill-list (every id changed or deleted after ``main_gen``) hides their old
copies in ``main``. SQLite commits are durable before ``indexer`` runs, so a crash of ``searchd``
or of the import loses nothing that was committed: re-building the indexes from the store is
always possible (``fahras index`` does it when it finds a store ahead of its indexes).
"""

from __future__ import annotations

import json
import pathlib
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from isal import isal_zlib

from indexer.parts import part_bounds
from indexer.schema import BODY, NEAR, PART_STARTS, SKETCH, STORY

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    num INTEGER PRIMARY KEY,      -- the 64-bit document id Sphinx knows
    id TEXT NOT NULL UNIQUE,      -- the document's own id
    gen INTEGER NOT NULL,         -- generation that last wrote it
    sketch TEXT NOT NULL,         -- its near-duplicate sketch ('' for a short one), before the
                                  -- large columns: an import reads it for each loose key's match
    doc TEXT NOT NULL,            -- original fields as JSON (Document's fields)
    tokens BLOB NOT NULL          -- zlib'd JSON of the analysed fields and attributes
);
CREATE INDEX IF NOT EXISTS docs_gen ON docs (gen);
-- A body longer than one part (indexer/parts.py): doc holds part 1 and part_starts, this the rest.
CREATE TABLE IF NOT EXISTS parts (
    num INTEGER NOT NULL,
    part INTEGER NOT NULL,        -- 2, 3, ...
    text TEXT NOT NULL,
    PRIMARY KEY (num, part)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tombstones (num INTEGER PRIMARY KEY, gen INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- each live document's near-duplicate keys and story (indexer/stories.py looks a key up here)
CREATE TABLE IF NOT EXISTS near (key TEXT NOT NULL, num INTEGER NOT NULL, story TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS near_key ON near (key);
CREATE INDEX IF NOT EXISTS near_num ON near (num);
"""


def pack(tokens: dict[str, Any]) -> bytes:
    """The zlib'd JSON of a document's analysed fields. ISA-L's level 1 writes the same format as
    the standard library's ``zlib`` (which reads it, as :func:`unpack` reads rows zlib wrote) in
    a third of its time, 5% smaller (8,000 articles: 0.031 ms a row against 0.095, 23.9 MB
    against 25.2); its level 0 is a third faster again but 12% larger."""
    return isal_zlib.compress(json.dumps(tokens, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def unpack(blob: bytes) -> dict[str, Any]:
    """:func:`pack`'s fields back (the feed reads every row: ISA-L inflates in half zlib's time)."""
    return json.loads(isal_zlib.decompress(blob))


class Row(NamedTuple):
    """One document as the store keeps it (:func:`packed`): made where the analysis runs, so that
    the import's one parent process only writes it (the JSON and zlib of a row cost the parent
    ~0.14 ms an article, as much as the rest of its writing)."""

    num: int
    id: str
    doc: str  # the originals as JSON, a long body cut to its first part (:func:`split_body`)
    tokens: bytes  # :func:`pack` of the analysed fields and attributes
    parts: list[str]  # the long body's other parts
    near: str  # the near-duplicate keys, space-separated
    story: str
    sketch: str  # what a loose key's candidates are checked with (indexer.nearduplicates.Sketch)


def packed(num: int, doc_id: str, doc: dict[str, Any], tokens: dict[str, Any]) -> Row:
    """The row of a document's number, id, originals and analysed fields."""
    doc, parts = split_body(doc)
    return Row(num, doc_id, json.dumps(doc, ensure_ascii=False), pack(tokens), parts, doc.get(NEAR) or "",
               doc.get(STORY, doc_id), doc.get(SKETCH) or "")


def split_body(doc: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A document's originals with a long body cut (:mod:`indexer.parts`): part 1 in ``body``
    and the parts' character offsets in ``part_starts``; and the other parts' texts. Reading a
    page, its similar articles or a hit's snippet then reads one part, not the whole body."""
    body = doc.get(BODY) or ""
    starts = part_bounds(body)
    if len(starts) == 1:
        return doc, []
    ends = [*starts[1:], len(body)]
    return ({**doc, BODY: body[: starts[1]], PART_STARTS: starts},
            [body[a:b] for a, b in zip(starts[1:], ends[1:], strict=True)])


class Store:
    """One shard's SQLite file (WAL mode: the importer writes while searches read)."""

    def __init__(self, path: str | pathlib.Path, cache_mib: int = 0) -> None:
        """``cache_mib``: SQLite's page cache for this connection, when more than its 2 MiB."""
        self.path = pathlib.Path(path)
        self.db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        if cache_mib:
            self.db.execute(f"PRAGMA cache_size=-{int(cache_mib) * 1024}")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- generations ----------------------------------------------------------------------
    def get(self, key: str, default: int = 0) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else default

    def set(self, key: str, value: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(value)))

    @property
    def gen(self) -> int:
        """The latest committed generation."""
        return self.get("gen")

    @property
    def main_gen(self) -> int:
        """The generation the ``main`` index was built at."""
        return self.get("main_gen")

    # -- versions --------------------------------------------------------------------------
    def versions(self) -> dict[str, str]:
        rows = self.db.execute("SELECT key, value FROM meta WHERE key LIKE '%version'").fetchall()
        return dict(rows)

    def check_versions(self, expected: dict[str, object], where: str) -> None:
        """Raise ``IndexVersionError`` when the store holds documents analysed by other code;
        an empty store takes ``expected``."""
        found = self.versions()
        if not found:
            if self.count() == 0:
                with self.db:
                    for key, value in expected.items():
                        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, str(value)))
            return
        wrong = {k: found.get(k) for k, v in expected.items() if found.get(k) != str(v)}
        if wrong:
            from indexer.errors import IndexVersionError

            raise IndexVersionError(
                f"the cluster at {where} was built with {', '.join(f'{k}={v!r}' for k, v in wrong.items())}, "
                f"but this Fahras needs {', '.join(f'{k}={expected[k]!r}' for k in wrong)}. Re-index: stop "
                f"it, remove {where}, start a new cluster and import the sources again."
            )

    # -- writing ---------------------------------------------------------------------------
    def write(self, rows: Iterable[tuple[int, str, dict, dict]], gen: int) -> tuple[int, int]:
        """Insert or replace ``(num, id, doc, tokens)`` rows at generation ``gen`` in one commit;
        (added, replaced)."""
        return self.write_packed([packed(*row) for row in rows], gen)

    def write_packed(self, rows: Iterable[Row], gen: int) -> tuple[int, int]:
        """:meth:`write` of rows packed already (:func:`packed`).

        One statement per table for the whole batch (``executemany``) rather than seven a row
        (59,243 statements for 3,000 articles): the same rows, in the same order."""
        added = replaced = 0
        latest: dict[int, Row] = {}  # the last row of a number wins
        with self.db:
            rows = list(rows)
            known = dict(self._rows_of("num, id", [row.num for row in rows]))
            for row in rows:
                old = known.get(row.num)
                if old is not None and old != row.id:
                    raise ValueError(f"ids {old!r} and {row.id!r} hash to the same 64-bit number")
                replaced += old is not None
                added += old is None
                known[row.num] = row.id
                latest.pop(row.num, None)
                latest[row.num] = row
            nums = [(num,) for num in latest]
            self.db.executemany("INSERT OR REPLACE INTO docs (num, id, gen, sketch, doc, tokens) VALUES (?, ?, ?, ?, ?, ?)",
                                [(row.num, row.id, gen, row.sketch, row.doc, row.tokens) for row in latest.values()])
            for table in ("parts", "tombstones", "near"):
                self.db.executemany(f"DELETE FROM {table} WHERE num = ?", nums)
            self.db.executemany("INSERT INTO parts (num, part, text) VALUES (?, ?, ?)",
                                [(row.num, n, text) for row in latest.values() for n, text in enumerate(row.parts, start=2)])
            self.db.executemany("INSERT INTO near (key, num, story) VALUES (?, ?, ?)",
                                [(key, row.num, row.story) for row in latest.values() for key in row.near.split()])
            self.set("gen", max(gen, self.gen))
        return added, replaced

    def stories_with(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """Each near-duplicate key's stories among this store's documents (keys none has are left
        out), in the order they were written: 500 keys a statement rather than one."""
        found: dict[str, list[str]] = {}
        for key, story in self._rows_where("near", "key, story", "key", keys, order="key, rowid"):
            found.setdefault(key, []).append(story)
        return found

    def sketches_with(self, keys: Iterable[str], most: int) -> dict[str, list[tuple[str, str]]]:
        """Each loose near-duplicate key's (story, sketch) among this store's documents, at most
        ``most`` a key, in the order they were written. The sketch is a column of its own, ahead
        of the originals: read out of their JSON (``json_extract``) it parsed each match's body,
        a sixth of the import's parent at 100k articles (docs/scaling.md)."""
        found: dict[str, list[tuple[str, str]]] = {}
        rows = self._rows_where("near JOIN docs USING (num)", "key, story, docs.sketch",
                                "key", keys, order="key, near.rowid")
        for key, story, sketch in rows:
            entries = found.setdefault(key, [])
            if len(entries) < most:
                entries.append((story, sketch or ""))
        return found

    def delete(self, nums: Iterable[int], gen: int) -> list[int]:
        """Delete documents by number in one commit; the numbers that were there."""
        gone = []
        with self.db:
            for num in nums:
                if self.db.execute("DELETE FROM docs WHERE num = ?", (num,)).rowcount:
                    gone.append(num)
                    self.db.execute("DELETE FROM parts WHERE num = ?", (num,))
                    self.db.execute("DELETE FROM near WHERE num = ?", (num,))
                    self.db.execute("INSERT OR REPLACE INTO tombstones (num, gen) VALUES (?, ?)", (num, gen))
            if gone:
                self.set("gen", max(gen, self.gen))
        return gone

    def mark_built(self, main_gen: int | None, built_gen: int) -> None:
        """Record what the indexes now hold: ``main`` up to ``main_gen`` (None: unchanged), the
        delta up to ``built_gen``."""
        with self.db:
            if main_gen is not None:
                self.set("main_gen", main_gen)
                self.db.execute("DELETE FROM tombstones WHERE gen <= ?", (main_gen,))
            self.set("built_gen", built_gen)

    # -- reading ---------------------------------------------------------------------------
    def count(self, after_gen: int | None = None) -> int:
        if after_gen is None:
            return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM docs WHERE gen > ?", (after_gen,)).fetchone()[0]

    def tokens(self, after_gen: int = 0) -> Iterator[tuple[int, dict]]:
        """(num, tokens) of the documents written after ``after_gen``, by number.

        A delta's documents (``after_gen`` > 0: at most a quarter of the main's, none right after a
        fold) are found by their generation's index and sorted (``ORDER BY +num``); ordering by
        the table's own key made SQLite read the whole table (``SCAN docs``): minutes for an
        empty delta at 1M. The main reads every row, in the table's order."""
        order = "num" if after_gen <= 0 else "+num"
        cur = self.db.execute(f"SELECT num, tokens FROM docs WHERE gen > ? ORDER BY {order}", (after_gen,))
        for num, blob in cur:
            yield num, unpack(blob)

    def killed(self, after_gen: int) -> list[int]:
        """Numbers changed or deleted after ``after_gen``: the delta's kill-list."""
        changed = self.db.execute("SELECT num FROM docs WHERE gen > ?", (after_gen,)).fetchall()
        dead = self.db.execute("SELECT num FROM tombstones WHERE gen > ?", (after_gen,)).fetchall()
        return sorted({n for (n,) in changed} | {n for (n,) in dead})

    def documents(self, nums: Iterable[int]) -> dict[int, dict]:
        """Original fields of the given numbers (absent ones left out)."""
        return {num: json.loads(doc) for num, doc in self._rows_of("num, doc", nums)}

    def present(self, nums: Iterable[int]) -> set[int]:
        """Which of the numbers the store holds (their originals unread: an index look-up)."""
        return {num for (num,) in self._rows_of("num", nums)}

    def _rows_of(self, columns: str, nums: Iterable[int]) -> Iterator[tuple]:
        """``columns`` of the documents numbered ``nums``, 500 numbers a statement."""
        return self._rows_where("docs", columns, "num", nums)

    def _rows_where(self, table: str, columns: str, column: str, values: Iterable, order: str = "") -> Iterator[tuple]:
        """``columns`` of ``table``'s rows whose ``column`` is one of ``values``, 500 values a
        statement (SQLite's bound on parameters), each statement's rows in ``order``."""
        values = list(values)
        for i in range(0, len(values), 500):
            part = values[i : i + 500]
            yield from self.db.execute(f"SELECT {columns} FROM {table} WHERE {column} IN ({','.join('?' * len(part))})"
                                       f"{' ORDER BY ' + order if order else ''}", part)

    def body_part(self, num: int, part: int) -> str | None:
        """Part ``part`` (2 or more) of a long body (:func:`split_body`); None when absent."""
        row = self.db.execute("SELECT text FROM parts WHERE num = ? AND part = ?", (num, part)).fetchone()
        return row[0] if row else None

    def number_of(self, doc_id: str) -> int | None:
        row = self.db.execute("SELECT num FROM docs WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def tokens_of(self, nums: Iterable[int]) -> dict[int, dict]:
        """The analysed fields of the given numbers, as ``indexer`` was fed them (absent ones left
        out): re-scoring counts a query's keywords in them (:mod:`.rescore`)."""
        return {num: unpack(blob) for num, blob in self._rows_of("num, tokens", nums)}
