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

import functools
import hashlib
import operator

import numpy as np

from analyzers.terms import exact_forms

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 3  # words a shingle
# An article with fewer shingles than this (about 40 words) has no keys: short items made from one
# template ("a plan for region 3", "... region 4") are alike without being one story.
MIN_SHINGLES = 40
SEED = 1  # fixed: every process must give the same keys for the same text


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The permutations drawn once by datasketch (from SEED, its ``affine32`` scheme: the one
    every stored key was made with) and applied by :func:`_signature`. Drawn on first use:
    importing datasketch loads scipy (0.7 s), which every ``fahras`` command paid at start-up
    though only an import makes keys."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32").permutations


def load() -> None:
    """Draw the permutations now: an import calls this before its pool forks, so that the workers
    share them rather than each importing datasketch."""
    _permutations()


# datasketch's MurmurHash3 finalizer of a 32-bit hash before the affine32 permutations.
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def shingles(text: str) -> set[bytes]:
    """The article's word 3-grams, folded: ``"أعلنت وزارة الصحة اليوم"`` → 2 shingles."""
    return _shingles(exact_forms(text))


def _shingles(words: list[str]) -> set[bytes]:
    # Each word encoded once (UTF-8, ``str.encode``'s default) and the shingles joined as bytes
    # (UTF-8 of a joined text is the join of its words' UTF-8: the same bytes); zip of three
    # shifted lists rather than slices, every step a C loop (``map``).
    encoded = list(map(str.encode, words))
    return set(map(b" ".join, zip(*(encoded[i:] for i in range(SHINGLE)), strict=False)))


_DIGEST = operator.methodcaller("digest")


def _hashes(grams: set[bytes]) -> np.ndarray:
    """datasketch's default hash of each shingle (``sha1_hash32``: the first four bytes of its
    SHA-1, little-endian), taken in one pass: SHA-1 objects made by ``map`` and every fifth
    32-bit word of the digests read by numpy, instead of a Python call, a slice and
    ``struct.unpack`` per shingle. Hand-written because datasketch hashes one value per Python
    call (a third of the keys' cost)."""
    return np.frombuffer(b"".join(map(_DIGEST, map(hashlib.sha1, grams))), dtype="<u4")[::5]


def _signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash values of 32-bit shingle hashes: what datasketch's ``update_batch`` computes
    (fmix32, then ``a * h + b`` mod 2**32 per permutation, the least per permutation), on the
    array as it is. Hand-written because datasketch takes a list of values and copies its sketch
    per article, which cost twice this (``tests/test_near_keys.py`` holds the keys to its road)."""
    s1, m1, s2, m2, s3 = _FMIX
    h = hashes ^ (hashes >> s1)
    h *= m1
    h ^= h >> s2
    h *= m2
    h ^= h >> s3
    a, b = _permutations()
    permuted = np.multiply.outer(h, a)
    permuted += b
    return permuted.min(axis=0)


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
    values = _signature(_hashes(grams)).astype("<u4").tobytes()
    width = ROWS * 4
    return [f"{band:02d}{hashlib.blake2b(values[band * width:(band + 1) * width], digest_size=5).hexdigest()}"
            for band in range(BANDS)]
