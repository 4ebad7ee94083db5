"""The Arabic keyboard layout read from keys typed in the Latin one (search/keyboard.py)."""

from __future__ import annotations

import pytest

from search.keyboard import arabic_layout, spelled_as_arabic


@pytest.mark.parametrize("typed, arabic", [
    ("hgvdhq", "الرياض"), ("hglg;", "الملك"), (",.hvm hgwpm", "وزارة الصحة"),
    ("Hsuhv hgkt'", "أسعار النفط"),  # shift: أ; ' is ط
    ("hgvdhq -[]m", "الرياض -جدة"),  # the query syntax's minus and the space stay
    ("fb]", "بلاد"),  # b is the lam-alef key
])
def test_keys_typed_in_the_latin_layout_read_as_the_arabic_one(typed, arabic):
    assert arabic_layout(typed) == arabic


@pytest.mark.parametrize("typed", ["الرياض", "hgvdhq الرياض", "2015", "", "-- ()", "0U", "UIO"])
def test_text_with_an_arabic_letter_or_no_latin_one_has_no_reading(typed):
    assert arabic_layout(typed) is None


@pytest.mark.parametrize("reading, arabic", [
    ("الرياض", True), ("مكة", True), ("مستشفى", True), ("لا", True),
    ("ىخص", False), ("ةشةش", False), ("ؤخر", False), ("ا~ب", False),  # now, mama: no Arabic spelling
])
def test_a_reading_is_arabic_only_where_arabic_puts_its_letters(reading, arabic):
    assert spelled_as_arabic(reading) is arabic
