"""The broken-plural table for query-time expansion (issue 14 item 4): pairs in term space, both
ways, the homographs left out, the same table in every process, and a pair the index's articles
use as two words (they do not meet) left out at query time."""

from __future__ import annotations

import pytest
from support.articles import engine_at, import_jsonl, write_jsonl

from analyzers.adjective_forms import nisba_of
from analyzers.broken_plurals import forms_of, measurable, table, two_words
from analyzers.normalize import normalize_word
from analyzers.stemming import light_stem
from search import SearchRequest


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


@pytest.mark.parametrize(
    "singular, plural",
    [("امرأة", "نساء"), ("سنة", "سنوات"), ("مليون", "ملايين"), ("برنامج", "برامج"), ("قبيلة", "قبائل"),
     ("ميناء", "موانئ")],
)  # fmt: skip
def test_a_noun_the_dictionary_lists_without_a_root_meets_its_plural(singular, plural):
    """Primitive nouns have no root in the dictionary, and no root to check their plural by: the
    table once left them out, and «قيادة المرأة» met مرايا (mirrors: المرآة folds as المرأة) but
    not نساء."""
    assert stem(plural) in forms_of(stem(singular)) and stem(singular) in forms_of(stem(plural))


@pytest.mark.parametrize("singular, plural", [("مباراة", "مباريات"), ("قناة", "قنوات"), ("صلاة", "صلوات")])
def test_a_noun_in_aat_meets_its_sound_plural_with_the_roots_letter(singular, plural):
    assert stem(plural) in forms_of(stem(singular))


@pytest.mark.parametrize("plural, not_singular", [("خطوات", "خطة"), ("هويات", "هواة"), ("دعوات", "دعاة")])
def test_a_plural_of_a_noun_in_wa_or_ya_is_not_one_in_aat(plural, not_singular):
    """خطوات is خطوة's (steps), not خطة's (plans); هويات هوية's (identities), not هواة's (amateurs)."""
    assert stem(not_singular) not in forms_of(stem(plural))


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


# (singular, plural, documents of each, documents with both) in the 31k corpus (2026-12-06)
MEASURED = [("قطر", "قطار", 973, 286, 13), ("محافظ", "محفظة", 5457, 52, 6), ("ملك", "ملائكة", 5646, 46, 5),
            ("نقل", "نقول", 4595, 345, 58), ("طائف", "طوائف", 869, 102, 1)]  # fmt: skip
ONE_WORD = [("يوم", "أيام", 13756, 4239, 2431), ("منطقة", "مناطق", 9797, 3359, 1814),
            ("مدرسة", "مدارس", 865, 897, 300), ("وعد", "وعود", 571, 349, 24)]  # fmt: skip


@pytest.mark.parametrize("singular, plural, a, b, both", MEASURED)
def test_two_words_that_meet_at_chance_are_two_words(singular, plural, a, b, both):
    assert stem(plural) in forms_of(stem(singular))  # the dictionary pairs them
    assert measurable(a, b, 31_030) and two_words(a, b, both, 31_030)


@pytest.mark.parametrize("singular, plural, a, b, both", ONE_WORD)
def test_a_words_numbers_meet_above_chance(singular, plural, a, b, both):
    # أيام / يوم meet at only 1.3 times chance (يوم is in 44% of the articles), far beyond doubt
    assert measurable(a, b, 31_030) and not two_words(a, b, both, 31_030)


def test_forms_too_rare_to_tell_stay_a_pair():
    # حجاج (pilgrims) / حجج (arguments): 329 and 63 of 31k articles, none with both; chance gives
    # 0.7, so never meeting says nothing either way
    assert not measurable(329, 63, 31_030)
    assert not two_words(329, 63, 0, 31_030)


def test_the_expansion_leaves_out_a_pair_the_articles_keep_apart(tmp_path):
    """Through the real import and engine: قطر and قطار (Qatar, trains) in 20 articles each, never
    together; مدرسة and مدارس in 40 and 30, 20 of them together; طالب and طلاب in 3 each, apart,
    too rare to tell; رسم and رسوم together in 10, the nisba الرسمية in 10 others; 90 others."""
    texts = (["وصل امير قطر الى الدوحة"] * 20 + ["وصل قطار الحرمين الى المحطة"] * 20
             + ["افتتحت مدرسة جديدة بين مدارس الحي"] * 20 + ["افتتحت مدرسة في الحي"] * 20
             + ["زار الوزير مدارس الحي"] * 10 + ["كرم المدير طالب التفوق"] * 3
             + ["كرم المدير طلاب التفوق"] * 3 + ["رسم الفنان لوحة وارتفعت الرسوم"] * 10
             + ["صدرت البيانات الرسمية"] * 10 + ["افتتح معرض الكتاب بحضور الزوار"] * 90)
    records = [{"id": f"bp{i:03d}", "title": f"خبر رقم {i}", "body": text, "source": "s", "section": "news",
                "date": "2015-07-01"} for i, text in enumerate(texts)]  # fmt: skip
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "records.jsonl", records))
    engine = engine_at(tmp_path / "index", query_time_limit=None)
    try:
        def alternatives(word: str) -> set[str]:
            return {t for t, _w in engine.expanded(word).items[0].alternatives}

        assert stem("قطار") not in alternatives("قطر") and stem("قطر") not in alternatives("قطار")
        assert stem("مدارس") in alternatives("مدرسة") and stem("مدرسة") in alternatives("المدارس")
        assert stem("طلاب") in alternatives("طالب")
        # the noun رسم takes its plural; its nisba adjective, the same term, does not (fees are not
        # "official")
        assert stem("رسوم") in alternatives("رسم") and stem("رسوم") not in alternatives("الرسمية")
        assert engine.search(SearchRequest(q="قطر")).total == 20
        assert engine.search(SearchRequest(q="مدرسة")).total == 50
    finally:
        engine.close()


@pytest.mark.parametrize("form, noun, adjective", [
    ("الرسمية", "رسم", True), ("البلدية", "بلد", True), ("الشخصية", "شخص", True), ("جمهوري", "جمهور", True),
    ("والرسمي", "رسم", True),
    ("الأراضي", "أرض", False),  # a plural of أرض, not its nisba
    ("الماضي", "ماض", False),  # a participle
    ("جنديين", "جند", False),  # soldiers: a noun with a nisba's letters, never written feminine
    ("الرسوم", "رسم", False),
])  # fmt: skip
def test_a_nisba_adjective_is_told_from_the_nouns_forms(form, noun, adjective):
    exact = normalize_word(form)
    assert nisba_of(exact, stem(form)) is adjective
