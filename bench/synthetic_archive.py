"""A synthetic archive as a JSON Lines file, for both backends to import through ``fahras index``
(issue 18 item 8: both backends on the same articles, side by side).

The articles are :mod:`bench.sphinx_synthetic`'s (the same composition, the same seed, the same
ids): article *i* has the title, date, source, section, author, url and tags of real article
*i mod n* and a body of as many paragraphs as it, taken in runs from 2-4 real articles. That
script feeds its analysed paragraphs straight into a Sphinx cluster (no analysis, no
near-duplicate keys); this one writes the text, so that each backend's real import analyses it,
near-duplicate keys and rejects included, and the two imports are measured on the same file.

    python bench/synthetic_archive.py ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz \
        --docs 100000 --out var/bench/syn100k.jsonl [--seed 1]

Prints what makes the file realistic or not: unique ids, the dates' span, sources, how often a
title repeats, body sizes. Never commit the output (real articles' text).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sphinx_synthetic import composed_record, composition, real_records, text_articles  # noqa: E402


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def synthetic_records(articles: list[dict[str, Any]], docs: int, seed: int) -> Iterator[dict[str, Any]]:
    """The source records of synthetic articles ``0 .. docs-1`` composed from ``articles``
    (:func:`bench.sphinx_synthetic.text_articles`), as JSON-ready dicts (dates in ISO 8601)."""
    for i in range(docs):
        base, chosen = composition(i, seed, articles)
        record = composed_record(i, base, chosen)
        yield {k: _plain(v) for k, v in record.items() if v not in (None, [], "")}


def summary(records: Iterator[dict[str, Any]], write: Any = None) -> dict[str, Any]:
    """Checks of the records (each passed to ``write`` first, if given): counts, duplicates of
    id, the dates' span, the sources, titles' repetition, body lengths."""
    ids: set[str] = set()
    dup = 0
    dates: list[str] = []
    sources: Counter = Counter()
    titles: Counter = Counter()
    lengths: list[int] = []
    for r in records:
        if write is not None:
            write(r)
        dup += r["id"] in ids
        ids.add(r["id"])
        if r.get("date"):
            dates.append(r["date"])
        sources[r.get("source")] += 1
        titles[r.get("title")] += 1
        lengths.append(len(r.get("body", "")))
    return {
        "records": len(lengths), "duplicate_ids": dup, "with_date": len(dates),
        "dates": [min(dates), max(dates)] if dates else None,
        "sources": len(sources), "top_sources": sources.most_common(3),
        "distinct_titles": len(titles), "max_title_repeats": max(titles.values(), default=0),
        "body_chars": {"median": statistics.median(lengths) if lengths else 0, "max": max(lengths, default=0)},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--out", type=pathlib.Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    articles = text_articles(real_records(args.source))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        def write(r: dict[str, Any]) -> None:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

        facts = summary(synthetic_records(articles, args.docs, args.seed), write)
    facts["bases"] = len(articles)
    facts["mb"] = round(args.out.stat().st_size / 2**20)
    print(json.dumps(facts, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
