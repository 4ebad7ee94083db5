"""The consistency table: forms that must meet, words that must survive (DESIGN.md rule 6-7)."""

import pytest

from analyzers.normalize import normalize_word
from analyzers.stemming import cache_stats, light_stem


def stem(word: str) -> str:
    return light_stem(normalize_word(word))


MUST_MEET = [
    ("والكتاب", "بالكتاب", "الكتاب", "كتاب", "للكتاب", "وبالكتاب", "فالكتاب", "كالكتاب"),
    ("وزارة", "الوزارة", "الوزارات", "وزارات", "بالوزارة", "للوزارات"),
    ("قوات", "القوات", "والقوات", "للقوات"),
    ("نفط", "ونفط", "النفط", "بالنفط"),
    ("مدرسة", "المدرسة", "مدرسته", "وبالمدرسة"),
    ("لاعب", "لاعبون", "اللاعبين", "للاعبين"),  # للاعبين: ل + لاعبين, not لل + اعبين
    ("شركة", "شركات", "الشركات", "والشركة"),
    ("سعودي", "السعودية", "السعوديين", "السعوديون"),
    ("فلسطين", "فلسطيني", "الفلسطينيين", "الفلسطينية", "بفلسطين"),
    ("العراق", "والعراق", "بالعراق", "للعراق"),
    ("مدينة", "بمدينة", "المدينة", "مدينته"),
    ("التزام", "الالتزام", "بالتزام"),
    ("انتخابات", "الانتخابات", "والانتخابات"),
    ("حج", "الحج", "بالحج", "للحج"),  # two letters after the article
    ("مستشفى", "المستشفى", "مستشفيات", "مستشفياتها", "بمستشفياتها"),
    ("أميركا", "أميركي", "الأميركية", "الأميركيين"),  # nisba meets the protected name
    ("سوريا", "سورية", "السوري", "السورية"),
    ("روسيا", "الروسية", "روسي"),
]


@pytest.mark.parametrize("forms", MUST_MEET, ids=lambda f: f[0])
def test_affixed_forms_share_one_stem(forms):
    stems = {f: stem(f) for f in forms}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize(
    "word, expected",
    [
        ("كتب", "كتب"),  # tashaphyne alone gives تب
        ("وزارة", "وزار"),  # not زار
        ("ونفط", "نفط"),  # not فط
        ("وليد", "وليد"),  # a name, not و + ليد
        ("برنامج", "برنامج"),  # not ب + رنامج
        ("فريق", "فريق"),  # not ف + ريق
        ("وقال", "قال"),
        ("ألغى", "الغ"),  # not ال + غي
        ("السور", "سور"),  # the wall stays a wall: no nisba ending was removed
    ],
)
def test_clitics_are_stripped_only_when_the_rest_is_a_word(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    "word", ["العراق", "لبنان", "إيران", "السودان", "البيشمركة", "القيارة", "داعش", "الله", "بغداد"]
)
def test_protected_words_survive(word):
    folded = normalize_word(word)
    bare = folded[2:] if folded.startswith("ال") and len(folded) > 4 else folded
    assert stem(word) == bare
    assert stem("و" + word) == bare
    assert stem("ب" + bare) == bare


@pytest.mark.parametrize("word", ["يد", "أب", "من", "كل", "قد", "علم", "درس", "بنك", "ملك"])
def test_short_words_are_not_destroyed(word):
    assert stem(word) == normalize_word(word)


def test_latin_and_digits_are_not_stemmed():
    assert stem("google") == "google"
    assert stem("2015") == "2015"


def test_stems_are_cached():
    stem("المستشفيات")
    before = cache_stats()["misses"]
    stem("المستشفيات")
    assert cache_stats()["misses"] == before
