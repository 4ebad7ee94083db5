"""What reading a loose near-duplicate key's sketches costs the import, from its column or its JSON.

An import looks up each article's loose keys (:meth:`Store.sketches_with`) in every shard's store
and checks the sketches of the articles found. Until Sphinx layout 7 the sketch was read out of
each match's originals with SQLite's ``json_extract``, which parses the whole JSON, body and all;
since then it is a column of its own, ahead of the large ones. The originals still hold it, so one
store answers both: this replays every loose key of a store, in written order, 500 keys a
statement as the import asks them, the two ways alternating, best of ``--rounds``, CPU seconds.
A finished store finds every article sharing a key (the import, earlier articles only): the
figures are an upper bound of the import's, their ratio its.

    python bench/sketch_lookups.py --store DIR/shard0/store.sqlite [--rounds 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections.abc import Iterator

from indexer.schema import SKETCH

ROADS = {"json_extract (layout 6)": f"json_extract(doc, '$.{SKETCH}')", "column (layout 7)": "docs.sketch"}
STATEMENT_KEYS = 500  # SQLite's bound on a statement's parameters, as Store._rows_where asks


def lookups(db: sqlite3.Connection, keys: list[str], column: str) -> Iterator[tuple[str, str, str]]:
    """(key, story, sketch) of every article having one of ``keys``, the sketch read by ``column``."""
    for i in range(0, len(keys), STATEMENT_KEYS):
        part = keys[i : i + STATEMENT_KEYS]
        yield from db.execute(f"SELECT key, story, {column} FROM near JOIN docs USING (num) "
                              f"WHERE key IN ({','.join('?' * len(part))}) ORDER BY key, near.rowid", part)


def replay(db: sqlite3.Connection, keys: list[str], column: str) -> tuple[float, int]:
    """CPU seconds and rows of looking every key up, the sketch read by ``column``."""
    started = time.process_time()
    rows = sum(1 for _ in lookups(db, keys, column))
    return time.process_time() - started, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="a shard's store.sqlite (layout 7 or later)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
    db.execute("PRAGMA cache_size=-65536")  # the import's (importer.WRITE_CACHE_MIB)
    keys = [key for (key,) in db.execute("SELECT key FROM near WHERE key LIKE 'x%' ORDER BY rowid")]
    best: dict[str, float] = {}
    found: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, column in ROADS.items():
            seconds, found[name] = replay(db, keys, column)
            best[name] = min(best.get(name, seconds), seconds)
    docs = db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
    print(f"{docs:,} articles, {len(keys):,} loose keys, {next(iter(found.values())):,} matches")
    for name in ROADS:
        print(f"  {name:24} {best[name]:7.2f} CPU s")
    column, extract = (best[name] for name in reversed(list(ROADS)))
    print(f"  ratio (column / json_extract) {column / extract:.2f}")


if __name__ == "__main__":
    main()
