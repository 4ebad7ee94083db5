"""What each recall decision is worth on the development topics (issue 19) → rows for docs/relevance.md.

The Fahras index searched by the real engine with one decision switched at a time: every word
required only (the list ends with the full matches), partial matches after the full ones, spelling
variants of transliterated words and compounds written with or without a space (both at
``variant_weight``), broken plurals, the lead factor (``lead_weight``). Prints a Markdown table.

    python bench/recall.py --index var/eval/fahras [--topics ...] [--qrels ...]
"""

from __future__ import annotations

import argparse
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import Ranking, SearchEngine  # noqa: E402
from search.evaluation import metrics  # noqa: E402
from search.evaluation.judgments import read_qrels, read_topics  # noqa: E402
from search.whoosh_backend import WhooshBackend  # noqa: E402

SHARED = ROOT.parent / "shared"
NO_LEAD = {"lead_weight": 0.0}
OFF = {"variant_weight": 0.0, "plural_weight": 0.0, **NO_LEAD}
DECISIONS = [
    ("AND only (every word required, nothing after)", {"partial_matches": False, **OFF}),
    ("OR of the words (one list)", {"default_op": "or", **OFF}),
    ("AND, then partial matches", OFF),
    ("AND, then partial + spelling variants and compounds", {"plural_weight": 0.0, **NO_LEAD}),
    ("AND, then partial + broken plurals", {"variant_weight": 0.0, **NO_LEAD}),
    ("AND, then partial + variants + broken plurals", NO_LEAD),
    ("**shipped**: the same + the lead factor (`Ranking()`)", {}),
]


def measure(index: pathlib.Path, topics, qrels, change: dict) -> dict:
    engine = SearchEngine(WhooshBackend(index, Ranking(**change)), query_time_limit=None)
    try:
        run = metrics.engine_run(engine, topics)
    finally:
        engine.close()
    return metrics.measure(run, qrels)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=str(ROOT / "var" / "eval" / "fahras"))
    parser.add_argument("--topics", default=str(SHARED / "eval" / "dev" / "topics.tsv"))
    parser.add_argument("--qrels", default=str(SHARED / "eval" / "dev" / "qrels.txt"))
    parser.add_argument("--only", default="", help="Comma-separated row numbers (1-based) to run.")
    args = parser.parse_args()
    topics, qrels = read_topics(args.topics), read_qrels(args.qrels)
    chosen = {int(n) for n in args.only.split(",") if n.strip()}
    print("| decisions | nDCG@10 | Recall@100 | MRR@10 | P@10 |")
    print("|---|---|---|---|---|")
    for n, (label, change) in enumerate(DECISIONS, 1):
        if chosen and n not in chosen:
            continue
        agg = measure(pathlib.Path(args.index), topics, qrels, change)
        print(f"| {label} | " + " | ".join(f"{agg.get(m, 0.0):.3f}" for m in metrics.METRICS) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
