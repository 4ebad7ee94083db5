"""The composed analyzers: tokens, offsets, stop words, and index/query agreement."""

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzers.normalize import normalize_word
from analyzers.pipeline import (
    ANALYZER_VERSION,
    ArabicStopFilter,
    ArabicTokenizer,
    LetterFoldFilter,
    MarksFilter,
    StripMarksFilter,
    UnicodeFoldFilter,
    UthmaniFilter,
    analyze,
    analyzer_for,
    exact_analyzer,
    exact_tokens,
    roots_analyzer,
    text_analyzer,
)


def terms(text, field="text"):
    return [t for t, _, _ in analyze(text, field)]


def test_vocalized_word_is_one_token_with_offsets_covering_it():
    text = "قرأ وَالكِتَابُ جديد"
    tokens = analyze(text, "exact")
    assert tokens[1] == ("والكتاب", 4, 15)
    assert text[4:15] == "وَالكِتَابُ"
    assert terms(text)[1] == "كتاب"


def test_tatweel_quotation_is_one_token_per_word():
    text = "«نحن فخـــورون بهـــذا الإنجـــاز»"
    exact = analyze(text, "exact")
    assert [t for t, _, _ in exact] == ["نحن", "فخورون", "بهذا", "الانجاز"]
    for term, start, end in exact:
        assert normalize_word(text[start:end]) == term


def test_presentation_forms_and_ligature_become_ordinary_words():
    assert terms("\ufedb\ufe98\ufe8e\ufe8f", "exact") == ["كتاب"]
    text = "محمد \ufdfa قال"
    exact = analyze(text, "exact")
    assert [t for t, _, _ in exact] == ["محمد", "صلي", "الله", "عليه", "وسلم", "قال"]
    assert {(s, e) for t, s, e in exact[1:5]} == {(5, 6)}


def test_a_number_glued_to_arabic_letters_is_found_as_the_number():
    """2015م, و2015, الـ15: the number is a term of its own, highlighted as the whole token, and a
    phrase «عام 2015» meets «عام 2015م» (consecutive positions)."""
    text = "عام 2015م والـ15 و2016"
    assert analyze(text, "exact") == [("عام", 0, 3), ("2015", 4, 9), ("م", 4, 9), ("15", 10, 16),
                                      ("و", 17, 22), ("2016", 17, 22)]
    assert terms(text) == ["عام", "2015", "15", "2016"]
    positions = [t.pos for t in exact_analyzer()(text, positions=True)]
    assert positions == [0, 1, 2, 3, 4, 5]


def test_a_latin_word_glued_to_arabic_letters_is_found_as_the_word():
    """بـGoogle, الـiPhone: a search for google or iphone finds them; the clitic stays in the exact field."""
    text = "بحث بـGoogle والـiPhone"
    assert analyze(text, "exact") == [("بحث", 0, 3), ("ب", 4, 12), ("google", 4, 12), ("iphone", 13, 23)]
    assert terms(text) == [terms("بحث")[0], "google", "iphone"]


def test_a_hashtag_is_found_by_its_words():
    """#عاصفة_الحزم: each word a term at a position of its own, the hashtag's offsets for each (a
    highlight marks the hashtag); the same terms as the words written apart."""
    text = "وسم #عاصفة_الحزم"
    assert analyze(text, "exact") == [("وسم", 0, 3), ("عاصفه", 5, 16), ("الحزم", 5, 16)]
    assert terms(text) == terms("وسم عاصفة الحزم")
    assert [t.pos for t in exact_analyzer()(text, positions=True)] == [0, 1, 2]


def test_ligature_words_get_consecutive_positions():
    # Whoosh reuses one Token object: read each position as it streams by.
    positions = [t.pos for t in exact_analyzer()("\ufdfa قال", positions=True)]
    assert positions == [0, 1, 2, 3, 4]


def test_digits_fold_to_ascii_in_every_field():
    for field in ("text", "exact", "roots"):
        assert terms("عام ٢٠١٥ رقم ۱۲۳", field)[-3:] == ["2015", terms("رقم", field)[0], "123"]


def test_stopwords_vanish_in_text_field_and_stay_in_exact_field():
    text = "في الكتاب الذي على الطاولة"
    assert terms(text) == ["كتاب", "طاول"]
    assert terms(text, "exact") == ["في", "الكتاب", "الذي", "علي", "الطاوله"]


def test_stopwords_match_whatever_the_spelling():
    # إلى and الى, على and علي are the same stop word once folded.
    assert terms("إلى الى على علي") == []


def test_roots_field_reaches_broken_plurals():
    assert terms("المدارس", "roots") == terms("مدرسة", "roots") == ["درس"]


def test_mixed_scripts_and_punctuation():
    assert terms("شركة Google تطلق 5G!", "exact") == ["شركه", "google", "تطلق", "5g"]
    assert terms("...!!! ؟؟ ،،") == []
    assert terms("") == []


