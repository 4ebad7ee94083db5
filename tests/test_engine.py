"""The engine end to end on a small real index: ranking, full then partial matches, filters, paging,
sort, errors."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date

import pytest
from support.articles import DOCS, engine_at, write_index

from indexer.segments import WRITER_OPTIONS
from indexer.store import open_index
from search import IndexMissingError, IndexVersionError, QueryError, SearchRequest, coordination
from search.syntax import parse
from search.wildcards import slots


def ids(result):
    return [h.id for h in result.hits]


def test_plain_words_are_anded_first(engine):
    """d01 and d08 have both words... d08 has وزارة only: full matches come first, then partial."""
    r = engine.search(SearchRequest(q="وزارة الصحة"))
    assert ids(r)[0] == "d01"
    assert r.total == r.total_all + r.total_partial and r.total_partial
    full = [h.id for h in r.hits if h.matched_all]
    assert full == ids(r)[: r.total_all] and "d01" in full and "d08" not in full
    for h in r.hits[r.total_all:]:
        assert not h.matched_all and len(h.missing) == 1


def test_no_full_match_gives_the_partial_ones_and_names_the_missing_word(engine):
    r = engine.search(SearchRequest(q="الهلال الذهب"))
    assert r.total_all == 0 and r.total_partial == r.total
    assert {"d03", "d04"} <= set(ids(r))
    missing = {h.id: h.missing for h in r.hits}
    assert missing["d03"] == ["الذهب"] and missing["d04"] == ["الهلال"]


def test_partial_matches_page_after_the_full_ones(engine):
    whole = ids(engine.search(SearchRequest(q="وزارة الصحة", per_page=100)))
    paged = [i for n in (1, 2, 3, 4) for i in ids(engine.search(SearchRequest(q="وزارة الصحة", per_page=2, page=n)))]
    assert paged == whole[:8]
    newest = engine.search(SearchRequest(q="وزارة الصحة", sort="newest", per_page=100))
    flags = [h.matched_all for h in newest.hits]
    assert flags == sorted(flags, reverse=True)  # date order within each tier, full tier first


def test_exact_form_ranks_first(engine):
    """الوزارات: the article with that very form before those with only وزارة."""
    r = engine.search(SearchRequest(q="الوزارات"))
    assert ids(r)[0] == "d02"
    assert {"d01", "d08"} <= set(ids(r))


def test_title_matches_rank_above_body_only(engine):
    r = engine.search(SearchRequest(q="مستشفيات"))
    assert ids(r)[0] == "d07"


def test_filters_or_within_and_across(engine):
    r = engine.search(SearchRequest(q="", filters={"section": ["sport", "economy"]}))
    assert set(ids(r)) == {"d03", "d04", "d06", "d09"}
    r = engine.search(SearchRequest(q="", filters={"section": ["sport", "economy"], "source": ["okaz"]}))
    assert set(ids(r)) == {"d06"}


def test_date_range_filter(engine):
    r = engine.search(SearchRequest(q="", date_from=date(2015, 8, 1), date_to=date(2015, 8, 2)))
    assert set(ids(r)) == {"d03", "d04"}


def test_sort_newest_and_oldest(engine):
    newest = engine.search(SearchRequest(q="الذهب OR الهلال", sort="newest"))
    assert [h.date for h in newest.hits] == sorted((h.date for h in newest.hits), reverse=True)
    oldest = engine.search(SearchRequest(q="الذهب OR الهلال", sort="oldest"))
    assert ids(oldest) == list(reversed(ids(newest)))


def test_pagination_has_stable_totals(engine):
    pages = [engine.search(SearchRequest(q="", per_page=3, page=p)) for p in (1, 2, 3, 4)]
    assert {p.total for p in pages} == {len(DOCS)}
    seen = [i for p in pages for i in ids(p)]
    assert len(seen) == len(set(seen)) == len(DOCS)


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(q="x", per_page=101),
        SearchRequest(q="x", per_page=0),
        SearchRequest(q="x", page=0),
        SearchRequest(q="x", page=101, per_page=10),
        SearchRequest(q="x", sort="random"),
        SearchRequest(q="x", filters={"colour": ["red"]}),
        SearchRequest(q="x" * 2001),
        SearchRequest(q="x", date_from=date(2015, 9, 1), date_to=date(2015, 8, 1)),
        SearchRequest(q="date:2015-13"),
    ],
)
def test_bad_requests_raise_query_error(engine, request_):
    with pytest.raises(QueryError) as err:
        engine.search(request_)
    assert " — " in str(err.value)  # English — Arabic


def test_result_json_shape(engine):
    d = engine.search(SearchRequest(q="الصحة", filters={"section": ["health"]})).to_dict()
    assert {"query", "total", "page", "per_page", "took_ms", "hits", "facets", "suggestion"} <= set(d)
    hit = d["hits"][0]
    assert set(hit) >= {"id", "title", "title_html", "snippet_html", "url", "date", "section", "source", "score"}
    assert set(d["facets"]) >= {"section", "source", "year"}
    assert set(d["facets"]["section"][0]) == {"value", "count", "selected", "label"}
    json.dumps(d, ensure_ascii=False)


def test_script_in_documents_and_queries_is_escaped(engine):
    r = engine.search(SearchRequest(q="<script>alert(1)</script> مستشفى"))
    assert r.hits
    for hit in r.hits:
        for html in (hit.title_html, hit.snippet_html):
            assert "<script" not in html and "<b>" not in html
            assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    d10 = [h for h in r.hits if h.id == "d10"][0]
    assert d10.title_html.startswith("&lt;<mark>script</mark>&gt;")
    assert "&lt;b&gt;" in d10.snippet_html


def test_document_and_unknown(engine):
    doc = engine.document("d05")
    assert doc.title == "قناة السويس الجديدة" and doc.source == "aawsat" and doc.date.startswith("2015-08-06")
    assert engine.document("nope") is None


def test_stats(engine):
    s = engine.stats()
    assert s["documents"] == len(DOCS) and s["analyzer_version"] and s["size_bytes"] > 0


def test_refresh_sees_new_documents(tmp_path):
    path = write_index(tmp_path / "ix", DOCS[:3])
    e = engine_at(path)
    try:
        assert e.search(SearchRequest(q="الذهب")).total == 0
        e.refresh()  # nothing changed: a no-op
        write_index(path, DOCS[3:4])
        e.refresh()
        assert ids(e.search(SearchRequest(q="الذهب"))) == ["d04"]
    finally:
        e.close()


def test_missing_and_mismatched_index(tmp_path):
    with pytest.raises(IndexMissingError):
        engine_at(tmp_path / "none")
    path = write_index(tmp_path / "ix", DOCS[:1])
    meta = path / "fahras.json"
    meta.write_text(json.dumps({"analyzer_version": "old", "schema_version": 0}))
    with pytest.raises(IndexVersionError, match="Re-index"):
        engine_at(path)


def test_refresh_reports_a_removed_or_rebuilt_index(tmp_path):
    import shutil

    path = write_index(tmp_path / "ix", DOCS[:2])
    e = engine_at(path)
    try:
        write_index(path, DOCS[2:3])
        (path / "fahras.json").write_text(json.dumps({"analyzer_version": "other", "schema_version": 1}))
        with pytest.raises(IndexVersionError):
            e.refresh()
        shutil.rmtree(path)
        with pytest.raises(IndexMissingError):
            e.refresh()
        assert e.document("d01") is not None  # the open searcher still answers
    finally:
        e.close()


def test_threads_search_while_the_index_changes(tmp_path):
    import threading

    path = write_index(tmp_path / "ix", DOCS[:5])
    e = engine_at(path)
    errors: list[BaseException] = []

    def reader():
        try:
            for _ in range(30):
                e.refresh()
                r = e.search(SearchRequest(q="الذهب OR الهلال OR وزارة"))
                assert r.total >= 1
        except BaseException as err:  # noqa: BLE001 - collected for the main thread
            errors.append(err)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for doc in DOCS[5:]:
        write_index(path, [doc])
    for t in threads:
        t.join()
    e.refresh()
    try:
        assert not errors, errors[0]
        assert e.search(SearchRequest(q="")).total == len(DOCS)
    finally:
        e.close()


def test_bm25f_adds_field_frequencies_before_saturating(tmp_path):
    """A title mention counts as ``title_boost`` body mentions, saturated once (search/whoosh_backend/bm25f.py)."""
    import math

    from whoosh import query as wq

    from search.whoosh_backend.bm25f import BM25FTerm

    docs = [
        ("t1", "الذهب", "خبر قصير عن السوق", "economy", "okaz", "2015-07-21"),
        ("b3", "خبر", "الذهب الذهب الذهب في السوق", "economy", "okaz", "2015-07-21"),
        ("b1", "خبر", "الذهب في السوق اليوم هنا", "economy", "okaz", "2015-07-21"),
    ]
    e = engine_at(write_index(tmp_path / "ix", docs))
    s = open_index(tmp_path / "ix").searcher()
    try:
        stem = "ذهب"
        q = BM25FTerm([wq.Term("title", stem, boost=3.0), wq.Term("body", stem)], k1=1.2, b=0.0)
        scores = {s.stored_fields(d)["id"]: sc for sc, d in s.search(q, limit=None).top_n}
        idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))  # df from the body, where the word is commonest
        assert scores["t1"] == pytest.approx(idf * 3 * 2.2 / (1.2 + 3))  # title: tf~ = 3
        assert scores["b3"] == pytest.approx(scores["t1"])  # three body mentions = one in the title
        assert scores["b1"] == pytest.approx(idf * 1 * 2.2 / (1.2 + 1))
        assert [h.id for h in e.search(SearchRequest(q="الذهب")).hits][-1] == "b1"
    finally:
        s.close()
        e.close()


def test_an_unknown_backend_is_named_with_the_known_ones(docs_index):
    from search import BACKENDS, UnknownBackendError, open_engine

    with pytest.raises(UnknownBackendError, match="'nope'.*whoosh"):
        open_engine({"FAHRAS_INDEX": str(docs_index), "FAHRAS_BACKEND": "nope"})
    assert "whoosh" in BACKENDS


def test_settings_come_from_configuration_strings(docs_index):
    from search import EngineSettings, SettingsError

    settings = EngineSettings.from_config({"FAHRAS_INDEX": docs_index, "FAHRAS_MAX_PER_PAGE": "7",
                                           "FAHRAS_QUERY_TIME_LIMIT": "0", "FAHRAS_POSTINGS_CACHE_MB": "0.5"})
    assert settings.index == str(docs_index) and settings.limits.max_per_page == 7
    assert settings.query_time_limit is None and settings.postings_cache_mb == 0.5
    with pytest.raises(SettingsError, match="FAHRAS_MAX_PER_PAGE='many'"):
        EngineSettings.from_config({"FAHRAS_MAX_PER_PAGE": "many"})


def test_a_searcher_opened_before_a_merge_reads_what_it_opened(tmp_path):
    """A commit that merges segments removes their files, and Whoosh opens a segment's column
    files (stored fields, lengths) at their first read: a server that has not refreshed yet must
    still answer from the commit it opened, whole."""
    path = tmp_path / "ix"
    for doc in DOCS:
        write_index(path, [doc], **WRITER_OPTIONS)  # a segment each, plain files as an import writes
    e = engine_at(path)
    try:
        open_index(path).optimize()  # one segment now; the others' files are gone
        assert not list(path.glob("*.col"))
        r = e.search(SearchRequest(q="", per_page=len(DOCS)))
        assert r.total == len(DOCS)
        assert all(hit.title for hit in r.hits)
        e.refresh()
        assert e.search(SearchRequest(q="", per_page=len(DOCS))).total == len(DOCS)
    finally:
        e.close()


def test_a_rare_stop_word_typed_among_other_words_narrows_the_results(tmp_path):
    """عين is on the stop list (عينه: "itself"), yet «عين العرب» is a town: a stop word the index
    has in at most a tenth of its documents must be in every hit (on the exact fields, which keep
    it); a common one (في) narrows nothing, as before. Like any typed word it may be missing from
    a partial match: «عين الكتاب», which no article has whole, lists each word's articles rather
    than nothing."""
    from support.articles import import_jsonl, stop_word_articles, write_jsonl

    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "a.jsonl", stop_word_articles()))
    engine = engine_at(tmp_path / "index", query_time_limit=None)
    try:
        found = engine.search(SearchRequest(q="عين العرب", per_page=20))
        assert (found.total_all, found.total_partial) == (3, 10)
        full = [h for h in found.hits if h.matched_all]
        assert len(full) == 3 and found.hits[:3] == full
        assert all("<mark>عين</mark>" in h.snippet_html for h in full)
        assert {tuple(h.missing) for h in found.hits[3:]} == {("عين",)}
        apart = engine.search(SearchRequest(q="عين الكتاب", per_page=40))
        assert (apart.total_all, apart.total_partial) == (0, 30)
        assert sorted(Counter(tuple(h.missing) for h in apart.hits).items()) == [(("الكتاب",), 3), (("عين",), 27)]
        assert engine.search(SearchRequest(q="في العرب")).total_all == 13
        assert engine.search(SearchRequest(q="عين")).total_all == 3  # a stop word alone: as before
    finally:
        engine.close()


def test_a_word_that_searches_nothing_is_no_word_a_partial_match_misses(engine):
    """ء~ is too short for an edit, and ء alone is no stem: both compilers leave it out, so the
    tiers must not count it (it made «ء~ الهلال الذهب» find nothing, and a partial tier listed full
    matches again)."""
    def hits(q):
        r = engine.search(SearchRequest(q=q, per_page=100))
        return r.total, r.total_all, [(h.id, h.matched_all, h.missing) for h in r.hits]

    assert hits("ء~ الهلال الذهب") == hits("الهلال الذهب") and hits("الهلال الذهب")[0]
    assert hits("ء~ الهلال") == hits("الهلال")


def test_every_tier_expands_its_words_as_the_full_matches_do():
    """A partial tier holds each free word twice (at least k, not k + 1) and must still choose
    the full tier's terms, or it lists documents the total does not count; a word typed twice is
    matched twice and takes two shares of the budget."""
    tree = parse("وز* كتا* مستشف*")
    plan = coordination.plan(tree)
    assert {slots(t) for t in [*plan.tiers(), plan.any()]} == {slots(tree)} == {12}
    assert slots(parse("وز* وز*")) == 2 * slots(parse("وز*"))


@pytest.mark.parametrize("words, tiers", [(2, 2), (5, 3), (8, 4), (9, 2), (64, 2)])
def test_a_long_query_has_its_partial_matches_in_one_tier(words, tiers):
    """Up to MAX_TIERED_WORDS words, one tier per missing word (at most MAX_PARTIAL_TIERS); past
    it (a pasted sentence) the full matches, then every partial match in one tier."""
    pool = "النفط الذهب الرياض جدة مكة اليمن السوق الشركة الفريق الهلال".split()
    plan = coordination.plan(parse(" ".join(pool[i % len(pool)] + str(i) for i in range(words))))
    assert len(plan.free) == words and len(plan.tiers()) == tiers


def test_a_hashtag_finds_the_articles_writing_its_words_and_they_find_it(tmp_path):
    """A hashtag pasted into the box (#عاصفة_الحزم) finds the articles that write its words apart,
    and those words find the article that writes the hashtag, highlighted there."""
    docs = [("h1", "بيان", "انطلقت عاصفة الحزم فجر اليوم", "news", "s", "2015-03-26"),
            ("h2", "تغريدات", "انتشر وسم #عاصفة_الحزم بين المغردين", "news", "s", "2015-03-26"),
            ("h3", "طقس", "عاصفة رملية تضرب الرياض", "news", "s", "2015-03-27")]
    e = engine_at(write_index(tmp_path / "index", docs))
    try:
        for q in ("#عاصفة_الحزم", "عاصفة_الحزم", "عاصفة الحزم"):
            found = e.search(SearchRequest(q=q))
            assert {h.id for h in found.hits if h.matched_all} == {"h1", "h2"}, q
        hit = next(h for h in e.search(SearchRequest(q="الحزم")).hits if h.id == "h2")
        assert "<mark>عاصفة_الحزم</mark>" in hit.snippet_html
    finally:
        e.close()


def _searched_among(tmp_path, texts: list[str], q: str):
    """``q``'s first page over articles with these bodies, numbered a00, a01, … in order."""
    from support.articles import import_jsonl, write_jsonl

    records = [{"id": f"a{i:02d}", "title": f"خبر رقم {i}", "body": text, "source": "s", "section": "news",
                "date": "2015-07-01"} for i, text in enumerate(texts)]
    import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "a.jsonl", records))
    engine = engine_at(tmp_path / "index", query_time_limit=None)
    try:
        return engine.search(SearchRequest(q=q, per_page=20))
    finally:
        engine.close()


