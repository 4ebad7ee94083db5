"""Terms as Sphinx keywords: markers keep kinds apart, long words stay distinct, dates cover spans."""

from __future__ import annotations

from datetime import datetime

from search.sphinx_backend import tokens
from search.sphinx_backend.compiler import date_span_terms


def test_kinds_of_one_word_are_different_keywords():
    assert len({tokens.stem_term("كتاب"), tokens.exact_term("كتاب"), tokens.root_term("كتاب")}) == 3


def test_short_terms_are_kept_as_they_are():
    assert tokens.engine_term("كتاب") == "كتاب"
    assert tokens.engine_term("ب" * 42) == "ب" * 42


def test_long_terms_fit_sphinx_and_stay_distinct():
    a, b = "ب" * 50, "ب" * 49 + "ت"
    assert len(tokens.engine_term(a)) <= tokens.MAX_WORD
    assert tokens.engine_term(a) != tokens.engine_term(b)
    assert tokens.engine_term(a) == tokens.engine_term(a)
    assert len(tokens.exact_term("x" * 42)) <= tokens.MAX_WORD


def test_meta_terms_depend_on_field_and_value():
    assert tokens.meta_term("source", "okaz") != tokens.meta_term("section", "okaz")
    assert tokens.meta_term("source", "okaz") != tokens.meta_term("source", "Okaz")


def test_escape_protects_query_operators():
    assert tokens.escape('a-b|c"') == 'a\\-b\\|c\\"'
    assert tokens.escape("كتاب") == "كتاب"


def test_a_date_span_is_covered_by_the_fewest_years_months_and_days():
    keys = date_span_terms(datetime(2014, 12, 30), datetime(2016, 2, 3))
    expected = [tokens.meta_term("date", d) for d in ("2014-12-30", "2014-12-31", "2015", "2016-01",
                                                      "2016-02-01", "2016-02-02")]
    assert keys == expected


def test_a_day_has_its_own_key():
    assert date_span_terms(datetime(2015, 7, 21), datetime(2015, 7, 22)) == [
        tokens.meta_term("date", "2015-07-21")]


def test_a_field_is_its_terms_marked_and_joined():
    assert tokens.field_text(tokens.EXACT, ["كتاب", "قلم"]) == f"{tokens.EXACT}كتاب {tokens.EXACT}قلم"
    assert tokens.field_text("", []) == ""
    long = "ب" * 45
    assert tokens.field_text(tokens.EXACT, ["قلم", long]).split() == [tokens.exact_term("قلم"), tokens.exact_term(long)]