def test_control_characters_split_words_and_never_crash():
    assert terms("كتاب\x00\x01\x1fقلم", "exact") == ["كتاب", "قلم"]


def test_megabyte_of_text():
    text = "والكتاب الجديد، " * 70_000
    result = analyze(text)
    assert len(result) == 140_000
    assert result[-1][2] <= len(text)


def test_each_filter_is_usable_alone():
    tokens = [t.text for t in (ArabicTokenizer() | UnicodeFoldFilter())("ﻛﺘﺎﺏ")]
    assert tokens == ["كتاب"]
    chain = ArabicTokenizer() | StripMarksFilter() | LetterFoldFilter()
    assert [t.text for t in chain("إِسْلامِيَّة")] == ["اسلاميه"]
    chain = ArabicTokenizer() | ArabicStopFilter()
    assert [t.text for t in chain("من كتاب")] == ["كتاب"]


def test_analyzers_pickle_and_compare_equal():
    # Whoosh pickles the schema (analyzers included) into every index.
    for make in (text_analyzer, exact_analyzer, roots_analyzer):
        assert pickle.loads(pickle.dumps(make())) == make()
    assert ANALYZER_VERSION


def test_unknown_field_kind_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown field kind"):
        analyzer_for("bogus")


# --- properties -------------------------------------------------------------------------------

# Marks that vanish. The superscript alef U+0670 is not one of them: it is read as ا (rule 3,
# tests/test_uthmani.py).
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640"]
PREFIXES = ["", "و", "ف", "ب", "ل", "ال", "وال", "بال", "فال", "لل", "وب"]
BASES = ["كتاب", "وزارة", "مدرسة", "قوات", "نفط", "حكومة", "مستشفى", "انتخابات", "أمير", "إعلان"]


@st.composite
def arabic_words(draw):
    base = draw(st.sampled_from(BASES))
    word = draw(st.sampled_from(PREFIXES)) + base
    marked = "".join(ch + draw(st.sampled_from([""] + HARAKAT)) for ch in word)
    return word, marked


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises_and_offsets_are_in_range(text):
    for field in ("text", "exact", "roots"):
        for term, start, end in analyze(text, field):
            assert term
            assert 0 <= start < end <= len(text)


@settings(max_examples=300, deadline=None)
@given(arabic_words())
def test_vocalized_word_analyzes_like_its_plain_form(pair):
    plain, marked = pair
    for field in ("text", "exact", "roots"):
        assert terms(marked, field) == terms(plain, field)
    tokens = analyze(marked, "exact")
    assert len(tokens) == 1 and tokens[0][1:] == (0, len(marked))


@settings(max_examples=200, deadline=None)
@given(st.lists(arabic_words(), min_size=1, max_size=8))
def test_analyzing_the_folded_form_gives_the_same_terms(words):
    text = " ".join(marked for _, marked in words)
    folded = " ".join(normalize_word(w) for w in text.split())
    for field in ("text", "exact", "roots"):
        assert terms(folded, field) == terms(text, field)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآءؤئ ًٌٍَُِّْـ")), max_size=60))
def test_query_side_gives_the_same_terms_as_index_side(text):
    for field in ("text", "exact", "roots"):
        analyzer = analyzer_for(field)
        indexed = [t.text for t in analyzer(text, mode="index")]
        queried = [t.text for t in analyzer(text, mode="query")]
        assert indexed == queried


# -- exact_tokens: the highlighter's fast road to the exact analyzer's output -----------------
def _exact_chain(text):
    return [(t.text, t.startchar, t.endchar)
            for t in analyzer_for("exact")(text, chars=True, mode="query", removestops=False)]


@given(st.text(max_size=300))
def test_exact_tokens_equal_the_exact_chain_on_any_text(text):
    assert list(exact_tokens(text)) == _exact_chain(text)


@given(st.lists(arabic_words(), min_size=1, max_size=12))
def test_exact_tokens_equal_the_exact_chain_on_vocalized_words(words):
    text = " ".join(f"{w} {marked}" for w, marked in words) + " ﷺ ﻛﺘﺎﺏ ٢٠١٥ فخـــورون"
    assert list(exact_tokens(text)) == _exact_chain(text)


def test_rule_3_in_one_stage_equals_its_two_filters_on_real_articles(corpus_path):
    import gzip
    import itertools
    import json

    one = ArabicTokenizer() | UnicodeFoldFilter() | MarksFilter()
    two = ArabicTokenizer() | UnicodeFoldFilter() | UthmaniFilter() | StripMarksFilter()
    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 300):
            rec = json.loads(line)
            text = f"{rec.get('title') or ''} {rec.get('body') or ''}"
            assert [(t.text, t.pos, t.startchar) for t in one(text, positions=True, chars=True)] == [
                (t.text, t.pos, t.startchar) for t in two(text, positions=True, chars=True)
            ]


