"""Compounds written with or without a space (فيسبوك / فيس بوك), as query-time alternatives (issue 19).

The families are mined from the corpus by rule (``bench/build_compound_families.py`` →
``tests/wordlists/compound_families.txt``), never hand-picked; the native words are issue 14's word
lists (``tests/wordlists/``).
"""

from __future__ import annotations

import contextlib
import pathlib
from collections.abc import Iterator
from datetime import datetime

import pytest
from support.articles import (
    compound_articles,
    engine_at,
    head_stop_word_articles,
    import_jsonl,
    index_records,
    name_articles,
    particle_articles,
    write_jsonl,
)
from support.families import assert_finds_its_family, family_engine

from analyzers.clitics import strip_clitics
from analyzers.compounds import head_cases, joined, nominative, splits
from analyzers.normalize import normalize_word
from analyzers.spelling_variants import is_native
from analyzers.stemming import light_stem
from search import SearchEngine, SearchRequest, coordination
from search.compounds import _typed_pair, other_cases
from search.deadline import Deadline
from search.expansion import Expander
from search.syntax import Group, parse

LISTS = pathlib.Path(__file__).parent / "wordlists"


def _lines(name: str) -> list[list[str]]:
    text = (LISTS / name).read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line and not line.startswith("#")]


# Each family's spellings as typed: the joined word, and the split one with a space.
FAMILIES = [[entry.rsplit(":", 1)[0].replace("_", " ") for entry in line] for line in _lines("compound_families.txt")]


@pytest.fixture(scope="module")
def pairs(bench_module, corpus_path):
    return bench_module("build_compound_families").pair_counts(corpus_path, 3)


def test_the_families_are_what_the_rules_mine(bench_module, pairs):
    """The committed list is the rules' output on the corpus (rebuild it after a change)."""
    mined = bench_module("build_compound_families").families(*pairs, 10, 3)
    assert [[s.replace("_", " ") for s, _n in f] for f in mined] == FAMILIES
    assert len(FAMILIES) >= 25
    print(f"\n{len(FAMILIES)} families")


def test_native_words_are_never_cut(pairs):
    """No stem of issue 14's word lists (radical-first words, inflection families, look-alike
    pairs) has a split the corpus writes, unless it is a compound of two dictionary words written
    both ways (رأسمال, رأس مال: one word, as the nisba رأسمالي shows); the rule alone allows a cut
    only in words the dictionary lacks (موسيقى, ديمقراطية, استراتيجية...), none of which the corpus
    splits."""
    words = {w for name in ("radical_first.txt", "families.txt", "distinct_pairs.txt")
             for line in _lines(name) for w in line}
    stems = {light_stem(normalize_word(w)) for w in words}
    written = {(strip_clitics(a), b) for a, b in pairs[0]}
    found = {s: cuts for s in stems if (cuts := splits(s, lambda a, b: (a, b) in written))}
    compounds = {s: cuts for s, cuts in found.items() if all(is_native(a) and is_native(b) for a, b in cuts)}
    cut = {s: cuts for s, cuts in found.items() if s not in compounds}
    allowed = {s for s in stems if splits(s, lambda a, b: True)}
    print(f"\n{len(allowed)} of {len(stems)} stems may be cut by the rule, {len(cut)} are written cut: {cut}; "
          f"compounds of two dictionary words: {compounds}")
    assert not cut
    assert len(compounds) <= 2  # 1 on 2026-12-04: راسمال
    assert len(allowed) <= 0.02 * len(stems)


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("فيس", "بوك", "فيسبوك"), ("واتس", "اب", "واتساب"),
    ("عبد", "الله", "عبدالله"),  # a name of a head and a dictionary word, written joined or apart
    ("عبد", "كتاب", None),  # ... which the index must write joined: here it never does
    ("بن", "عبد", None),  # a head is no name's second part (بن عبد العزيز: عبد العزيز)
    ("ام", "كان", None),  # امكان is a dictionary word of its own, no name
    ("كل", "ما", None),  # the second a stop word
    ("لو", "دريان", "لودريان"),  # a foreign name's particle that is a stop word (Le Drian)
    ("ما", "زال", None),  # two words whose joined form is a stop word (مازال)
    ("مست", "شفي", None),  # مستشفى (folded): a dictionary word
])  # fmt: skip
def test_the_join_rule(first, second, expected):
    written = {"فيسبوك", "واتساب", "عبدالله", "امكان", "كلما", "مستشفي", "بنعبد", "لودريان", "مازال"}.__contains__
    assert joined(first, second, written) == expected  # folded forms, as the query side has them


