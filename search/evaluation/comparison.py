"""The comparison analyses' own indexes: built from the corpus, searched as the judgment pools were.

Each comparison analysis (:mod:`evaluation.baselines`) gets a small index built from the corpus
into ``var/eval/<name>/``: one ``text`` field holding title and body, searched with plain BM25 (K1
0.9, B 0.4, an OR of the analysed query terms). That is the judgment pools' setup, and it
reproduces their published baselines within 0.01 (docs/relevance.md); summing separate title and
body BM25 scores instead over-weights short titles. The ``fahras`` analysis is built as a real
Fahras index and searched by the real engine, so what is measured is what users get.
"""

from __future__ import annotations

import gzip
import json
import pathlib
import shutil
from collections.abc import Iterable, Iterator
from datetime import datetime

from whoosh import fields, scoring
from whoosh import index as whoosh_index
from whoosh import query as wq

from analyzers.pipeline import ANALYZER_VERSION
from indexer.documents import to_fields
from indexer.schema import BODY, ID, TITLE, versions
from indexer.store import create_or_open
from search.evaluation.baselines import ANALYZER_NAMES, comparison_analyzer
from search.evaluation.judgments import Topic
from search.evaluation.metrics import DEPTH, Run

BUILD_MARK = "fahras-eval.json"
# Bump when the comparison index layout (or an analyzer's import path: Whoosh pickles it) changes:
# cached indexes are then rebuilt. 4: the analyzers moved to search/evaluation/.
LAYOUT = 4


def iter_corpus(path: str | pathlib.Path) -> Iterator[dict]:
    """Records of a JSON Lines corpus (``.jsonl`` or ``.jsonl.gz``), ``date`` parsed, ``tags`` a list."""
    path = pathlib.Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as err:  # a corpus line that is no JSON: which one, in one line
                raise ValueError(f"{path}:{number}: not a JSON record ({err})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: not a JSON object")
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


def comparison_schema(name: str) -> fields.Schema:
    analyzer = comparison_analyzer(name)
    return fields.Schema(**{ID: fields.ID(stored=True, unique=True),
                            "text": fields.TEXT(analyzer=analyzer, phrase=False)})


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
    return {"id": record[ID], "text": f"{record.get(TITLE) or ''}\n{record.get(BODY) or ''}"}


def build_index(name: str, corpus: str | pathlib.Path, index_dir: str | pathlib.Path, procs: int = 2) -> int:
    """Index the corpus with analysis ``name`` into ``index_dir`` (replacing it); documents written."""
    if name not in ANALYZER_NAMES:
        raise ValueError(f"unknown analyzer {name!r}: use one of {', '.join(ANALYZER_NAMES)}")
    index_dir = pathlib.Path(index_dir)
    _clear(index_dir)
    index_dir.mkdir(parents=True)
    # marked from the start: a build cut short is an evaluation index to replace, not a stranger's
    (index_dir / BUILD_MARK).write_text(json.dumps({"analyzer": name, "building": True}) + "\n", encoding="utf-8")
    if name == "fahras":
        n = _write(create_or_open(index_dir), iter_corpus(corpus), to_fields, procs)
    else:
        ix = whoosh_index.create_in(str(index_dir), comparison_schema(name))
        n = _write(ix, iter_corpus(corpus), _comparison_fields, procs)
    # The comparisons share Fahras's tokenizer, folding and stop list: a new ANALYZER_VERSION
    # makes their cached indexes stale too (a changed stop list would otherwise leave query
    # terms the index never kept).
    stamp = {"analyzer": name, "layout": LAYOUT, "analyzer_version": ANALYZER_VERSION, "corpus": str(corpus),
             "documents": n, "built": datetime.now().isoformat()}
    if name == "fahras":
        stamp.update(versions())
    (index_dir / BUILD_MARK).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    return n


def _clear(index_dir: pathlib.Path) -> None:
    """Remove an evaluation index about to be built again; refuse any other directory that holds
    something (a Fahras index given as ``--index`` by mistake was deleted whole)."""
    if not index_dir.exists():
        return
    if not index_dir.is_dir() or (any(index_dir.iterdir()) and not (index_dir / BUILD_MARK).exists()):
        raise ValueError(f"{index_dir} exists and is no evaluation index (it has no {BUILD_MARK}): it is left "
                         "as it is; give --index a new or empty directory")
    shutil.rmtree(index_dir)


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
        return all(stamp.get(k) == v for k, v in versions().items())
    return stamp.get("layout") == LAYOUT and stamp.get("analyzer_version") == ANALYZER_VERSION


def comparison_run(name: str, index_dir: str | pathlib.Path, topics: list[Topic], depth: int = DEPTH,
                   k1: float = 0.9, b: float = 0.4) -> Run:
    """BM25 over title+body as one field, OR of the analysed query terms (the pools' setup)."""
    analyzer = comparison_analyzer(name)
    ix = whoosh_index.open_dir(str(index_dir))
    run: Run = {}
    with ix.searcher(weighting=scoring.BM25F(B=b, K1=k1)) as searcher:
        for topic in topics:
            terms = [t.text for t in analyzer(topic.query, mode="query")]
            q = wq.Or([wq.Term("text", t) for t in terms])
            results = searcher.search(q, limit=depth)
            run[topic.qid] = [(hit["id"], hit.score) for hit in results]
    return run
