"""Did-you-mean from the exact lexicon, autocomplete from titles."""

from __future__ import annotations

from datetime import datetime

import pytest

from indexer.documents import to_fields
from indexer.store import create_or_open
from search.engine import SearchEngine
from search.results import SearchRequest

TITLES = ["وزارة الصحة تعلن"] * 6 + ["وزارة التعليم"] * 3 + ["الصحة العامة"] * 2 + ["وزير الخارجية"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("ix")
    ix = create_or_open(path)
    with ix.writer() as w:
        for i, title in enumerate(TITLES):
            w.update_document(**to_fields({"id": f"s{i}", "title": title, "body": f"{title} في المملكة",
                                           "date": datetime(2015, 7, 21), "tags": []}))
    e = SearchEngine(path)
    yield e
    e.close()


def test_misspelt_word_gets_a_suggestion(engine):
    r = engine.search(SearchRequest(q="وزارة الصحخ"))
    assert r.suggestion == "وزارة الصحة"  # shown in the titles' spelling, with ة


def test_known_words_get_none(engine):
    assert engine.search(SearchRequest(q="وزارة الصحة")).suggestion is None
    assert engine.search(SearchRequest(q="وزاره الصحه")).suggestion is None  # folding is not a typo


def test_hopeless_word_gets_none(engine):
    assert engine.search(SearchRequest(q="قثقثقث")).suggestion is None


def test_autocomplete_from_titles_most_frequent_first(engine):
    assert engine.suggest("وز")[:2] == ["وزارة", "وزير"]
    assert engine.suggest("وزارة الص") == ["وزارة الصحة"]
    assert engine.suggest("وز", limit=1) == ["وزارة"]


@pytest.mark.parametrize("prefix", ["", " ", "ا", "<script>", "\x00", "zzzz"])
def test_autocomplete_degrades_quietly(engine, prefix):
    assert isinstance(engine.suggest(prefix), list)