def test_the_split_rule():
    assert ("فيس", "بوك") in splits("فيسبوك", lambda a, b: True)
    assert splits("عبدالعزيز", lambda a, b: True) == [("عبد", "العزيز")]  # a name: at its head only
    assert splits("فيسبوك", lambda a, b: (a, b) == ("فيس", "بوك")) == [("فيس", "بوك")]
    assert splits("مستشف", lambda a, b: True) == []  # a dictionary word (مستشفى's stem) is never cut
    assert splits("كتاب", lambda a, b: True) == []  # nor a short one
    assert ("لو", "دريان") in splits("لودريان", lambda a, b: True)  # a first part may be a stop word


@pytest.fixture(scope="module")
def families_engine(tmp_path_factory):
    engine = family_engine(tmp_path_factory.mktemp("compounds") / "index", FAMILIES)
    yield engine
    engine.close()


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: "/".join(f))
def test_each_spelling_finds_its_whole_family(families_engine, family):
    assert_finds_its_family(families_engine, family)


def test_a_compound_answer_computed_past_the_deadline_is_not_kept(families_engine):
    """The pairs' counts stop at the search's deadline: a split or joined spelling found after it
    passed is used once, not cached until the index changes (as the other alternatives)."""
    now = [0.0]
    late = Deadline(1.0, clock=lambda: now[0])
    now[0] = 2.0
    backend = families_engine.backend
    expander = Expander(backend.ranking, lambda: int(backend.stats()["documents"]))
    with backend.searcher(Deadline(None)) as s:
        assert expander.joined(s, "فيس", "بوك", late) == "فيسبوك"
        assert expander.cuts(s, "فيسبوك", late)
        assert not expander._cache
        expander.joined(s, "فيس", "بوك", Deadline(None))
        expander.cuts(s, "فيسبوك", Deadline(None))
        assert set(expander._cache) == {("join", "فيس", "بوك"), ("split", "فيسبوك")}


def _articles(texts: list[str]) -> list[dict]:
    return [{"id": f"c{i}", "title": "خبر", "body": text, "section": "test", "source": "test",
             "date": datetime(2015, 1, 1 + i), "tags": []} for i, text in enumerate(texts)]


def test_a_pair_hardly_written_apart_matches_its_joined_word(tmp_path):
    """نيو يورك is written apart in 1 article of 537 (نيويورك in the rest): too few to measure
    the pair's cohesion, so the joined word stands for it. A pair written apart often must be
    cohesive to join (مدير عام lives apart from مديرعام's one typo spelling)."""
    texts = ["سافر الوفد الى نيويورك امس", "افتتح المعرض في نيويورك", "وصل الوزير الى نيو يورك",
             "قال مدير عام الشركة", "عين مدير عام جديد", "اجتمع المدير مع العام الماضي",
             "اكد المديرعام ذلك", "قرر المديرعام الامر", "تقرير عن المدير", "تقرير عن مدير",
             "مضى عام على الحادث", "في عام واحد", "كل عام وانتم بخير"]
    engine = engine_at(index_records(tmp_path / "index", _articles(texts)), query_time_limit=None)
    try:
        assert engine.search(SearchRequest(q="نيو يورك")).total_all == 3
        # the other way needs the split in MIN_DOCS articles: one is no evidence of a phrase
        assert engine.search(SearchRequest(q="نيويورك")).total_all == 2
        assert engine.search(SearchRequest(q="مدير عام")).total_all == 3  # both words, not مديرعام
    finally:
        engine.close()


