"""The lead factor on a cluster, as on a Whoosh index: an article whose lead holds the query's
words ranks above its twin that holds them further down, by the same score ratio on both."""

from __future__ import annotations

import pytest

from search.ranking import lead_factor
from search.results import SearchRequest

# 70 words with none of the queries' words: a twin's query word goes before or after them.
FILLER = " ".join(["عقد المجلس اجتماعه الدوري لمناقشة خطط التنمية"] * 10)


def _twins(name: str, word: str) -> list[dict]:
    """Two articles of the same words (so the same BM25F), ``word`` first in one body and last
    in the other, past the lead; the one without it in the lead imported first, so that the
    import order would put it first on a tie."""
    return [{"id": f"{name}-late", "title": "تقرير المجلس", "body": f"{FILLER} {word}"},
            {"id": f"{name}-lead", "title": "تقرير المجلس", "body": f"{word} {FILLER}"}]


def _records() -> list[dict]:
    # ~130 other articles, so that the plural مشاريع (in two) is a rare enough alternative of
    # مشروع to be expanded to (search/expansion.py: MAX_SHARE)
    others = [{"id": f"other-{i}", "title": f"نشرة الطقس {i}", "body": f"أمطار ورياح في المدينة رقم {i}"}
              for i in range(130)]
    return _twins("word", "مستشفى") + _twins("plural", "مشاريع") + others


@pytest.mark.parametrize(("query", "twins", "ratio"), [
    ("مستشفى", "word", lead_factor(1, 1, 0.1)),
    # the lead has the plural of the typed singular: an alternative stem counts
    ("مشروع", "plural", lead_factor(1, 1, 0.1)),
    # both leads have التنمية: the factors of two words of two and of one of two
    ("مستشفى التنمية", "word", lead_factor(2, 2, 0.1) / lead_factor(1, 2, 0.1)),
    # a title: word is not looked for in the body: no factor
    ("title:تقرير مستشفى", "word", lead_factor(1, 1, 0.1)),
])
def test_the_twin_with_the_words_in_its_lead_ranks_first_by_the_same_ratio(both_engines, query, twins, ratio):
    whoosh, sphinx = both_engines(_records())
    request = SearchRequest(q=query, collapse=False)
    for name, engine in (("whoosh", whoosh), ("sphinx", sphinx)):
        hits = engine.search(request).hits[:2]  # (the other twins match a word of two)
        assert [h.id for h in hits] == [f"{twins}-lead", f"{twins}-late"], name
        assert hits[0].score / hits[1].score == pytest.approx(ratio, rel=1e-4), name



def test_without_a_body_word_the_twins_tie_in_import_order(both_engines):
    whoosh, sphinx = both_engines(_records())
    for name, engine in (("whoosh", whoosh), ("sphinx", sphinx)):
        hits = engine.search(SearchRequest(q="title:تقرير", collapse=False)).hits
        assert [h.id for h in hits] == ["word-late", "word-lead", "plural-late", "plural-lead"], name
        assert len({round(h.score, 6) for h in hits}) == 1, name
