"""Minority spellings joined by their contexts (issue 19): the context test on its own, the table an
import writes beside a real index, and the expansion that reads it.

The corpus tests (marker ``corpus``) are in ``tests/test_context_families.py``.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from support.articles import engine_at, import_jsonl, write_jsonl
from support.spellings import TV, context_articles, rule_pair_articles

from analyzers.context_spellings import (
    APART_COSINE,
    FEW_CONTEXTS,
    FEW_COSINE,
    FOREIGN_COSINE,
    MIN_CONTEXTS,
    MIN_COSINE,
    PATTERN_COSINE,
    Pair,
    add_contexts,
    candidate_pairs,
    cosine,
    families,
    mine,
    nearest,
    plural_pair,
    rule_pairs,
    same_word,
    skeleton,
)
from indexer import context_spellings as table
from search import SearchRequest
from search.syntax import Word


def test_contexts_are_the_stems_around_each_occurrence():
    into: dict[str, Counter] = {}
    seen = add_contexts(["a", "b", "x", "c", "d", "e", "f", "x"], {"x"}, into, window=2)
    assert seen == Counter(x=2)
    assert into["x"] == Counter(a=1, b=1, c=1, d=1, e=1, f=1)  # the second x: e f before it, nothing after


def test_cosine_leaves_the_pair_out_and_weighs_by_idf():
    a, b = Counter(tv=5, screen=3, x=9), Counter(tv=5, screen=3, y=9)
    assert cosine(a, b, {"x", "y"}) == pytest.approx(1.0)
    assert cosine(a, b, set()) < 0.5
    assert cosine(Counter(a=1), Counter(b=1), set()) == 0.0
    assert cosine(Counter(), Counter(b=1), set()) == 0.0
    # a neighbour every article has counts less than a telling one
    common, telling = Counter(the=10, tv=1), Counter(the=10, radio=1)
    assert cosine(common, telling, set(), idf=lambda t: 0.1 if t == "the" else 5.0) < cosine(common, telling, set())


def test_the_test_needs_contexts_and_likeness():
    assert same_word(MIN_CONTEXTS, MIN_COSINE)
    assert not same_word(MIN_CONTEXTS - 1, 0.99)  # too few places to judge
    assert not same_word(1000, MIN_COSINE - 0.01)


def test_a_spelling_of_a_word_no_pattern_reads_needs_less_likeness():
    assert same_word(MIN_CONTEXTS, FOREIGN_COSINE, foreign=True)
    assert not same_word(MIN_CONTEXTS, FOREIGN_COSINE - 0.01, foreign=True)
    assert not same_word(MIN_CONTEXTS, FOREIGN_COSINE)  # a native word: the usual bar
    assert not same_word(MIN_CONTEXTS, PATTERN_COSINE - 0.01, pattern=True, foreign=True)  # two derived words, maybe
    assert not same_word(MIN_CONTEXTS - 1, 0.99, foreign=True)  # too few places to judge


def test_mining_lowers_the_bar_only_where_no_pattern_reads_the_dictionary_spelling():
    """Two pairs whose spellings share a quarter of their neighbours: تليفزيون / تلفزيون (a
    transliteration the dictionary files under a root of its own) is one word, جاسم / قاسم (قاسم is
    فاعل of قسم: two names) is not."""
    chains = {w: [["a", "b", w, "c", "d"]] * 20 for w in ("تلفزيون", "قاسم")}
    chains |= {w: [["a", "e", w, "f", "g"]] * 20 for w in ("تليفزيون", "جاسم")}
    pairs = mine(dict.fromkeys(chains, 20), lambda stem, n: [stem], chains.__getitem__)
    measured = {(p.unlisted, p.listed): p for p in pairs}
    tv, names = measured["تليفزيون", "تلفزيون"], measured["جاسم", "قاسم"]
    assert tv.cosine == names.cosine == 0.25 and MIN_COSINE > 0.25 >= FOREIGN_COSINE
    assert tv.foreign and tv.accepted
    assert not names.foreign and not names.accepted


def test_few_places_need_a_higher_bar_and_the_nearest_stem():
    assert same_word(FEW_CONTEXTS, FEW_COSINE, nearest=True)
    assert not same_word(FEW_CONTEXTS, 0.99)  # alike, but another stem is as near
    assert not same_word(FEW_CONTEXTS, FEW_COSINE - 0.01, nearest=True)
    assert not same_word(MIN_CONTEXTS - 1, MIN_COSINE, nearest=True)  # the full test's bar is too low here
    assert not same_word(FEW_CONTEXTS - 1, 0.99, nearest=True)  # too few places
    assert not same_word(FEW_CONTEXTS, 0.99, pattern=True, nearest=True)  # two derived words, maybe


def test_nearest_is_the_one_measured_stem_most_alike():
    measured = {"tv": Counter(screen=9, channel=5, live=3), "radio": Counter(station=9, channel=5, live=1),
                "travel": Counter(trip=9, flight=5)}
    few = Counter(screen=2, channel=1, live=1)
    assert nearest(few, "tv", measured, set())
    assert not nearest(few, "radio", measured, set())
    assert not nearest(few, "unmeasured", measured, set())
    # the pair's own stems are left out of every comparison
    assert nearest(Counter(tv=5, trip=1), "travel", measured, {"tv"})


def _mined(chains: dict[str, list[list[str]]]) -> dict[str, Pair]:
    """:func:`mine` over made-up documents: stem → the stem chains of its documents."""
    docs = {(stem, i): [chain] for stem, cs in chains.items() for i, chain in enumerate(cs)}
    vocabulary = {stem: len(cs) for stem, cs in chains.items()}
    pairs = mine(vocabulary, lambda stem, n: [(stem, i) for i in range(min(n, vocabulary[stem]))],
                 lambda key: docs[key])
    return {p.unlisted: p for p in pairs}


def test_a_spelling_in_few_places_is_joined_only_to_its_nearest_stem():
    tv = ["شاشه", "بث", "مباشر"], ["مسلسل", "جديد", "رسمي"]
    travel = ["سفر", "وفد", "قمه"], ["اقتصاد", "تجاره", "شركاء"]

    def doc(stem: str, around: tuple[list[str], list[str]]) -> list[str]:
        return [*around[0], stem, *around[1]]

    chains = {"تلفزيون": [doc("تلفزيون", tv)] * 20, "تليفزيون": [doc("تليفزيون", tv)] * 4,
              "اوروبا": [doc("اوروبا", travel)] * 20,
              # a few places among travel and television words alike: like اوروبا, but as like تلفزيون
              "اوربا": [doc("اوربا", travel)] * 2 + [doc("اوربا", tv)] * 2}
    pairs = _mined(chains)
    tv_pair, other = pairs["تليفزيون"], pairs["اوربا"]
    assert tv_pair.contexts_unlisted == FEW_CONTEXTS and tv_pair.nearest and tv_pair.accepted
    assert other.contexts_unlisted == FEW_CONTEXTS and other.cosine >= FEW_COSINE
    assert not other.nearest and not other.accepted


def test_a_rule_pair_among_other_words_is_kept_apart():
    """Two spellings the rules join, neither in the dictionary: kept apart when both are seen
    often enough among neighbours unlike each other's (كوبر / جوبر, a name and a place), never
    joined by the table (the rules join them), and left to the rules when seen in too few places."""
    tv = ["شاشه", "بث", "مباشر"], ["مسلسل", "جديد", "رسمي"]
    travel = ["سفر", "وفد", "قمه"], ["اقتصاد", "تجاره", "شركاء"]

    def doc(stem: str, around: tuple[list[str], list[str]]) -> list[str]:
        return [*around[0], stem, *around[1]]

    chains = {"كوبر": [doc("كوبر", tv)] * MIN_CONTEXTS, "جوبر": [doc("جوبر", travel)] * MIN_CONTEXTS,
              "جوجل": [doc("جوجل", tv)] * MIN_CONTEXTS, "غوغل": [doc("غوغل", tv)] * MIN_CONTEXTS,
              "نيكول": [doc("نيكول", tv)] * MIN_CONTEXTS, "نيكل": [doc("نيكل", travel)] * 6}
    docs = {(stem, i): [chain] for stem, cs in chains.items() for i, chain in enumerate(cs)}
    vocabulary = {stem: len(cs) for stem, cs in chains.items()}
    pairs = mine(vocabulary, lambda stem, n: [(stem, i) for i in range(min(n, vocabulary[stem]))], lambda key: docs[key])
    by_pair = {(p.unlisted, p.listed): p for p in pairs}
    assert set(by_pair) == {("جوبر", "كوبر"), ("جوجل", "غوغل"), ("نيكل", "نيكول")}
    assert all(p.rules and not p.accepted for p in pairs)
    assert by_pair["جوبر", "كوبر"].apart and by_pair["جوبر", "كوبر"].cosine < APART_COSINE
    assert not by_pair["جوجل", "غوغل"].apart and by_pair["جوجل", "غوغل"].cosine > 0.9
    assert not by_pair["نيكل", "نيكول"].apart  # نيكل in 6 places: too few to say
    assert families(pairs) == {}


def test_rule_pairs_compare_their_neighbours_by_skeleton():
    """A name's neighbours are spelt by the same house as the name (هونج كونج, هونغ كونغ), so
    neighbours count as one when only their g letters or long vowels differ."""
    assert skeleton("هونج") == skeleton("هونغ") == skeleton("هونغ") and skeleton("كونج") == skeleton("قونق")
    assert skeleton("فيسبوك") == skeleton("فسبك") != skeleton("فسبر")
    assert skeleton("اوي") == "اوي"  # nothing but long vowels: left whole
    assert rule_pairs({"كوبر": 30, "جوبر": 12, "جوجل": 40, "قوقل": 4, "كتاب": 90, "كتب": 90}) == [("جوبر", "كوبر")]


def test_candidates_pair_an_unlisted_spelling_with_a_listed_one():
    vocabulary = {"تلفزيون": 919, "تليفزيون": 50, "اوروبا": 2184, "اوربا": 27, "موقع": 3000, "قلب": 40, "كلب": 40}
    assert candidate_pairs(vocabulary) == [("تليفزيون", "تلفزيون"), ("اوربا", "اوروبا")]
    assert candidate_pairs({"تلفزيون": 919, "تليفزيون": 2}) == []  # too rare to judge


def test_a_broken_plural_is_no_spelling():
    assert plural_pair("مدرسه", "مدارس") and plural_pair("مدارس", "مدرسه")  # مدرسة's term, مدارس
    assert not plural_pair("تلفزيون", "تليفزيون")


def test_families_join_pairs_sharing_a_spelling():
    def pair(a: str, b: str, ok: bool = True) -> Pair:
        return Pair(a, b, 10, 10, 100, 100, 0.9 if ok else 0.1)

    found = families([pair("a", "b"), pair("c", "b"), pair("d", "e", ok=False)])
    assert found == {"a": ("b", "c"), "b": ("a", "c"), "c": ("a", "b")}
    # an unlisted spelling like two dictionary words joins the likelier only: never A with B
    weaker = Pair("x", "B", 10, 10, 100, 100, 0.8)
    assert families([weaker, pair("x", "A")]) == {"x": ("A",), "A": ("x",)}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    directory = tmp_path_factory.mktemp("context")
    import_jsonl(directory / "index", write_jsonl(directory / "a.jsonl", context_articles()))
    eng = engine_at(directory / "index", query_time_limit=None)
    yield eng, directory / "index"
    eng.close()


def test_the_import_writes_the_table_beside_the_index(engine):
    _eng, index_dir = engine
    data = json.loads((index_dir / table.SPELLINGS_FILE).read_text(encoding="utf-8"))
    assert data["documents"] == 120
    assert data["families"] == {"تليفزيون": ["تلفزيون"], "تلفزيون": ["تليفزيون"]}
    assert table.read(index_dir) == {"تليفزيون": ("تلفزيون",), "تلفزيون": ("تليفزيون",)}


def test_each_spelling_finds_the_other_typed_first(engine):
    eng, _index_dir = engine
    for typed, other in (("تليفزيون", "تلفزيون"), ("تلفزيون", "تليفزيون")):
        word = eng.expanded(typed).items[0]
        assert isinstance(word, Word) and (other, eng.backend.ranking.variant_weight) in word.alternatives
        result = eng.search(SearchRequest(q=typed, per_page=60))
        assert result.total_all == 60
        assert typed in result.hits[0].snippet_html  # the typed spelling ranks first
        assert all("<mark>" in h.snippet_html for h in result.hits)  # both spellings marked
    assert eng.search(SearchRequest(q="جبيل")).total_all == 20  # the two-word pair stays apart


def test_a_rule_spelling_brings_the_spellings_the_table_joins_to_it(tmp_path):
    """تليفيزيون, in two articles (too few to be mined), reaches تليفزيون by the vowel rule; the
    table joins تليفزيون to the dictionary's تلفزيون, which no rule reaches (a rule never yields a
    dictionary word): typed, the rare spelling finds all three, as the other two find it."""
    rare = [{"id": f"rare-{i}", "title": "خبر", "body": TV.format(w="تليفيزيون"), "source": "s"} for i in (1, 2)]
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "a.jsonl", context_articles() + rare))
    eng = engine_at(tmp_path / "index", query_time_limit=None)
    try:
        weight = eng.backend.ranking.variant_weight
        alternatives = eng.expanded("تليفيزيون").items[0].alternatives
        assert ("تليفزيون", weight) in alternatives and ("تلفزيون", weight) in alternatives
        totals = {q: eng.search(SearchRequest(q=q, per_page=1)).total_all for q in ("تليفيزيون", "تليفزيون", "تلفزيون")}
        assert totals == dict.fromkeys(totals, 62), totals
    finally:
        eng.close()


def test_a_rule_pair_the_table_keeps_apart_is_not_expanded(tmp_path):
    """The import measures the rules' own pairs too: كوبر and جوبر, written among different words,
    each find only themselves; جوجل and غوغل, among the same words, find each other; هولاند, a name,
    and هولند, written only as the adjective الهولندي, find only themselves though their neighbours
    are the same."""
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "a.jsonl", rule_pair_articles()))
    eng = engine_at(tmp_path / "index", query_time_limit=None)
    try:
        assert table.read_apart(tmp_path / "index") == {("جوبر", "كوبر"), ("هولاند", "هولند")}
        assert eng.expanded("كوبر").items[0].alternatives == ()
        assert eng.expanded("هولاند").items[0].alternatives == ()
        queries = ("كوبر", "جوبر", "جوجل", "غوغل", "هولاند", "الهولندي")
        totals = {q: eng.search(SearchRequest(q=q)).total_all for q in queries}
        assert totals == {"كوبر": 20, "جوبر": 20, "جوجل": 40, "غوغل": 40, "هولاند": 20, "الهولندي": 20}
    finally:
        eng.close()


def test_a_table_of_another_analysis_is_not_read(engine, tmp_path):
    _eng, index_dir = engine
    data = json.loads((index_dir / table.SPELLINGS_FILE).read_text(encoding="utf-8"))
    data["analyzer_version"] = "fahras-ar-0"
    (tmp_path / table.SPELLINGS_FILE).write_text(json.dumps(data), encoding="utf-8")
    assert table.read(tmp_path) == {}
    assert table.read(tmp_path / "nothing") == {}


def test_an_import_mines_again_only_when_the_archive_changed_by_a_tenth(tmp_path):
    """A day's articles do not change a large archive's pairs: a small import keeps the table; one
    that grows the archive by a tenth or more mines it again (here it finds the pair again)."""
    index_dir = tmp_path / "index"
    records = context_articles()
    import_jsonl(index_dir, write_jsonl(tmp_path / "a.jsonl", records))
    path = index_dir / table.SPELLINGS_FILE
    first = json.loads(path.read_text(encoding="utf-8"))
    extra = [{**records[0], "id": f"extra-{n}"} for n in range(12)]
    import_jsonl(index_dir, write_jsonl(tmp_path / "b.jsonl", extra[:5]))  # 125 of 120: 4 %
    assert json.loads(path.read_text(encoding="utf-8")) == first
    assert not table.due(index_dir, 125) and table.due(index_dir, 132) and table.due(index_dir, 108)
    import_jsonl(index_dir, write_jsonl(tmp_path / "c.jsonl", extra[5:]))  # 132 of 120: 10 %
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["documents"] == 132 and again["families"] == first["families"]
    # a table mined before the adjective test (no table_version) is mined again by any import
    path.write_text(json.dumps({k: v for k, v in again.items() if k != "table_version"}), encoding="utf-8")
    assert table.due(index_dir, 132)
    import_jsonl(index_dir, write_jsonl(tmp_path / "d.jsonl", [{**records[0], "id": "extra-last"}]))
    assert json.loads(path.read_text(encoding="utf-8"))["table_version"] == table.TABLE_VERSION


def test_a_mining_that_fails_is_a_note_and_the_import_stands(tmp_path):
    index_dir = tmp_path / "index"
    (index_dir / table.SPELLINGS_FILE).mkdir(parents=True)  # the table cannot be written there
    summary, _rejects = import_jsonl(index_dir, write_jsonl(tmp_path / "a.jsonl", context_articles()))
    assert summary.indexed == 120 and len(summary.notes) == 1
    assert summary.notes[0].startswith("note: the spelling table was left as it was (")
    assert "`fahras spellings` mines it" in summary.notes[0]
    eng = engine_at(index_dir, query_time_limit=None)
    try:
        assert eng.search(SearchRequest(q="تلفزيون")).total_all == 40  # searchable, without the table
    finally:
        eng.close()


def test_fahras_spellings_mines_a_table_a_running_engine_then_reads(tmp_path):
    """An index imported without a table (here its mining failed) gets one from `fahras
    spellings`, and an engine already open sees it at its next refresh, as a server's next request."""
    from support.cli import fahras

    index_dir = tmp_path / "index"
    (index_dir / table.SPELLINGS_FILE).mkdir(parents=True)
    import_jsonl(index_dir, write_jsonl(tmp_path / "a.jsonl", context_articles()))
    (index_dir / table.SPELLINGS_FILE).rmdir()
    eng = engine_at(index_dir, query_time_limit=None)
    try:
        assert eng.search(SearchRequest(q="تلفزيون")).total_all == 40
        assert not eng.backend.refresh()  # nothing changed yet
        from support.cli import clean_failure

        clean_failure(fahras("spellings", "--index", index_dir, "--out", tmp_path / "no" / "pairs.tsv"),
                      "does not exist", code=2)  # said before the mining, not as a traceback after it
        # an index that is not there is said so, and its directory is not made (the lock's was)
        clean_failure(fahras("spellings", "--index", tmp_path / "missing"), "no Fahras index", code=1)
        assert not (tmp_path / "missing").exists()
        done = fahras("spellings", "--index", index_dir, "--out", tmp_path / "pairs.tsv")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "measured 2 pairs, accepted 1, kept 0 apart"
        rows = (tmp_path / "pairs.tsv").read_text(encoding="utf-8").splitlines()
        assert rows[0].startswith("unlisted\tlisted") and len(rows) == 3
        eng.refresh()
        assert eng.search(SearchRequest(q="تلفزيون")).total_all == 60
        assert not eng.backend.refresh()
    finally:
        eng.close()


def test_a_garbled_table_reads_as_none_and_fails_no_search(tmp_path):
    """A table file edited by hand into the wrong shapes: no completions and no pairs kept apart
    rather than a failed request."""
    from analyzers.pipeline import ANALYZER_VERSION

    (tmp_path / table.SPELLINGS_FILE).write_text(json.dumps(
        {"analyzer_version": ANALYZER_VERSION, "completions": {"ال": [1, 2]}, "apart": [[1], "x", ["b", "a"]]}))
    assert table.read_completions(tmp_path) == {}
    assert table.read_apart(tmp_path) == {("a", "b")}