def test_a_pair_far_rarer_than_its_joined_word_is_one_of_its_spellings(tmp_path):
    """«اي فون» beside ايفون: فون also lives in other compounds (سمارت فون), so the pair is under
    the cohesion bar (2 of its 5 articles), but the joined word is written three times as often:
    one word, both ways. منصور is written three times as often as «من صور» too, but صور lives
    apart (2 of its 10 articles): two words, and منصور does not find them. (اي and من are in
    other articles too: a part in only the pair's articles would make any pair cohesive.)"""
    texts = ([f"اطلقت الشركة هاتف ايفون الجديد رقم {i}" for i in range(6)]
             + [f"اطلقت الشركة جهاز اي فون الجديد رقم {i}" for i in range(2)]
             + ["هاتف سمارت فون رخيص", "جهاز سمارت فون جديد", "نظام ويندوز فون"]
             + [f"قال منصور في اي وقت من البيت رقم {i}" for i in range(6)]
             + ["شاهد من صور الحادث", "اختار من صور المعرض"]
             + [f"نشرت الصحيفة صور الحادث من المكان رقم {i}" for i in range(8)])
    with _imported(tmp_path, _records(texts)) as engine:
        assert engine.search(SearchRequest(q="اي فون")).total_all == 8
        assert engine.search(SearchRequest(q="ايفون")).total_all == 8
        assert engine.search(SearchRequest(q="منصور")).total_all == 6


def test_a_pair_far_likelier_than_chance_is_one_word_though_its_parts_live_apart(tmp_path):
    """«بلاك بيري» beside بلاكبيري: بيري (Perry) and بلاك (Black) each live in other names too, so
    the pair is under the cohesion bar (3 of the rarer word's 7 articles), but in an archive of
    215 articles it is written side by side 11 times as often as chance would put the two words
    together: one word, both ways. «مدير عام» is under the bar too and only 7 times as likely:
    two words, and the archive's typo مديرعام finds only itself."""
    texts = ([f"اعلنت الشركة هاتف بلاك بيري الجديد رقم {i}" for i in range(3)]
             + [f"اعلنت الشركة جهاز بلاكبيري الجديد رقم {i}" for i in range(3)]
             + [f"قال المدرب بيري رقم {i}" for i in range(4)]
             + [f"شركة بلاك ووتر رقم {i}" for i in range(5)]
             + [f"قال مدير عام الشركة رقم {i}" for i in range(3)]
             + [f"اكد المديرعام رقم {i}" for i in range(2)]
             + [f"عين مدير جديد رقم {i}" for i in range(7)]
             + [f"في عام واحد رقم {i}" for i in range(7)]
             + [f"نشرت الصحيفة تقرير الطقس رقم {i}" for i in range(181)])
    records = [{"id": f"c{i}", "title": "خبر", "body": text, "section": "test", "source": "test",
                "date": datetime(2015, 1 + i % 12, 1 + i % 28), "tags": []} for i, text in enumerate(texts)]
    with contextlib.closing(engine_at(index_records(tmp_path / "index", records), query_time_limit=None)) as engine:
        assert engine.search(SearchRequest(q="بلاك بيري")).total_all == 6
        assert engine.search(SearchRequest(q="بلاكبيري")).total_all == 6
        assert engine.search(SearchRequest(q="مديرعام")).total_all == 2


def _records(texts: list[str]) -> list[dict]:
    """:func:`_articles` as a JSONL source writes them (dates as ISO text), for :func:`_imported`."""
    return [{**a, "date": a["date"].date().isoformat()} for a in _articles(texts)]


@contextlib.contextmanager
def _imported(tmp_path: pathlib.Path, records: list[dict]) -> Iterator[SearchEngine]:
    """An engine on ``records`` imported through the real import (no time limit)."""
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "records.jsonl", records))
    engine = engine_at(tmp_path / "index", query_time_limit=None)
    try:
        yield engine
    finally:
        engine.close()


def _ids(engine: SearchEngine, q: str) -> list[str]:
    return sorted(h.id for h in engine.search(SearchRequest(q=q, per_page=20)).hits)


