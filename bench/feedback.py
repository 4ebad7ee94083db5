"""What RM3-style pseudo-relevance feedback inside the tiers is worth on the dev topics (issue 19).

The runtime has no feedback: this measures whether it should. For each topic the first pass is
the engine's own ranking, tier by tier (:mod:`search.coordination`: every full match before every
partial one). Its best ``k`` full matches are taken as relevant and a feedback model of their
stems is built; its best ``m`` terms that are not the query's re-score the best ``depth``
documents of each tier, sorted again *within the tier* (a partial match never rises above a
full one), the tiers laid end to end:

* ``rm3``: Lavrenko & Croft's relevance model as RM3 uses it, P(t|R) = Σ_d P(t|d) · P(d|q), with
  P(t|d) the term's share of the document's stems and P(d|q) its first-pass score over the k
  scores' sum;
* ``tfidf``: the term's mean share of the feedback documents times its BM25F idf (Rocchio-like:
  RM3's weights favour the collection's common words, this one the topic's own);

over the stems of the title alone (``title``) or of the title (counted ``Ranking.title_boost``
times) and body (``both``). The m weights are normalised to sum to 1 and each candidate's
feedback score is Σ p(t) · BM25F(t), the engine's own BM25F of that stem over title and body
(:class:`~search.whoosh_backend.bm25f.BM25FTerm`, evaluated by the engine's array scorer within
the candidates). A candidate's new score is its first-pass score + ``weight`` × (free words) ×
feedback: RM3's interpolation of the query (λ) with the model (1 − λ), each query word at λ / |q|,
is this at weight (1 − λ) / λ, the first pass's score staying what the engine computes.

Variants: feedback in the partial tiers only (``partial``: their order is what brings a relevant
partial match into the top 100 when the full matches are few) and a floor (``floor``: no feedback
for a query with fewer than k full matches). The stemmed fields keep no term vectors
(``indexer/schema.py``), so the feedback documents' stems come from analysing their stored title
and body again (:func:`analyzers.terms.field_terms`; a long body's first part, as stored); the
cost of each step is timed per query on the index (``--cost``).

The setting with the best nDCG@10 on one half of the topics is reported on the other
(:mod:`heldout`, shared with ``bench/proximity.py``). Prints Markdown.

    python bench/feedback.py --index /work/idx/w31k-ar7
"""

from __future__ import annotations

import argparse
import itertools
import math
import pathlib
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from heldout import best_on, cross_half, deltas, held_out, measured, no_loss, odd_even, table  # noqa: E402
from whoosh import query as wq  # noqa: E402

from analyzers.terms import field_terms  # noqa: E402
from indexer.schema import BODY, TITLE  # noqa: E402
from search import Ranking, SearchEngine  # noqa: E402
from search.analysis import paired_terms  # noqa: E402
from search.deadline import Deadline  # noqa: E402
from search.evaluation import metrics  # noqa: E402
from search.evaluation.judgments import read_qrels, read_topics  # noqa: E402
from search.results import SearchRequest  # noqa: E402
from search.syntax import words as tree_words  # noqa: E402
from search.whoosh_backend import WhooshBackend  # noqa: E402
from search.whoosh_backend.bm25f import BM25FTerm  # noqa: E402

SHARED = ROOT.parent / "shared"
RANKING = Ranking()
MAX_DEPTH = 1000  # the most documents re-scored per tier in the grid


@dataclass(frozen=True)
class Model:
    """Which feedback terms, at which weights."""

    k: int  # feedback documents: the first pass's best full matches
    m: int  # terms kept
    source: str = "both"  # "title" or "both" (title and body)
    kind: str = "rm3"  # "rm3" or "tfidf"

    def __str__(self) -> str:
        return f"{self.kind} k={self.k} m={self.m} {'title' if self.source == 'title' else 'title+body'}"


