"""A real 100k or 1M Sphinx build from the 31k real articles: synthetic articles composed of real
analysed paragraphs, indexed by ``indexer`` (issue 18 item 8: "a real 1M build, not a stack").

Why synthetic, and how: the corpus has 31k articles and analysing 1M here would take hours, but
Sphinx's input is Fahras's analysed terms and the analysis is per token. So each article's
paragraphs (its body cut at line breaks) and its title are analysed once
(``importer.field_terms``), and article *i* is composed: the title, date, source, section and
author of real article ``i mod 31k``; a body of about as many paragraphs as that article has,
taken in runs from 2-4 real articles (that one first); its terms the paragraphs' terms
concatenated; the originals (title, body text) kept for the side store and highlights; a new id
``syn-NNNNNNN`` (its own 64-bit number and shard). So term statistics grow as an archive's do
(new combinations of real paragraphs), not as one article repeated. The claim that concatenated
paragraph terms equal the composed body's terms is checked on ``--check`` composed articles
(``importer.analyse`` on the composed record; the build stops on any difference).

What they lack: near-duplicate keys (MinHash, 4-7 ms an article here: hours of CPU at 1M), so
the story walk finds no copies among them; titles repeat (each real title ~32 times at 1M).

    fahras cluster start --shards 2 --dir var/s1m-2 --port-base 9850
    nice python bench/sphinx_synthetic.py ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz \
        --docs 1000000 --cluster var/s1m-2 [--procs 2] [--check 300] [--seed 1]

The analysed paragraphs are cached in ``var/paragraphs-<source>-<analyzer version>.pickle``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pathlib
import pickle
import random
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.documents import lead_of, to_fields  # noqa: E402
from indexer.schema import NEAR, SKETCH, STORY, versions  # noqa: E402
from indexer.sources import Invalid, admit, read_source  # noqa: E402
from search.sphinx_backend import cluster as cl  # noqa: E402
from search.sphinx_backend import tokens  # noqa: E402
from search.sphinx_backend.importer import (  # noqa: E402
    analyse,
    assemble,
    build,
    cluster_lock,
    expected_versions,
    field_terms,
    shard_of,
)
from search.sphinx_backend.store import Store  # noqa: E402

KEYS = ("title", "date", "source", "section", "author", "url", "tags")
BATCH = 2000
ARTICLES: list[dict[str, Any]] = []  # the analysed corpus, shared with forked workers


def _article(record: dict[str, Any]) -> dict[str, Any]:
    paragraphs = [p for p in (record.get("body") or "").split("\n") if p]
    return {"record": {k: record.get(k) for k in KEYS},
            "title_terms": field_terms(record.get("title") or ""),
            "paragraphs": [(p, field_terms(p)) for p in paragraphs]}


def _articles_of(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [_article(r) for r in records]


def real_records(source: str) -> list[dict[str, Any]]:
    """The valid articles of ``source`` that have a body, in source order: the bases of the
    synthetic articles (their order decides which real article article *i* is built on)."""
    seen: dict = {}
    records = []
    for item in read_source(source):
        try:
            records.append(admit(item, None, seen))
        except Invalid:
            continue
    return [r for r in records if r.get("body")]


def text_articles(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`load_articles`'s shape without the analysis (each paragraph's terms ``None``): enough
    for :func:`composition` to compose the same articles' text, for a source file to import."""
    return [{"record": {k: r.get(k) for k in KEYS},
             "paragraphs": [(p, None) for p in r["body"].split("\n") if p]} for r in records]


