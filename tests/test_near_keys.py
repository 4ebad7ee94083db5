"""The near-duplicate keys the Sphinx import makes from the exact forms it analysed anyway
(``keys_of_words``) are the keys ``near_keys`` makes from the text; each article's 3-grams are
values of their own (no two distinct 3-grams of an article share one); the signature is
datasketch's MinHash of those values; and the keys of a fixed text never move (an index holds
them: a change is a re-import, with a version bump)."""

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
    keys_of_words,
    near_keys,
    shingle_values,
)


def _records(lines):
    for line in lines:
        record = json.loads(line)
        yield record.get("title") or "", record.get("body") or ""


def _datasketch_keys(words: list[str]) -> list[str]:
    """The keys with datasketch's own MinHash (its ``affine32`` permutations, one value per call)
    of the article's shingle values."""
    values = shingle_values(words)
    if len(values) < MIN_SHINGLES:
        return []
    sig = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme="affine32")
    sig.update_batch([int(v) for v in values])
    signature = np.asarray(sig.hashvalues, dtype=np.uint32)
    return [f"{band:02d}{hashlib.blake2b(signature[band * ROWS:(band + 1) * ROWS].tobytes(), digest_size=5).hexdigest()}"
            for band in range(BANDS)]


def _assert_same_keys(pairs) -> int:
    with_keys = 0
    for title, body in pairs:
        words = field_terms(title)[0] + field_terms(body)[0]
        grams = {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        assert len(shingle_values(words)) == len(grams)  # one value per distinct 3-gram
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


PINNED = ["00bd93ceb3eb", "011f16bcdfb3", "025f33b908f5", "0381af5c6d27", "04329fe613d0", "05746399a029",
          "064d5d2cd1ac", "07c006641a95", "089b1fe928b5", "09f17b16fef7", "10cca93876b6", "11acd4ad6e34",
          "122549c2915b", "134aec05b1ae", "14678f95568e", "15bb10a26e23"]


def test_the_keys_of_a_fixed_text_never_move():
    """Keys stored by earlier imports must still be found: these are the keys of `fahras-ar-41`
    (3-grams as values of their words' hashes; before it, the SHA-1 of each 3-gram's text)."""
    words = ["وزارة", "الصحة", "أعلنت", "اليوم", "عن", "تسجيل", "حالات", "جديدة", "في", "المملكة", "الرياض",
             "جدة", "مكة", "المكرمة", "الدمام"]
    rng = random.Random(7)
    keys = near_keys("عنوان الخبر", " ".join(rng.choice(words) for _ in range(200)))
    assert keys == PINNED


def test_a_word_is_its_letters_in_order():
    # a shingle's value moves with any letter or word moved: no two of these 3-grams share one
    words = ["كتب", "بتك", "تكب", "كتب", "كتبت", "بكت", "كتب", "تكب", "بتك"]
    grams = {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    assert len(shingle_values(words)) == len(grams) == 7
    assert len(shingle_values(["كتب", "كتب"])) == 0

