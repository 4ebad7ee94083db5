"""Near-duplicate keys of an article: one story run by several papers is found as one.

Agencies' stories (واس, Reuters) run in many papers with a new headline, a dropped paragraph or a
different opening line. Each article gets a MinHash signature (datasketch) of its word 3-grams,
folded as the exact fields fold them (so spelling variants of hamza or taa marbuta do not split a
story), and the signature is cut into :data:`BANDS` bands of :data:`ROWS` values — the banding
of locality-sensitive hashing. Two articles share at least one band with probability
``1 - (1 - J**ROWS)**BANDS`` for a Jaccard similarity J of their 3-gram sets: about 0.5 at J 0.7,
0.98 at J 0.85, 0.004 at J 0.3. Each band becomes one term of the ``near`` field; articles that
share a term are near-duplicates, found through the index itself (a term lookup), so a story
imported today meets the copies imported last year, by any process, with no state beside the
index. docs/design.md "One story once" has the figures measured on the real corpus.
"""

from __future__ import annotations

import hashlib

import numpy as np
from datasketch import MinHash

from analyzers.terms import exact_forms

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 3  # words a shingle
# An article with fewer shingles than this (about 40 words) has no keys: short items made from one
# template ("a plan for region 3", "... region 4") are alike without being one story.
MIN_SHINGLES = 40
SEED = 1  # fixed: every process must give the same keys for the same text
# The permutations drawn once (from SEED) and shared: drawing them is a tenth of an article's cost.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED)


def shingles(text: str) -> set[bytes]:
    """The article's word 3-grams, folded: ``"أعلنت وزارة الصحة اليوم"`` → 2 shingles."""
    return _shingles(exact_forms(text))


def _shingles(words: list[str]) -> set[bytes]:
    # zip of three shifted lists: a third cheaper than slicing the list at each word
    return {" ".join(gram).encode("utf-8") for gram in zip(*(words[i:] for i in range(SHINGLE)), strict=False)}


def near_keys(title: str, body: str) -> list[str]:
    """The band terms of an article (empty for a short one): ``["00a1b2c3d4e5", ...]``, the
    band number then 10 hex digits of the band's hash."""
    return keys_of_words(exact_forms(f"{title}\n{body}"))


def keys_of_words(words: list[str]) -> list[str]:
    """:func:`near_keys` of an article whose exact forms (title's, then body's) the caller has
    already (the Sphinx import analyses them anyway): the same keys, without folding it again."""
    grams = _shingles(words)
    if len(grams) < MIN_SHINGLES:
        return []
    sig = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS.permutations,
                  scheme=_PERMUTATIONS.scheme)
    sig.update_batch(grams)
    values = np.asarray(sig.hashvalues, dtype=np.uint32)
    return [f"{band:02d}{hashlib.blake2b(values[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=5).hexdigest()}"
            for band in range(BANDS)]