def load_articles(source: str, procs: int, cache: pathlib.Path) -> list[dict[str, Any]]:
    """Every valid article of ``source`` with its title's and paragraphs' terms (cached)."""
    if cache.exists():
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    records = real_records(source)
    step = 500
    with ProcessPoolExecutor(procs) as pool:
        parts = pool.map(_articles_of, [records[i:i + step] for i in range(0, len(records), step)])
        articles = [a for part in parts for a in part]
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache, "wb") as fh:
        pickle.dump(articles, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return articles


def composition(i: int, seed: int, articles: list[dict[str, Any]] | None = None,
                ) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """Article ``i``'s base (real article ``i mod n``) and its paragraphs (text, terms), drawn
    from ``articles`` (:data:`ARTICLES` unless given)."""
    articles = ARTICLES if articles is None else articles
    n = len(articles)
    base = articles[i % n]
    rng = random.Random(seed * 1_000_003 + i)
    want = max(1, len(base["paragraphs"]))
    sources = [base] + [articles[rng.randrange(n)] for _ in range(rng.randint(1, 3))]
    run = max(1, -(-want // len(sources)))
    chosen: list[tuple[str, tuple]] = []
    for k, art in enumerate(sources):
        paras = art["paragraphs"]
        start = 0 if k == 0 else rng.randrange(max(1, len(paras) - run + 1))
        chosen += paras[start:start + run]
    return base, chosen[:max(want, 1)]


def composed_record(i: int, base: dict[str, Any], chosen: list[tuple[str, Any]]) -> dict[str, Any]:
    return {**base["record"], "id": f"syn-{i:07d}", "body": "\n".join(text for text, _ in chosen)}


def compose(i: int, seed: int) -> tuple[int, str, dict, dict]:
    """The importer's row of synthetic article ``i``, from analysed paragraphs (no analysis)."""
    base, chosen = composition(i, seed)
    record = composed_record(i, base, chosen)
    # to_fields on the record without its body: dates, hijri year, facets as an import makes them,
    # without the body's near-duplicate keys (see the module docstring)
    fields = to_fields({**record, "body": ""})
    fields["body"] = record["body"]
    body_terms = tuple([t for _, terms in chosen for t in terms[k]] for k in range(3))
    # the lead's stems: its 60 words analysed again (cached words: a small share of a body's cost)
    lead_stems = field_terms(lead_of(record["body"]))[1]
    return assemble(fields, record.get("tags") or [], base["title_terms"], body_terms, lead_stems)


def _compose_range(args: tuple[int, int, int, int]) -> list[tuple[int, str, dict, dict]]:
    """The importer's rows of articles ``start`` to ``stop``, made in a worker."""
    start, stop, seed, gen = args
    rows = []
    for i in range(start, stop):
        row = compose(i, seed)
        # No near-duplicate keys: each article is a story of its own (the importer's Stories
        # gives such an article its own id), as the story attribute and in the originals.
        row[2][STORY] = row[1]
        row[3]["story"] = row[0]
        row[3]["seq"] = (gen << 32) | i
        rows.append(row)
    return rows


def bounded_map(pool: Executor, fn: Callable[[Any], Any], items: Iterable[Any], ahead: int) -> Iterator[Any]:
    """``pool.map(fn, items)`` with at most ``ahead`` tasks submitted and not yet consumed.

    ``Executor.map`` submits every task at once, and the workers' finished rows then wait in
    this process until the store takes them: the workers compose faster than one process writes
    SQLite, so at 1M the waiting rows grew by gigabytes (11.8 GB peak RSS)."""
    todo = iter(items)
    pending: deque[Future] = deque(pool.submit(fn, item) for item in islice(todo, ahead))
    while pending:
        result = pending.popleft().result()
        pending.extend(pool.submit(fn, item) for item in islice(todo, 1))
        yield result


def check(count: int, seed: int, total: int) -> int:
    """Compose ``count`` articles spread over ``range(total)`` and analyse each composed record as
    an import would: the number that differ (near-duplicate keys aside)."""
    from indexer.sources import validate

    differ = 0
    for i in range(0, total, max(1, total // count))[:count]:
        base, chosen = composition(i, seed)
        record = validate(json.loads(json.dumps(composed_record(i, base, chosen), default=str)))
        fields = to_fields(record)
        _num, _id, originals, expected = analyse(record)
        near = {tokens.meta_term(NEAR, k) for k in (fields.get(NEAR) or "").split()}
        expected["meta"] = " ".join(t for t in expected["meta"].split() if t not in near)
        _num2, _id2, originals2, got = compose(i, seed)
        for name in (NEAR, SKETCH):
            originals.pop(name, None)
            originals2.pop(name, None)
        differ += (expected != got) or (originals != originals2)
    return differ


def disk(path: pathlib.Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source")
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--cluster", required=True, help="a directory made by `fahras cluster start` (empty)")
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--check", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    name = pathlib.Path(args.source).name.split(".")[0]
    cache = ROOT / "var" / f"paragraphs-{name}-{versions()['analyzer_version']}.pickle"
    t0 = time.perf_counter()
    ARTICLES.extend(load_articles(args.source, args.procs, cache))
    print(f"{len(ARTICLES)} articles, {sum(len(a['paragraphs']) for a in ARTICLES)} paragraphs analysed "
          f"({time.perf_counter() - t0:.1f} s, cache {cache.name})", flush=True)
    differ = check(args.check, args.seed, args.docs)
    print(f"check: {differ} of {args.check} composed articles differ from importer.analyse of their text")
    if differ:
        sys.exit("the paragraph terms do not concatenate to the article's: not building")

    cluster = cl.load(args.cluster)
    ctx = multiprocessing.get_context("fork")  # the workers share ARTICLES, loaded above
    with cluster_lock(cluster):
        stores = [Store(cluster.store_path(node)) for node in cluster.shards]
        try:
            for store in stores:
                store.check_versions(expected_versions(), str(cluster.directory))
                if store.count():
                    sys.exit(f"{store.path} is not empty: start a new cluster for a synthetic build")
            gen = 1
            t1 = time.perf_counter()
            ranges = [(i, min(i + BATCH, args.docs), args.seed, gen) for i in range(0, args.docs, BATCH)]
            with ProcessPoolExecutor(args.procs, mp_context=ctx) as pool:
                for rows in bounded_map(pool, _compose_range, ranges, 2 * args.procs):
                    by_shard: dict[int, list] = {}
                    for row in rows:
                        by_shard.setdefault(shard_of(row[0], len(stores)), []).append(row)
                    for k, part in by_shard.items():
                        stores[k].write(part, gen)
                    done = rows[-1][1]
                    if int(done[4:]) % 100_000 >= 100_000 - BATCH:
                        print(f"  {done} stored ({time.perf_counter() - t1:.0f} s)", flush=True)
            composed = time.perf_counter() - t1
            t2 = time.perf_counter()
            unbuilt = build(cluster, stores)
            built = time.perf_counter() - t2
        finally:
            for s in stores:
                s.close()
    if unbuilt:
        sys.exit(f"not built: {unbuilt}")
    total = composed + built
    print(json.dumps({
        "documents": args.docs, "shards": len(cluster.shards), "compose_store_s": round(composed, 1),
        "indexer_s": round(built, 1), "indexer_docs_per_s": round(args.docs / built, 1),
        "total_docs_per_s": round(args.docs / total, 1),
        "per_shard": {n.name: {"index_mb": round(disk(cluster.node_dir(n) / "data") / 2**20),
                               "store_mb": round(cluster.store_path(n).stat().st_size / 2**20)}
                      for n in cluster.shards},
    }, indent=1))


if __name__ == "__main__":
    main()
