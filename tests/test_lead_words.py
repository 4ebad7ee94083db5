"""The lead factor's word set and presence rule, shared by both backends (search/lead.py), and the Sphinx backend's use
of it on a candidate's ``lead`` attribute (search/sphinx_backend/rescore.py)."""

from __future__ import annotations

import pytest

from indexer.documents import lead_end, lead_of
from indexer.schema import LEAD_WORDS
from search.lead import lead_words, present
from search.ranking import lead_factor
from search.sphinx_backend import tokens
from search.sphinx_backend.rescore import lead_factors


def test_each_distinct_stem_of_the_body_counts_once():
    words = lead_words([(None, "مدرس", []), ("body", "جديد", []), (None, "مدرس", ["مدارس"])])
    assert words == {"مدرس": frozenset({"مدرس", "مدارس"}), "جديد": frozenset({"جديد"})}


def test_a_title_word_is_not_counted():
    assert lead_words([("title", "وزار", []), ("title_exact", "وزاره", [])]) == {}


def test_an_alternative_stem_in_the_lead_counts():
    """A lead writing the other number (مدارس for مدرسة) or another spelling has the word."""
    words = lead_words([(None, "مدرس", ["مدارس"]), (None, "جوجل", ["غوغل", "قوقل"])])
    assert present({"مدارس", "قوقل"}, words) == 2
    assert present({"مدارس"}, words) == 1
    assert present({"مدرسه", "غوغ"}, words) == 0  # exact forms and pieces are not stems


def test_present_reads_the_engines_spelling_of_a_long_stem():
    long = "ا" * 60
    words = lead_words([(None, long, [])])
    assert present({tokens.stem_term(long)}, words, tokens.stem_term) == 1
    assert present({long[: tokens.MAX_WORD]}, words, tokens.stem_term) == 0


def test_lead_factors_of_candidates():
    """Two words, a plural alternative: a lead with both, one (through the plural), none."""
    words = [(None, "مدرس", "مدرسه", (("مدارس", 0.15),)), (None, "جديد", "جديده", ()),
             ("title", "وزار", "وزاره", ())]
    leads = {1: "مدارس جديد خبر", 2: "خبر مدارس", 3: "وزار", 4: ""}
    factors = lead_factors(leads, words, 0.1)
    assert factors == {1: lead_factor(2, 2, 0.1), 2: lead_factor(1, 2, 0.1), 3: 1.0, 4: 1.0}
    assert factors[1] == pytest.approx(1.1) and factors[2] == pytest.approx(1.025)
    assert lead_factors(leads, words, 0.0) == dict.fromkeys(leads, 1.0)
    assert lead_factors(leads, [("title", "وزار", None, ())], 0.1) == dict.fromkeys(leads, 1.0)


@pytest.mark.parametrize("body", [
    "", "كلمة", " ".join(["كلمة"] * LEAD_WORDS), " ".join(["كلمة"] * (LEAD_WORDS + 1)),
    "\n\n" + "  ".join(f"ك{i}" for i in range(90)) + "\n",
])
def test_the_lead_ends_where_lead_of_stops(body):
    cut = lead_end(body)
    assert " ".join(body[:cut].split()) == lead_of(body)
    assert body[cut:].split() == body.split()[LEAD_WORDS:]
    assert cut == len(body) or not body[cut].isspace()
