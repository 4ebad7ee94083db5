"""Analysis throughput: Fahras's full chain against Whoosh's StandardAnalyzer, side by side, and
the roots field's cost against the old way of computing roots.

Analyzes the title and body of the first N articles (default 5,000) of SaudiNewsNet with each
analyzer in the same process, interleaved round by round so machine noise hits both alike, in CPU
seconds (the machine is shared), and prints tokens/s, the cost ratio per input word (target:
Fahras ≤ 3× StandardAnalyzer) and the stem cache hit rate. The text chain also runs with rule 3 as
its two filters in a row (``UthmaniFilter | StripMarksFilter``, as before ``MarksFilter``): what one
stage less per token is worth, measured side by side.

The ratio is per *input word* (what the tokenizer finds, nearly the same count for both): Fahras
drops Arabic stop words and StandardAnalyzer (an English stop list) drops none, so dividing by
output tokens would charge Fahras for the work it saves the index. Both figures are printed.

Roots (issue 14) are timed as indexing meets them: every token that reaches the roots filter, article
by article, with a cache that starts empty and fills as a worker's does. The old way (tashaphyne's
``get_root`` on the light stem, kept below only for this comparison) and ``analyzers.roots.root``
run on the same token stream in the same process, timed in CPU seconds (the machine is shared),
best of two rounds each; the dictionary load of the new way is printed apart (once per process).

With ``--import-stages`` it times instead what an import does to each article, stage by stage,
in docs per CPU-second, for this checkout and another one side by side (``--baseline ../main``),
each in a fresh interpreter whose caches fill as a worker's do (:func:`stage_seconds`), and what
one word new to a worker costs, rule by rule (:func:`new_form_seconds`).

    python bench/analysis.py [--docs 5000] [--rounds 3]
    python bench/analysis.py --import-stages --baseline ../main [--docs 8000]
"""

from __future__ import annotations

import functools
import gc
import gzip
import json
import os
import pathlib
import pickle
import subprocess
import sys
import time

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
# A child timing another checkout's import stages imports that checkout's code.
sys.path.insert(0, os.environ.get("FAHRAS_BENCH_CODE", str(ROOT)))

from tashaphyne.stemming import ArabicLightStemmer  # noqa: E402
from whoosh.analysis import StandardAnalyzer  # noqa: E402

from analyzers import roots  # noqa: E402
from analyzers.normalize import TOKEN_PATTERN, is_arabic  # noqa: E402
from analyzers.pipeline import (  # noqa: E402
    ArabicStopFilter,
    ArabicTokenizer,
    LetterFoldFilter,
    LightStemFilter,
    StripMarksFilter,
    UnicodeFoldFilter,
    UthmaniFilter,
    _normalizing_chain,
    exact_analyzer,
    roots_analyzer,
    text_analyzer,
)
from analyzers.stemming import cache_stats, light_stem  # noqa: E402

CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"