def test_exact_tokens_equal_the_exact_chain_on_real_articles(corpus_path):
    import gzip
    import itertools
    import json

    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, 300):
            rec = json.loads(line)
            for text in (rec.get("title") or "", rec.get("body") or ""):
                assert list(exact_tokens(text)) == _exact_chain(text)


def test_content_words_the_interrogative_hamza_made_stop_words_are_indexed():
    """The stop-word package glues the question hamza onto every stop word (أمن "is it from?");
    folded, those are common news words: security, Abha, OPEC, public, the imam, most important."""
    for word in ("أمن", "أبها", "أوبك", "العامة", "الإمام", "أهم", "الشمال"):
        assert terms(word), word
    # the stop words themselves, hamza or none, still go
    assert terms("أن إن أو أي ألا إلا إلى الى الذي التي من في") == []


def test_no_stop_word_is_known_only_with_the_question_hamza():
    from analyzers.stopwords import interrogative_only, stopwords

    assert len(interrogative_only()) > 1000
    assert stopwords("full").isdisjoint(interrogative_only())
    assert stopwords("core").isdisjoint(interrogative_only())


def test_a_word_written_with_a_madda_is_no_stop_word_folding_made_it_look_like():
    """آلية (mechanism) folds onto إليه, آن onto أن; الآن, a stop word written with its madda, goes."""
    assert terms("آلية جديدة") == [terms("آلية")[0], terms("جديدة")[0]]
    assert terms("وآلية") == terms("لآلية") == terms("الآلية") == terms("آلية") != []
    assert terms("إليه اليه الآن الان أن") == []
    assert terms("آن")


@pytest.mark.parametrize(
    "forms",
    [("وفاة", "الوفاة", "بوفاة", "لوفاة", "وفاته"), ("ولاية", "الولاية", "بولاية", "لولاية", "ولايته"),
     ("أمين", "الأمين", "وأمين", "لأمين"), ("ليلة", "الليلة", "لليلة"), ("حماة", "وحماة"),
     ("شبهة", "بشبهة"), ("عينة", "العينة"), ("لعنة", "اللعنة")],
    ids=lambda f: f[0],
)  # fmt: skip
def test_a_word_folding_made_look_like_an_affixed_stop_word_is_indexed(forms):
    """Folded, وفاة (death) is و + فاه ("and his mouth"), ولاية (state) و + ل + أية, أمين (secretary)
    آمين (amen), ليلة (night) لي + له: affixed stop forms the news hardly ever writes so. They were
    never indexed, and وفاة found only its own spelling, not الوفاة or بوفاة (docs/stemming.md,
    `fahras-ar-42`)."""
    found = [terms(form) for form in forms]
    assert found[0] and all(term == found[0] for term in found), dict(zip(forms, found, strict=True))


def test_a_stop_form_the_news_writes_after_the_article_as_often_as_not_is_indexed():
    """نفسي is "myself" to the stop list and mostly "psychological" in the news (النفسي 411 times
    beside 405 bare): such a form is a noun or adjective and meets its forms; صباح, مساء, أثناء,
    after the article a fraction as often, stay the adverbs they are listed as."""
    assert terms("نفسي") == terms("النفسي") != [] and terms("تحول") == terms("التحول") != []
    assert terms("ذاتي") == terms("الذاتي") != [] and terms("لحظة") == terms("اللحظة") != []
    assert terms("صباح مساء أثناء") == []


def test_the_stop_words_the_news_uses_most_stay_stop_words():
    """A form leaves the stop list only when the news mostly spells it otherwise than the list does:
    none of the lexicon's 300 commonest forms does (في, الى, ان, انه, التي, الان: their commonest
    spelling is the list's), and the stop words folding meets still go."""
    from analyzers.evidence import lexicon, spelled_as_another_word
    from analyzers.stopwords import interrogative_only, package_spellings

    commonest = sorted(lexicon(), key=lexicon().get, reverse=True)[:300]
    stop_forms = [form for form in commonest if form in package_spellings() and form not in interrogative_only()]
    assert len(stop_forms) > 100 and not [form for form in stop_forms if spelled_as_another_word(form)]
    assert terms("وإليه إليه الى على فى الآن الان انه لانه") == []


def test_the_stop_spellings_table_counts_a_word_written_otherwise_than_the_stop_list():
    """bench/build_stop_spellings.py counts a word under the stop form it folds to, as written
    otherwise when the stop list never spells it so; a madda word counts as the list's (آلية is
    never_madda's to judge); a word of no stop form is not counted."""
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "bench"))
    from build_stop_spellings import read_stop_spelling

    assert read_stop_spelling("وفاة") == (("وفاه",), True) and read_stop_spelling("وفاه") == (("وفاه",), False)
    assert read_stop_spelling("إليه") == (("اليه",), False) and read_stop_spelling("وآلية") == (("واليه",), False)
    assert read_stop_spelling("الوزارة") == ((), False)