def test_a_narrowed_stop_word_and_the_word_beside_it_rank_the_pair_first(tmp_path):
    """«عين العرب» typed is the town: the articles writing the two side by side come before those
    with عين in one place and العرب in another, however often (a newspaper named «عين اليوم»).
    100 articles: عين in 6, at most a tenth, so it narrows."""
    found = _searched_among(tmp_path, ["سيطر المقاتلون على مدينة عين العرب شمال سوريا"] * 3
                            + ["نقلت صحيفة عين اليوم ان العرب العرب العرب يجتمعون وقالت عين المراقب ان العرب"] * 3
                            + ["افتتح معرض الكتاب في الرياض بحضور الزوار"] * 94, "عين العرب")
    assert found.total_all == 6
    assert sorted(h.id for h in found.hits[:3]) == ["a00", "a01", "a02"]


def test_a_common_stop_word_typed_as_a_name_ranks_the_name_first(tmp_path):
    """«علي صالح» (Ali Saleh): علي folds to the stop word على, in most articles, so it narrows
    nothing and was dropped; صالح's articles came in any order, the columnist صالح first. Typed
    with ي, which the news keeps for the name (على is written with ى), the two side by side
    rank first; the total stays صالح's."""
    found = _searched_among(tmp_path, ["قال الرئيس اليمني السابق علي صالح في كلمة متلفزة"] * 3
                            + ["كتب صالح الصالح مقالا عن صالح العام وصالح الناس صالح على الصفحة"] * 3
                            + ["افتتح معرض الكتاب على ارض الرياض بحضور الزوار"] * 94, "علي صالح")
    assert found.total == 6
    assert sorted(h.id for h in found.hits[:3]) == ["a00", "a01", "a02"]


