"""Near-duplicate keys of an article: one story run by several papers is found as one.

Agencies' stories (واس, Reuters) run in many papers with a new headline, a dropped paragraph or a
different opening line. Each article gets a MinHash signature (datasketch's permutations) of its
word 3-grams, folded as the exact fields fold them (so spelling variants of hamza or taa marbuta
do not split a story), each 3-gram a 32-bit value of its words' hashes (:func:`shingle_values`),
and the signature is cut into :data:`BANDS` bands of :data:`ROWS` values — the banding of
locality-sensitive hashing. Two articles share at least one band with probability
``1 - (1 - J**ROWS)**BANDS`` for a Jaccard similarity J of their 3-gram sets: about 0.5 at J 0.7,
0.98 at J 0.85, 0.004 at J 0.3. Each band becomes one term of the ``near`` field; articles that
share a term are near-duplicates, found through the index itself (a term lookup), so a story
imported today meets the copies imported last year, by any process, with no state beside the
index. docs/design.md "One story once" has the figures measured on the real corpus.

An edited or trimmed copy (one paper drops paragraphs, another rewrites a date) has Jaccard
0.4-0.65 with the full text while 80%+ of its shingles are in it: the bands above miss it. So
each article also has :data:`LOOSE_BANDS` looser bands of :data:`LOOSE_ROWS` values (keys
starting ``x``: 0.94 likely shared at J 0.55, 0.53 at J 0.3, far too often to join on alone)
and a :class:`Sketch` (the signature's values, 16 bits each, and the shingle count) kept with
it; a loose candidate joins only when the sketches say the texts are one (:func:`same_story`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
from typing import NamedTuple

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
# 8 bands of 2 values (of the signature's first 16) found more trimmed copies on the 31k corpus
# than 16 of 3 or 32 of 4 (1,043 against 1,026 and 1,019, the same check) for a third of 16 x 3's
# terms: each loose key is a term of the index (Whoosh: ~160 bytes each, most keys being unique).
LOOSE_BANDS = 8
LOOSE_ROWS = 2
LOOSE = "x"  # the first letter of a loose key (a strict key starts with its band's two digits)
# When a loose candidate is one story (measured on the 31k corpus: docs/design.md "One story
# once"): the estimated Jaccard of the 3-gram sets at least SAME_JACCARD (what a strict band
# finds half the time), or the smaller text's shingles at least CONTAINED in the larger one when
# the larger has at most BIGGER times as many (a trimmed copy; a short item inside a long
# round-up is not one story).
SAME_JACCARD = 0.7
CONTAINED = 0.8
BIGGER = 2.0


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


def _weights() -> tuple[np.ndarray, np.ndarray]:
    """The word hash's constants: a random odd 64-bit weight for each letter position (mod 64) and
    three for a shingle's words, drawn from BLAKE2b of fixed labels, so that every process and
    every numpy version gives the same keys (numpy's generators promise no stable stream)."""
    drawn = np.array([int.from_bytes(hashlib.blake2b(f"fahras-near-{i}".encode(), digest_size=8).digest(), "little") | 1
                      for i in range(64 + SHINGLE)], dtype=np.uint64)
    return drawn[:64], drawn[64:]


_LETTER, _WORD = _weights()
_HALF = np.uint64(32)


def shingle_values(words: list[str]) -> np.ndarray:
    """The article's distinct word 3-grams as 32-bit values: ``["أعلنت", "وزارة", "الصحة", "اليوم"]``
    → 2 values. Each word hashed once, over the article's letters at a time (a weighted sum of its
    letters by position, mixed), and a shingle's value mixed from its three words' hashes: numpy
    loops, no Python call per word or shingle. Hand-written because the MinHash libraries hash one
    value per Python call (datasketch's SHA-1 of each shingle's text was half the keys' cost;
    docs/benchmarks.md, "Import speed, fifth pass")."""
    n = len(words)
    if n < SHINGLE:
        return np.zeros(0, dtype=np.uint32)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=n)
    codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    starts = np.zeros(n, dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    position = np.arange(len(codes)) - np.repeat(starts, lengths)
    h = np.add.reduceat((codes + np.uint64(1)) * _LETTER[position & 63], starts)
    h ^= h >> _HALF
    h *= _WORD[0]
    h ^= h >> _HALF
    shingle = h[:-2] * _WORD[0] + h[1:-1] * _WORD[1] + h[2:] * _WORD[2]
    shingle ^= shingle >> _HALF
    return np.unique((shingle >> _HALF).astype(np.uint32))


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


class Sketch(NamedTuple):
    """What a loose candidate is checked against: the signature's values cut to their low 16 bits
    (two unequal values agree by chance 1 time in 65,536: the estimate moves by less than that)
    and how many shingles the text has."""

    values: bytes  # NUM_PERM little-endian uint16
    shingles: int

    def text(self) -> str:
        """The stored form: ``"<shingles>:<base64 of the values>"`` (about 350 characters)."""
        return f"{self.shingles}:{base64.b64encode(self.values).decode('ascii')}"

    @classmethod
    def read(cls, text: str) -> Sketch | None:
        """:meth:`text` back; None for anything else (an article too short to have one)."""
        count, _, values = (text or "").partition(":")
        try:
            raw = base64.b64decode(values, validate=True)
            shingles = int(count)
        except ValueError:
            return None
        return cls(raw, shingles) if len(raw) == NUM_PERM * 2 and shingles > 0 else None


class Near(NamedTuple):
    """An article's near-duplicate terms (all empty for a short one)."""

    keys: list[str]  # the strict bands' keys: sharing one joins a story
    loose: list[str]  # the loose bands' keys: candidates, checked with the sketches
    sketch: str  # :meth:`Sketch.text`

    def terms(self) -> str:
        """The ``near`` field: strict and loose keys, space-separated."""
        return " ".join(self.keys + self.loose)


NO_NEAR = Near([], [], "")


def near_keys(title: str, body: str) -> list[str]:
    """The strict band terms of an article (empty for a short one): ``["00a1b2c3d4e5", ...]``,
    the band number then 10 hex digits of the band's hash."""
    return near_of_words(exact_forms(f"{title}\n{body}")).keys


def keys_of_words(words: list[str]) -> list[str]:
    """:func:`near_keys` of an article whose exact forms the caller has already."""
    return near_of_words(words).keys


def near_of_text(title: str, body: str) -> Near:
    """Every near-duplicate term of an article: :func:`near_of_words` of its exact forms."""
    return near_of_words(exact_forms(f"{title}\n{body}"))


def near_of_words(words: list[str]) -> Near:
    """The terms of an article whose exact forms (title's, then body's) the caller has already
    (the Sphinx import analyses them anyway): the same as from its text, without folding it
    again."""
    grams = shingle_values(words)
    if len(grams) < MIN_SHINGLES:
        return NO_NEAR
    signature = _signature(grams)
    values = signature.astype("<u4").tobytes()
    sketch = Sketch(signature.astype("<u2").tobytes(), len(grams))
    return Near(_bands(values, BANDS, ROWS, "{:02d}"), _bands(values, LOOSE_BANDS, LOOSE_ROWS, LOOSE + "{:02d}"),
                sketch.text())


def _bands(values: bytes, bands: int, rows: int, label: str) -> list[str]:
    width = rows * 4
    return [label.format(band) + hashlib.blake2b(values[band * width:(band + 1) * width], digest_size=5).hexdigest()
            for band in range(bands)]


def is_loose(key: str) -> bool:
    return key.startswith(LOOSE)


def similarity(a: Sketch, b: Sketch) -> float:
    """The estimated Jaccard similarity of two articles' shingle sets."""
    return float(np.count_nonzero(np.frombuffer(a.values, "<u2") == np.frombuffer(b.values, "<u2"))) / NUM_PERM


def same_story(a: Sketch, b: Sketch) -> float:
    """The estimated Jaccard of two articles when they are one story by :data:`SAME_JACCARD` or
    :data:`CONTAINED`, else 0. The containment of the smaller set in the larger is derived from
    the Jaccard J and the sizes: ``|A ∩ B| = J (|A| + |B|) / (1 + J)``."""
    jaccard = similarity(a, b)
    if jaccard >= SAME_JACCARD:
        return jaccard
    small, large = sorted((a.shingles, b.shingles))
    contained = jaccard * (small + large) / (1 + jaccard) / small
    return jaccard if contained >= CONTAINED and large <= BIGGER * small else 0.0
