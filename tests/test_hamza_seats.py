"""A hamza left out when typing (موتمر for مؤتمر): the spellings asked about, and the search finding
the word's articles only when the archive does not know the word as typed, or when it is a name in
اء typed without its final hamza (صنعا for صنعاء)."""

from __future__ import annotations

import pytest
from support.articles import engine_at, index_records

from analyzers.hamza_seats import alef_seat_spellings, final_seat_spelling, hamza_spellings
from search import SearchRequest


@pytest.mark.parametrize("typed, spelling", [
    ("موتمر", "مءتمر"),  # ؤ written و
    ("مسوول", "مسءول"),
    ("رييس", "رءيس"),  # ئ written ي
    ("نتايج", "نتاءج"),
    ("مبادي", "مبادء"),  # a final ئ
    ("اجرا", "اجراء"),  # a final ء after ا dropped
    ("اوكد", "اءكد"),  # أؤكد: after a first ا
])
def test_a_bare_seat_or_a_dropped_final_hamza_is_asked_about(typed, spelling):
    assert spelling in hamza_spellings(typed)


def test_no_first_letter_no_nisba_waw_and_nothing_for_a_word_with_a_hamza():
    assert all(not s.startswith("ء") for s in hamza_spellings("وزير"))
    assert "صحراءي" not in hamza_spellings("صحراوي")  # a nisba's و after ا
    assert "راءد" not in hamza_spellings("راود")  # a verb's
    assert list(hamza_spellings("مءتمر")) == []


@pytest.mark.parametrize("typed, spelling", [
    ("مساول", "مسءول"), ("ماهل", "مءهل"), ("ستاثر", "ستءثر"), ("الشاون", "الشءون"),  # مسأول, مأهل …
    ("هدوا", "هدوء"),  # هدوأ: a final hamza
])
def test_a_hamza_typed_on_the_alef_where_its_seat_is_another_is_asked_about(typed, spelling):
    assert spelling in alef_seat_spellings(typed)
    assert list(alef_seat_spellings("مسءول")) == [] and all(not s.startswith("ء") for s in alef_seat_spellings("امل"))


def test_a_final_hamza_after_ya_is_written_on_the_line_or_on_the_ya():
    assert final_seat_spelling("شيء") == "شء" and final_seat_spelling("شء") == "شيء"  # شئ
    assert final_seat_spelling("شاطء") == "شاطيء"
    assert final_seat_spelling("سماء") is None and final_seat_spelling("سوء") is None
    assert final_seat_spelling("كتاب") is None


ARTICLES = (["عقد مؤتمر صحفي في الرياض"] * 6 + ["صرح مسؤول في الوزارة"] * 8 + ["مسائل عالقة"] * 5 + ["يؤكد الوزير أهمية المشروع"] * 6 + ["يوجد حل للمشكلة"] * 12
            + ["قاوم الجنود الهجوم"] * 3 + ["الوضع قائم في المدينة"] * 40
            + ["لا يوجد أي شيء جديد"] * 9 + ["لم يتغير شئ"] * 2 + ["قطار بطيء"] * 4 + ["تحرك ببطء"] * 4)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = index_records(tmp_path_factory.mktemp("hamza") / "index", [
        {"id": f"h{i}", "title": f"خبر رقم {i}", "body": body, "tags": []} for i, body in enumerate(ARTICLES)])
    e = engine_at(path, query_time_limit=None)
    yield e
    e.close()


def test_a_word_typed_without_its_hamza_finds_the_words_articles(engine):
    r = engine.search(SearchRequest(q="موتمر صحفي"))
    assert (r.total_all, r.corrected_query) == (6, None)
    assert "<mark>مؤتمر</mark>" in r.hits[0].snippet_html


def test_its_suggestion_is_the_hamza_spelling_not_a_commoner_word_one_edit_away(engine):
    """يوجد (exists) is one edit from يوكد too, and twice as common here."""
    r = engine.search(SearchRequest(q="يوكد"))
    assert (r.total, r.suggestion) == (6, "يؤكد")


def test_a_hamza_typed_on_the_alef_is_corrected_to_its_seat(engine):
    """مسأول is مسؤول with the hamza on the wrong seat (folded مساول), not مسائل, whose hamza the
    same letters may have left out: the commoner of the two spellings."""
    r = engine.search(SearchRequest(q="مسأول"))
    assert (r.corrected_query, r.total) == ("مسؤول", 8)


def test_a_word_the_archive_writes_keeps_to_itself(engine):
    """قاوم (resisted) is a word of its own, however much commoner قائم is."""
    assert engine.search(SearchRequest(q="قاوم")).total == 3


def test_the_two_seats_of_a_final_hamza_find_each_other_unless_both_are_written(engine):
    """شئ is a slip of شيء (2 articles beside 9); بطيء (slow) and بطء (slowness) are both written
    as much: two words."""
    assert engine.search(SearchRequest(q="شئ")).total == 11
    assert engine.search(SearchRequest(q="شيء")).total == 11
    assert engine.search(SearchRequest(q="بطيء")).total == 4


def test_autocomplete_reads_a_prefix_typed_without_its_hamza(engine):
    assert engine.suggest("موتم") == ["مؤتمر"]
    assert engine.suggest("يوك") == ["يؤكد"]
    assert engine.suggest("يوج") == ["يوجد"]  # a prefix the archive's words begin: as typed


def test_a_name_in_alef_hamza_typed_without_its_hamza_finds_the_names_articles(tmp_path):
    """صنعاء (Sanaa) typed without its hamza, صنعا, finds Sanaa's articles beside those that write
    صنعا (here «يحسنون صنعا», an accusative of صنع); صنعاء typed takes no صنعا, which the news
    writes as another word as often. سماء (sky) takes the article, so سما (a name) keeps to itself."""
    bodies = (["وصل الوفد إلى صنعاء أمس"] * 25 + ["إنهم يحسنون صنعا"] * 3
              + ["غنت الفنانة سما أمس"] * 3 + ["سماء صافية فوق المدينة"] * 25 + ["نجوم في السماء"] * 10)
    engine = engine_at(index_records(tmp_path / "index", [
        {"id": f"n{i}", "title": f"خبر رقم {i}", "body": body, "tags": []} for i, body in enumerate(bodies)]),
        query_time_limit=None)
    try:
        assert engine.search(SearchRequest(q="صنعا")).total == 28
        assert engine.search(SearchRequest(q="بصنعا")).total == 28
        assert engine.search(SearchRequest(q="صنعاء")).total == 25
        assert engine.search(SearchRequest(q="سما")).total == 3
    finally:
        engine.close()
