"""What a bounded term-proximity signal inside the tiers is worth on the dev topics (issue 19).

The runtime carries no proximity: this measures whether it should. Each tier of a topic's
full-then-partial list (:mod:`search.coordination`) is ranked as the engine ranks it; its best
``--depth`` documents get a bonus, are sorted again *within the tier* (a partial match never rises
above a full one), and the tiers are laid end to end. The bonus, for a query of two free words or
more, with ``idf`` each word's BM25F idf and a field weight (the title's ``Ranking.title_boost``,
the body's ``body_weight``):

* ``pairs`` (slop s): for each two consecutive typed words, how often the first is followed by the
  second within 1 + s positions, saturated as n / (n + 1), times the rarer word's idf;
* ``span`` (c): the smallest window holding every typed word, in a field that has them all,
  worth Σ idf / (1 + slack / c), slack the positions beyond adjacency (the best field's, times
  its weight: not a sum);
* ``tp`` (d): BM25TP (Rasolofo & Savoy 2003): per word pair, Σ 1/dist² over the occurrence pairs
  within d positions, saturated as k1 (acc) / (k1 + acc)·(k1 + 1), times the rarer word's idf;

times ``weight``. Positions are the stem chain's (a word's stem and its alternatives: the
stemmed fields' terms); the index keeps none for the stemmed fields (``phrase=False``), so they
come from analysing the stored title and body (stop words leave gaps, as in the exact fields).
Settings marked "typed forms" use the typed words' exact forms instead (what the exact fields'
positions hold: «تحرير عدن» finds «تحرير عدن», not «لتحرير عدن»).

To guard against fitting 30 topics, the setting with the best nDCG@10 on the odd-numbered topics is
reported on the even ones and the other way round (again with nDCG@10 on judged articles only: the
pools came from BM25 runs), then the same over many random halvings. Prints Markdown rows and
per-topic deltas.

    python bench/proximity.py --index /work/idx/w31k-ar7
"""

from __future__ import annotations

import argparse
import itertools
import math
import pathlib
import sys
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from heldout import best_on, cross_half, half, held_out, measured, odd_even, table  # noqa: E402,F401

from analyzers.pipeline import analyzer_for  # noqa: E402
from search import Ranking, SearchEngine  # noqa: E402
from search.analysis import paired_terms  # noqa: E402
from search.deadline import Deadline  # noqa: E402
from search.evaluation import metrics  # noqa: E402
from search.evaluation.judgments import read_qrels, read_topics  # noqa: E402
from search.results import SearchRequest  # noqa: E402
from search.whoosh_backend import WhooshBackend  # noqa: E402

SHARED = ROOT.parent / "shared"
RANKING = Ranking()
FIELDS = ("title", "body")


@dataclass(frozen=True)
class Setting:
    kind: str  # pairs, span or tp
    param: int  # slop, slack scale, or largest distance
    weight: float
    body_weight: float
    forms: str = "text"  # the words' positions as stems ("text") or as typed ("exact")

    def __str__(self) -> str:
        name = {"pairs": "slop", "span": "c", "tp": "d"}[self.kind]
        typed = ", typed forms" if self.forms == "exact" else ""
        return f"{self.kind} {name}={self.param}{typed}, body {self.body_weight}, weight {self.weight}"


@dataclass
class Candidate:
    doc: str
    score: float
    positions: dict[tuple[str, str], list[list[int]]]  # (forms, field) → each word's positions


@dataclass
class Topic:
    qid: str
    query: str
    idf: list[float]
    tiers: list[list[Candidate]]


def collect(engine: SearchEngine, topics, depth: int) -> list[Topic]:
    """Each topic's tiers as the engine ranks them (their best ``depth``), with word positions."""
    analysers = {kind: analyzer_for(kind) for kind in ("text", "exact")}
    out = []
    with engine.backend.searcher(Deadline(None)) as s:
        n = s._searcher.doc_count_all()
        for t in topics:
            plan = engine._plan(engine.expanded(t.query))
            words = [{st for st, _ in paired_terms(w.text)} | {o for o, _ in w.alternatives} for w in plan.free]
            typed = [{e for _, e in paired_terms(w.text) if e} for w in plan.free]
            idf = []
            for stems in words:
                df = max((s.doc_frequency(f, st) for f in FIELDS for st in stems), default=0)
                idf.append(math.log(1.0 + (n - df + 0.5) / (df + 0.5)))
            request = SearchRequest(q=t.query, per_page=metrics.DEPTH, collapse=False, autocorrect=False)
            window = engine._window(request)
            tiers, listed = [], 0
            for tree in plan.tiers():
                selection = engine._select(s, tree, request, window)
                cands = []
                for key, score in s.top(selection, 0, min(depth, s.count(selection))):
                    stored = s.stored(key)
                    positions = {}
                    for (kind, analyse), f in itertools.product(analysers.items(), FIELDS):
                        tokens = [(tok.text, tok.pos) for tok in analyse(stored.get(f) or "", positions=True)]
                        forms = words if kind == "text" else typed
                        positions[kind, f] = [[p for text, p in tokens if text in wanted] for wanted in forms]
                    cands.append(Candidate(stored["id"], score, positions))
                tiers.append(cands)
                listed += len(cands)
                if listed >= metrics.DEPTH:
                    break
            out.append(Topic(t.qid, t.query, idf, tiers))
            print(f"{t.qid} {t.query}: {[len(c) for c in tiers]} candidates", file=sys.stderr, flush=True)
    return out