@dataclass(frozen=True)
class Setting:
    model: Model
    depth: int  # documents re-scored per tier
    weight: float  # (1 - λ) / λ
    scope: str = "all"  # "all" tiers or the "partial" ones only
    floor: bool = False  # no feedback with fewer than k full matches

    def __str__(self) -> str:
        where = ", partial tiers only" if self.scope == "partial" else ""
        floor = ", floor" if self.floor else ""
        return f"{self.model}, N={self.depth}, weight {self.weight}{where}{floor}"


@dataclass
class Topic:
    qid: str
    query: str
    words: int  # free words (1 for a one-word query): the query's share in RM3's interpolation
    tiers: list[list[tuple[str, float]]]  # each tier's best documents (id, first-pass score)
    full: int  # how many full matches the query has
    feedback: dict[Model, list[np.ndarray]] = field(default_factory=dict)  # per tier, per document
    terms: dict[Model, list[tuple[str, float]]] = field(default_factory=dict)


def query_stems(tree) -> set[str]:
    """Every stem the query's words are looked up as (alternatives included): never a feedback term."""
    return {st for w in tree_words(tree) for st, _ in paired_terms(w.text)} | {
        o for w in tree_words(tree) for o, _ in w.alternatives}


def document_stems(stored: dict, source: str) -> Counter:
    """A feedback document's stems, the title's counted ``title_boost`` times with ``both``."""
    title = Counter(field_terms(stored.get(TITLE) or "")[1])
    if source == "title":
        return title
    out = Counter(field_terms(stored.get(BODY) or "")[1])
    for stem, n in title.items():
        out[stem] += RANKING.title_boost * n
    return out


class Idf:
    """BM25F's idf of a stem (its df in the field where it is most common), remembered."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.n = searcher.doc_count_all()
        self.known: dict[str, float] = {}

    def __call__(self, stem: str) -> float:
        if stem not in self.known:
            df = max(self.searcher.doc_frequency(f, stem) for f in (TITLE, BODY))
            self.known[stem] = math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))
        return self.known[stem]


def feedback_terms(model: Model, docs: list[tuple[Counter, float]], exclude: set[str],
                   idf: Idf) -> list[tuple[str, float]]:
    """The model's best ``m`` terms with weights summing to 1, from (stems, first-pass score) of
    the feedback documents."""
    docs = docs[: model.k]
    if not docs:
        return []
    total = sum(score for _, score in docs) or 1.0
    weights: Counter = Counter()
    for stems, score in docs:
        length = sum(stems.values()) or 1.0
        prior = score / total if model.kind == "rm3" else 1.0 / len(docs)
        for stem, n in stems.items():
            if stem not in exclude:
                weights[stem] += prior * n / length
    if model.kind == "tfidf":
        weights = Counter({stem: w * idf(stem) for stem, w in weights.items()})
    best = weights.most_common(model.m)
    norm = sum(w for _, w in best) or 1.0
    return [(stem, w / norm) for stem, w in best]


def term_scores(s, stem: str, keys: np.ndarray) -> np.ndarray:
    """The engine's BM25F of ``stem`` (title and body) for each of the sorted ``keys``."""
    query = BM25FTerm([wq.Term(TITLE, stem, boost=RANKING.title_boost), wq.Term(BODY, stem)],
                      k1=RANKING.k1, b=RANKING.b)
    found = s._evaluator.evaluate(query, scored=True, within=keys)
    out = np.zeros(len(keys))
    out[np.searchsorted(keys, found.docs)] = found.scores
    return out


