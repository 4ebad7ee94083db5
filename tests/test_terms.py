"""The one-pass road (analyzers/terms.py) gives exactly the terms of the analyzer chains, word by
word and text by text, whether its cache is cold or warm."""

from __future__ import annotations

import gzip
import itertools
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from analyzers.caching import all_caches
from analyzers.limits import MAX_TOKEN_LEN
from analyzers.normalize import TOKEN_PATTERN
from analyzers.pipeline import analyzer_for
from analyzers.terms import exact_forms, field_terms

# Tokens where the rules do something unusual: Uthmani script and by-ear spellings, a joined
# vocative, ligatures and presentation forms (one token becoming several, or other letters),
# marks or tatweel only, zero-width joiners, Latin with accents, Arabic-Indic and Persian digits,
# stop words with clitics, protected names, and tokens far past the longest word.
EDGE_TOKENS = (
    "ٱلسَّمَـٰوَٰتِ", "يَـٰقَوْمِ", "ٱلصَّلَوٰةِ", "الرحمان", "ﷺ", "ﷲ", "ﻛﺘﺎﺏ", "ـــ", "ً", "كتا‌ب",
    "فخـــورون", "Café", "déjà", "COVID", "٢٠١٥", "۱۲۳", "2015م", "وفي", "بهذا", "لديهم", "بلبنان",
    "والعراق", "الأميركية", "مسؤول", "مسئول", "إسلامية", "مستشفى", "x" * (MAX_TOKEN_LEN + 1),
    "ب" * 9_990, "وال" + "كتاب" * 20, "ﻻ", "ئ", "ء",
    # a madda keeps a word out of the stop words (آلية is not إليه), also written as a mark or ءا
    "آلية", "وآلية", "الآن", "آن", "ءالية", "آلية", "إليه",
)  # fmt: skip


def _chains(text: str) -> tuple[list[str], list[str], list[str]]:
    return tuple([t.text for t in analyzer_for(kind)(text, mode="index")] for kind in ("exact", "text", "roots"))


def _exact_positions(text: str) -> list[tuple[str, int]]:
    """The exact chain's (term, position) pairs: what Whoosh indexes for a phrase."""
    return [(t.text, t.pos) for t in analyzer_for("exact")(text, positions=True, mode="index")]


def _assert_positions_are_the_order(text: str) -> None:
    """The import hands Whoosh :func:`field_terms`' exact forms as a list, each at its place in
    it: the chain must give each term that position (a dropped token takes none)."""
    assert _exact_positions(text) == list(zip(field_terms(text)[0], itertools.count())), text


def _assert_word_by_word(words) -> None:
    for word in words:
        expected = _chains(word)
        assert field_terms(word) == expected, word
        assert field_terms(word) == expected, word  # from the cache now
        assert exact_forms(word) == expected[0], word


def _clear() -> None:
    for cache in all_caches().values():
        cache.clear()


def test_edge_tokens_equal_the_chains_cold_and_warm():
    _clear()
    _assert_word_by_word(EDGE_TOKENS)
    text = " ".join(EDGE_TOKENS)
    assert field_terms(text) == _chains(text)
    _assert_positions_are_the_order(text)


def test_a_token_of_marks_only_takes_no_position():
    # «المبارك ـ بمشيئة»: a tatweel dash is punctuation, so the phrase «المبارك بمشيئة» is there
    assert _exact_positions("المبارك ـ بمشيئة الله") == [("المبارك", 0), ("بمشيءه", 1), ("الله", 2)]
    # and a ligature's words still take one position each, the words after it renumbered
    assert _exact_positions("ـ ﷺ قال")[-1] == ("قال", 4)


def test_sample_words_equal_the_chains(sample_path):
    words = set()
    for line in sample_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        words.update(TOKEN_PATTERN.findall(f"{record.get('title') or ''} {record.get('body') or ''}"))
    _assert_word_by_word(sorted(words))


def test_real_corpus_words_equal_the_chains(corpus_path):
    words = set()
    with gzip.open(corpus_path, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, 0, 6000, 20):
            record = json.loads(line)
            words.update(TOKEN_PATTERN.findall(f"{record.get('title') or ''} {record.get('body') or ''}"))
            _assert_positions_are_the_order(record.get("body") or "")
    _clear()
    _assert_word_by_word(sorted(words))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتةثجحخدذرزسشصضطظعغفقكلمنهويىءأإآؤئ ًٌٍَُِّْـٰٱ ﷺ٠١٢ab\u200c", max_size=80))
def test_generated_text_equals_the_chains(text):
    assert field_terms(text) == _chains(text)
    _assert_positions_are_the_order(text)


def test_absurdly_long_tokens_are_analysed_but_cached_nowhere():
    field_terms("والكتاب")
    before = {name: len(cache.data) for name, cache in all_caches().items()}
    for letter in "بتثجحخ":
        long = (letter + "ك") * 4_995  # no letter thrice in a row, which rule 3 would cut
        assert field_terms(f"{long} والكتاب") == ([long, "والكتاب"], [long, "كتاب"], [long, "كتب"])
    assert {name: len(cache.data) for name, cache in all_caches().items()} == before
