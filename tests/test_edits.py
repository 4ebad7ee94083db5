"""One slip from a word, spelled out: what the context rule of did-you-mean looks up instead of
walking an automaton, held to Levenshtein's distance and to the automaton's own answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from search import edits

WORDS = st.text(alphabet=edits.ARABIC_LETTERS.rstrip("0123456789"), min_size=1, max_size=9)  # a slip may bring a digit


def _slipped(word: str, data) -> str:
    """``word`` with one random slip: a letter dropped, changed or added, or two swapped."""
    i = data.draw(st.integers(0, len(word)))
    letter = data.draw(st.sampled_from(edits.ARABIC_LETTERS))
    kind = data.draw(st.sampled_from(["drop", "change", "add", "swap"]))
    if kind == "add" or i == len(word):
        return word[:i] + letter + word[i:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + letter + word[i + 1:]


@given(WORDS, st.integers(0, 3), st.data())
def test_one_edit_holds_every_spelling_one_slip_away_that_keeps_the_prefix(word, prefix, data):
    other = data.draw(st.one_of(WORDS, st.just(_slipped(word, data))))
    one_slip = other != word and (Levenshtein.distance(word, other) == 1 or other in edits.swaps(word))
    keeps = other[:prefix] == word[:prefix] and len(word) >= prefix
    assert (other in edits.one_edit(word, prefix)) == (one_slip and keeps)


def test_one_edit_spells_a_word_of_another_script_in_its_letters():
    assert {"googel", "gogle", "googlee", "goolge"} <= edits.one_edit("google")
    assert not any("\u0621" <= c <= "\u064a" for w in edits.one_edit("google") for c in w)
    assert "مجلس" in edits.one_edit("مجلص", 2) and "محلص" not in edits.one_edit("مجلص", 2)


def test_a_letter_spoken_alike_is_each_written_for_the_other():
    assert edits.sound_alike("ظابط") == ["ضابط", "زابط", "ظابت"]
    assert "الظهر" in edits.sound_alike("الضهر") and "الضهر" in edits.sound_alike("الظهر")
    assert edits.sound_alike("كلم") == []  # no such letter
