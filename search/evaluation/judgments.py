"""Topics (TSV with a header) and graded judgments (TREC qrels), as ``fahras eval`` reads them."""

from __future__ import annotations

import csv
import pathlib
from dataclasses import dataclass


@dataclass
class Topic:
    qid: str
    query: str
    criterion: str = ""


def read_topics(path: str | pathlib.Path) -> list[Topic]:
    """Topics TSV with a header (``qid``, ``query``, ``criterion``)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if not rows.fieldnames or "qid" not in rows.fieldnames or "query" not in rows.fieldnames:
            raise ValueError(f"{path}: a TSV with a header naming at least qid and query")
        return [Topic(r["qid"], r["query"], r.get("criterion") or "") for r in rows]


def read_qrels(path: str | pathlib.Path) -> dict[str, dict[str, int]]:
    """TREC qrels (``qid 0 docid grade``) → {qid: {docid: grade}}."""
    qrels: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 4:
                raise ValueError(f"{path}:{n}: expected 'qid 0 docid grade'")
            qrels.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    return qrels
