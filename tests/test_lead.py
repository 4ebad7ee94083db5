"""The lead factor (search/ranking.py): an article whose lead has the query's words ranks up, by
the factor the ranking says, and only its score changes; which words count (indexer/schema.py
``lead``, search/whoosh_backend/compiler.py)."""

from __future__ import annotations

from datetime import datetime

import pytest
from whoosh import query as wq

from indexer.documents import lead_of, to_fields
from indexer.schema import LEAD, LEAD_WORDS
from indexer.store import open_index
from search import EngineSettings, SearchRequest, open_engine
from search.analysis import terms
from search.ranking import DEFAULT_RANKING, Ranking, lead_factor
from search.syntax import Group, Not, Word
from search.whoosh_backend.compiler import WhooshCompiler
from search.whoosh_backend.lead import LeadBoost
from tests.support.articles import index_records

# Filler that shares no stem with the query words below (and is no stop word).
FILLER = ("سجل الفريق هدفا رائعا في الشوط الثاني من المباراة أمام جمهور كبير "
          "وتابع المدرب اللاعبين خلال التدريب الصباحي في الملعب الجديد").split()
WORDS = "محطة تحلية"


def _body(words_first: bool) -> str:
    """The query's words and 80 filler words: the words at the start, or after the lead."""
    filler = (FILLER * 4)[:80]
    return " ".join([*WORDS.split(), *filler] if words_first else [*filler, *WORDS.split()])


def _record(doc_id: str, body: str) -> dict:
    return {"id": doc_id, "title": "خبر اليوم", "body": body, "date": datetime(2015, 5, 1), "tags": []}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    records = [
        _record("lead", _body(True)),
        _record("late", _body(False)),
        _record("half", " ".join([WORDS.split()[0], *(FILLER * 4)[:80], WORDS.split()[1]])),
    ]
    return index_records(tmp_path_factory.mktemp("lead") / "index", records)


def _scores(index, text: str, ranking: Ranking = DEFAULT_RANKING) -> dict[str, float]:
    engine = open_engine(EngineSettings(index=str(index)), ranking=ranking)
    try:
        return {h.id: h.score for h in engine.search(SearchRequest(q=text, collapse=False)).hits}
    finally:
        engine.close()


def test_the_lead_is_the_bodys_first_words():
    body = " ".join(f"w{i}" for i in range(LEAD_WORDS + 40))
    assert lead_of(body).split() == [f"w{i}" for i in range(LEAD_WORDS)]
    assert lead_of("  أ\nب\tج ") == "أ ب ج"
    assert to_fields(_record("x", body))[LEAD] == lead_of(body)


def test_the_factor():
    assert lead_factor(2, 2, 0.1) == pytest.approx(1.1)
    assert lead_factor(1, 2, 0.1) == pytest.approx(1.025)
    assert lead_factor(0, 2, 0.1) == lead_factor(2, 2, 0.0) == lead_factor(1, 0, 0.1) == 1.0
    assert lead_factor(5, 2, 0.1) == pytest.approx(1.1)  # never above every word


def test_an_article_naming_the_words_first_ranks_first_by_the_factor(index):
    scores = _scores(index, WORDS)
    assert list(scores)[0] == "lead"
    # Same words, same counts, same lengths: only the lead differs (hits carry 4-digit scores).
    assert scores["lead"] / scores["late"] == pytest.approx(lead_factor(2, 2, DEFAULT_RANKING.lead_weight), rel=1e-3)
    assert scores["half"] / scores["late"] == pytest.approx(lead_factor(1, 2, DEFAULT_RANKING.lead_weight), rel=1e-3)


def test_off_the_lead_changes_nothing(index):
    off = _scores(index, WORDS, Ranking(lead_weight=0.0))
    assert off["lead"] == pytest.approx(off["late"]) == pytest.approx(off["half"])
    assert set(off) == set(_scores(index, WORDS))  # the lead decides no match


def test_which_words_the_lead_counts(index):
    """Plain words of the body, each with its alternative stems; not a negated word, nor one
    restricted to the title."""
    tree = Group("and", [
        Word("محطة", alternatives=(("منشا", 0.15),)),
        Word("تحلية", field="body"),
        Word("خبر", field="title"),
        Not(Word("ملعب")),
    ], implicit=True)
    ix = open_index(index)
    with ix.searcher() as searcher:
        q = WhooshCompiler(searcher.reader(), DEFAULT_RANKING).compile(tree)
        unscored = WhooshCompiler(searcher.reader(), DEFAULT_RANKING, scoring=False).compile(tree)
    ix.close()
    assert isinstance(q, LeadBoost) and not isinstance(unscored, LeadBoost)
    found = {frozenset(t.text for t in w.leaves()) for w in q.words}
    assert found == {frozenset({*terms("text", "محطة"), "منشا"}), frozenset(terms("text", "تحلية"))}, found
    assert all(t.fieldname == LEAD for w in q.words for t in w.leaves() if isinstance(t, wq.Term))
