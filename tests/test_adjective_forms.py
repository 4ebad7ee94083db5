"""A spelling's adjective uses (analyzers/adjective_forms.py): what parts a name from a people's word."""

from __future__ import annotations

from collections import Counter

import pytest

from analyzers.adjective_forms import GAP, MIN_USES, adjective_share, base, two_words, uses
from analyzers.context_spellings import Pair, mine


def counted(**forms: int):
    table = Counter({k.replace("_", ""): v for k, v in forms.items()})
    return table.__getitem__


# Written forms of a 31k-like archive (documents per form, rounded).
ARCHIVE = counted(
    هولاند=90, وهولاند=10, لهولاند=4,  # Hollande: a name, never an adjective
    الهولندي=200, الهولنديه=150, هولندي=40, الهولنديين=20, هولندا=160,  # Dutch; the country هولندا is its own stem
    فرنسا=700, لفرنسا=120, وفرنسا=80, الفرنسي=1200, الفرنسيه=700, فرنسي=100,  # France and French: one stem
    فرنسوا=60, وفرنسوا=3,  # François
    تايلاند=50, التايلاندي=25, تايلند=4, التايلندي=2,  # Thailand, two spellings, both with the adjective
    جوجل=300, غوغل=150,  # a company: no adjective
)


def test_a_stem_is_counted_bare_and_as_its_nisba_behind_any_prefix():
    assert uses("هولاند", ARCHIVE) == (104, 0)
    assert uses("هولند", ARCHIVE) == (0, 410)  # هولندا is no use of the stem هولند
    assert uses("فرنسا", ARCHIVE) == (900, 2000)  # the ا of the place gives way to the ي (فرنسي)
    assert base("فرنسا") == "فرنس" and base("هولند") == "هولند"
    assert uses("عربي", counted(عربي=5, العربيه=9)) == (5, 0)  # a nisba already: no adjective of its own


def test_the_share_needs_enough_uses():
    assert adjective_share("هولند", ARCHIVE) == 1.0 and adjective_share("هولاند", ARCHIVE) == 0.0
    assert adjective_share("نادر", counted(نادر=MIN_USES - 1)) is None
    assert adjective_share("نادر", counted(نادر=MIN_USES)) == 0.0


@pytest.mark.parametrize(("a", "b", "apart"), [
    ("هولاند", "هولند", True),    # Hollande / Dutch
    ("فرنسوا", "فرنسا", True),    # François / France
    ("تايلاند", "تايلند", False),  # 0.33 and 0.33: one word
    ("جوجل", "غوغل", False),      # neither is ever an adjective
    ("هولاند", "مجهول", False),   # too few uses to say
])  # fmt: skip
def test_shares_apart_by_the_gap_make_two_words(a, b, apart):
    assert two_words(a, b, ARCHIVE) is apart
    assert two_words(b, a, ARCHIVE) is apart
    assert 0 < GAP < 1


def test_the_mining_keeps_apart_a_rule_pair_of_alike_neighbours_but_unlike_forms():
    """هولاند and هولند among the same neighbours: the context test joins nothing and parts
    nothing (cosine 1), the written forms part them; جوجل / غوغل stay one word."""
    chain = ["وفد", "سفر", "{}", "قمه", "اقتصاد"]
    docs = {(stem, i): [[w.format(stem) for w in chain]] for stem in ("هولاند", "هولند", "جوجل", "غوغل")
            for i in range(20)}
    vocabulary = dict.fromkeys(("هولاند", "هولند", "جوجل", "غوغل"), 20)
    forms = {"هولاند": 20, "الهولندي": 20, "جوجل": 20, "غوغل": 20}

    def measured(with_forms: dict | None) -> dict[tuple[str, str], Pair]:
        pairs = mine(vocabulary, lambda stem, n: [(stem, i) for i in range(min(n, 20))], docs.__getitem__, with_forms)
        return {(p.unlisted, p.listed): p for p in pairs}

    pairs = measured(forms)
    assert pairs["هولاند", "هولند"].cosine > 0.99 and pairs["هولاند", "هولند"].adjective
    assert pairs["هولاند", "هولند"].apart and not pairs["جوجل", "غوغل"].apart
    assert not measured(None)["هولاند", "هولند"].apart  # without the written forms: no such test
