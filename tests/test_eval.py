"""Relevance evaluation (``search/evaluation/``): readers, metrics through ir_measures, the comparison
analyses, and the `fahras eval` command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fahras.cli import main
from search.evaluation import comparison, metrics
from search.evaluation.baselines import comparison_analyzer, light10
from search.evaluation.judgments import read_qrels, read_topics

CORPUS = [
    {"id": "a1", "title": "أسعار الذهب", "body": "ارتفعت أسعار الذهب اليوم في الأسواق"},
    {"id": "a2", "title": "الذهب والفضة", "body": "الذهب يتراجع والفضة ترتفع"},
    {"id": "a3", "title": "نادي الهلال", "body": "فاز الهلال في المباراة"},
    {"id": "a4", "title": "الوزارات", "body": "أعلنت الوزارات خططها"},
]


@pytest.fixture()
def files(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in CORPUS) + "\n", encoding="utf-8")
    topics = tmp_path / "topics.tsv"
    topics.write_text("qid\tquery\tcriterion\nq1\tالذهب\tgold\nq2\tالهلال\tclub\n", encoding="utf-8")
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("q1 0 a1 2\nq1 0 a2 1\nq1 0 a3 0\nq2 0 a3 2\n", encoding="utf-8")
    return corpus, topics, qrels


@pytest.mark.parametrize(
    "word, stem",
    [("والكتاب", "كتاب"), ("بالكتاب", "كتاب"), ("الوزارات", "وزار"), ("المعلمون", "معلم"), ("وقف", "وقف"),
     ("كتابها", "كتاب"), ("لل", "لل")],
)
def test_light10_rules(word, stem):
    assert light10(word) == stem


@pytest.mark.parametrize("name", ["none", "fold", "lucene-light10", "snowball", "whoosh-isri"])
def test_comparison_analyzers_tokenize_arabic(name):
    pytest.importorskip("Stemmer") if name == "snowball" else None
    terms = [t.text for t in comparison_analyzer(name)("أسعار الذهب")]
    assert len(terms) == 2 and all(terms)


def test_none_keeps_forms_apart_and_fold_joins_them():
    plain = [t.text for t in comparison_analyzer("none")("أسعار اسعار")]
    folded = [t.text for t in comparison_analyzer("fold")("أسعار اسعار")]
    assert plain[0] != plain[1] and folded[0] == folded[1]


def test_readers(files):
    _corpus, topics, qrels = files
    assert [(t.qid, t.query) for t in read_topics(topics)] == [("q1", "الذهب"), ("q2", "الهلال")]
    assert read_qrels(qrels) == {"q1": {"a1": 2, "a2": 1, "a3": 0}, "q2": {"a3": 2}}


@pytest.mark.parametrize("topics, qrels, said", [
    ("qid\tquery\nt05\n", "t05 0 a 1\n", "t.tsv:2: a topic needs a qid and a query"),
    ("qid\tquery\nt1\tالذهب\nt1\tالهلال\n", "t1 0 a 1\n", "t.tsv:3: topic t1 is given twice"),
    ("qid\tquery\n", "t1 0 a 1\n", "t.tsv: no topics"),
    ("qid\tquery\nt1\tالذهب\n", "", "q.txt: no judgments"),
    ("qid\tquery\nt1\tالذهب\n", "t1 0 a high\n", "q.txt:1: expected 'qid 0 docid grade' with a whole-number grade"),
])  # fmt: skip
def test_bad_topics_and_judgments_are_refused_naming_the_line(tmp_path, topics, qrels, said):
    """They were evaluated: an empty qrels file printed nan for every metric, a topic with no
    query scored 0, a repeated qid hid the first, a word for a grade gave int()'s message."""
    (tmp_path / "t.tsv").write_text(topics, encoding="utf-8")
    (tmp_path / "q.txt").write_text(qrels, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        read_topics(tmp_path / "t.tsv"), read_qrels(tmp_path / "q.txt")
    assert said in str(err.value)


def test_measure_perfect_and_unjudged(files):
    _c, _t, qrels = files
    judgments = read_qrels(qrels)
    run = {"q1": [("a1", 2.0), ("a2", 1.0)], "q2": [("zz", 2.0), ("a3", 1.0)]}
    agg, per = metrics.measure(run, judgments)
    assert per["q1"]["ndcg@10"] == pytest.approx(1.0)
    assert per["q2"]["mrr@10"] == pytest.approx(0.5)
    assert set(agg) == {"ndcg@10", "recall@100", "mrr@10", "p@10"}
    assert metrics.unjudged_in_top(run, judgments) == {"q1": 0, "q2": 1}


def test_comparison_index_build_and_run(files, tmp_path):
    corpus, topics, qrels = files
    path = tmp_path / "light10"
    assert comparison.build_index("lucene-light10", corpus, path, procs=1) == len(CORPUS)
    assert comparison.index_is_current("lucene-light10", path) and not comparison.index_is_current("none", path)
    run = comparison.comparison_run("lucene-light10", path, read_topics(topics))
    assert {d for d, _ in run["q1"]} == {"a1", "a2"}


def test_eval_command_on_a_fahras_index(files, tmp_path):
    corpus, topics, qrels = files
    path = tmp_path / "fahras"
    comparison.build_index("fahras", corpus, path, procs=1)
    out = CliRunner().invoke(main, ["eval", "--topics", str(topics), "--qrels", str(qrels),
                                    "--index", str(path), "--per-query"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    metrics = dict(line.split("\t") for line in lines[:4])
    assert list(metrics) == ["ndcg@10", "recall@100", "mrr@10", "p@10"]
    assert float(metrics["ndcg@10"]) > 0.9
    assert any(line.startswith("q1\t") for line in lines) and "unjudged@10" in out.output


def test_eval_command_builds_a_missing_comparison_index(files, tmp_path):
    corpus, topics, qrels = files
    out = CliRunner().invoke(main, ["eval", "--topics", str(topics), "--qrels", str(qrels), "--analyzer", "fold",
                                    "--index", str(tmp_path / "fold"), "--corpus", str(corpus)])
    assert out.exit_code == 0, out.output
    assert "recall@100\t" in out.output


def test_eval_command_errors_are_one_line(tmp_path, files):
    _c, topics, qrels = files
    out = CliRunner().invoke(main, ["eval", "--topics", str(topics), "--qrels", str(qrels),
                                    "--index", str(tmp_path / "none")])
    assert out.exit_code == 1 and "no Fahras index" in out.output and "Traceback" not in out.output


def test_dev_topics_parse(eval_dir):
    topics = read_topics(eval_dir / "topics.tsv")
    qrels = read_qrels(eval_dir / "qrels.txt")
    assert len(topics) == 30 and all(t.qid in qrels for t in topics)


def test_eval_never_deletes_a_directory_that_is_no_evaluation_index(files, tmp_path):
    """`--index` with another analyzer names where its comparison index is built: a Fahras index (or
    anything else) given there by mistake was deleted whole; it is now refused, untouched."""
    corpus, topics, qrels = files
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "notes.txt").write_text("keep me", encoding="utf-8")
    out = CliRunner().invoke(main, ["eval", "--topics", str(topics), "--qrels", str(qrels), "--index", str(victim),
                                    "--analyzer", "none", "--corpus", str(corpus)])
    assert out.exit_code == 2 and "no evaluation index" in out.output and "Traceback" not in out.output
    assert (victim / "notes.txt").read_text(encoding="utf-8") == "keep me"
    # an evaluation index (its mark) is built again in place, an empty directory is used
    built = tmp_path / "built"
    comparison.build_index("none", corpus, built, procs=1)
    assert comparison.build_index("lucene-light10", corpus, built, procs=1) == len(CORPUS)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert comparison.build_index("none", corpus, empty, procs=1) == len(CORPUS)


def test_eval_names_a_corpus_line_that_is_no_json(files, tmp_path):
    _corpus, topics, qrels = files
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a1", "title": "t"}\n{not json\n', encoding="utf-8")
    out = CliRunner().invoke(main, ["eval", "--topics", str(topics), "--qrels", str(qrels),
                                    "--index", str(tmp_path / "cmp"), "--analyzer", "none", "--corpus", str(bad)])
    assert out.exit_code == 2 and f"{bad}:2: not a JSON record" in out.output and "Traceback" not in out.output
