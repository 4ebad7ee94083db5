"""The broken-plural table for query-time expansion (issue 14 item 4): pairs in term space, both
ways, the homographs left out, and the same table in every process."""

from __future__ import annotations

import pytest

from analyzers.broken_plurals import forms_of, table
from analyzers.normalize import normalize_word
from analyzers.stemming import light_stem


def stem(word: str) -> str:
    return light_stem(normalize_word(word))


@pytest.mark.parametrize(
    "singular, plural",
    [("مدرسة", "مدارس"), ("طالب", "طلاب"), ("مسجد", "مساجد"), ("طفل", "أطفال"), ("وزير", "وزراء"),
     ("شارع", "شوارع"), ("مشروع", "مشاريع"), ("يوم", "أيام"), ("سبب", "أسباب"), ("عضو", "أعضاء")],
)  # fmt: skip
def test_singular_and_broken_plural_meet_both_ways(singular, plural):
    assert stem(plural) in forms_of(stem(singular))
    assert stem(singular) in forms_of(stem(plural))


def test_forms_are_terms_of_the_index():
    # What forms_of returns is exactly what the text analyzer indexes for those words.
    from analyzers.pipeline import analyze

    assert forms_of(analyze("المدارس", "text")[0][0]) == (analyze("مدرسة", "text")[0][0],)


@pytest.mark.parametrize("word", ["كتاب", "كتب", "عدد", "أعداد", "علم"])
def test_homographs_of_other_words_are_left_out(word):
    # كتب is also the verb "wrote"; أعداد is also إعداد "preparation" once hamza is folded;
    # أعلام is also إعلام "media".
    others = forms_of(stem(word))
    assert stem("كتب") not in others and stem("أعداد") not in others and stem("أعلام") not in others


def test_same_stem_needs_no_entry_and_unknown_stems_have_none():
    assert stem("دول") == stem("دولة")
    assert forms_of("غوغل") == () and forms_of("") == ()


def test_table_is_symmetric_and_ordered():
    items = table()
    assert len(items) > 500
    assert list(items) == sorted(items)
    for key, others in items.items():
        assert key not in others
        for other in others:
            assert key in items[other]


def test_a_plural_in_maqsura_the_news_writes_with_yaa_is_left_out():
    # حسنى (of أحسن) is the name Hosni in the news, حربى (of حرب) the family name الحربي: a search
    # for أحسن found Hosni Mubarak, one for حرب every Harbi. Plurals the news writes with ى stay.
    assert stem("أحسن") not in forms_of(stem("حسني")) and forms_of(stem("أحسن")) == ()
    assert stem("حرب") not in forms_of(stem("الحربي"))
    assert stem("مريض") in forms_of(stem("مرضى")) and stem("قتيل") in forms_of(stem("قتلى"))
