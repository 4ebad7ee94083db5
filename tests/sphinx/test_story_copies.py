"""A collapsed page's copies over a 2-shard cluster: one statement for the page's stories
(``SphinxSearcher.story_copies``) lists what a look-up of each story alone lists, capped at
``MAX_COPIES``, and the same articles as the Whoosh backend where a story fits under the cap."""

from __future__ import annotations

import random
from datetime import datetime

from support.articles import WORDS
from support.stories import STORY

from search import SearchRequest
from search.deadline import Deadline
from search.settings import Limits
from search.sphinx_backend.importer import doc_number
from search.stories import MAX_COPIES, copies


def _records() -> list[dict]:
    """Three stories run by 25, 4 and 2 papers (each copy the same body under its own id), and
    eight articles of their own, every one mentioning the gas field."""
    rng = random.Random(11)
    bodies = {"big": STORY, "mid": "حقل الغاز " + " ".join(rng.choices(WORDS, k=70)),
              "small": "حقل الغاز " + " ".join(rng.choices(WORDS, k=70))}
    runs = {"big": 25, "mid": 4, "small": 2}
    records = [{"id": f"{name}-{i:02d}", "title": f"حقل الغاز {name} {i}", "body": bodies[name],
                "source": f"paper-{i}", "date": datetime(2015, 8, 1 + i % 20).isoformat(), "tags": []}
               for name, n in runs.items() for i in range(n)]
    records += [{"id": f"alone-{i}", "title": f"الغاز {i}", "body": "حقل الغاز " + " ".join(rng.choices(WORDS, k=70)),
                 "source": "paper-x", "date": datetime(2015, 7, 1 + i).isoformat(), "tags": []} for i in range(8)]
    return records


def test_a_page_of_stories_lists_each_storys_copies_as_one_lookup_each(both_engines):
    whoosh, sphinx = both_engines(_records())
    request = SearchRequest(q="حقل الغاز", per_page=20)
    results = {name: engine.search(request) for name, engine in (("whoosh", whoosh), ("sphinx", sphinx))}
    for result in results.values():
        assert (result.total, result.total_stories) == (39, 11)
        assert sorted(len(h.duplicates) for h in result.hits if h.duplicates) == [1, 3, MAX_COPIES]
    folded = {name: {h.id.split("-")[0]: {h.id, *(d.id for d in h.duplicates)}
                     for h in result.hits if h.duplicates} for name, result in results.items()}
    assert folded["sphinx"]["mid"] == folded["whoosh"]["mid"] == {f"mid-{i:02d}" for i in range(4)}
    assert folded["sphinx"]["small"] == folded["whoosh"]["small"] == {"small-00", "small-01"}
    with sphinx.backend.searcher(Deadline(None)) as s:
        for hit in results["sphinx"].hits:
            key = doc_number(hit.id)
            alone = copies(s, key, s.stored(key)["story"])  # the story's own look-up
            assert [d.id for d in hit.duplicates] == [s.stored(k)["id"] for k in alone]


def test_every_page_of_stories_is_full_past_max_matches_articles(both_engines):
    """Ranking ``max_matches`` articles (the deep-paging limit, 20 here) left a page of stories
    empty when folding needed more: 11 stories are 39 articles, 25 of them one story's. The
    ranks past the re-scored window follow in Sphinx's order, so every page the result counts
    is filled as on Whoosh."""
    whoosh, sphinx = both_engines(_records(), limits=Limits(max_depth=20))
    for page in (1, 2, 3):
        request = SearchRequest(q="حقل الغاز", page=page, per_page=5)
        hits = {name: engine.search(request).hits for name, engine in (("whoosh", whoosh), ("sphinx", sphinx))}
        assert len(hits["sphinx"]) == len(hits["whoosh"]) == (5 if page < 3 else 1)
        assert {h.id.split("-")[0] for h in hits["sphinx"]} == {h.id.split("-")[0] for h in hits["whoosh"]}



def test_stories_are_counted_exactly_past_max_matches_articles(both_engines):
    """A shard grouping by story keeps max_matches groups (4 here) and estimates past them: 39
    articles in 11 stories (about 6 a shard) were counted as more stories than there are."""
    whoosh, sphinx = both_engines(_records(), limits=Limits(max_depth=4))
    for q in ("حقل الغاز", ""):
        counted = [engine.search(SearchRequest(q=q, per_page=2)) for engine in (whoosh, sphinx)]
        assert [(r.total, r.total_stories) for r in counted] == [(39, 11), (39, 11)], q

def _story_of_okaz(engine) -> set[str]:
    """The articles of the hit holding ``gas-okaz`` in a search for the story's words."""
    result = engine.search(SearchRequest(q="حقل الغاز الطبيعي", per_page=20))
    groups = [{h.id, *(d.id for d in h.duplicates)} for h in result.hits]
    return next(group for group in groups if "gas-okaz" in group)


def test_a_trimmed_copy_is_folded_into_its_story_on_both_backends(both_engines, make_cluster, import_file,
                                                                 tmp_path):
    """The trimmed copy's story is decided from the loose keys and sketches each backend keeps
    (Whoosh: its index; Sphinx: the shard stores): in the same import, and in a later one."""
    from support.articles import engine_at, write_jsonl
    from support.stories import half_other, story_records, trimmed_copy

    records = [{**r, "date": r["date"].isoformat()} for r in [*story_records(), trimmed_copy(), half_other()]]
    for engine in both_engines(records):
        assert _story_of_okaz(engine) == {"gas-okaz", "gas-riyadh", "gas-was", "gas-trimmed"}
    cluster = make_cluster(name="later")
    import_file(cluster, write_jsonl(tmp_path / "first.jsonl", records[:-2]))
    import_file(cluster, write_jsonl(tmp_path / "later.jsonl", records[-2:]))
    engine = engine_at(tmp_path / "unused", backend="sphinx", cluster=str(cluster.directory), query_time_limit=None)
    try:
        assert _story_of_okaz(engine) == {"gas-okaz", "gas-riyadh", "gas-was", "gas-trimmed"}
    finally:
        engine.close()
