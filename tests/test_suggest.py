"""Did-you-mean from the exact lexicon, autocomplete from titles."""

from __future__ import annotations

from datetime import datetime

import pytest
from support.articles import engine_at, index_records

from search import SearchRequest

TITLES = ["وزارة الصحة تعلن"] * 6 + ["وزارة التعليم"] * 3 + ["الصحة العامة"] * 2 + ["وزير الخارجية"]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = index_records(tmp_path_factory.mktemp("ix"), [
        {"id": f"s{i}", "title": title, "body": f"{title} في المملكة", "date": datetime(2015, 7, 21), "tags": []}
        for i, title in enumerate(TITLES)
    ])
    e = engine_at(path)
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


@pytest.mark.parametrize("prefix", ["", " ", "ا", "<script>", "\x00", "zzzz", "وزارة "])
def test_autocomplete_degrades_quietly(engine, prefix):
    """Nothing to complete (empty, one letter, no word, no such word, a finished word): no
    completions and no error."""
    assert engine.suggest(prefix) == []


def test_autocomplete_completes_the_word_inside_markup(engine):
    assert engine.suggest("<b>وز") == ["وزارة", "وزير"]
