"""Fahras and its peers, indexed side by side: docs/s, index size and peak RSS; plus peer search.

Why: "the best Arabic search a Python shop can run" only means something next to what that shop
would otherwise run. The peers, on the same documents and the same machine, in the same run:

* ``whoosh-std``: plain Whoosh, Fahras's own schema (same fields, same stored text, same facet
  columns, same batches of 1,000 with update-by-id) but every text field on ``StandardAnalyzer``:
  the difference to Fahras is the Arabic analysis and nothing else. No Arabic analysis.
* ``fts5``: SQLite FTS5 from Python's sqlite3, ``unicode61 remove_diacritics 2`` (folds harakat
  and Latin accents, nothing Arabic-specific: no hamza/taa-marbuta folding, no clitics, no stems).
* ``tantivy``: the Rust engine through its Python binding, default tokenizer (no Arabic analysis).

Each build runs in its own process, reaped with ``os.wait4`` so its peak RSS (the largest process
of the tree, Whoosh's ``--procs`` workers included) is its own. Engines are built one after the
other in an interleaved order, and ``--rounds 2`` repeats with the order reversed so that a burst of
load from another user on this shared machine does not land on one engine only.

Peers search the OR of the query's words (their default or the closest to it) over title and body
(title weighted 2), top 10; Fahras searches through its engine (full matches, then partial ones).

    python bench/peers.py index --docs 3000 --engines fahras-1,fahras-2,whoosh-std,fts5,tantivy
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import sqlite3
import sys
from collections.abc import Iterable

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measure import in_rounds, run_child  # noqa: E402

ENGINES = ("fahras-1", "fahras-2", "whoosh-std", "fts5", "tantivy")
PEERS = ("whoosh-std", "fts5", "tantivy")
ARABIC_ANALYSIS = {
    "fahras-1": "Arabic analysis (fold, stem, roots)",
    "fahras-2": "Arabic analysis (fold, stem, roots)",
    "whoosh-std": "no Arabic analysis (StandardAnalyzer)",
    "fts5": "no Arabic analysis (unicode61, diacritics removed)",
    "tantivy": "no Arabic analysis (default tokenizer)",
}
BATCH = 1000
_WORDS = re.compile(r"\w+")


def dir_size(path: pathlib.Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -- builds (run inside the child process) --------------------------------------------------------
def _records(corpus: pathlib.Path) -> Iterable[dict]:
    from search.evaluation.comparison import iter_corpus

    return iter_corpus(corpus)


def whoosh_std_schema():
    """Fahras's schema with StandardAnalyzer on every text field (same fields, same columns)."""
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import TEXT

    from indexer.schema import build_schema

    schema = build_schema()
    for name in ("title", "body", "title_exact", "body_exact", "roots"):
        old = schema[name]
        schema.remove(name)
        schema.add(name, TEXT(analyzer=StandardAnalyzer(), stored=old.stored,
                              phrase=bool(old.format.supports("positions"))))
    return schema


def build_whoosh_std(corpus: pathlib.Path, out: pathlib.Path) -> int:
    from whoosh import index as whoosh_index

    from indexer.documents import to_fields

    out.mkdir(parents=True)
    ix = whoosh_index.create_in(str(out), whoosh_std_schema())
    n = 0
    writer = ix.writer(limitmb=256)
    for record in _records(corpus):
        writer.update_document(**to_fields(record))
        n += 1
        if n % BATCH == 0:
            writer.commit()
            writer = ix.writer(limitmb=256)
    writer.commit()
    return n


def build_fts5(corpus: pathlib.Path, out: pathlib.Path) -> int:
    out.mkdir(parents=True)
    db = sqlite3.connect(out / "fts.db")
    db.execute("CREATE TABLE docs(id TEXT PRIMARY KEY, date TEXT, source TEXT, section TEXT, author TEXT)")
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')")
    n = 0
    rows: list = []
    for record in _records(corpus):
        n += 1
        rows.append(record)
        if len(rows) == BATCH:
            _fts5_insert(db, rows)
            rows = []
    _fts5_insert(db, rows)
    db.execute("INSERT INTO fts(fts) VALUES('optimize')")
    db.commit()
    db.close()
    return n