def _pairs(occ: list[list[int]], idf: list[float], slop: int) -> float:
    total = 0.0
    for i in range(len(occ) - 1):
        after = set(occ[i + 1])
        n = sum(1 for p in occ[i] if any(p + d in after for d in range(1, slop + 2)))
        total += min(idf[i], idf[i + 1]) * n / (n + 1.0)
    return total


def _span(occ: list[list[int]], idf: list[float], scale: int) -> float:
    if not all(occ):
        return 0.0
    events = sorted((p, i) for i, ps in enumerate(occ) for p in ps)
    seen: dict[int, int] = {}
    best, lo = None, 0
    for p, i in events:
        seen[i] = seen.get(i, 0) + 1
        while len(seen) == len(occ):
            span = p - events[lo][0]
            best = span if best is None else min(best, span)
            j = events[lo][1]
            seen[j] -= 1
            if not seen[j]:
                del seen[j]
            lo += 1
    slack = max(0, best - (len(occ) - 1))
    return sum(idf) / (1.0 + slack / scale)


def _tp(occ: list[list[int]], idf: list[float], reach: int) -> float:
    k1, total = RANKING.k1, 0.0
    for i, j in itertools.combinations(range(len(occ)), 2):
        acc = sum(1.0 / (p - q) ** 2 for p in occ[i] for q in occ[j] if 0 < abs(p - q) <= reach)
        total += min(idf[i], idf[j]) * (k1 + 1) * acc / (k1 + acc)
    return total


SIGNALS = {"pairs": _pairs, "span": _span, "tp": _tp}


def bonus(topic: Topic, cand: Candidate, setting: Setting) -> float:
    if len(topic.idf) < 2 or not setting.weight:
        return 0.0
    signal = SIGNALS[setting.kind]
    parts = [(weight, signal(cand.positions[setting.forms, f], topic.idf, setting.param))
             for f, weight in zip(FIELDS, (RANKING.title_boost, setting.body_weight), strict=True)]
    if setting.kind == "span":  # the best field's window (times its weight), not a sum
        return setting.weight * max(w * v for w, v in parts)
    return setting.weight * sum(w * v for w, v in parts)


def run(topics: list[Topic], setting: Setting) -> metrics.Run:
    out = {}
    for topic in topics:
        ranked = []
        for tier in topic.tiers:
            ranked += sorted(((c.doc, c.score + bonus(topic, c, setting)) for c in tier), key=lambda x: -x[1])
        out[topic.qid] = ranked[: metrics.DEPTH]
    return out


def figures(topics, qrels, setting) -> tuple[dict, dict]:
    """(aggregate, per topic) measures of ``setting``, judged-only nDCG@10 included (:mod:`heldout`)."""
    return measured(run(topics, setting), qrels)


def grid() -> list[Setting]:
    out = []
    weights = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7)
    for kind, params in (("pairs", (0, 2)), ("span", (1, 3, 10)), ("tp", (5,))):
        for param, body_weight, weight in itertools.product(params, (0.0, 0.3, 1.0), weights):
            out.append(Setting(kind, param, weight, body_weight))
    # the typed forms side by side: what the exact fields' positions give without re-analysis
    typed = (("pairs", 0), ("pairs", 1), ("span", 3), ("tp", 3))
    for (kind, param), body_weight, weight in itertools.product(typed, (0.0, 1.0), weights):
        out.append(Setting(kind, param, weight, body_weight, "exact"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=str(ROOT / "var" / "eval" / "fahras"))
    parser.add_argument("--topics", default=str(SHARED / "eval" / "dev" / "topics.tsv"))
    parser.add_argument("--qrels", default=str(SHARED / "eval" / "dev" / "qrels.txt"))
    parser.add_argument("--depth", type=int, default=300, help="documents re-ranked per tier")
    parser.add_argument("--splits", type=int, default=1000, help="random halvings of the topics")
    args = parser.parse_args()
    qrels = read_qrels(args.qrels)
    engine = SearchEngine(WhooshBackend(args.index, RANKING), query_time_limit=None)
    try:
        topics = collect(engine, read_topics(args.topics), args.depth)
    finally:
        engine.close()
    odd, even = odd_even(t.qid for t in topics)
    rows = [(None, *figures(topics, qrels, Setting("pairs", 0, 0.0, 0.0)))] + [(s, *figures(topics, qrels, s)) for s in grid()]
    print(table(rows, odd, even))
    print()
    cross_half(rows, odd, even)
    print(held_out(rows, sorted(odd | even), args.splits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
