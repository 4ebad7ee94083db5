"""The importer's one-pass analysis gives exactly what Fahras's analyzer chains give."""

from __future__ import annotations

import gzip
import itertools
import json

from analyzers.pipeline import analyzer_for
from analyzers.terms import field_terms
from search.sphinx_backend.importer import analyse


def _terms(kind: str, text: str) -> list[str]:
    return [t.text for t in analyzer_for(kind)(text, mode="index")] if text else []


def _same(text: str) -> bool:
    return field_terms(text) == (_terms("exact", text), _terms("text", text), _terms("roots", text))


def test_one_pass_equals_the_chains_on_the_sample(sample_path):
    for line in sample_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for text in (record.get("title") or "", record.get("body") or ""):
            assert _same(text), text[:80]


def test_one_pass_equals_the_chains_on_real_articles(corpus_path):
    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 0, 3000, 10):
            record = json.loads(line)
            for text in (record.get("title") or "", record.get("body") or ""):
                assert _same(text), text[:80]


def test_hard_cases_equal_the_chains():
    for text in ("ﷺ وَالكِتَابُ فخـــورون", "Café déjà vu ٢٠١٥ ۱۲۳", "في ولي", "ﻛﺘﺎﺏ ‌ ‍", "ـــ ً", ""):
        assert _same(text), text


def test_a_record_becomes_fields_attributes_and_originals():
    from indexer.sources import validate

    num, doc_id, originals, fields = analyse(validate({
        "id": "a-1", "title": "وزارة الصحة", "body": "الوزارات والمدارس", "date": "2015-07-21T10:00:00+03:00",
        "source": "okaz", "tags": "صحة, تعليم", "lang": "ar"}))
    assert doc_id == "a-1" and 0 < num < 2**63
    assert originals["date"] == "2015-07-21T10:00:00" and originals["extra"] == {"lang": "ar"}
    assert originals["tags"] == ["صحة", "تعليم"]
    assert fields["title"] == "وزار صحه" and fields["body_exact"].split() == ["\ue000الوزارات", "\ue000والمدارس"]
    assert (fields["year"], fields["month"], fields["has_date"], fields["source"]) == (2015, 201507, 1, "okaz")