def _fts5_insert(db, rows: list[dict]) -> None:
    with db:
        for r in rows:
            cur = db.execute(
                "INSERT OR REPLACE INTO docs(id, date, source, section, author) VALUES (?,?,?,?,?)",
                (r["id"], r["date"].isoformat() if r.get("date") else None, r.get("source"),
                 r.get("section"), r.get("author")),
            )
            db.execute("INSERT OR REPLACE INTO fts(rowid, title, body) VALUES (?,?,?)",
                       (cur.lastrowid, r.get("title") or "", r.get("body") or ""))


def tantivy_schema():
    import tantivy

    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("title", stored=True)
    b.add_text_field("body", stored=True)
    b.add_text_field("source", stored=True, tokenizer_name="raw", fast=True)
    b.add_date_field("date", stored=True, fast=True)
    return b.build()


def build_tantivy(corpus: pathlib.Path, out: pathlib.Path) -> int:
    import tantivy

    out.mkdir(parents=True)
    ix = tantivy.Index(tantivy_schema(), path=str(out))
    writer = ix.writer(heap_size=128_000_000, num_threads=1)
    n = 0
    for r in _records(corpus):
        doc = tantivy.Document(id=r["id"], title=r.get("title") or "", body=r.get("body") or "",
                               source=r.get("source") or "")
        if r.get("date"):
            doc.add_date("date", r["date"])
        writer.add_document(doc)
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    return n


BUILDERS = {"whoosh-std": build_whoosh_std, "fts5": build_fts5, "tantivy": build_tantivy}


# -- measuring a build (parent side) --------------------------------------------------------------
def measure_build(engine: str, corpus: pathlib.Path, out: pathlib.Path) -> dict:
    """Build ``engine``'s index of ``corpus`` in ``out`` in a child process; the figures."""
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if engine.startswith("fahras-"):
        procs = engine.split("-")[1]
        fahras = pathlib.Path(sys.executable).parent / "fahras"
        cmd = [str(fahras), "index", str(corpus), "--index", str(out), "--procs", procs,
               "--rejects", str(out.parent / f"{out.name}-rejects.jsonl")]
    else:
        cmd = [sys.executable, __file__, "build-one", engine, str(corpus), str(out)]
    child = run_child(cmd, engine)
    stdout, seconds = child.stdout, child.seconds
    m = re.search(r"indexed (\d+)", stdout) if engine.startswith("fahras-") else re.search(r"(\d+)", stdout)
    docs = int(m.group(1)) if m else 0
    return {
        "engine": engine,
        "docs": docs,
        "seconds": round(seconds, 2),
        "docs_per_s": round(docs / seconds, 1) if seconds else 0.0,
        # CPU seconds of the whole process tree: far less disturbed by other users' load than
        # wall time, so the Fahras ÷ plain Whoosh ratio is read from it on a shared machine.
        "cpu_s": round(child.cpu_s, 2),
        "size_mb": round(dir_size(out) / 1e6, 1),
        "peak_rss_mb": round(child.peak_rss_mb, 1),  # the largest process of the tree
        "analysis": ARABIC_ANALYSIS[engine],
    }


def sample_corpus(source: pathlib.Path, docs: int, out: pathlib.Path) -> pathlib.Path:
    """The first ``docs`` articles of ``source`` (replicated past its end) as plain JSON Lines."""
    from scale import write_corpus

    if not out.exists() or sum(1 for _ in open(out, encoding="utf-8")) != docs:
        write_corpus(out, docs, source)
    return out


