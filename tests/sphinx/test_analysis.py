"""The importer's one-pass analysis gives exactly what Fahras's analyzer chains give."""

from __future__ import annotations

import gzip
import itertools
import json

from analyzers.pipeline import analyzer_for
from analyzers.terms import field_terms
from indexer.documents import body_and_lead_terms, lead_of
from search.sphinx_backend import tokens
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


def _lead_kept_as_whoosh_has_it(body: str) -> bool:
    """The body's terms in two pieces are the body's terms, and the first piece's stems are what
    the Whoosh backend's ``lead`` field holds (lead_of through the text chain)."""
    terms, lead = body_and_lead_terms(body)
    return terms == field_terms(body) and lead == _terms("text", lead_of(body))


def test_the_lead_is_the_first_piece_of_the_body_on_the_sample(sample_path):
    for line in sample_path.read_text(encoding="utf-8").splitlines():
        body = json.loads(line).get("body") or ""
        assert _lead_kept_as_whoosh_has_it(body), body[:80]


def test_the_lead_is_the_first_piece_of_the_body_on_real_articles(corpus_path):
    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 0, 3000, 10):
            body = json.loads(line).get("body") or ""
            assert _lead_kept_as_whoosh_has_it(body), body[:80]


def test_the_lead_cut_on_hard_white_space():
    """Runs of spaces, new lines, no-break and ideographic spaces between words; a madda word,
    marks and a ligature astride the 60th word; fewer words than a lead; no body."""
    words = [f"كلمة{i}" for i in range(58)] + ["وَالكِتَابُ", "آلية", "ﷺ", "إليه", "الوزارات"]
    for sep in (" ", "  \n", "\u00a0", "\u3000", "\t\r\n"):
        assert _lead_kept_as_whoosh_has_it(sep.join(words)), repr(sep)
        assert _lead_kept_as_whoosh_has_it(sep + sep.join(words[:10]) + sep)
    assert body_and_lead_terms("") == (([], [], []), [])


def test_the_lead_attribute_holds_the_leads_distinct_stems():
    body = "المدارس الجديدة في المدارس " + " ".join(["خبر"] * 70) + " مستشفى"
    _num, _id, _doc, fields = analyse({"id": "x", "title": "", "body": body, "tags": []})
    assert fields["lead"].split() == [tokens.stem_term(s) for s in ("مدارس", "جديد", "خبر")]
