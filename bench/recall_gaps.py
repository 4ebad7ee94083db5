"""Why full-then-partial finds less than OR (issue 19): per topic, the relevant articles in the top
100 of "OR of the words" that the shipped ranking leaves out of its top 100, and why.

Each such article is put in one class: ``below-floor`` (it has fewer than ``minimum_should_match``
of the words, so no tier lists it), ``behind-full`` (it is a partial match and there are 100 full
matches or more ahead of it), ``behind-partial`` (ranked below other partial matches within the
first 100 places' reach), ``full-ranked-low`` (a full match ranked past 100) or ``unmatched``
(none of the words as analysed: an analysis question), with the words it lacks. Prints one line
per topic where the two top-100s differ in relevant articles, then the totals per class.

    python bench/recall_gaps.py --index /work/idx/w31k
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import Ranking, SearchEngine  # noqa: E402
from search.backend import Selection  # noqa: E402
from search.coordination import label  # noqa: E402
from search.deadline import Deadline  # noqa: E402
from search.evaluation.judgments import read_qrels, read_topics  # noqa: E402
from search.syntax import Group  # noqa: E402
from search.whoosh_backend import WhooshBackend  # noqa: E402

SHARED = ROOT.parent / "shared"
DEPTH = 100


def word_sets(engine: SearchEngine, text: str) -> tuple[dict[str, tuple[int, set[str]]], int, int]:
    """Each free word of ``text`` (expanded as search expands it) → how many words the tiers
    count it for (a compound two) and the ids of the documents matching it; the plan's minimum
    and how many full matches there are."""
    tree = engine.expanded(text)
    plan = engine._plan(tree)
    out: dict[str, tuple[int, set[str]]] = {}
    with engine.backend.searcher(Deadline(None)) as s:
        for word in plan.free:
            matching = Selection(s.compile(Group("and", [word], implicit=True), "and"))
            ids = {s.stored(k)["id"] for k, _ in s.top(matching, 0, s.count(matching))}
            out[label(word)] = (2 if isinstance(word, Group) else 1, ids)
        return out, plan.minimum, s.count(Selection(s.compile(plan.full(), "and")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--topics", default=str(SHARED / "eval" / "dev" / "topics.tsv"))
    parser.add_argument("--qrels", default=str(SHARED / "eval" / "dev" / "qrels.txt"))
    args = parser.parse_args()
    topics, qrels = read_topics(args.topics), read_qrels(args.qrels)
    shipped = SearchEngine(WhooshBackend(pathlib.Path(args.index), Ranking()), query_time_limit=None)
    either = SearchEngine(WhooshBackend(pathlib.Path(args.index), Ranking(default_op="or")), query_time_limit=None)
    totals: collections.Counter = collections.Counter()
    try:
        for t in topics:
            relevant = {d for d, g in qrels.get(t.qid, {}).items() if g > 0}
            ours = [d for d, _ in shipped.rank_ids(t.query, 2000)]
            theirs = {d for d, _ in either.rank_ids(t.query, DEPTH)}
            top = set(ours[:DEPTH])
            gap = sorted((theirs - top) & relevant)
            lost = sorted((top - theirs) & relevant)
            if not gap and not lost:
                continue
            sets, minimum, full = word_sets(shipped, t.query)
            classes: collections.Counter = collections.Counter()
            for d in gap:
                has = [w for w, (_, ids) in sets.items() if d in ids]
                if not sets or not has:
                    kind = "unmatched"
                elif sum(sets[w][0] for w in has) < minimum:
                    kind = "below-floor"
                elif len(has) == len(sets):
                    kind = "full-ranked-low"
                elif full >= DEPTH:
                    kind = "behind-full"
                else:
                    kind = "behind-partial"
                missing = [w for w in sets if w not in has]
                classes[kind + (f"(-{'/'.join(missing)})" if missing else "")] += 1
                totals[kind] += 1
            print(f"{t.qid} {t.query}: relevant {len(relevant)}, full matches {full}, "
                  f"OR-only {len(gap)}, ours-only {len(lost)}: {dict(classes)}", flush=True)
    finally:
        shipped.close()
        either.close()
    print("totals:", dict(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