# -- peer search ----------------------------------------------------------------------------------
class WhooshStd:
    name = "whoosh-std"

    def __init__(self, path: pathlib.Path) -> None:
        from whoosh import index as whoosh_index
        from whoosh import scoring
        from whoosh.analysis import StandardAnalyzer

        self.ix = whoosh_index.open_dir(str(path))
        self.searcher = self.ix.searcher(weighting=scoring.BM25F())
        self.analyzer = StandardAnalyzer()

    def search(self, text: str, limit: int = 10) -> list[str]:
        from whoosh import query as wq

        terms = [t.text for t in self.analyzer(text)]
        q = wq.Or([wq.Term("title", t, boost=2.0) for t in terms] + [wq.Term("body", t) for t in terms])
        return [hit["id"] for hit in self.searcher.search(q, limit=limit)]

    def close(self) -> None:
        self.searcher.close()


class Fts5:
    name = "fts5"

    def __init__(self, path: pathlib.Path) -> None:
        self.db = sqlite3.connect(path / "fts.db", check_same_thread=False)

    def search(self, text: str, limit: int = 10) -> list[str]:
        words = _WORDS.findall(text)
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
        rows = self.db.execute(
            "SELECT docs.id FROM fts JOIN docs ON docs.rowid = fts.rowid WHERE fts MATCH ? "
            "ORDER BY bm25(fts, 2.0, 1.0) LIMIT ?",
            (match, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def close(self) -> None:
        self.db.close()


class Tantivy:
    name = "tantivy"

    def __init__(self, path: pathlib.Path) -> None:
        import tantivy

        self.ix = tantivy.Index.open(str(path))
        self.ix.reload()
        self.searcher = self.ix.searcher()

    def search(self, text: str, limit: int = 10) -> list[str]:
        words = _WORDS.findall(text)
        if not words:
            return []
        q = self.ix.parse_query(" ".join(words), ["title", "body"], field_boosts={"title": 2.0})
        hits = self.searcher.search(q, limit).hits
        return [self.searcher.doc(addr)["id"][0] for _score, addr in hits]

    def close(self) -> None:
        pass


SEARCHERS = {"whoosh-std": WhooshStd, "fts5": Fts5, "tantivy": Tantivy}


def peer_quality(searcher, topics, qrels, depth: int = 100) -> dict:
    """nDCG@10 and R@100 (ir_measures) of a peer on the dev topics."""
    from search.evaluation.metrics import measure

    run = {t.qid: [(d, float(depth - i)) for i, d in enumerate(searcher.search(t.query, depth))]
           for t in topics}
    aggregate, _ = measure(run, qrels)
    return {"ndcg@10": round(aggregate["ndcg@10"], 3), "recall@100": round(aggregate["recall@100"], 3)}


# -- commands -------------------------------------------------------------------------------------
@click.group()
def main() -> None:
    """Index Fahras and the peers side by side."""


@main.command("build-one", hidden=True)
@click.argument("engine", type=click.Choice(PEERS))
@click.argument("corpus", type=click.Path(exists=True, path_type=pathlib.Path))
@click.argument("out", type=click.Path(path_type=pathlib.Path))
def build_one(engine: str, corpus: pathlib.Path, out: pathlib.Path) -> None:
    click.echo(BUILDERS[engine](corpus, out))


@main.command("index")
@click.option("--corpus", type=click.Path(exists=True, path_type=pathlib.Path),
              default=ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz", show_default=True)
@click.option("--docs", type=int, default=None, help="Index only the first N articles (a sample).")
@click.option("--engines", default=",".join(ENGINES), show_default=True)
@click.option("--rounds", default=1, show_default=True, help="Repeat, order reversed each round.")
@click.option("--workdir", type=click.Path(path_type=pathlib.Path), default=ROOT / "var/bench/peers",
              show_default=True)
@click.option("--json-out", type=click.Path(path_type=pathlib.Path), default=None)
def index_command(corpus, docs, engines, rounds, workdir, json_out) -> None:
    """Build every engine's index of the corpus (or its first --docs articles); print the table."""
    names = [e.strip() for e in engines.split(",") if e.strip()]
    for e in names:
        if e not in ENGINES:
            raise click.BadParameter(f"unknown engine {e!r}")
    workdir.mkdir(parents=True, exist_ok=True)
    if docs is not None:
        corpus = sample_corpus(corpus, docs, workdir / f"sample-{docs}.jsonl")
    results, best = in_rounds(names, rounds, lambda engine: measure_build(engine, corpus, workdir / engine))
    rows = [best[e] for e in names]
    click.echo(index_table(rows))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps({"corpus": str(corpus), "runs": results, "best": rows},
                                       ensure_ascii=False, indent=2), encoding="utf-8")


@main.command("quality")
@click.option("--workdir", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              default=ROOT / "var/bench/peers-31k", show_default=True, help="The peers' indexes.")
@click.option("--index", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              default=None, help="A Fahras index of the same corpus, for the same figures.")
@click.option("--topics", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path),
              default=ROOT.parent / "shared/eval/dev/topics.tsv", show_default=True)
@click.option("--qrels", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path),
              default=ROOT.parent / "shared/eval/dev/qrels.txt", show_default=True)
