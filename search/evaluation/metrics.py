"""Runs and their measures: the engine's ranking per topic, scored with ``ir_measures`` (the same
implementation the judgments' baselines were measured with, so the figures are comparable)."""

from __future__ import annotations

from search.evaluation.judgments import Topic

METRICS = {"ndcg@10": "nDCG@10", "recall@100": "R@100", "mrr@10": "RR@10", "p@10": "P@10"}
DEPTH = 100  # documents retrieved per topic: enough for Recall@100

Run = dict[str, list[tuple[str, float]]]


def engine_run(engine, topics: list[Topic], depth: int = DEPTH) -> Run:
    """The real engine's ranking (``SearchEngine.rank_ids``: what users get) for each topic."""
    return {t.qid: engine.rank_ids(t.query, depth) for t in topics}


def measure(run: Run, qrels: dict[str, dict[str, int]]) -> tuple[dict, dict]:
    """(aggregate {metric: value}, per query {qid: {metric: value}}) with ir_measures."""
    import ir_measures

    measures = {name: ir_measures.parse_measure(m) for name, m in METRICS.items()}
    by_measure = {v: k for k, v in measures.items()}
    scored = [
        ir_measures.ScoredDoc(qid, doc, float(depth - rank))
        for qid, docs in run.items()
        for rank, (doc, _score) in enumerate(docs)
        for depth in [len(docs)]
    ]
    judged = [ir_measures.Qrel(qid, doc, grade) for qid, docs in qrels.items() for doc, grade in docs.items()]
    evaluator = ir_measures.evaluator(list(measures.values()), judged)
    aggregate = {by_measure[m]: v for m, v in evaluator.calc_aggregate(scored).items()}
    per_query: dict[str, dict[str, float]] = {}
    for item in evaluator.iter_calc(scored):
        per_query.setdefault(item.query_id, {})[by_measure[item.measure]] = item.value
    return aggregate, per_query


def unjudged_in_top(run: Run, qrels: dict[str, dict[str, int]], k: int = 10) -> dict[str, int]:
    """Per topic, how many of the top ``k`` documents were never judged."""
    return {qid: sum(1 for doc, _ in docs[:k] if doc not in qrels.get(qid, {})) for qid, docs in run.items()}