def test_a_compound_is_one_word_to_the_partial_matches(tmp_path):
    """«واتس اب» is واتساب written in two: an article with اب (father) alone is no partial match
    of it, so the typed pair finds what the joined word finds, partial matches and all. Among
    other words the pair is there or missing as a whole, named missing as typed, and counts as
    the two words typed: «رسائل واتس اب» wants two of three, so رسائل alone is no partial match."""
    with _imported(tmp_path, compound_articles()) as engine:
        for q in ("واتس اب", "واتساب"):
            r = engine.search(SearchRequest(q=q))
            assert (r.total, r.total_all, r.total_partial) == (6, 6, 0), q
        r = engine.search(SearchRequest(q="رسائل واتس اب", per_page=20))
        assert (r.total_all, r.total_partial) == (2, 4)
        assert not {h.id for h in r.hits} & {f"cw{i:02d}" for i in range(6, 12)}  # اب or رسائل alone
        missing = sorted(tuple(h.missing) for h in r.hits if not h.matched_all)
        assert missing == [("رسائل",)] * 4


def test_a_name_typed_apart_is_its_words_side_by_side_or_joined(tmp_path):
    """«عبد الملك» is the name: its two words side by side (with a clitic on the head: لعبد
    الملك) or joined, not عبد in one place and الملك (the king) in another; typed joined it finds
    the same articles. Among other words the name counts as two words, there or missing whole."""
    named = {"nm00", "nm01", "nm02", "nm03", "nm04", "nm12"}
    with _imported(tmp_path, name_articles()) as engine:
        for q in ("عبد الملك", "عبدالملك"):
            r = engine.search(SearchRequest(q=q, per_page=20))
            assert {h.id for h in r.hits} == named and r.total_partial == 0, q
        r = engine.search(SearchRequest(q="رسائل عبد الملك", per_page=20))
        assert (r.total_all, r.total_partial) == (1, 5)
        assert {h.id for h in r.hits} == named
        # the name is there in each partial match, «لعبد الملك» (nm02) too: رسائل alone is missing
        assert [h.missing for h in r.hits if not h.matched_all] == [["رسائل"]] * 5


def test_a_name_never_written_joined_is_still_its_words_side_by_side(tmp_path):
    """«بن سلمان» has no joined spelling in the index, and is the name all the same: «الملك سلمان
    بن عبدالعزيز» has both words, not the name. A head pair never side by side stays two words."""
    texts = (["استقبل الامير محمد بن سلمان الوفد"] * 3 + ["وجه الملك سلمان بن عبدالعزيز كلمة"] * 2
             + ["قال ابن سعد ان سعد غائب"] + ["افتتح معرض الكتاب في الرياض"] * 8)
    engine = engine_at(index_records(tmp_path / "index", _articles(texts)), query_time_limit=None)
    try:
        assert sorted(h.id for h in engine.search(SearchRequest(q="بن سلمان")).hits) == ["c0", "c1", "c2"]
        assert [h.id for h in engine.search(SearchRequest(q="بن عبدالعزيز")).hits] == ["c3", "c4"]
        assert [h.id for h in engine.search(SearchRequest(q="سعد ابن")).hits] == ["c5"]  # no name: words
    finally:
        engine.close()


def test_a_name_headed_by_a_stop_word_meets_its_joined_spelling(tmp_path):
    """ابو is a stop word, and a rare one narrows the results as a word of its own; heading a
    name written joined too (ابوظبي), the pair is that name: side by side or joined, both ways."""
    with _imported(tmp_path, head_stop_word_articles()) as engine:
        for q in ("ابو ظبي", "ابوظبي"):
            assert _ids(engine, q) == [f"ab{i:02d}" for i in range(6)], q
        # the head is highlighted where the name is written apart, as the typed words are
        hit = next(h for h in engine.search(SearchRequest(q="ابو ظبي", per_page=20)).hits if h.id == "ab00")
        assert "<mark>ابو</mark> <mark>ظبي</mark>" in hit.snippet_html


@pytest.mark.parametrize(("first", "second", "pair"), [
    ("لو", "دريان", ("لو", "دريان", "لودريان")),  # a stop word leads as typed
    ("ابي", "بكر", ("ابو", "بكر", "ابوبكر")),  # a head in another case leads as its nominative
    ("والذي", "يقول", None),  # ... but not behind clitics no head takes: "and who", no ذي
    ("فيس", "في", None),  # no stop word second
])  # fmt: skip
def test_which_typed_pairs_may_be_a_compound(first, second, pair):
    assert _typed_pair(first, second) == pair


