"""One table per character rule (DESIGN.md rules 2-4)."""

import pytest

from analyzers.normalize import fold_letters, normalize_word, strip_marks, unicode_fold


@pytest.mark.parametrize(
    "forms",
    [
        ("أحمد", "احمد", "إحمد", "آحمد", "ٱحمد"),
        ("إسلامية", "اسلامية", "أسلامية"),
        ("آثار", "اثار", "أثار"),
        ("إعلان", "اعلان"),
    ],
)
def test_hamza_and_madda_forms_meet(forms):
    assert len({normalize_word(f) for f in forms}) == 1


@pytest.mark.parametrize(
    "forms",
    [("مستشفى", "مستشفي"), ("على", "علي"), ("مدرسة", "مدرسه"), ("الوزارة", "الوزاره")],
)
def test_alef_maksura_and_taa_marbuta_meet(forms):
    assert len({normalize_word(f) for f in forms}) == 1


@pytest.mark.parametrize(
    "marked, plain",
    [
        ("كَتَبَ", "كتب"),  # fatha
        ("مُدَرِّسٌ", "مدرس"),  # damma, kasra, shadda, tanween
        ("عَلِيمٌۖ", "عليم"),  # Quranic small high ligature U+06D6
        ("فخـــورون", "فخورون"),  # tatweel
        ("مـُحـَمـَّد", "محمد"),
    ],
)
def test_marks_and_tatweel_vanish(marked, plain):
    assert strip_marks(unicode_fold(marked)) == plain


@pytest.mark.parametrize(
    "uthmani, plain",
    [("هٰذا", "هذا"), ("الرَّحْمَٰنِ", "الرحمن"), ("ٱلسَّمَٰوَٰتِ", "السماوات"), ("كِتَٰب", "كتاب")],
)
def test_superscript_alef_is_read_as_alef_or_taken_back_by_the_closed_list(uthmani, plain):
    # Rule 3 (tests/test_uthmani.py has the full tables): U+0670 is a long ā, not a mark.
    assert normalize_word(uthmani) == plain


@pytest.mark.parametrize(
    "presentation, plain",
    [
        ("\ufedb\ufe98\ufe8e\ufe8f", "كتاب"),  # ﻛﺘﺎﺏ
        ("\ufefb", "لا"),  # lam-alef ligature
        ("\ufdf2", "الله"),  # ﷲ
    ],
)
def test_presentation_forms_become_letters(presentation, plain):
    assert strip_marks(unicode_fold(presentation)) == plain


def test_sallallahu_ligature_expands_to_words():
    assert strip_marks(unicode_fold("\ufdfa")).split() == ["صلى", "الله", "عليه", "وسلم"]


@pytest.mark.parametrize(
    "digits, ascii_digits",
    [("٢٠١٥", "2015"), ("۱۲۳", "123"), ("٠١٢٣٤٥٦٧٨٩", "0123456789"), ("2015", "2015")],
)
def test_arabic_indic_and_persian_digits_become_ascii(digits, ascii_digits):
    assert unicode_fold(digits) == ascii_digits


@pytest.mark.parametrize("persian, arabic", [("کتاب", "كتاب"), ("علی", "علي"), ("ایران", "ايران")])
def test_persian_letters_fold(persian, arabic):
    assert fold_letters(persian) == fold_letters(arabic)


@pytest.mark.parametrize("urdu, arabic", [
    ("مکہ", "مكة"), ("لاہور", "لاهور"), ("ھیئۃ", "هيئة"), ("کراچی", "كراچي"), ("ہے", "هي"), ("خانۀ", "خانه"),
    ("ۓ", "ئ"), ("ڪتاب", "كتاب"), ("ە", "ه"),
])
def test_an_urdu_keyboards_letters_fold_as_the_arabic_ones(urdu, arabic):
    """Typed on an Urdu keyboard, heh, teh marbuta, yeh and kaf are other code points: مکہ (Mecca)
    must meet مكة, لاہور لاهور (the corrector took لأمور)."""
    assert fold_letters(urdu) == fold_letters(arabic)


@pytest.mark.parametrize("glued, words", [
    ("2015م", ["2015", "م"]), ("١٤٣٦هـ", ["1436", "هـ"]), ("و2015", ["و", "2015"]), ("10كم", ["10", "كم"]),
    ("جنيف2", ["جنيف", "2"]),
    ("الـ15", ["15"]), ("وبالـ5", ["5"]), ("للـ20", ["20"]),  # an article before a number goes, its clitics too
    ("آل15", ["آل", "15"]),  # آل, a family, is no article
    ("covid19", ["covid19"]), ("5G", ["5g"]),  # Latin keeps its digits
])
def test_a_number_glued_to_arabic_letters_is_a_word_of_its_own(glued, words):
    assert unicode_fold(glued).split() == words