@click.option("--json-out", type=click.Path(path_type=pathlib.Path), default=None)
def quality_command(workdir, index, topics, qrels, json_out) -> None:
    """nDCG@10 and R@100 on the dev topics of each peer (and Fahras), next to their analysis."""
    click.echo(quality_table(run_quality(workdir, index, topics, qrels, json_out)))


def run_quality(workdir, index, topics, qrels, json_out=None) -> list[dict]:
    from search.evaluation.judgments import read_qrels, read_topics
    from search.evaluation.metrics import engine_run, measure

    tops, judged = read_topics(topics), read_qrels(qrels)
    rows = []
    if index is not None:
        from search import EngineSettings, open_engine

        engine = open_engine(EngineSettings(index=str(index)))
        aggregate, _ = measure(engine_run(engine, tops), judged)
        engine.close()
        rows.append({"engine": "fahras", "ndcg@10": round(aggregate["ndcg@10"], 3),
                     "recall@100": round(aggregate["recall@100"], 3),
                     "analysis": ARABIC_ANALYSIS["fahras-1"]})
    for name in PEERS:
        if not (workdir / name).exists():
            continue
        searcher = SEARCHERS[name](workdir / name)
        rows.append({"engine": name, **peer_quality(searcher, tops, judged),
                     "analysis": ARABIC_ANALYSIS[name]})
        searcher.close()
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return rows


def quality_table(rows: list[dict]) -> str:
    lines = ["| engine | nDCG@10 | R@100 | analysis |", "|---|---:|---:|---|"]
    lines += [f"| {r['engine']} | {r['ndcg@10']} | {r['recall@100']} | {r['analysis']} |" for r in rows]
    return "\n".join(lines)


def index_table(rows: list[dict]) -> str:
    base = {r["engine"]: r for r in rows}
    ws = base.get("whoosh-std")
    one = base.get("fahras-1")
    lines = ["| engine | docs | wall s | docs/s | CPU s | index MB | peak RSS MB | ratios | analysis |",
             "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in rows:
        ratio = ""
        if ws and r["engine"] != "whoosh-std":
            ratio = (f"wall {r['seconds'] / ws['seconds']:.2f}×, "
                     f"CPU {r.get('cpu_s', 0) / max(ws.get('cpu_s', 0), 1e-9):.2f}× whoosh-std")
        if r["engine"] == "fahras-2" and one:
            ratio += f"; wall speed-up {one['seconds'] / r['seconds']:.2f}× over 1 proc"
        lines.append(f"| {r['engine']} | {r['docs']} | {r['seconds']} | {r['docs_per_s']} | "
                     f"{r.get('cpu_s', '')} | {r['size_mb']} | {r['peak_rss_mb']} | {ratio} | {r['analysis']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