def test_a_name_led_by_a_particle_that_is_a_stop_word_meets_its_joined_spelling(tmp_path):
    """لو (if) is a stop word and the particle of لو دريان / لودريان (Le Drian): دريان is written
    after it wherever it is, so the pair is the name, apart or joined, both ways — and only the name
    (not لو كان). في الرياض is no compound: الرياض lives apart from في, and the pair finds الرياض."""
    with _imported(tmp_path, particle_articles()) as engine:
        for q in ("لو دريان", "لودريان"):
            assert _ids(engine, q) == [f"pa{i:02d}" for i in range(6)], q
        assert _ids(engine, "في الرياض") == [f"pa{i:02d}" for i in range(16, 24)]
        assert not any(isinstance(item, Group) and item.compound for item in engine.expanded("في الرياض").items)


def test_a_compound_counts_as_its_two_words_in_the_tiers():
    tree = parse("صلاة عيد الفطر")
    tree.items[1:3] = [Group("and", tree.items[1:3], compound=True)]
    plan = coordination.plan(tree)
    assert [coordination.label(f) for f in plan.free] == ["صلاة", "عيد الفطر"] and plan.minimum == 2
    # all three words, then the pair without صلاة: صلاة alone is one word of three
    assert len(plan.tiers()) == 2
    assert not coordination.plan(Group("and", tree.items[1:], implicit=True)).partial  # the pair alone


def test_a_name_head_is_one_word_in_its_three_cases():
    """ابو / ابا / ابي and ذو / ذا / ذي: the case a sentence gives a name's head (الأسماء الخمسة)."""
    assert [nominative(w) for w in ("ابي", "ابا", "ابو", "ذي", "بني", "عبد", "الذي")] == [
        "ابو", "ابو", "ابو", "ذو", "بنو", "عبد", "الذي"]
    assert head_cases("ذا") == ("ذو", "ذا", "ذي") and head_cases("بن") == ("بن",)
    assert other_cases("لابي") == ["لابو", "لابا"] and other_cases("عبد") == []


def test_a_name_is_found_whatever_case_its_head_is_typed_in(tmp_path):
    """«ذي الحجة» (genitive: «شهر ذي الحجة») and «ذو الحجة» are one month, «ابي بكر» and «ابو بكر»
    one man, «بني تميم» and «بنو تميم» one tribe: typed in any case, the name finds it written in any case, its head with a clitic too
    (لذي), and only side by side — «الذي» before الحجة, or ابي (my father) apart from بكر, is no
    mention of it. Among other words the name is there or missing whole, even headed by a stop word."""
    texts = ["يبدا شهر ذي الحجة غدا", "ذو الحجة شهر الحج", "اعلن عن غرة ذا الحجة", "الموافق لذي الحجة",
             "قال الذي حضر ان الحجة قوية",
             "صلى في مسجد ابي بكر", "قال ابو بكر كلمة", "ان ابا بكر وصل", "قال ابي ان بكر وصل",
             "من قبيلة بني تميم", "قال بنو تميم", "بني المسجد في تميم",
             *["افتتح معرض الكتاب في الرياض"] * 8]
    engine = engine_at(index_records(tmp_path / "index", _articles(texts)), query_time_limit=None)
    try:
        for q in ("ذو الحجة", "ذي الحجة", "ذا الحجة"):
            r = engine.search(SearchRequest(q=q, per_page=20))
            assert sorted(h.id for h in r.hits) == ["c0", "c1", "c2", "c3"] and r.total_partial == 0, q
        for q in ("ابو بكر", "ابي بكر", "ابا بكر"):
            r = engine.search(SearchRequest(q=q, per_page=20))
            assert sorted(h.id for h in r.hits) == ["c5", "c6", "c7"], q
        for q in ("بنو تميم", "بني تميم"):  # بنو, sons of: a tribe's name, not بني (built) in one place
            r = engine.search(SearchRequest(q=q, per_page=20))
            assert sorted(h.id for h in r.hits) == ["c10", "c9"], q
        r = engine.search(SearchRequest(q="مسجد ابي بكر", per_page=20))
        assert [h.id for h in r.hits if h.matched_all] == ["c5"]
        assert sorted(h.id for h in r.hits if not h.matched_all) == ["c6", "c7"]
        assert [h.missing for h in r.hits if not h.matched_all] == [["مسجد"]] * 2
    finally:
        engine.close()


