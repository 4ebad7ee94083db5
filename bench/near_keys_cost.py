"""What the near-duplicate keys cost an article, step by step, against the road they replaced.

The keys (:mod:`indexer.nearduplicates`) were a sixth of the Sphinx import's samples
(``bench/import_profile.py``) while each shingle's value was the SHA-1 of its text (datasketch's
default hash, one Python call a shingle). Since `fahras-ar-41` a shingle's value is mixed from its
three words' hashes, each word hashed once over the article's letters with numpy
(``shingle_values``). This times the keys as made against that former road (kept here, as it
was, for the comparison): both in one process, alternating, best of ``--rounds``; CPU
microseconds an article; and the steps of the keys as made.

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


def _former_shingles(words: list[str]) -> set[bytes]:
    encoded = list(map(str.encode, words))
    return set(map(b" ".join, zip(*(encoded[i:] for i in range(nd.SHINGLE)), strict=False)))


def _former_hashes(grams: set[bytes]) -> np.ndarray:
    """datasketch's ``sha1_hash32`` of each shingle: the first four bytes of its SHA-1."""
    return np.frombuffer(b"".join(g.digest() for g in map(hashlib.sha1, grams)), dtype="<u4")[::5]


def former_keys(words: list[str]) -> list[str]:
    """The keys until `fahras-ar-40`: each shingle's text hashed with SHA-1."""
    grams = _former_shingles(words)
    if len(grams) < nd.MIN_SHINGLES:
        return []
    return _bands(nd._signature(_former_hashes(grams)))


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
    values = [v for v in map(nd.shingle_values, articles) if len(v) >= nd.MIN_SHINGLES]
    signatures = [nd._signature(v) for v in values]
    now = {"keys as made (keys_of_words)": 0.0, "the former road (SHA-1 of each shingle)": 0.0}
    for _ in range(args.rounds):  # alternating, so that both meet the same load
        for name, fn in (("keys as made (keys_of_words)", nd.keys_of_words),
                         ("the former road (SHA-1 of each shingle)", former_keys)):
            took = _best(fn, articles, 1)
            now[name] = took if not now[name] else min(now[name], took)
    steps = {
        "  shingle values (word hashes)": _best(nd.shingle_values, articles, args.rounds),
        "  MinHash permutations": _best(nd._signature, values, args.rounds) * len(values) / len(articles),
        "  bands": _best(_bands, signatures, args.rounds) * len(signatures) / len(articles),
    }
    words = sum(map(len, articles)) / len(articles)
    print(f"{len(articles)} articles, {words:.0f} words each on average; CPU microseconds an article, "
          f"best of {args.rounds}")
    for name, took in [*now.items(), *steps.items()]:
        print(f"{name:<46} {took:7.1f}")
    saved = now["the former road (SHA-1 of each shingle)"] - now["keys as made (keys_of_words)"]
    print(f"the keys as made save {saved:.0f} us an article: {saved * 30_973 / 1e6:.1f} CPU s over the 31k import")


if __name__ == "__main__":
    main()