@pytest.mark.parametrize("glued, words", [
    ("بـGoogle", ["بـ", "google"]), ("لـCNN", ["لـ", "cnn"]), ("أوIELTS", ["أو", "ielts"]),
    ("تويترTwitter", ["تويتر", "twitter"]), ("وF16", ["و", "f16"]), ("كافيهCafé", ["كافيه", "café"]),
    ("الـiPhone", ["iphone"]), ("والiPad", ["ipad"]),  # an article before a Latin word goes, its clitics too
    ("آلSaud", ["آل", "saud"]),
])
def test_a_latin_word_glued_to_arabic_letters_is_a_word_of_its_own(glued, words):
    assert unicode_fold(glued).split() == words


@pytest.mark.parametrize("joined, words", [
    ("عاصفة_الحزم", ["عاصفة", "الحزم"]), ("تفجير_طوارئ_عسير", ["تفجير", "طوارئ", "عسير"]),
    ("_عامل_", ["عامل"]), ("vote_area2", ["vote", "area2"]), ("_", []),
    ("قاطعوا_الـiPhone", ["قاطعوا", "iphone"]),  # the article before a Latin word goes in any word
])
def test_an_underscore_parts_the_words_it_joins(joined, words):
    """A hashtag writes an underscore for a space: its words are words of their own."""
    assert unicode_fold(joined).split() == words


def test_latin_is_lower_cased_and_zero_width_joiners_dropped():
    assert unicode_fold("WhatsApp") == "whatsapp"
    assert unicode_fold("كتا\u200cب") == "كتاب"


# RLM, LRM, the Arabic letter mark, a soft hyphen, a zero-width space, a BOM, a word joiner, a bidi
# embedding and an isolate: what pasted text carries inside its words (و‏التجربة, المشا­كل)
@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u061c", "\u00ad", "\u200b", "\ufeff", "\u2060",
                                  "\u202b", "\u2067"])
def test_an_invisible_character_inside_a_word_leaves_it_whole(mark):
    from analyzers.pipeline import analyze
    from search.syntax import parse

    word = "الن" + mark + "فط"
    assert unicode_fold(word) == "النفط"
    for field in ("text", "exact", "roots"):
        assert [t for t, _s, _e in analyze(word, field)] == [t for t, _s, _e in analyze("النفط", field)]
    assert analyze("قال " + word, "exact")[1][1:] == (4, 10)  # the span covers the word as written
    assert [w.text for w in parse(word).items] == [word]  # the query keeps it one word too
    assert analyze(mark, "exact") == []  # alone, nothing


@pytest.mark.parametrize(
    "forms",
    [
        ("مسؤول", "مسئول", "مسءول"),
        ("شؤون", "شئون", "شءون"),
        ("أبناؤه", "أبنائه", "أبناءه"),
        ("بيئة", "بيءة"),
    ],
)
def test_hamza_seats_meet(forms):
    assert len({normalize_word(f) for f in forms}) == 1


@pytest.mark.parametrize(
    "word, other",
    [("رئيس", "ريس"), ("ماء", "ما"), ("سؤال", "سوال"), ("هيئة", "هيه"), ("بدء", "بد")],
)
def test_hamza_stays_a_letter(word, other):
    assert normalize_word(word) != normalize_word(other)


def test_hamza_can_be_folded_away_when_asked():
    assert normalize_word("مسؤول", fold_hamza=True) == normalize_word("مسوول", fold_hamza=True)
    assert normalize_word("رئيس", fold_hamza=True) == "رييس"


@pytest.mark.parametrize("typed, word", [
    ("مبرووووك", "مبروك"), ("جمييييل", "جميل"), ("شكرااا", "شكرا"), ("مبـــروووك", "مبروك"),  # a long vowel held
    ("الممملكة", "المملكة"), ("لللاعب", "للاعب"), ("ههههه", "هه"),  # another letter: a doubled one kept
    ("المملكة", "المملكة"), ("الكوريين", "الكوريين"), ("طاووس", "طاووس"),  # doubled letters are words' own
])
def test_a_letter_written_three_times_or_more_is_cut(typed, word):
    assert strip_marks(typed) == word
