"""The query language: every form parses to the right tree and finds the right articles; any input
is safe (hypothesis)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.articles import DOCS, engine_at, write_index

from search import QueryError, SearchRequest
from search.syntax import DateSpan, Group, Not, Phrase, Word, parse, union_of_spans


def found(engine, q: str) -> set[str]:
    return {h.id for h in engine.search(SearchRequest(q=q, per_page=100)).hits}


# -- parsing ----------------------------------------------------------------------------------


def test_words_side_by_side_are_an_implicit_and():
    tree = parse("قناة السويس")
    assert tree == Group("and", [Word("قناة"), Word("السويس")], implicit=True)


@pytest.mark.parametrize("op", ["OR", "أو", "|"])
def test_or_words(op):
    assert parse(f"الذهب {op} النفط").items == [Group("or", [Word("الذهب"), Word("النفط")])]


@pytest.mark.parametrize("q", ["-النفط الذهب", "NOT النفط الذهب", "ليس النفط الذهب"])
def test_negation_forms(q):
    tree = parse(q)
    assert Not(Word("النفط")) in tree.items and Word("الذهب") in tree.items


@pytest.mark.parametrize(
    "q, field",
    [("title:الذهب", "title"), ("عنوان:الذهب", "title"), ("source:okaz", "source"), ("مصدر:okaz", "source"),
     ("section:sport", "section"), ("قسم:sport", "section"), ("author:x", "author"), ("كاتب:x", "author"),
     ("root:درس", "root"), ("جذر:درس", "root")],
)
def test_field_aliases(q, field):
    assert parse(q).items[0].field == field


def test_a_field_before_brackets_is_each_words_inside_them():
    """عنوان:(النفط OR الذهب) found what the words found anywhere (2,413 on the 31k archive,
    against 543 for عنوان:النفط OR عنوان:الذهب): the field was dropped at the bracket."""
    tree = parse('عنوان:(النفط OR (الذهب "سعر الذهب") OR body:الفضة) مستشفى')
    assert tree == parse('(عنوان:النفط OR (عنوان:الذهب عنوان:"سعر الذهب") OR body:الفضة) مستشفى')
    assert parse("(النفط OR الذهب)").items[0].items[0].field is None
    assert parse("عنوان:(النفط").items[0].field == "title" and parse("النفط) الذهب").items[1].field is None


def test_phrase_prefix_fuzzy_and_dates():
    tree = parse('"قناة السويس" كتا* مستشفي~ date:2015-07..2015-08')
    assert tree.items[0] == Phrase("قناة السويس")
    assert tree.items[1] == Word("كتا", prefix=True)
    assert tree.items[2] == Word("مستشفي", fuzzy=1)
    span = tree.items[3]
    assert isinstance(span, DateSpan)
    assert (span.start, span.end) == (datetime(2015, 7, 1), datetime(2015, 9, 1))


@pytest.mark.parametrize(
    "q, expected",
    [('"قناة السويس', [Phrase("قناة السويس")]),  # unbalanced quote: to the end
     ("((الذهب", [Word("الذهب")]),
     ("الذهب))", [Word("الذهب")]),
     ("OR", []), ("أو الذهب", [Word("الذهب")]), ("NOT", []), ("-", []), ("title:", []),
     # controls go; an invisible character stays with its word, which the analyzers read without it
     ("\x00\x07الذهب\u202e", [Word("الذهب\u202e")]), ("***", []), ("~", [])],
)
def test_broken_input_degrades_to_usable_words(q, expected):
    assert parse(q).items == expected


@pytest.mark.parametrize("q", ["1.5", "10:30", "2015/03/05", "٠٫٣٤", "كي-مون", "U.S"])
def test_a_word_the_analysis_reads_as_several_is_a_phrase(q):
    assert parse(q).items == [Phrase(q)]
    assert parse(f"title:{q}").items == [Phrase(q, "title")]


@pytest.mark.parametrize("q", ["الرياض،", "1.5*", "مصدر:al-yaum", "root:درس"])
def test_a_word_of_one_piece_a_prefix_or_a_facet_value_stays_a_word(q):
    assert isinstance(parse(q).items[0], Word)


@pytest.mark.parametrize("q", ["-".join(["على"] * 500), '"' + " ".join(["في"] * 21) + '"', "9-" * 30 + "9"])
def test_a_phrase_of_more_than_twenty_words_is_a_query_error(q):
    """Matching a phrase runs through its words' positions with no look at the clock: «على-على-…»
    (500) held a worker 19 s, as a quoted phrase of 300 words did 3.5 s."""
    with pytest.raises(QueryError, match="phrase"):
        parse(q)


def test_a_phrases_words_count_towards_the_words_of_a_query():
    parse(" ".join(['"' + " ".join(["النفط"] * 16) + '"'] * 4))  # 64 words
    with pytest.raises(QueryError, match="too many words"):
        parse(" ".join(['"' + " ".join(["النفط"] * 16) + '"'] * 4) + " الذهب")


def test_too_many_words_is_a_query_error():
    with pytest.raises(QueryError):
        parse(" ".join(f"w{i}" for i in range(200)))


def test_ten_kilobytes_of_nesting_is_safe():
    parse("(" * 5000 + "الذهب" + ")" * 5000)
    parse('"' * 10_000)


# -- searching ---------------------------------------------------------------------------------


def test_phrase_matches_exact_adjacent_words(engine):
    assert found(engine, '"قناة السويس"') == {"d05"}
    assert found(engine, '"السويس قناة"') == set()


def test_a_figure_finds_itself_not_its_digits_apart(tmp_path):
    docs = [("n1", "نمو الاقتصاد 1.5 في المئة", "قال التقرير إن النمو بلغ 1.5 في المئة هذا العام", "economy", "okaz", "2015-07-01"),
            ("n2", "تقرير اقتصادي", "بلغ عدد المشاريع 1 وارتفع المؤشر 5 نقاط", "economy", "okaz", "2015-07-02"),
            ("n3", "ميزانية", "عجز 5.1 مليار", "economy", "okaz", "2015-07-03")]
    e = engine_at(write_index(tmp_path / "index", docs))
    try:
        assert found(e, "1.5") == {"n1"}
        assert found(e, "النمو 1.5") == {"n1"}
        assert found(e, "title:1.5") == {"n1"}
        # marked where the figure is, not each digit wherever it stands
        (hit,) = e.search(SearchRequest(q="1.5")).hits
        assert hit.snippet_html.count("<mark>") == 2 and "<mark>1</mark>.<mark>5</mark>" in hit.snippet_html
    finally:
        e.close()


def test_exclusion(engine):
    assert "d09" in found(engine, "الذهب")
    assert found(engine, "الذهب -النفط") == {"d04"}
    assert found(engine, "الذهب ليس النفط") == {"d04"}
    assert "d04" not in found(engine, "-الذهب")


def test_or_either(engine):
    assert found(engine, "السويس OR الهلال") == {"d03", "d05", "d06"}
    assert found(engine, "السويس أو الهلال") == {"d03", "d05", "d06"}


def test_field_prefixes_search_their_field(engine):
    assert found(engine, "title:مستشفى") == {"d01", "d07"}  # مستشفيات: same stem
    assert "d10" in found(engine, "مستشفى")  # body only
    assert found(engine, "مصدر:okaz") == {"d01", "d06"}
    assert found(engine, "قسم:sport الهلال") == {"d03", "d06"}
    assert found(engine, "source:okaz section:sport") == {"d06"}


def test_root_search_reaches_derived_forms(engine):
    hits = found(engine, "root:درس")  # مدرسي, دروس
    assert "d08" in hits


def test_date_range_in_the_query(engine):
    assert found(engine, "date:2015-08-01..2015-08-02") == {"d03", "d04"}
    assert found(engine, "الذهب date:2015-08") == {"d04"}
    assert found(engine, "date:..2015-07-21") == {"d01"}


def test_prefix_wildcard(engine):
    assert {"d08"} <= found(engine, "كتا*")
    assert found(engine, "مستشف*") >= {"d01", "d07", "d10"}


def test_fuzzy(engine):
    assert "d03" in found(engine, "الهلاك~")  # one letter off


def test_stop_word_alone_does_not_fail(engine):
    r = engine.search(SearchRequest(q="في"))
    assert 0 < r.total < 10


def test_hamza_and_taa_marbuta_variants_meet(engine):
    assert "d04" in found(engine, "اسعار الذهب")
    assert "d05" in found(engine, "قناه السويس الجديده")


# -- fuzzing -----------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list('ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةى ()"-*~:|.') + ["OR", "NOT", "أو", "ليس",
                           "title:", "عنوان:", "date:", "root:", "\x00", "\u200c", "\u064e", "2015-07", ".."])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_parser_never_raises_but_query_error(text):
    try:
        parse(text)
    except QueryError:
        pass


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=60), st.lists(ALPHABET, max_size=25).map("".join)))
def test_engine_never_raises_but_query_error(engine, text):
    """Any text gives a QueryError or a coherent page: known documents, each once, as many as the
    total allows, titles and snippets with no markup but <mark>."""
    try:
        result = engine.search(SearchRequest(q=text))
    except QueryError:
        return
    ids = [h.id for h in result.hits]
    assert len(ids) == len(set(ids)) and set(ids) <= {d[0] for d in DOCS}
    assert result.total <= len(DOCS) and len(ids) == min(result.total, result.per_page)
    for hit in result.hits:
        for html in (hit.title_html, hit.snippet_html):
            assert "<" not in html.replace("<mark>", "").replace("</mark>", "")
    json.dumps(result.to_dict(), ensure_ascii=False)


def test_exclusions_hold_for_partial_matches(engine):
    r = engine.search(SearchRequest(q="الهلال الذهب -النفط", per_page=100))
    assert r.total_partial and not r.total_all
    assert "d09" not in {h.id for h in r.hits} and {"d03", "d04"} <= {h.id for h in r.hits}


@pytest.mark.parametrize("q", ['"', "(((", "AND", "أو", "؟", "*", "title:", "عنوان:", "-", "ـــ", "( OR )"])
def test_a_query_with_nothing_to_search_for_finds_nothing_and_says_why(engine, q):
    r = engine.search(SearchRequest(q=q))
    assert r.total == 0 and r.hits == [] and r.facets == {}
    assert "no word to search for" in r.message and "كلمة" in r.message
    assert r.to_dict()["message"] == r.message


@pytest.mark.parametrize("q", ["", "   "])
def test_nothing_typed_with_filters_is_a_browse_without_message(engine, q):
    r = engine.search(SearchRequest(q=q, filters={"section": ["sport"]}))
    assert r.total == 2 and r.message is None


@pytest.mark.parametrize("q", ["-النفط", "date:2015-08", "مصدر:okaz", "في", "الذهب"])
def test_queries_with_something_to_search_for_carry_no_message(engine, q):
    r = engine.search(SearchRequest(q=q))
    assert r.total > 0 and r.message is None


def test_field_restrictions_phrases_and_filters_hold_for_partial_matches(engine):
    """Only the free words may be missing (issue 15 item 1): section:, title:, phrases stay."""
    r = engine.search(SearchRequest(q="section:sport الهلال الذهب", per_page=100))
    assert {h.id for h in r.hits} == {"d03", "d06"} and not r.total_all
    r = engine.search(SearchRequest(q='"قناة السويس" الذهب النفط', per_page=100))
    assert r.total == 0  # the phrase is in d05 only, which has neither word
    r = engine.search(SearchRequest(q="title:الذهب النفط الهلال", per_page=100))
    assert [(h.id, h.missing) for h in r.hits] == [("d09", ["الهلال"])]  # d04: neither free word
    r = engine.search(SearchRequest(q="الهلال الذهب", filters={"section": ["economy"]}, per_page=100))
    assert {h.section for h in r.hits} == {"economy"}


def test_only_stop_words_look_in_the_exact_fields(engine):
    r = engine.search(SearchRequest(q="على"))  # «فاز نادي الهلال على النصر», «تعمل على الحل»
    assert {h.id for h in r.hits} == {"d03", "d07"}


def test_a_stop_word_excluded_is_excluded_as_typed(engine):
    """على is not in the stemmed fields: excluded, it is looked for as typed in the exact fields
    (d03 and d07 have it), not dropped — which answered «-على» with every article and excluded
    nothing beside another word."""
    every = {d[0] for d in DOCS}

    def ids(q: str) -> set[str]:
        return {h.id for h in engine.search(SearchRequest(q=q, per_page=100, collapse=False)).hits}

    assert ids("-على") == every - {"d03", "d07"}
    assert ids("الهلال -على") == {"d06"} and ids("الهلال") == {"d03", "d06"}
    assert ids("-(على OR في)") == {"d02", "d08", "d09", "d10"}
    assert ids("ليس على") == every - {"d03", "d07"}


_DAY = st.integers(0, 40).map(lambda d: datetime(2015, 1, 1) + timedelta(days=d))


@given(st.lists(st.tuples(st.none() | _DAY, st.none() | _DAY).filter(lambda s: s != (None, None)), max_size=8))
@settings(max_examples=300, deadline=None)
def test_the_union_of_date_spans_covers_the_same_days(bounds):
    spans = [DateSpan(a, b) for a, b in bounds if a is None or b is None or a < b]
    merged = union_of_spans(spans)

    def covers(group, day):
        return any((s.start is None or s.start <= day) and (s.end is None or day < s.end) for s in group)

    for d in range(-1, 42):
        day = datetime(2015, 1, 1) + timedelta(days=d)
        assert covers(spans, day) == covers(merged, day), (spans, merged, day)
    # disjoint and in order: each ends before the next starts
    for a, b in zip(merged, merged[1:], strict=False):
        assert a.end is not None and b.start is not None and a.end < b.start