def load(path: pathlib.Path, limit: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            texts.append(f"{doc.get('title') or ''}\n{doc.get('body') or ''}")
            if len(texts) >= limit:
                break
    return texts


def count_words(texts: list[str]) -> int:
    return sum(len(TOKEN_PATTERN.findall(text)) for text in texts)


def run(analyzer, texts: list[str]) -> tuple[int, float]:
    """(tokens out, CPU seconds) of one pass over ``texts``."""
    start = time.process_time()
    count = 0
    for text in texts:
        for _ in analyzer(text, positions=True, chars=True):
            count += 1
    return count, time.process_time() - start


def two_stage_text_analyzer():
    """The text chain with rule 3 as its two filters in a row, as it ran before MarksFilter."""
    return (
        ArabicTokenizer() | UnicodeFoldFilter() | UthmaniFilter() | StripMarksFilter() | LetterFoldFilter()
        | ArabicStopFilter() | LightStemFilter()
    )


def old_root_function():
    """The roots of fahras-ar-3, for comparison only: tashaphyne's root of the light stem, cached
    like it was (its output depended on the hash seed; issue 14)."""
    stemmer = ArabicLightStemmer()

    @functools.lru_cache(maxsize=250_000)
    def old_root(word: str) -> str:
        if len(word) < 3 or not is_arabic(word):
            return word
        stem = light_stem(word)
        stemmer.light_stem(stem)
        return stemmer.get_root() or stem

    return old_root


def root_tokens(texts: list[str]) -> list[list[str]]:
    """What the roots filter receives, article by article (rules 1-5 applied)."""
    chain = _normalizing_chain() | ArabicStopFilter()
    return [[t.text for t in chain(text)] for text in texts]


def time_roots(function, articles: list[list[str]]) -> float:
    """CPU seconds (not wall time: the machine is shared) to root every token of ``articles``."""
    start = time.process_time()
    for tokens in articles:
        for token in tokens:
            function(token)
    return time.process_time() - start


def compare_roots(texts: list[str], load: float) -> None:
    articles = root_tokens(texts)
    for tokens in articles:  # the light stems the old way reads are warm, as after the text fields
        for token in tokens:
            light_stem(token)
    old = new = float("inf")
    for _ in range(2):  # best of two rounds, each way from an empty cache
        gc.collect()
        old = min(old, time_roots(old_root_function(), articles))
        roots.clear_cache()
        gc.collect()
        new = min(new, time_roots(roots.root, articles))
    n = len(articles)
    click.echo(
        f"\nroots, cold cache, {sum(map(len, articles))} tokens of {n} articles: "
        f"old (tashaphyne) {old / n * 1000:.2f} CPU-ms/article, new {new / n * 1000:.2f} CPU-ms/article: "
        f"{old / new:.1f}x cheaper (target >= 3x); dictionary load {load:.2f} s once per process"
    )


# The stages of an import, in the order :func:`stage_seconds` times them: the first two run once
# per article in the parent, the rest in an analysis worker ("worker, cold" is the real figure:
# the whole job, caches filling from empty; the others are then timed warm, to show where it goes).
STAGES = (
    ("read + validate", "parent: JSON line -> validated record"),
    ("worker, cold", "the Sphinx import's analyse(), caches from empty"),
    ("worker, warm", "the same articles again"),
    ("  field terms", "title and body: exact forms, stems, roots"),
    ("  near keys", "near-duplicate keys (MinHash of folded 3-grams)"),
    ("  to_fields", "record -> fields, near keys included"),
    ("store pack", "parent: JSON + zlib of a row for the side store"),
    ("pickle rows", "worker -> parent, both ways"),
    ("whoosh chains", "the five Whoosh fields through the analyzer chains, warm"),
)


def stage_seconds(corpus: pathlib.Path, docs: int) -> dict[str, float]:
    """CPU seconds of each import stage over the first ``docs`` articles, with whatever code
    ``sys.path`` finds first (a child started by :func:`compare_import_stages`)."""
    from analyzers.pipeline import analyzer_for
    from analyzers.roots import root
    from indexer.documents import to_fields
    from indexer.nearduplicates import near_keys
    from indexer.sources import Invalid, validate
    from search.sphinx_backend import importer, store

    seconds: dict[str, float] = {}

    def timed(name: str, work) -> list:
        start = time.process_time()
        out = work()
        seconds[name] = seconds.get(name, 0.0) + time.process_time() - start
        return out

    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        lines = [line for _, line in zip(range(docs), fh, strict=False)]

    def read() -> list[dict]:
        records = []
        for line in lines:
            try:
                records.append(validate(json.loads(line)))
            except Invalid:
                pass
        return records

    records = timed("read + validate", read)
    timed("dictionary load", lambda: root("مكتبات"))
    gc.collect()
    rows = timed("worker, cold", lambda: [importer.analyse(r) for r in records])
    timed("worker, warm", lambda: [importer.analyse(r) for r in records])
    texts = [(r.get("title") or "", r.get("body") or "") for r in records]
    timed("  field terms", lambda: [(importer.field_terms(t), importer.field_terms(b)) for t, b in texts])
    timed("  near keys", lambda: [near_keys(t, b) for t, b in texts])
    timed("  to_fields", lambda: [to_fields(r) for r in records])
    timed("store pack", lambda: [(json.dumps(doc, ensure_ascii=False), store.pack(tok)) for _n, _i, doc, tok in rows])
    timed("pickle rows", lambda: [pickle.loads(pickle.dumps(rows[i:i + 500])) for i in range(0, len(rows), 500)])
    chains = {name: analyzer_for(kind) for name, kind in (("title", "text"), ("body", "text"), ("title_exact", "exact"),
                                                         ("body_exact", "exact"), ("roots", "roots"))}
    fields = [to_fields(r) for r in records]
    timed("whoosh chains", lambda: [[list(chains[f](d[f], positions=True, chars=True)) for f in chains] for d in fields])
    seconds["docs"] = len(records)
    seconds.update(new_form_seconds([text for pair in texts for text in pair]))
    return seconds


def new_form_seconds(texts: list[str]) -> dict[str, float]:
    """CPU seconds of what a word new to a worker costs, rule by rule, over the distinct tokens of
    ``texts``: its exact forms (rules 1-4), the light stem and the root of each form that is no
    stop word, each computed as on a cache miss (the roots' own small caches emptied first)."""
    from analyzers import roots
    from analyzers.pipeline import _exact_forms_of_token
    from analyzers.stemming import light_stem
    from analyzers.stopwords import stopwords

    tokens = list(dict.fromkeys(token for text in texts for token in TOKEN_PATTERN.findall(text)))
    stops = stopwords("full")
    forms = [f for f in dict.fromkeys(f for t in tokens for f in _exact_forms_of_token(t)) if f not in stops]
    for form in forms:
        light_stem(form)  # a root may ask the stem: warm, as in a worker (the stem comes first)
    seconds = {"new tokens": len(tokens), "new forms": len(forms)}
    start = time.process_time()
    for token in tokens:
        _exact_forms_of_token.uncached(token)
    seconds["new: exact forms"] = time.process_time() - start
    start = time.process_time()
    for form in forms:
        light_stem.uncached(form)
    seconds["new: stem"] = time.process_time() - start
    roots.clear_cache()
    for name in ("_plan", "_pattern_reading", "_skeleton_reading"):
        getattr(roots, name).cache_clear()
    start = time.process_time()
    for form in forms:
        roots.root(form)
    seconds["new: root"] = time.process_time() - start
    return seconds


def compare_import_stages(corpus: pathlib.Path, docs: int, baseline: pathlib.Path | None, rounds: int) -> None:
    """Each checkout's :func:`stage_seconds` in fresh interpreters, alternating, best of ``rounds``;
    one table, side by side."""
    roots_ = {"this": ROOT, **({"baseline": baseline.resolve()} if baseline else {})}
    best: dict[str, dict[str, float]] = {}
    for _ in range(rounds):
        for name, code in roots_.items():
            env = {**os.environ, "FAHRAS_BENCH_CODE": str(code)}
            out = subprocess.run([sys.executable, __file__, "--stage-child", "--corpus", str(corpus), "--docs", str(docs)],
                                 env=env, capture_output=True, text=True, check=True)
            got = json.loads(out.stdout.strip().splitlines()[-1])
            best[name] = {k: min(v, best.get(name, {}).get(k, v)) for k, v in got.items()}
    n = best["this"]["docs"]
    load = os.getloadavg()[0]
    click.echo(f"import stages, {n:.0f} articles of {corpus.name}, docs per CPU-second, best of {rounds} "
               f"fresh processes each (load average {load:.1f} on {os.cpu_count()} cores)\n")
    header = f"{'stage':18} {'baseline':>9} {'this':>9} {'speed-up':>8}  what" if baseline else f"{'stage':18} {'this':>9}  what"
    click.echo(header)
    for stage, what in STAGES:
        this = n / best["this"][stage]
        if baseline:
            base = n / best["baseline"][stage]
            click.echo(f"{stage:18} {base:9.0f} {this:9.0f} {this / base:7.2f}x  {what}")
        else:
            click.echo(f"{stage:18} {this:9.0f}  {what}")
    counts = best["this"]
    click.echo(f"\na word new to the worker, CPU microseconds each ({counts['new tokens']:.0f} distinct tokens, "
               f"{counts['new forms']:.0f} distinct forms that are no stop word):")
    for stage, per in (("new: exact forms", "new tokens"), ("new: stem", "new forms"), ("new: root", "new forms")):
        this = best["this"][stage] / counts[per] * 1e6
        if baseline:
            base = best["baseline"][stage] / counts[per] * 1e6
            click.echo(f"{stage:18} {base:9.1f} {this:9.1f} {base / this:7.2f}x")
        else:
            click.echo(f"{stage:18} {this:9.1f}")
    for name in roots_:
        click.echo(f"dictionary load ({name}): {best[name]['dictionary load']:.2f} CPU s once per process")


@click.command()
@click.option("--corpus", type=click.Path(path_type=pathlib.Path), default=CORPUS)
@click.option("--docs", default=5000, show_default=True)
@click.option("--rounds", default=3, show_default=True, help="Best-of rounds per analyzer.")
@click.option("--import-stages", is_flag=True, help="Time an import's stages instead (see above).")
@click.option("--baseline", type=click.Path(path_type=pathlib.Path, exists=True, file_okay=False),
              help="Another checkout (e.g. ../main) to time side by side with --import-stages.")
@click.option("--stage-child", is_flag=True, hidden=True)
def main(corpus: pathlib.Path, docs: int, rounds: int, import_stages: bool, baseline: pathlib.Path | None,
         stage_child: bool) -> None:
    if not corpus.exists():
        raise SystemExit(f"skipped: {corpus} not found (../shared is needed for benchmarks)")
    if stage_child:
        click.echo(json.dumps(stage_seconds(corpus, docs)))
        return
    if import_stages:
        compare_import_stages(corpus, docs, baseline, rounds)
        return
    texts = load(corpus, docs)
    start = time.perf_counter()
    roots.root("مكتبات")  # the dictionary is read on first use, once per process
    dictionary_load = time.perf_counter() - start
    analyzers = {
        "whoosh StandardAnalyzer": StandardAnalyzer(),
        "fahras text (stemmed)": text_analyzer(),
        "text, rule 3 in 2 stages": two_stage_text_analyzer(),
        "fahras exact": exact_analyzer(),
        "fahras roots": roots_analyzer(),
    }
    # A cold pass first: it fills the stem cache as indexing a corpus would, and is reported.
    cold_tokens, cold_time = run(analyzers["fahras text (stemmed)"], texts)
    stats = cache_stats()
    best: dict[str, tuple[int, float]] = {}
    for _ in range(rounds):
        for name, analyzer in analyzers.items():
            tokens, seconds = run(analyzer, texts)
            if name not in best or seconds < best[name][1]:
                best[name] = (tokens, seconds)
    words = count_words(texts)
    base_time = best["whoosh StandardAnalyzer"][1]
    click.echo(f"{len(texts)} articles ({words} words) from {corpus.name}, best of {rounds} rounds\n")
    click.echo(
        f"{'analyzer':28} {'tokens out':>10} {'seconds':>8} {'words/s':>10} {'tokens/s':>10} "
        f"{'cost/word':>9} {'cost/token':>10}"
    )
    base_per_token = base_time / best["whoosh StandardAnalyzer"][0]
    rows = [*best.items(), ("fahras text, cold cache", (cold_tokens, cold_time))]
    for name, (tokens, seconds) in rows:
        click.echo(
            f"{name:28} {tokens:10d} {seconds:8.2f} {words / seconds:10.0f} {tokens / seconds:10.0f} "
            f"{seconds / base_time:8.2f}x {(seconds / tokens) / base_per_token:9.2f}x"
        )
    ratio = best["fahras text (stemmed)"][1] / base_time
    click.echo(
        f"\nstem cache after the cold pass: {stats['misses']} misses for {cold_tokens} stemmed tokens "
        f"(hit rate {1 - stats['misses'] / max(cold_tokens, 1):.1%}), {stats['entries']} entries, "
        f"{stats['bytes'] / 2**20:.1f} of {stats['max_bytes'] / 2**20:.0f} MB"
    )
    verdict = "meets" if ratio <= 3 else "MISSES"
    click.echo(f"full chain / StandardAnalyzer cost per word: {ratio:.2f}x ({verdict} the 3x target)")
    two_stage = best["text, rule 3 in 2 stages"][1] / base_time
    click.echo(f"the same chain with rule 3 in two stages (UthmaniFilter | StripMarksFilter): {two_stage:.2f}x")
    compare_roots(texts, dictionary_load)

if __name__ == "__main__":
    main()
