"""The near-duplicate keys the Sphinx import makes from the exact forms it analysed anyway
(``keys_of_words``) are the keys ``near_keys`` makes from the text, shingle for shingle; and both
are the keys of datasketch's own road (its default SHA-1 hash, one shingle per call), which every
index built so far holds: a faster hash path must not move a single key."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import random

import numpy as np
from datasketch import MinHash

from analyzers.terms import field_terms
from indexer.nearduplicates import (
    BANDS,
    MIN_SHINGLES,
    NUM_PERM,
    ROWS,
    SEED,
    SHINGLE,
    _shingles,
    keys_of_words,
    near_keys,
)


def _records(lines):
    for line in lines:
        record = json.loads(line)
        yield record.get("title") or "", record.get("body") or ""


def _datasketch_keys(words: list[str]) -> list[str]:
    """The keys as first built: datasketch hashing each shingle itself (``sha1_hash32``)."""
    grams = {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    if len(grams) < MIN_SHINGLES:
        return []
    sig = MinHash(num_perm=NUM_PERM, seed=SEED)
    sig.update_batch(grams)
    values = np.asarray(sig.hashvalues, dtype=np.uint32)
    return [f"{band:02d}{hashlib.blake2b(values[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=5).hexdigest()}"
            for band in range(BANDS)]


def _assert_same_keys(pairs) -> int:
    with_keys = 0
    for title, body in pairs:
        words = field_terms(title)[0] + field_terms(body)[0]
        assert _shingles(words) == {" ".join(words[i:i + SHINGLE]).encode("utf-8")
                                    for i in range(len(words) - SHINGLE + 1)}
        keys = near_keys(title, body)
        assert keys_of_words(words) == keys == _datasketch_keys(words), title
        with_keys += bool(keys)
    return with_keys


def test_keys_from_the_analysed_forms_equal_the_keys_of_the_text(sample_path):
    assert _assert_same_keys(_records(sample_path.read_text(encoding="utf-8").splitlines())) > 0
    assert _assert_same_keys([("", ""), ("عنوان", ""), ("", "نص قصير")]) == 0


def test_the_same_on_real_articles(corpus_path):
    with gzip.open(corpus_path, "rt", encoding="utf-8") as fh:
        assert _assert_same_keys(_records(itertools.islice(fh, 0, 4000, 20))) > 100


def test_the_keys_of_a_fixed_text_never_move():
    """Keys stored by earlier imports must still be found: these were made by datasketch's own
    hashing (main before the faster hash path)."""
    words = ["وزارة", "الصحة", "أعلنت", "اليوم", "عن", "تسجيل", "حالات", "جديدة", "في", "المملكة", "الرياض",
             "جدة", "مكة", "المكرمة", "الدمام"]
    rng = random.Random(7)
    keys = near_keys("عنوان الخبر", " ".join(rng.choice(words) for _ in range(200)))
    assert keys == ["0067f22a77a5", "015a0e3212bf", "026de1027d88", "03aeab2d0769", "04cbaedfc1fd", "05cb8c830ea5",
                    "06e6e53d7547", "07de49a8a8bc", "08dbf2f1e129", "09be2b40ef06", "10cdcad403df", "11f9a2ae5a67",
                    "12cc0f68cc2d", "13499e757e81", "147c6c99b2f3", "154e85a3c478"]
