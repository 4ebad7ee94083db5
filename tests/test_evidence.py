"""What the corpus lexicon says about word forms (analyzers/evidence.py), rule by rule."""

import pytest

from analyzers.evidence import (
    attested,
    known,
    takes_article,
    takes_article_or_conjunction,
    takes_preposition,
)
from analyzers.normalize import normalize_word as n


@pytest.mark.parametrize(
    "form, whole",
    [
        ("كمال", True), ("بطولة", True), ("فساد", True), ("فيصل", True), ("وافق", True),  # الكمال, ووافق
        ("وقال", False), ("ونفط", False), ("بمدينة", False), ("لمدة", False), ("بسبب", False),
    ],
)  # fmt: skip
def test_a_form_used_whole_takes_the_article_or_a_conjunction(form, whole):
    assert takes_article_or_conjunction(n(form)) is whole


@pytest.mark.parametrize("form, noun", [("كورونا", True), ("كتاب", True), ("بلادنا", False), ("حكومتهم", False)])
def test_pronoun_forms_never_take_the_article(form, noun):
    assert takes_article(n(form)) is noun


@pytest.mark.parametrize(
    "base, longer, same",
    [("كتاب", "كتابه", True), ("مسلم", "مسلمه", True), ("ميا", "مياه", False), ("وزار", "وزارة", False)],
)
def test_a_base_is_attested_only_when_common_beside_the_longer_form(base, longer, same):
    assert attested(n(base), n(longer)) is same


def test_known_counts_the_article_forms_too():
    assert known("نفط") > known("ونفط") > 0
    assert known("زءرتلمتك") == 0


def test_the_after_article_table_gives_the_sums_of_the_lexicon():
    from analyzers.evidence import ARTICLE_STACKS, after_article, lexicon

    counts = lexicon()
    forms = sorted({""} | set(counts) | {word[i:] for word in counts for i in range(1, 5)})
    for form in forms:
        assert after_article(form) == sum(counts.get(stack + form, 0) for stack in ARTICLE_STACKS), form


def test_the_whole_word_tests_made_once_answer_as_counted():
    """The three tests and ``known`` are read from tables made once per process: over every lexicon
    form and its tails (where the tests can hold and where they cannot), each answers what its
    counts say, at the ratio in force and at another one (bench/evidence_thresholds.py moves it)."""
    from analyzers import evidence

    counts = evidence.lexicon()
    forms = sorted({""} | set(counts) | {word[i:] for word in counts for i in range(1, 5)})
    for form in forms:
        assert known(form) == evidence.count(form) + evidence.after_article(form), form
    for ratio in (evidence.WHOLE_WORD_RATIO, 0.1):
        made = evidence._proofs(ratio)
        for form in forms:
            assert (form in made.article) is evidence._counted_takes_article(form, ratio), form
            assert (form in made.whole) is evidence._counted_takes_article_or_conjunction(form, ratio), form
            assert (form in made.preposition) is evidence._counted_takes_preposition(form, ratio), form


@pytest.mark.parametrize(
    "form, whole",
    [
        ("بشار", True), ("بايدن", True), ("بنما", True), ("كاليفورنيا", True), ("كتاب", True),  # لبشار, لكتاب
        ("لبنان", True),  # بلبنان (للبنان alone would prove nothing: it may be ل + البنان)
        ("بمدينة", False), ("بسبب", False), ("لمدة", False), ("كانت", False),
    ],
)  # fmt: skip
def test_a_form_after_another_preposition_is_whole(form, whole):
    assert takes_preposition(n(form)) is whole