def test_a_requirement_typed_again_is_asked_once_and_a_free_word_still_counts_twice(engine):
    """A phrase, a field's word or a group typed twice asks for the same documents; each copy
    cost a look-up (a phrase 32 times: 3.7 s on the sphinx backend). A free word typed twice is
    weighed twice, as before."""
    tree = parse('"وزارة الصحة" "وزارة الصحة" title:الصحة title:الصحة (أ OR ب) (أ OR ب) مستشفى مستشفى')
    once = coordination.without_repeats(tree)
    assert [type(i).__name__ for i in once.items] == ["Phrase", "Word", "Group", "Word", "Word"]
    assert engine.search(SearchRequest(q=' '.join(['"وزارة الصحة"'] * 32))).total == \
        engine.search(SearchRequest(q='"وزارة الصحة"')).total


def test_the_expansion_cache_is_bounded_in_bytes(engine):
    """Counted in entries (50,000) it held ~240 MB a worker after ~15,500 unique searches: an
    entry of a word with many spellings weighs far more than one with none."""
    from search import expansion

    small, large = expansion.entry_bytes(()), expansion.entry_bytes(tuple((f"كلمة{i}", 0.5) for i in range(100)))
    assert small == expansion.ENTRY_OVERHEAD + sys.getsizeof(()) and large > 100 * 2 * 50
    cache = engine._expander._cache
    assert cache.maxsize == expansion.CACHE_BYTES and cache.getsizeof(("a",)) == expansion.entry_bytes(("a",))
    engine.search(SearchRequest(q="مستشفيات الوزارات"))
    assert 0 < cache.currsize <= cache.maxsize
