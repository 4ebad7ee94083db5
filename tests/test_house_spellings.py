"""House spellings of dictionary words (issue 19): أمريكا / أميركا are one word in two papers' styles.

The data test (:mod:`analyzers.house_spellings`) on its own, then on a real index of every 12th
article of the corpus (2,583 indexed): the mined families
(``tests/wordlists/house_families.txt``, ``bench/mine_house_spellings.py``) find each other,
and issue 14's native words get no house spelling.
"""

from __future__ import annotations

import gzip
import itertools
import pathlib
import re
from collections import Counter

import pytest
from support.articles import engine_at
from support.cli import fahras

from analyzers.hamza_seats import final_seat_spelling, hamza_spellings
from analyzers.house_spellings import (
    candidates,
    cooccurrence,
    house_pair,
    measurable,
    source_purity,
    vowel_moves,
)
from analyzers.normalize import normalize_word
from analyzers.spelling_variants import is_native
from analyzers.stemming import light_stem
from search import SearchRequest
from search.analysis import terms
from search.deadline import Deadline
from search.expansion import Expander
from search.syntax import Word

LISTS = pathlib.Path(__file__).parent / "wordlists"


def _lines(name: str) -> list[list[str]]:
    text = (LISTS / name).read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line and not line.startswith("#")]


FAMILIES = [[entry.split(":")[0] for entry in line] for line in _lines("house_families.txt")]


def test_purity_is_how_much_the_source_explains_the_spelling():
    # each source one spelling: 1; every source the corpus's mix: 0; one source: 0
    assert source_purity(Counter(a=10, b=0), Counter(a=0, b=5)) == 1.0
    assert source_purity(Counter(a=20, b=10), Counter(a=10, b=5)) == 0.0
    assert source_purity(Counter(a=300), Counter(a=200)) == 0.0
    assert source_purity(Counter(aawsat=991, okaz=7), Counter(aawsat=2, okaz=284)) == pytest.approx(0.9685, abs=1e-4)


def test_cooccurrence_is_against_chance():
    assert cooccurrence(2648, 1911, 124, 31030) == pytest.approx(0.760, abs=1e-3)  # أمريكا / أميركا
    assert cooccurrence(1835, 544, 225, 31030) == pytest.approx(6.99, abs=1e-2)  # استقبال / استقبل
    assert not measurable(38, 35, 31030)  # chance gives 0.04 articles with both: nothing to measure


def test_the_house_test_needs_both_signals():
    a, b = Counter(x=300, y=5), Counter(x=5, y=300)
    assert house_pair(a, b, 2, 1000)  # kept apart by source, never mixed
    assert not house_pair(a, b, 150, 1000)  # kept apart, but mixed in articles: two words
    assert not house_pair(Counter(x=300, y=300), Counter(x=150, y=150), 10, 1000)  # same mix everywhere
    assert not house_pair(Counter(x=3), Counter(y=3), 0, 1000)  # too rare to tell


def test_the_rules_reach_a_moved_vowel():
    assert candidates("امريكا", {"اميركا", "امركا", "قلب"}.__contains__) == ["امركا", "اميركا"]
    assert list(vowel_moves("امريكا")) == ["اميركا", "امركيا"]
    assert candidates("قلب", lambda t: True) == []  # three letters: left alone
    # a vowel is edited in the g spellings that occur only: غوغل's in غوغل, not in the 24 others
    assert candidates("جوجل", {"غوغل", "غوغول", "قوقول"}.__contains__) == ["غوغل", "غوغول"]


@pytest.fixture(scope="module")
def corpus_engine(tmp_path_factory, corpus_path):
    directory = tmp_path_factory.mktemp("house")
    part = directory / "part.jsonl.gz"
    with gzip.open(corpus_path, "rb") as full, gzip.open(part, "wb") as out:
        out.writelines(itertools.islice(full, 0, None, 12))
    done = fahras("index", part, "--index", directory / "index", "--procs", 2, timeout=1800)  # CI's 2 cores
    assert done.returncode == 0, done.stderr
    engine = engine_at(directory / "index", query_time_limit=None)
    yield engine
    engine.close()


def _alternatives(engine, text: str) -> set[str]:
    word = engine.expanded(text).items[0]
    assert isinstance(word, Word)
    return {stem for stem, _weight in word.alternatives}


@pytest.mark.corpus
def test_a_house_spelling_is_taken_and_a_native_neighbour_is_not(corpus_engine):
    assert "اميركا" in _alternatives(corpus_engine, "الأمريكية")
    assert "امريكا" in _alternatives(corpus_engine, "أميركا")
    assert "استقبل" not in _alternatives(corpus_engine, "استقبال")  # every source writes both


@pytest.mark.corpus
@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: "/".join(f))
def test_each_house_spelling_finds_its_family(corpus_engine, family):
    found = {s: corpus_engine.search(SearchRequest(q=s, per_page=50)) for s in family}
    most = max(r.total_all for r in found.values())
    for spelling, result in found.items():
        assert result.total_all >= 0.9 * most, (spelling, result.total_all, most)
        assert all("<mark>" in h.title_html + h.snippet_html for h in result.hits)
        first = result.hits[0]  # the typed spelling ranks first
        marked = re.findall(r"<mark>(.*?)</mark>", first.title_html + first.snippet_html)
        assert any(terms("text", m) == [spelling] for m in marked), (spelling, marked)


@pytest.mark.corpus
def test_native_words_get_no_house_spelling(corpus_engine):
    """Issue 14's word lists: no native word gets another word as a house spelling (for a
    dictionary word, a variant-weight alternative is one: the spelling-variant rules give it none).
    The lists' forms of أمريكي get أميركا, the mined family's other spelling, and nothing else. The
    hamza rules' spellings (analyzers/hamza_seats.py: الوفا → الوفاء, مفاجء → مفاجيء) are the same
    word's, not house spellings."""
    words = sorted({w for name in ("radical_first.txt", "families.txt", "distinct_pairs.txt")
                    for line in _lines(name) for w in line})
    weight = corpus_engine.backend.ranking.variant_weight
    given = {}
    for w in words:
        word = corpus_engine.expanded(w).items[0]
        stem = light_stem(normalize_word(w))
        hamza = {final_seat_spelling(stem), *(t for c in hamza_spellings(normalize_word(w)) for t in terms("text", c))}
        if isinstance(word, Word) and is_native(stem):
            if house := [t for t, x in word.alternatives if x == weight and t not in hamza]:
                given[w] = {stem, *house}
    print(f"\n{len(given)} of {len(words)} words of the lists get house spellings: {given}")
    assert all(any(spellings <= set(f) for f in FAMILIES) for spellings in given.values()), given


@pytest.mark.corpus
def test_an_answer_computed_past_the_deadline_is_not_kept(corpus_engine):
    """The test's counts stop at the search's deadline: an answer computed after it passed is
    used once, not cached for the index's lifetime."""
    now = [0.0]
    late = Deadline(1.0, clock=lambda: now[0])
    now[0] = 2.0
    expander = Expander(corpus_engine.backend.ranking, lambda: int(corpus_engine.backend.stats()["documents"]))
    with corpus_engine.backend.searcher(Deadline(None)) as s:
        assert "اميركا" in dict(expander.alternatives(s, "امريكا", late))
        assert ("alt", "امريكا") not in expander._cache
        assert "اميركا" in dict(expander.alternatives(s, "امريكا", Deadline(None)))
        assert ("alt", "امريكا") in expander._cache
