"""Which stop list serves relevance better: the ``full`` arabic-stopwords list or its ``core``?

Issue 3 leaves the choice to measurement. Both variants index SaudiNewsNet (title + body, one
field) with Fahras's tokenizer, folding and light stemmer, differing only in the stop list, and
are searched the way the comparison analyses are (BM25 K1 0.9 B 0.4, an OR of the query terms) on
the development topics, so the stop list is the only thing that changes.

    python bench/stoplists.py   # ~5 min on 2 cores; indexes cached under var/eval/stoplist-*
"""

from __future__ import annotations

import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from whoosh import index as whoosh_index  # noqa: E402
from whoosh import query as wq  # noqa: E402
from whoosh import scoring  # noqa: E402
from whoosh.fields import ID, TEXT, Schema  # noqa: E402

from analyzers.pipeline import ArabicStopFilter, LightStemFilter, exact_analyzer  # noqa: E402
from search.evaluation.comparison import iter_corpus  # noqa: E402
from search.evaluation.judgments import read_qrels, read_topics  # noqa: E402
from search.evaluation.metrics import measure  # noqa: E402

SHARED = ROOT.parent / "shared"


def analyzer(kind: str):
    return exact_analyzer() | ArabicStopFilter(kind) | LightStemFilter()


def build(kind: str, corpus: pathlib.Path, index_dir: pathlib.Path) -> None:
    if whoosh_index.exists_in(str(index_dir)):
        return
    index_dir.mkdir(parents=True, exist_ok=True)
    schema = Schema(id=ID(stored=True, unique=True), text=TEXT(analyzer=analyzer(kind), phrase=False))
    writer = whoosh_index.create_in(str(index_dir), schema).writer(procs=2, multisegment=True, limitmb=256)
    for record in iter_corpus(corpus):
        writer.add_document(id=record["id"], text=f"{record.get('title') or ''}\n{record.get('body') or ''}")
    writer.commit()


@click.command()
@click.option("--corpus", type=click.Path(path_type=pathlib.Path),
              default=SHARED / "corpora/saudinewsnet/saudinewsnet.jsonl.gz")
@click.option("--eval-dir", type=click.Path(path_type=pathlib.Path), default=SHARED / "eval/dev")
def main(corpus: pathlib.Path, eval_dir: pathlib.Path) -> None:
    if not corpus.exists():
        raise SystemExit(f"skipped: {corpus} not found (../shared is needed)")
    topics, qrels = read_topics(eval_dir / "topics.tsv"), read_qrels(eval_dir / "qrels.txt")
    click.echo("| stop list | words | nDCG@10 | Recall@100 | MRR@10 | P@10 |\n|---|---|---|---|---|---|")
    from analyzers.stopwords import stopwords

    for kind in ("full", "core"):
        index_dir = ROOT / "var/eval" / f"stoplist-{kind}"
        build(kind, corpus, index_dir)
        run = {}
        with whoosh_index.open_dir(str(index_dir)).searcher(weighting=scoring.BM25F(B=0.4, K1=0.9)) as s:
            for topic in topics:
                terms = [t.text for t in analyzer(kind)(topic.query, mode="query")]
                hits = s.search(wq.Or([wq.Term("text", t) for t in terms]), limit=100)
                run[topic.qid] = [(hit["id"], hit.score) for hit in hits]
        m, _ = measure(run, qrels)
        click.echo(f"| {kind} | {len(stopwords(kind))} | {m['ndcg@10']:.3f} | {m['recall@100']:.3f} "
                   f"| {m['mrr@10']:.3f} | {m['p@10']:.3f} |")


if __name__ == "__main__":
    main()
