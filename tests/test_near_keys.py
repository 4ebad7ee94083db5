"""The near-duplicate keys the Sphinx import makes from the exact forms it analysed anyway
(``keys_of_words``) are the keys ``near_keys`` makes from the text, shingle for shingle."""

from __future__ import annotations

import gzip
import itertools
import json

from analyzers.terms import field_terms
from indexer.nearduplicates import SHINGLE, _shingles, keys_of_words, near_keys


def _records(lines):
    for line in lines:
        record = json.loads(line)
        yield record.get("title") or "", record.get("body") or ""


def _assert_same_keys(pairs) -> int:
    with_keys = 0
    for title, body in pairs:
        words = field_terms(title)[0] + field_terms(body)[0]
        assert _shingles(words) == {" ".join(words[i:i + SHINGLE]).encode("utf-8")
                                    for i in range(len(words) - SHINGLE + 1)}
        keys = near_keys(title, body)
        assert keys_of_words(words) == keys, title
        with_keys += bool(keys)
    return with_keys


def test_keys_from_the_analysed_forms_equal_the_keys_of_the_text(sample_path):
    assert _assert_same_keys(_records(sample_path.read_text(encoding="utf-8").splitlines())) > 0
    assert _assert_same_keys([("", ""), ("عنوان", ""), ("", "نص قصير")]) == 0


def test_the_same_on_real_articles(corpus_path):
    with gzip.open(corpus_path, "rt", encoding="utf-8") as fh:
        assert _assert_same_keys(_records(itertools.islice(fh, 0, 4000, 20))) > 100