def collect(engine: SearchEngine, topics, models: list[Model], depth: int = MAX_DEPTH) -> list[Topic]:
    """Each topic's tiers as the engine ranks them (their best ``depth``), and each model's
    feedback score of every listed document."""
    out = []
    with engine.backend.searcher(Deadline(None)) as s:
        idf = Idf(s._searcher)
        for t in topics:
            tree = engine.expanded(t.query)
            plan = engine._plan(tree)
            request = SearchRequest(q=t.query, per_page=metrics.DEPTH, collapse=False, autocorrect=False)
            window = engine._window(request)
            tiers, keys, listed, full = [], [], 0, 0
            for rank, tier_tree in enumerate(plan.tiers()):
                selection = engine._select(s, tier_tree, request, window)
                size = s.count(selection)
                full = size if rank == 0 else full
                ranked = s.top(selection, 0, min(depth, size))
                keys.append(np.array([k for k, _ in ranked], dtype=np.int64))
                tiers.append([(s.stored(k)["id"], score) for k, score in ranked])
                listed += len(ranked)
                if listed >= metrics.DEPTH:
                    break
            topic = Topic(t.qid, t.query, max(1, len(plan.free)), tiers, full)
            exclude = query_stems(tree)
            stems = {src: [(document_stems(s.stored(k), src), score) for k, score in
                            zip(keys[0][:max(m.k for m in models)].tolist(), [sc for _, sc in tiers[0]], strict=False)]
                     for src in {m.source for m in models}}
            for model in models:
                topic.terms[model] = feedback_terms(model, stems[model.source], exclude, idf)
            wanted = {stem for ts in topic.terms.values() for stem, _ in ts}
            order = [np.argsort(k) for k in keys]
            scores = {}
            for stem in wanted:
                per_tier = []
                for k, o in zip(keys, order, strict=True):
                    sc = np.zeros(len(k))
                    sc[o] = term_scores(s, stem, k[o])
                    per_tier.append(sc)
                scores[stem] = per_tier
            for model in models:
                topic.feedback[model] = [sum((w * scores[stem][i] for stem, w in topic.terms[model]),
                                             np.zeros(len(k))) for i, k in enumerate(keys)]
            out.append(topic)
            print(f"{t.qid} {t.query}: {[len(c) for c in tiers]} listed, {full} full, {len(wanted)} terms",
                  file=sys.stderr, flush=True)
    return out


def rerank(topic: Topic, setting: Setting | None) -> list[tuple[str, float]]:
    """The topic's first 100 documents with ``setting``'s feedback (None: the first pass)."""
    ranked: list[tuple[str, float]] = []
    skip = setting is None or not setting.weight or (setting.floor and topic.full < setting.model.k)
    for rank, tier in enumerate(topic.tiers):
        if skip or (setting.scope == "partial" and rank == 0):
            ranked += tier
            continue
        bonus = topic.feedback[setting.model][rank]
        head = [(doc, score + setting.weight * topic.words * bonus[i])
                for i, (doc, score) in enumerate(tier[: setting.depth])]
        ranked += sorted(head, key=lambda x: -x[1]) + tier[setting.depth:]
    return ranked[: metrics.DEPTH]


def run(topics: list[Topic], setting: Setting | None) -> metrics.Run:
    return {t.qid: rerank(t, setting) for t in topics}


def models() -> list[Model]:
    return [Model(k, m, source, kind) for k, m, source, kind in
            itertools.product((5, 10, 20), (10, 20, 50), ("title", "both"), ("rm3", "tfidf"))]


def grid(chosen: list[Model]) -> list[Setting]:
    return [Setting(model, depth, weight, scope, floor) for model, depth, weight, scope, floor in
            itertools.product(chosen, (100, 300, 1000), (0.05, 0.1, 0.25, 0.5, 1.0), ("all", "partial"),
                                               (False, True))]


