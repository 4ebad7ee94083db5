"""More like this."""

from __future__ import annotations

from datetime import datetime

import pytest
from support.articles import engine_at, index_records

ARTICLES = {
    "gold1": ("ارتفاع أسعار الذهب", "ارتفعت أسعار الذهب والفضة في الأسواق العالمية مع تراجع الدولار وارتفاع الطلب على الذهب"),
    "gold2": ("الذهب يواصل الصعود", "واصل الذهب صعوده في الأسواق العالمية وسط طلب قوي على الذهب والفضة"),
    "gold3": ("أسعار الذهب اليوم", "استقرت أسعار الذهب في السوق المحلية بعد ارتفاع عالمي للذهب"),
    "foot1": ("الهلال يفوز على النصر", "فاز الهلال على النصر بهدفين في مباراة الدوري السعودي"),
    "foot2": ("النصر يستعد للهلال", "يستعد النصر لمواجهة الهلال في الدوري السعودي الأسبوع المقبل"),
    "rain": ("أمطار غزيرة على جدة", "هطلت أمطار غزيرة على جدة وأغرقت عددا من الشوارع"),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = index_records(tmp_path_factory.mktemp("ix"), [
        {"id": doc_id, "title": title, "body": body, "date": datetime(2015, 7, 21), "tags": []}
        for doc_id, (title, body) in ARTICLES.items()
    ])
    e = engine_at(path)
    yield e
    e.close()


def test_similar_articles_share_the_subject(engine):
    similar = engine.similar("gold1", limit=2)
    assert {h.id for h in similar.hits} == {"gold2", "gold3"}
    assert [h.id for h in engine.similar("foot1", limit=1).hits] == ["foot2"]
    # one process, one index: never partial
    assert similar.to_dict()["partial"] is False and similar.shards_failed == []


def test_similar_excludes_itself_and_respects_the_limit(engine):
    hits = engine.similar("gold2", limit=3).hits
    assert "gold2" not in {h.id for h in hits} and len(hits) <= 3
    assert all(h.title and h.score is not None for h in hits)


def test_unknown_document_gives_none(engine):
    assert engine.similar("missing") is None
    assert engine.similar("") is None
