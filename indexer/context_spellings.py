"""The minority-spelling table of a Whoosh index, mined at the end of each import and kept beside it.

:mod:`analyzers.context_spellings` decides which rule pairs are one word from the words around
them; that needs the texts, not the vocabulary, so it is not asked at query time (where a first
search would pay seconds) but here, once per import: the vocabulary and the dictionary give the
candidate pairs, a bounded sample of each stem's documents (their stored title and body) gives the
contexts. The table is a small JSON file, ``fahras-spellings.json``, keyed by the analyzer version
and the index generation it was mined at; the query side (:mod:`search.expansion`) reads its
families. The same file carries the completion table of the index's commonest prefixes
(:mod:`indexer.completions`), mined alongside from the exact vocabulary.
``fahras spellings`` mines it again for an existing index (and writes every measured
pair as TSV, to read them). A delete leaves the table as it is: the pairs stay one word. An
import mines it again only when the archive has changed size by :data:`REMINE_SHARE` since (a
day's articles do not change a large archive's pairs, and the mining reads the whole vocabulary
and up to 360,000 articles), and a mining that fails is a note, not a failed import: the
documents are committed and searchable either way.
"""

from __future__ import annotations

import itertools
import json
import os
import pathlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.index import Index

from analyzers import context_spellings
from analyzers.pipeline import ANALYZER_VERSION
from indexer import store
from indexer.completions import frequent_prefixes
from indexer.lock import RunLock
from indexer.schema import BODY, BODY_EXACT, TITLE, TITLE_EXACT
from indexer.store import open_index

SPELLINGS_FILE = "fahras-spellings.json"
# An import mines the table again once the documents have grown or shrunk by this share of those
# it was mined on (or when there is no table of this analysis).
REMINE_SHARE = 0.1
# What the table's measures are: a table of an older one is mined again by the next import, however
# small (2: rule pairs kept apart by their adjective uses too, analyzers/adjective_forms.py;
# 3: the rules pair a doubled و or ي with the letter written once, so there are new pairs to test;
# 4: a lower bar for a dictionary spelling no Arabic pattern reads, analyzers/context_spellings.py).
TABLE_VERSION = 4


def vocabulary(reader: Any, min_docs: int = context_spellings.MIN_DOCS) -> dict[str, int]:
    """Stem → documents (the title's or the body's count, the larger) for the stems of the text
    fields in at least ``min_docs`` documents. Summed segment by segment: Whoosh's multi-segment
    term iterator merges the segments' lists in Python, ten times the CPU (21 s against 1.8 s for
    the 31k index's body field)."""
    out: dict[str, int] = {}
    for field in (BODY, TITLE):
        for term, n in _field_documents(reader, field).items():
            if n >= min_docs:
                out[term] = max(out.get(term, 0), n)
    return out


def exact_documents(reader: Any) -> dict[str, int]:
    """Exact form → its documents, the title's and the body's counts added (as autocomplete adds
    them)."""
    out: dict[str, int] = {}
    for field in (TITLE_EXACT, BODY_EXACT):
        for term, n in _field_documents(reader, field).items():
            out[term] = out.get(term, 0) + n
    return out


def _field_documents(reader: Any, field: str) -> dict[str, int]:
    """Term → its documents in ``field``, summed segment by segment (see :func:`vocabulary`)."""
    counts: dict[bytes | str, int] = {}
    for leaf, _offset in reader.leaf_readers():
        for term, info in leaf.iter_field(field):
            counts[term] = counts.get(term, 0) + info.doc_frequency()
    return {(t.decode("utf-8") if isinstance(t, bytes) else t): n for t, n in counts.items()}


def measure(reader: Any, forms: dict[str, int] | None = None) -> list[context_spellings.Pair]:
    """Every candidate pair of the index's vocabulary with its contexts' cosine (and, given
    ``forms``, :func:`exact_documents`, the rule pairs' adjective uses)."""

    def sample(stem: str, n: int) -> list[int]:
        for field in (BODY, TITLE):
            if (field, stem) in reader:
                return list(itertools.islice(reader.postings(field, stem).all_ids(), n))
        return []

    def stems_of(docnum: int) -> Iterator[list[str]]:
        stored = reader.stored_fields(docnum)
        return context_spellings.stems_of_texts((stored.get(TITLE) or "", stored.get(BODY) or ""))

    return context_spellings.mine(vocabulary(reader), sample, stems_of, forms)