# Names whose head the corpus writes in two cases or more, mined by rule (bench/build_head_case_families.py).
HEAD_CASE_FAMILIES = [[entry.rsplit(":", 1)[0].replace("_", " ") for entry in line]
                      for line in _lines("head_case_families.txt")]


def test_the_head_case_families_are_what_the_rule_mines(bench_module, corpus_path):
    """The committed list is the rule's output on the corpus (rebuild it after a change)."""
    build = bench_module("build_head_case_families")
    mined = build.families(build.case_counts(corpus_path), 10, 3)
    assert [[s.replace("_", " ") for s, _n in f] for f in mined] == HEAD_CASE_FAMILIES
    assert len(HEAD_CASE_FAMILIES) >= 10
    print(f"\n{len(HEAD_CASE_FAMILIES)} families")


@pytest.fixture(scope="module")
def head_cases_engine(tmp_path_factory):
    engine = family_engine(tmp_path_factory.mktemp("head-cases") / "index", HEAD_CASE_FAMILIES)
    yield engine
    engine.close()


@pytest.mark.parametrize("family", HEAD_CASE_FAMILIES, ids=lambda f: "/".join(f))
def test_each_case_of_a_name_finds_the_whole_family(head_cases_engine, family):
    """Every case typed finds the name in every case, each hit with the name marked. No case's
    own articles come first: a stop-word head (ابي) is not scored, the name's other word is."""
    found = {s: head_cases_engine.search(SearchRequest(q=s, per_page=100)) for s in family}
    assert len({r.total_all for r in found.values()}) == 1, {s: r.total_all for s, r in found.items()}
    for spelling, result in found.items():
        # two articles a case, three for the first (support.families.family_engine)
        assert result.total_all == 2 * len(family) + 1 and result.total_partial == 0, spelling
        assert all("<mark>" in h.title_html for h in result.hits), spelling


def test_a_split_compound_s_second_word_takes_its_endings_and_the_article(tmp_path):
    """A compound's second word is written with the endings of a noun («كيلو جرامًا», «كيلو
    جرامات») and, an Arabic compound's, with the article («رأس المال» for رأسمال): the joined word
    finds them. Only forms of the joined word as the analysis reads it: «لا يزالون» is
    لايزالون, not لايزال. Whether a pair is one word is decided on the word as cut. Typed apart
    with the article, «رأس المال» is رأسمال too."""
    texts = ([f"بلغ الوزن كيلوجرام واحد رقم {i}" for i in range(4)]
             + [f"بلغ الوزن كيلو جرام رقم {i}" for i in range(2)]
             + ["ضبط عشرين كيلو جرامًا من المخدرات", "وزنها ثلاثة كيلو جرامات"]
             + [f"رأسمال الشركة مليون رقم {i}" for i in range(3)]
             + [f"رأس مال الشركة رقم {i}" for i in range(2)]
             + ["قررت زيادة رأس المال", "خفض رأس المال المدفوع", "على رأس الوفد"]
             + [f"لايزال الوضع هادئا رقم {i}" for i in range(3)]
             + [f"لا يزال الوضع هادئا رقم {i}" for i in range(2)]
             + [f"لا يزالون هناك رقم {i}" for i in range(2)])
    with _imported(tmp_path, _records(texts)) as engine:
        assert engine.search(SearchRequest(q="كيلوجرام")).total_all == 8
        assert engine.search(SearchRequest(q="رأسمال")).total_all == 7
        # ... and typed apart with the article, the joined word is found (رأس alone is no match)
        assert engine.search(SearchRequest(q="رأس المال")).total_all == 7
        assert engine.search(SearchRequest(q="لايزال")).total_all == 5