def cost(engine: SearchEngine, topics, setting: Setting, rounds: int = 3) -> str:
    """Per query, what feedback would add to a search, timed the way a runtime would do it (a
    fresh request view each time, idf not remembered across queries): the k documents' stored
    fields read and analysed and the model built, then one query of the m terms scored within
    the best ``depth`` of each listed tier; beside the site's whole search of the same query
    (facets and highlights), in the same loop."""
    model, build, score, whole = setting.model, [], [], []
    for _ in range(rounds):
        for t in topics:
            started = time.perf_counter()
            engine.search(SearchRequest(q=t.query))
            whole.append(time.perf_counter() - started)
            with engine.backend.searcher(Deadline(None)) as s:
                tree = engine.expanded(t.query)
                plan = engine._plan(tree)
                request = SearchRequest(q=t.query, collapse=False, autocorrect=False)
                selections = [engine._select(s, tr, request, (None, None)) for tr in plan.tiers()]
                tops, listed = [], 0
                for sel in selections:
                    tops.append(s.top(sel, 0, min(setting.depth, s.count(sel))))
                    listed += len(tops[-1])
                    if listed >= metrics.DEPTH:
                        break
                started = time.perf_counter()
                docs = [(document_stems(s.stored(k), model.source), sc) for k, sc in tops[0][: model.k]]
                terms = feedback_terms(model, docs, query_stems(tree), Idf(s._searcher))
                build.append(time.perf_counter() - started)
                started = time.perf_counter()
                query = wq.Or([BM25FTerm([wq.Term(TITLE, st, boost=RANKING.title_boost), wq.Term(BODY, st)],
                                         k1=RANKING.k1, b=RANKING.b, boost=w) for st, w in terms])
                for top in tops:
                    keys = np.sort(np.array([k for k, _ in top], dtype=np.int64))
                    s._evaluator.evaluate(query, scored=True, within=keys)
                score.append(time.perf_counter() - started)

    def p(xs: list[float], q: float) -> float:
        return sorted(xs)[min(len(xs) - 1, int(q * len(xs)))] * 1000

    added = [a + b for a, b in zip(build, score, strict=True)]
    return (f"cost of {setting}, {len(topics)} topics x {rounds}: the model (read + analyse + weigh) "
            f"p50 {p(build, .5):.1f} ms, p95 {p(build, .95):.1f} ms; the re-scoring p50 {p(score, .5):.1f} ms, "
            f"p95 {p(score, .95):.1f} ms; both p50 {p(added, .5):.1f} ms, p95 {p(added, .95):.1f} ms; the site's "
            f"whole search of the same queries p50 {p(whole, .5):.1f} ms, p95 {p(whole, .95):.1f} ms: "
            f"p95 ratio {(p(whole, .95) + p(added, .95)) / p(whole, .95):.2f} (mean "
            f"{(statistics.mean(whole) + statistics.mean(added)) / statistics.mean(whole):.2f})")


def showcase(rows: list, odd: set[str], even: set[str], safe: int) -> list:
    """The rows worth a line, each named: the held-out choices, the best of each variant, and the
    best ``safe`` of those that lose nothing on either half yet change something."""
    out, seen = [rows[0]], set()

    def add(row, why: str) -> None:
        if row[0] not in seen:
            seen.add(row[0])
            out.append((f"{row[0]} ({why})", row[1], row[2]))

    add(max(rows[1:], key=lambda r: (r[1]["ndcg@10"], r[1]["recall@100"])), "**best on all 30 topics**")
    for measure, name in (("ndcg@10", ""), ("judged", ", judged only")):
        for half_name, qids in (("odd", odd), ("even", even)):
            add(best_on(rows[1:], qids, measure), f"**best on the {half_name} half{name}**")
    variants = itertools.product(("rm3", "tfidf"), ("title", "both"), ("all", "partial"))
    for kind, source, scope in variants:
        family = [r for r in rows[1:] if (r[0].model.kind, r[0].model.source, r[0].scope) == (kind, source, scope)]
        add(max(family, key=lambda r: (r[1]["ndcg@10"], r[1]["recall@100"])), "best of its variant")
    for row in safe_rows(rows, odd, even)[:safe]:
        add(row, "no loss on either half")
    return out


