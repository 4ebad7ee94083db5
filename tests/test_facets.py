"""Facets: counts, disjunctive behaviour, selected values always listed, the time limit."""

from __future__ import annotations

from collections import Counter

from support.articles import DOCS, engine_at, write_index

from search import SearchRequest
from search.whoosh_backend import facets


def counts(result, name):
    return {v.value: (v.count, v.selected) for v in result.facets[name]}


def test_counts_without_filters(engine):
    r = engine.search(SearchRequest(q=""))
    assert counts(r, "source") == {
        s: (n, False) for s, n in Counter(d[4] for d in DOCS).items()
    }
    assert counts(r, "year") == {"2015": (len(DOCS), False)}
    assert counts(r, "month") == {"2015-07": (6, False), "2015-08": (4, False)}


def test_facet_ignores_its_own_selection_and_respects_the_others(engine):
    r = engine.search(SearchRequest(q="", filters={"source": ["okaz"]}))
    assert r.total == 2
    # source counts ignore source=okaz: every source still listed with its full count
    assert counts(r, "source")["alriyadh"] == (3, False)
    assert counts(r, "source")["okaz"] == (2, True)
    # section counts respect source=okaz
    assert counts(r, "section") == {"health": (1, False), "sport": (1, False)}


def test_two_fields_and_repeated_values(engine):
    r = engine.search(SearchRequest(q="", filters={"source": ["okaz", "alriyadh"], "section": ["sport"]}))
    assert {h.id for h in r.hits} == {"d03", "d06"}
    assert counts(r, "section")["politics"] == (1, False)  # alriyadh|okaz, any section
    assert counts(r, "source") == {"alriyadh": (1, True), "okaz": (1, True)}  # section=sport


def test_selected_value_without_matches_is_listed_with_zero(engine):
    r = engine.search(SearchRequest(q="الذهب", filters={"section": ["sport"]}))
    assert r.total == 0
    assert counts(r, "section")["sport"] == (0, True)
    assert counts(r, "section")["economy"] == (2, False)


def test_facets_follow_the_query_and_dates(engine):
    from datetime import date

    r = engine.search(SearchRequest(q="الهلال", date_from=date(2015, 8, 2)))
    assert counts(r, "section") == {"sport": (1, False)}


def test_time_limit_truncates_and_marks(engine, monkeypatch):
    monkeypatch.setattr(facets, "CHECK_EVERY", 1)
    engine_limit = engine.facet_time_limit
    engine.facet_time_limit = -1.0  # already past the deadline
    try:
        r = engine.search(SearchRequest(q=""))
    finally:
        engine.facet_time_limit = engine_limit
    # author: no document here has one, so there is no column to count and nothing is cut short
    assert set(r.facets_truncated) == {"section", "source", "year", "month", "hijri_year"}
    assert r.total == len(DOCS) and r.hits  # never fatal
    assert all(sum(v.count for v in r.facets[name]) <= 1 for name in ("section", "source"))


def ordinal_tables(engine) -> dict:
    """(segment id, field) → the facet table the Whoosh backend keeps for it."""
    kept = engine.backend.tables._tables.items()
    return {(segment, key[1]): table for (segment, key), (_version, table) in kept
            if isinstance(key, tuple) and key[0] == "ordinals"}


def test_facet_tables_are_kept_per_segment_across_refreshes(tmp_path):
    """An import adds a segment: the refreshed engine keeps the old segment's tables (the same
    objects: not built again) and builds the new one's; a merge that takes segments away takes
    their tables too. Counts stay those of an engine opened afresh."""
    from indexer.store import create_or_open

    path = write_index(tmp_path / "ix", DOCS[:5])
    engine = engine_at(path)
    try:
        engine.search(SearchRequest(q=""))
        before = ordinal_tables(engine)
        assert before and len({segment for segment, _ in before}) == 1
        write_index(path, DOCS[5:])  # a second commit: a second segment
        engine.refresh()
        after = engine.search(SearchRequest(q=""))
        tables = ordinal_tables(engine)
        assert all(tables[key] is table for key, table in before.items())
        assert len({segment for segment, _ in tables}) == 2
        fresh = engine_at(path)
        try:
            assert after.facets == fresh.search(SearchRequest(q="")).facets
        finally:
            fresh.close()
        ix = create_or_open(path)
        ix.optimize()  # everything merged into one new segment
        ix.close()
        engine.refresh()
        merged = engine.search(SearchRequest(q=""))
        assert not set(before) & set(ordinal_tables(engine))
        assert len({segment for segment, _ in ordinal_tables(engine)}) == 1
        assert merged.facets == after.facets
    finally:
        engine.close()