def test_a_compound_is_cut_where_another_spelling_of_it_is(tmp_path):
    """ريفربليت is «ريفر بليت»; its spelling ريفيربليت is then «ريفير بليت», though ريفير alone
    (a hotel's name here) is beside بليت in too few of its articles to pass the cohesion test on
    its own: the word's other spelling vouches for the cut, and so for the pair typed apart, which
    finds the joined word's spellings as its joined word would."""
    texts = ([f"فاز نادي ريفربليت الارجنتيني رقم {i}" for i in range(3)]
             + [f"فاز نادي ريفر بليت الارجنتيني رقم {i}" for i in range(3)]
             + [f"خسر نادي ريفيربليت رقم {i}" for i in range(2)]
             + [f"مهاجم ريفير بليت الجديد رقم {i}" for i in range(2)]
             + [f"افتتح فندق ريفير رقم {i}" for i in range(3)])
    with _imported(tmp_path, _records(texts)) as engine:
        for q in ("ريفربليت", "ريفيربليت", "ريفير بليت"):
            r = engine.search(SearchRequest(q=q, per_page=20))
            assert r.total_all == 10, q
            assert not {h.id for h in r.hits if h.matched_all} & {"c13", "c14", "c15"}, q  # the hotel


def test_a_compound_is_its_split_phrase_in_each_spelling_of_its_g_letters(tmp_path):
    """هونغكونغ is never written joined: typed so, it is «هونغ كونغ», and so «هونج كونج» too (the g
    letters written one way throughout), which neither joined spelling reaches (three g letters
    are past the variant rules' bound); كيلو stays كيلو, a word of its own («جيلو جرام» is
    another phrase)."""
    texts = ([f"بورصة هونغ كونغ تتراجع رقم {i}" for i in range(4)]
             + [f"بورصة هونج كونج تتراجع رقم {i}" for i in range(3)]
             + [f"جيلو جرام رقم {i}" for i in range(3)] + [f"وزن كيلو غرام رقم {i}" for i in range(3)])
    with _imported(tmp_path, _records(texts)) as engine:
        for q in ("هونغكونغ", "هونجكونج"):
            assert engine.search(SearchRequest(q=q, per_page=20)).total_all == 7, q
        assert {h.id for h in engine.search(SearchRequest(q="كيلوغرام", per_page=20)).hits} == {"c10", "c11", "c12"}


# Pairs written joined in one spelling only; typed in another, each is the compound of that one.
# «هونغ كونغ» alone is no compound here (هونغكونغ is never written, and كونغ lives apart in more
# articles than it stands beside هونغ); with its g letters the other way throughout, «هونج كونج», it
# is هونجكونج. «جين بينج» is جينبينغ: its second word's g letter written the other way (بينغ, a
# spelling the expansion joins to بينج), its first word's ج no g at all, so the g letters changed
# throughout (غين بينغ) reach nothing. Both spellings of each pair find the same articles.
OTHER_SPELLING_PAIRS = [
    ([("بورصة هونجكونج تتراجع", 4), ("بورصة هونج كونج تتراجع", 3), ("بورصة هونغ كونغ تتراجع", 2),
      ("قال المدرب كونغ", 6)], ("هونج كونج", "هونغ كونغ"), 9),
    ([("الرئيس الصيني شي جينبينغ يزور", 4), ("الرئيس الصيني شي جين بينغ يزور", 3),
      ("وصل الزعيم جين بينج إلى العاصمة", 2), ("خبر رياضي", 15)], ("جين بينغ", "جين بينج"), 9),
]


@pytest.mark.parametrize(("written", "typed", "total"), OTHER_SPELLING_PAIRS, ids=["hong-kong", "jinping"])
def test_a_pair_typed_in_another_spelling_is_the_compound_of_the_other(tmp_path, written, typed, total):
    texts = [f"{text} رقم {i}" for text, n in written for i in range(n)]
    with _imported(tmp_path, _records(texts)) as engine:
        totals = {q: engine.search(SearchRequest(q=q, per_page=20)).total_all for q in typed}
        assert totals == dict.fromkeys(typed, total), totals