def safe_rows(rows: list, odd: set[str], even: set[str]) -> list:
    """The rows that lose nothing on either half (:func:`heldout.no_loss`) and change some topic's
    nDCG@10, best first."""
    base = rows[0][2]
    changed = [r for r in no_loss(rows, odd, even)
               if any(abs(r[2][q][m] - base[q][m]) > 1e-9 for q in base for m in ("ndcg@10", "judged"))]
    return sorted(changed, key=lambda r: (-r[1]["ndcg@10"], -r[1]["judged"]))


def partial_only(rows: list) -> str:
    """What the feedback does when it re-orders the partial tiers only: which topics it moves."""
    base, moved = rows[0][2], Counter()
    partial = [r for r in rows[1:] if r[0].scope == "partial"]
    for _, _, per in partial:
        moved.update(q for q in base if any(abs(per[q][m] - base[q][m]) > 1e-9
                                            for m in ("ndcg@10", "recall@100", "judged")))
    figures = {m: [agg[m] for _, agg, _ in partial] for m in ("ndcg@10", "recall@100", "judged")}
    return (f"partial tiers only ({len(partial)} settings): whole-set nDCG@10 {min(figures['ndcg@10']):.4f} to "
            f"{max(figures['ndcg@10']):.4f}, judged only {min(figures['judged']):.4f} to {max(figures['judged']):.4f}, "
            f"Recall@100 {min(figures['recall@100']):.4f} to {max(figures['recall@100']):.4f}; topics moved (in how "
            f"many settings): {', '.join(f'{q} {n}' for q, n in sorted(moved.items()))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=str(ROOT / "var" / "eval" / "fahras"))
    parser.add_argument("--topics", default=str(SHARED / "eval" / "dev" / "topics.tsv"))
    parser.add_argument("--qrels", default=str(SHARED / "eval" / "dev" / "qrels.txt"))
    parser.add_argument("--splits", type=int, default=1000, help="random halvings of the topics")
    parser.add_argument("--rows", type=int, default=5, help="no-loss rows printed, best nDCG@10 first")
    args = parser.parse_args()
    qrels = read_qrels(args.qrels)
    topics_read = read_topics(args.topics)
    engine = SearchEngine(WhooshBackend(args.index, RANKING), query_time_limit=None)
    try:
        topics = collect(engine, topics_read, models())
        odd, even = odd_even(t.qid for t in topics)
        rows = [(None, *measured(run(topics, None), qrels))]
        rows += [(s, *measured(run(topics, s), qrels)) for s in grid(models())]
        base = rows[0]
        print(f"{len(rows) - 1} settings; the shipped ranking, the settings chosen on each half, the best of "
              "each variant and the best that lose nothing on either half:\n")
        print(table(showcase(rows, odd, even, args.rows), odd, even))
        print()
        cross_half(rows, odd, even)
        print(held_out(rows, sorted(odd | even), args.splits))
        for name, subset in (("rm3", lambda s: s.model.kind == "rm3"), ("tfidf", lambda s: s.model.kind == "tfidf"),
                             ("partial tiers only", lambda s: s.scope == "partial"),
                             ("title only", lambda s: s.model.source == "title"), ("floor", lambda s: s.floor)):
            print(f"  {name}: " + held_out([base, *(r for r in rows[1:] if subset(r[0]))],
                                           sorted(odd | even), args.splits))
        top = max(rows[1:], key=lambda r: r[1]["ndcg@10"])
        print(f"\nper topic, the best cell ({top[0]}), nDCG@10/Recall@100: {deltas(base[2], top[2])}; "
              f"judged-only nDCG@10/Recall@100: {deltas(base[2], top[2], 'judged')}")
        print("its terms: " + "; ".join(f"{t.qid} " + " ".join(st for st, _ in t.terms[top[0].model][:8])
                                        for t in topics[:6]))
        print(partial_only(rows))
        print()
        print(cost(engine, topics_read, top[0]))
        safe = safe_rows(rows, odd, even)
        if safe:
            print(cost(engine, topics_read, safe[0][0]))
    finally:
        engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
