"""``fahras eval``: relevance of an index on judged topics (needs the ``eval`` extra)."""

from __future__ import annotations

import importlib.util
import os
import pathlib

import click

from fahras.options import (
    EXIT_USAGE,
    backend_config,
    backend_options,
    fail,
    index_given,
    index_option,
    reported,
)
from search import EngineSettings, IndexProblem, SettingsError, open_engine
from search.evaluation import comparison
from search.evaluation.baselines import ANALYZER_NAMES
from search.evaluation.judgments import read_qrels, read_topics
from search.evaluation.metrics import METRICS, engine_run, measure, unjudged_in_top

# Where a missing comparison index is built from when --corpus is not given: the corpus beside
# the repository in the development setup.
DEFAULT_CORPUS = pathlib.Path("../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz")


@click.command("eval")
@click.option("--topics", required=True, type=click.Path(exists=True, dir_okay=False), help="Topics TSV.")
@click.option("--qrels", required=True, type=click.Path(exists=True, dir_okay=False), help="TREC qrels.")
@index_option(help="Index to evaluate [fahras: $FAHRAS_INDEX or var/index; others: var/eval/NAME].")
@backend_options
@click.option("--analyzer", default="fahras", show_default=True, type=click.Choice(ANALYZER_NAMES))
@click.option("--corpus", default=None, type=click.Path(dir_okay=False),
              help="Corpus to build a missing comparison index from [the SaudiNewsNet corpus of "
                   "the development setup].")
@click.option("--per-query", is_flag=True, help="Add a row per topic (with unjudged docs in its top 10).")
def eval_command(topics, qrels, index_dir, backend, cluster, analyzer, corpus, per_query) -> None:
    """Relevance of an index on judged topics: ndcg@10, recall@100, mrr@10, p@10 (ir_measures)."""
    if importlib.util.find_spec("ir_measures") is None:
        fail("`fahras eval` needs the eval extra: pip install 'fahras[eval]' (make eval does)", EXIT_USAGE)
    with reported(usage=(ValueError, KeyError, OSError)):
        topic_list, judgments = read_topics(topics), read_qrels(qrels)
    if analyzer == "fahras":
        with reported(usage=(SettingsError,), problems=(IndexProblem,)):
            engine = open_engine(EngineSettings.from_config(
                {**os.environ, "FAHRAS_INDEX": index_dir, **backend_config(backend, cluster)}))
        try:
            run = engine_run(engine, topic_list)
        finally:
            engine.close()
    else:
        path = pathlib.Path(index_dir if index_given() else f"var/eval/{analyzer}")
        if not comparison.index_is_current(analyzer, path):
            source = pathlib.Path(corpus) if corpus else DEFAULT_CORPUS
            if not source.exists():
                fail(f"no {analyzer} index at {path} and no corpus at {source} to build it (--corpus)")
            click.echo(f"building the {analyzer} index at {path} from {source} …", err=True)
            with reported(usage=(ValueError,)):  # not an evaluation index; a corpus line unreadable
                comparison.build_index(analyzer, source, path, procs=min(2, os.cpu_count() or 1))
        run = comparison.comparison_run(analyzer, path, topic_list)
    aggregate, rows = measure(run, judgments)
    for name in METRICS:
        click.echo(f"{name}\t{aggregate.get(name, 0.0):.4f}")
    if per_query:
        unjudged = unjudged_in_top(run, judgments)
        click.echo("\nqid\t" + "\t".join(METRICS) + "\tunjudged@10\tquery")
        by_qid = {t.qid: t.query for t in topic_list}
        for qid in sorted(rows):
            values = "\t".join(f"{rows[qid].get(m, 0.0):.4f}" for m in METRICS)
            click.echo(f"{qid}\t{values}\t{unjudged.get(qid, 0)}\t{by_qid.get(qid, '')}")


def register(group: click.Group) -> None:
    """Add ``eval`` to the ``fahras`` group."""
    group.add_command(eval_command)
