"""What the near-duplicate keys cost an article, step by step, and what a word-hash scheme would.

The keys (:mod:`indexer.nearduplicates`) are a sixth of the Sphinx import's samples
(``bench/import_profile.py``). Their values are fixed by SHA-1 of each shingle's text, so a
cheaper hash changes every stored key: that needs a re-import of every index and a measured
agreement of the stories, worth it only for a large gain. This measures the gain first: the keys
as made (shingles, SHA-1, MinHash permutations, bands), against a variant (here only, not used by
Fahras) that hashes each word once, vectorised over the article's letters with numpy, and makes a
shingle's 32-bit value from its three words' hashes; the MinHash permutations and the bands are the
same code. Both in one process, alternating, best of ``--rounds``; CPU microseconds an article.

    python bench/near_keys_cost.py --docs 3000 --rounds 3
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import pathlib
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.terms import exact_forms, load_tables  # noqa: E402
from indexer import nearduplicates as nd  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
_RNG = np.random.default_rng(1)
_LETTER = _RNG.integers(1, 2**63, size=64, dtype=np.uint64) | np.uint64(1)  # a letter's weight by position
_C1, _C2, _C3 = (np.uint64(c) for c in _RNG.integers(1, 2**63, size=3, dtype=np.uint64) | np.uint64(1))
_HALF = np.uint64(32)


def word_hash_keys(words: list[str]) -> list[str]:
    """The variant: each word's 64-bit hash a weighted sum of its letters (``np.add.reduceat``), a
    shingle's value mixed from its three words' hashes, the distinct values' upper halves."""
    n = len(words)
    if n < nd.SHINGLE:
        return []
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=n)
    codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    position = np.arange(len(codes)) - np.repeat(starts, lengths)
    h = np.add.reduceat((codes + np.uint64(1)) * _LETTER[position & 63], starts)
    h ^= h >> _HALF
    h *= _C1
    h ^= h >> _HALF
    shingle = h[:-2] * _C1 + h[1:-1] * _C2 + h[2:] * _C3
    shingle ^= shingle >> _HALF
    values = np.unique((shingle >> _HALF).astype(np.uint32))
    if len(values) < nd.MIN_SHINGLES:
        return []
    return _bands(nd._signature(values))


def _bands(signature: np.ndarray) -> list[str]:
    values = signature.astype("<u4").tobytes()
    width = nd.ROWS * 4
    return [f"{band:02d}{hashlib.blake2b(values[band * width:(band + 1) * width], digest_size=5).hexdigest()}"
            for band in range(nd.BANDS)]


def _best(fn, items, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - start)
    return best / len(items) * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=CORPUS)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    load_tables()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in itertools.islice(fh, args.docs)]
    articles = [exact_forms(f"{r.get('title') or ''}\n{r.get('body') or ''}") for r in records]
    grams = [nd._shingles(words) for words in articles]
    hashes = [nd._hashes(g) for g in grams if len(g) >= nd.MIN_SHINGLES]
    signatures = [nd._signature(h) for h in hashes]
    now = {"keys as made (keys_of_words)": 0.0, "word-hash variant": 0.0}
    for _ in range(args.rounds):  # alternating, so that both meet the same load
        for name, fn in (("keys as made (keys_of_words)", nd.keys_of_words), ("word-hash variant", word_hash_keys)):
            took = _best(fn, articles, 1)
            now[name] = took if not now[name] else min(now[name], took)
    steps = {
        "  shingles (words encoded, 3-grams joined)": _best(nd._shingles, articles, args.rounds),
        "  SHA-1 of each shingle": _best(nd._hashes, grams, args.rounds) * len(grams) / len(articles),
        "  MinHash permutations": _best(nd._signature, hashes, args.rounds) * len(hashes) / len(articles),
        "  bands": _best(_bands, signatures, args.rounds) * len(signatures) / len(articles),
    }
    words = sum(map(len, articles)) / len(articles)
    print(f"{len(articles)} articles, {words:.0f} words each on average; CPU microseconds an article, "
          f"best of {args.rounds}")
    for name, took in [*now.items(), *steps.items()]:
        print(f"{name:<46} {took:7.1f}")
    saved = now["keys as made (keys_of_words)"] - now["word-hash variant"]
    print(f"the variant saves {saved:.0f} us an article: {saved * 30_973 / 1e6:.1f} CPU s over the 31k import")


if __name__ == "__main__":
    main()