def write(index_dir: str | pathlib.Path, pairs: list[context_spellings.Pair], documents: int,
          generation: int, seconds: float, completions: dict[str, list[tuple[str, int]]] | None = None) -> None:
    """The table file, written whole or not at all (a reader sees the old table or the new);
    ``completions``: :func:`indexer.completions.frequent_prefixes` of the same index."""
    accepted = [p for p in pairs if p.accepted]
    data = {
        "analyzer_version": ANALYZER_VERSION,
        "table_version": TABLE_VERSION,
        "generation": generation,
        "documents": documents,
        "measured": len(pairs),
        "seconds": round(seconds, 1),
        "pairs": [[p.unlisted, p.listed, p.docs_unlisted, p.docs_listed, p.contexts_unlisted, p.contexts_listed, round(p.cosine, 3)]
                  for p in accepted],
        "families": context_spellings.families(accepted),
        "apart": [[p.unlisted, p.listed] for p in pairs if p.apart],
        "completions": {prefix: [[t, n] for t, n in terms] for prefix, terms in (completions or {}).items()},
    }
    path = pathlib.Path(index_dir) / SPELLINGS_FILE
    tmp = path.with_name(f".{SPELLINGS_FILE}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def stamp(directory: str | pathlib.Path) -> tuple[int, int] | None:
    """The table file's (modification time, size), or None without one: what a running server
    compares to see a table mined again (``fahras spellings``, or an import whose table lands after
    the index it was mined from)."""
    try:
        st = (pathlib.Path(directory) / SPELLINGS_FILE).stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def due(directory: str | pathlib.Path, documents: int) -> bool:
    """Whether an import into an archive of ``documents`` should mine the table again."""
    data = _load(directory)
    if data is None or data.get("table_version") != TABLE_VERSION:
        return True
    mined = data.get("documents")
    if not isinstance(mined, int) or mined <= 0:
        return True
    return abs(documents - mined) >= REMINE_SHARE * mined


def after_import(directory: str | pathlib.Path, documents: int, mine: Callable[[], object],
                 again: str) -> str | None:
    """The import's last step: ``mine`` the table when :func:`due`; a failure comes back as a note
    for the user (``again`` says how to mine it later), since the batches are committed."""
    if not due(directory, documents):
        return None
    try:
        mine()
    except Exception as err:  # noqa: BLE001 - whatever went wrong, the import itself succeeded
        return f"note: the spelling table was left as it was ({type(err).__name__}: {err}); {again}"
    return None


def build(ix: Index, index_dir: str | pathlib.Path) -> list[context_spellings.Pair]:
    """Mine the index's table and write it beside the index (the caller holds the run lock)."""
    started = time.perf_counter()
    with ix.reader() as reader:
        exact = exact_documents(reader)
        pairs = measure(reader, exact)
        documents = reader.doc_count()
        completions = frequent_prefixes(exact)
    write(index_dir, pairs, documents, ix.latest_generation(), time.perf_counter() - started, completions)
    return pairs


def rebuild_spellings(index_dir: str | pathlib.Path, wait: float = 0.0) -> list[context_spellings.Pair]:
    """Mine an existing index's table again, under the run lock (``fahras spellings``)."""
    if not store.exists(index_dir):  # before the lock, which would make the missing directory
        open_index(index_dir)  # raises the usual "no Fahras index" error
    with RunLock(index_dir, command=" ".join(sys.argv)).acquire(wait):
        ix = open_index(index_dir)
        try:
            return build(ix, index_dir)
        finally:
            ix.close()


def write_pairs_tsv(path: str | pathlib.Path, pairs: list[context_spellings.Pair]) -> None:
    """Every measured pair, the most alike first: the dictionary pairs (``accepted``: joined),
    then the rules' own pairs (``apart``: kept apart; ``listed`` is then the second spelling;
    ``adjective``: apart by their adjective uses)."""
    lines = ["unlisted\tlisted\tdocs_unlisted\tdocs_listed\tcontexts_unlisted\tcontexts_listed\tcosine\taccepted"
             "\tkind\tapart\tadjective"]
    lines += [f"{p.unlisted}\t{p.listed}\t{p.docs_unlisted}\t{p.docs_listed}\t{p.contexts_unlisted}"
              f"\t{p.contexts_listed}\t{p.cosine:.3f}\t{int(p.accepted)}\t{'rules' if p.rules else 'dictionary'}"
              f"\t{int(p.apart)}\t{int(p.adjective)}"
              for p in sorted(pairs, key=lambda p: (p.rules, -p.cosine, p.unlisted))]
    pathlib.Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _load(index_dir: str | pathlib.Path) -> dict[str, Any] | None:
    """The table file's contents; None when there is none or it was mined by another analysis
    (its stems would not be this index's terms)."""
    try:
        data = json.loads((pathlib.Path(index_dir) / SPELLINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("analyzer_version") != ANALYZER_VERSION:
        return None
    return data


def read_apart(index_dir: str | pathlib.Path) -> frozenset[tuple[str, str]]:
    """The rule pairs the index's table keeps apart, each as (a, b) with a < b; empty when there
    is none (a table mined before they were measured keeps every rule pair)."""
    data = _load(index_dir) or {}
    pairs = data.get("apart")
    if not isinstance(pairs, list):
        return frozenset()
    return frozenset((min(map(str, p)), max(map(str, p))) for p in pairs if isinstance(p, list) and len(p) == 2)


def read_completions(index_dir: str | pathlib.Path) -> dict[str, list[tuple[str, int]]]:
    """Prefix → its most frequent exact forms with their documents (:mod:`indexer.completions`);
    empty when there is no table or it predates them."""
    data = _load(index_dir) or {}
    table = data.get("completions")
    if not isinstance(table, dict):
        return {}
    try:
        return {str(prefix): [(str(t), int(n)) for t, n in terms]
                for prefix, terms in table.items() if isinstance(terms, list)}
    except (TypeError, ValueError):  # a table edited by hand: autocomplete reads the terms itself
        return {}


def read(index_dir: str | pathlib.Path) -> dict[str, tuple[str, ...]]:
    """Stem → its other spellings, from the index's table; empty when there is none."""
    data = _load(index_dir) or {}
    families = data.get("families")
    if not isinstance(families, dict):
        return {}
    return {str(k): tuple(str(x) for x in v) for k, v in families.items() if isinstance(v, list)}
