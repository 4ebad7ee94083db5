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
    """Topics TSV with a header (``qid``, ``query``, ``criterion``); a row without a query or a
    qid given twice is an error naming its line (evaluated, it scored 0 or hid the first)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if not rows.fieldnames or "qid" not in rows.fieldnames or "query" not in rows.fieldnames:
            raise ValueError(f"{path}: a TSV with a header naming at least qid and query")
        topics: list[Topic] = []
        seen: set[str] = set()
        for n, r in enumerate(rows, 2):
            qid, query = (r.get("qid") or "").strip(), (r.get("query") or "").strip()
            if not qid or not query:
                raise ValueError(f"{path}:{n}: a topic needs a qid and a query (tab-separated)")
            if qid in seen:
                raise ValueError(f"{path}:{n}: topic {qid} is given twice")
            seen.add(qid)
            topics.append(Topic(qid, query, r.get("criterion") or ""))
        if not topics:
            raise ValueError(f"{path}: no topics")
        return topics


def read_qrels(path: str | pathlib.Path) -> dict[str, dict[str, int]]:
    """TREC qrels (``qid 0 docid grade``) → {qid: {docid: grade}}."""
    qrels: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 4 or not parts[3].lstrip("-").isdigit():
                raise ValueError(f"{path}:{n}: expected 'qid 0 docid grade' with a whole-number grade")
            qrels.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    if not qrels:
        raise ValueError(f"{path}: no judgments (every metric would be nan)")
    return qrels
