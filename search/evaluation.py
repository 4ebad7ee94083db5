"""Relevance evaluation: topics + graded judgments → nDCG@10, Recall@100, MRR@10, P@10.

``fahras eval`` and ``bench/relevance.py`` use this module. The metrics come from ``ir_measures``
(the same implementation the judgments' baselines were measured with), so our figures are
comparable with ``../shared/eval/README.md``.

Comparison analyses (``search/baselines.py``) get their own small index built from the corpus into
``var/eval/<name>/``: one ``text`` field holding title and body, searched with plain BM25 (K1 0.9,
B 0.4, an OR of the analysed query terms). That is the judgment pools' setup, and it reproduces
the baselines of ``../shared/eval/README.md``; summing separate title and body BM25 scores instead
over-weights short titles and loses 0.05-0.08 nDCG@10. The ``fahras`` analysis uses a real
Fahras index and the real :class:`search.engine.SearchEngine`, so what is measured is what users get.
"""

from __future__ import annotations

import csv
import gzip
import json
import pathlib
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring
from whoosh.fields import ID, TEXT, Schema

from analyzers.pipeline import ANALYZER_VERSION
from search.baselines import ANALYZER_NAMES, comparison_analyzer

METRICS = {"ndcg@10": "nDCG@10", "recall@100": "R@100", "mrr@10": "RR@10", "p@10": "P@10"}
DEPTH = 100  # documents retrieved per topic: enough for Recall@100
BUILD_MARK = "fahras-eval.json"
LAYOUT = 2  # bump when the comparison index layout changes: cached indexes are then rebuilt


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


def iter_corpus(path: str | pathlib.Path) -> Iterator[dict]:
    """Records of a JSON Lines corpus (``.jsonl`` or ``.jsonl.gz``), ``date`` parsed, ``tags`` a list."""
    path = pathlib.Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            record = json.loads(line)
            if not record.get("id") or not (record.get("title") or record.get("body")):
                continue
            raw = record.get("date")
            try:
                record["date"] = datetime.fromisoformat(raw) if raw else None
            except (TypeError, ValueError):
                record["date"] = None
            tags = record.get("tags") or []
            record["tags"] = [t.strip() for t in tags.split(",")] if isinstance(tags, str) else list(tags)
            yield record


def comparison_schema(name: str) -> Schema:
    analyzer = comparison_analyzer(name)
    return Schema(id=ID(stored=True, unique=True), text=TEXT(analyzer=analyzer, phrase=False))


def _write(ix, records: Iterable[dict], to_fields, procs: int) -> int:
    kwargs = {"limitmb": 256}
    if procs > 1:
        kwargs.update(procs=procs, multisegment=True)
    writer = ix.writer(**kwargs)
    n = 0
    try:
        for record in records:
            writer.add_document(**to_fields(record))
            n += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return n


def _comparison_fields(record: dict) -> dict:
    return {"id": record["id"], "text": f"{record.get('title') or ''}\n{record.get('body') or ''}"}


def build_index(name: str, corpus: str | pathlib.Path, index_dir: str | pathlib.Path, procs: int = 2) -> int:
    """Index the corpus with analysis ``name`` into ``index_dir`` (replacing it); documents written."""
    if name not in ANALYZER_NAMES:
        raise ValueError(f"unknown analyzer {name!r}: use one of {', '.join(ANALYZER_NAMES)}")
    index_dir = pathlib.Path(index_dir)
    if index_dir.exists():
        shutil.rmtree(index_dir)
    if name == "fahras":
        from indexer.documents import to_fields
        from indexer.store import create_or_open

        n = _write(create_or_open(index_dir), iter_corpus(corpus), to_fields, procs)
    else:
        index_dir.mkdir(parents=True)
        ix = whoosh_index.create_in(str(index_dir), comparison_schema(name))
        n = _write(ix, iter_corpus(corpus), _comparison_fields, procs)
    # The comparisons share Fahras's tokenizer, folding and stop list: a new ANALYZER_VERSION
    # makes their cached indexes stale too (a changed stop list would otherwise leave query
    # terms the index never kept).
    stamp = {"analyzer": name, "layout": LAYOUT, "analyzer_version": ANALYZER_VERSION, "corpus": str(corpus),
             "documents": n, "built": datetime.now().isoformat()}
    if name == "fahras":
        from indexer.schema import versions

        stamp.update(versions())
    (index_dir / BUILD_MARK).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return n


def index_is_current(name: str, index_dir: str | pathlib.Path) -> bool:
    """True when ``index_dir`` holds a finished evaluation index of ``name`` (and current versions)."""
    mark = pathlib.Path(index_dir) / BUILD_MARK
    try:
        stamp = json.loads(mark.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if stamp.get("analyzer") != name:
        return False
    if name == "fahras":
        from indexer.schema import versions

        return all(stamp.get(k) == v for k, v in versions().items())
    return stamp.get("layout") == LAYOUT and stamp.get("analyzer_version") == ANALYZER_VERSION


def comparison_run(name: str, index_dir: str | pathlib.Path, topics: list[Topic], depth: int = DEPTH,
                   k1: float = 0.9, b: float = 0.4) -> dict[str, list[tuple[str, float]]]:
    """BM25 over title+body as one field, OR of the analysed query terms (the pools' setup)."""
    analyzer = comparison_analyzer(name)
    ix = whoosh_index.open_dir(str(index_dir))
    run: dict[str, list[tuple[str, float]]] = {}
    with ix.searcher(weighting=scoring.BM25F(B=b, K1=k1)) as searcher:
        for topic in topics:
            terms = [t.text for t in analyzer(topic.query, mode="query")]
            q = wq.Or([wq.Term("text", t) for t in terms])
            results = searcher.search(q, limit=depth)
            run[topic.qid] = [(hit["id"], hit.score) for hit in results]
    return run


def engine_run(engine, topics: list[Topic], depth: int = DEPTH) -> dict[str, list[tuple[str, float]]]:
    """The real engine's ranking (``search.engine.SearchEngine.rank_ids``) for each topic."""
    return {t.qid: engine.rank_ids(t.query, depth) for t in topics}


def measure(run: dict[str, list[tuple[str, float]]], qrels: dict[str, dict[str, int]]) -> tuple[dict, dict]:
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


def unjudged_in_top(run: dict[str, list[tuple[str, float]]], qrels: dict[str, dict[str, int]], k: int = 10) -> dict[str, int]:
    return {qid: sum(1 for doc, _ in docs[:k] if doc not in qrels.get(qid, {})) for qid, docs in run.items()}
