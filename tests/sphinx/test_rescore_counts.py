"""Re-scoring's counts (rescore.py) have two roads: Sphinx (a statement a keyword, reading its
whole doclist: cheap at 31k, 30-55 ms a search at 1M) and the side store's tokens of the
candidates (what ``indexer`` was fed). They must give the same title and body counts, so that
every score is the same whichever road a search takes (docs/scaling.md)."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from support.articles import write_jsonl
from support.sphinx import sphinx_engine

from search import SearchRequest
from search.sphinx_backend import rescore, tokens
from search.sphinx_backend.store import Store

STEMS, EXACTS = ("title", "body"), ("title_exact", "body_exact")


def _stored(cluster) -> dict[int, dict]:
    docs: dict[int, dict] = {}
    for n in cluster.shards:
        store = Store(cluster.store_path(n))
        try:
            docs.update(store.tokens())
        finally:
            store.close()
    return docs


def _asked_of_sphinx(cluster, ask):
    """``ask(batch)`` with the batch of statements of an engine on ``cluster``."""
    engine = sphinx_engine(cluster, query_time_limit=None)
    try:
        return ask(engine.backend.batch)
    finally:
        engine.close()


def _keywords(docs: dict[int, dict], every: int) -> dict:
    """The 40 stems and 40 exact forms in most documents, and every ``every``-th other."""
    out = {}
    for kind, fields in (("text", STEMS), ("exact", EXACTS)):
        held = Counter(w for d in docs.values() for w in {w for f in fields for w in (d.get(f) or "").split()})
        common = [w for w, _n in held.most_common(40)]
        out |= {(kind, w): (w, fields) for w in common + sorted(set(held) - set(common))[::every]}
    return out


def test_the_store_counts_what_sphinx_counts_on_the_sample(sample_cluster):
    """Over every document of the bundled sample (real articles), several hundred of its stems and
    exact forms, the most common and a spread of the others: equal counts."""
    docs = _stored(sample_cluster)
    keywords = _keywords(docs, 20)
    assert len(keywords) > 300
    expected = _asked_of_sphinx(sample_cluster, lambda batch: rescore.sphinx_counts(batch, sorted(docs), keywords))
    assert sum(len(found) for found in expected.values()) > 2000  # most keywords are in many documents
    assert any(t > 1 or b > 1 for found in expected.values() for t, b in found.values())
    assert rescore.field_counts(docs, keywords) == expected


def test_words_cut_as_sphinx_cuts_them(make_cluster, import_file, tmp_path):
    """A word repeated back to back, a word inside a longer one, a word past Sphinx's 42
    characters (cut and hashed on both sides), a title mention: equal counts."""
    long_word = "مستشفيات" * 7
    records = [
        {"id": "a", "title": "القمح والقمح", "body": "القمح القمح القمح قمحة قمحات " + long_word},
        {"id": "b", "title": "أسعار", "body": f"{long_word} {long_word}قمح القمح"},
        {"id": "c", "title": "القمح", "body": "لا شيء"},
    ]
    cluster = make_cluster()
    import_file(cluster, write_jsonl(tmp_path / "words.jsonl", records))
    docs = _stored(cluster)
    keywords = _keywords(docs, 1)
    assert any(tokens.LONG in w for w, _f in keywords.values())
    expected = _asked_of_sphinx(cluster, lambda batch: rescore.sphinx_counts(batch, sorted(docs), keywords))
    assert any(t > 1 or b > 2 for found in expected.values() for t, b in found.values())
    assert rescore.field_counts(docs, keywords) == expected


@pytest.mark.parametrize("q", ["وزارة الصحة", "الرياض", "مجلس الوزراء", "أسعار الكتب في المدارس", "title:الرياض"])
def test_a_search_scores_alike_by_either_road(sample_cluster, monkeypatch, q):
    """The same search with the counts forced down each road: the store's sends no counting
    statement, and the hits and their scores are the same."""
    answers, counting = {}, {}
    for road, stored_ms in (("store", 0.0), ("sphinx", 1e9)):
        monkeypatch.setattr(rescore, "STORED_MS", stored_ms)
        engine = sphinx_engine(sample_cluster, query_time_limit=None)
        plain_batch, sent = engine.backend.batch, []

        def recording(statements, plain_batch=plain_batch, sent=sent):
            sent.extend(sql for sql, _args in statements)
            return plain_batch(statements)

        monkeypatch.setattr(engine.backend, "batch", recording)
        try:
            result = engine.search(SearchRequest(q=q, collapse=False, per_page=50))
        finally:
            engine.close()
        answers[road] = [(hit.id, hit.score) for hit in result.hits]
        counting[road] = sum("hit_count" in sql for sql in sent)
    assert len(answers["store"]) > 1 and answers["store"] == answers["sphinx"]
    assert counting["store"] == 0 < counting["sphinx"]


def test_the_cheaper_road_by_the_doclists_read():
    """Sphinx's road costs with the doclists it reads, the store's with the candidates: the
    median re-scoring of the benchmark queries (docs/scaling.md) goes to Sphinx at 31k (its
    keywords' doclists 1,990 documents in all) and to the store at 1M (116,586)."""
    assert not rescore.from_store(100, 3, 1_990)
    assert rescore.from_store(100, 3, 116_586)
    assert rescore.from_store(5, 2, 1_990)  # five candidates: five rows read


def _bigrams(docs: dict[int, dict], every: int) -> set[tuple[str, ...]]:
    """Adjacent exact forms of the titles and bodies (the 30 commonest and every ``every``-th
    other), each form's marker taken off, and as many pairs of those forms the other way round
    (mostly written apart, some side by side somewhere)."""
    held = Counter((a, b) for d in docs.values() for f in EXACTS
                   for a, b in itertools.pairwise((d.get(f) or "").split()))
    common = [p for p, _n in held.most_common(30)]
    pairs = common + sorted(set(held) - set(common))[::every]
    return {tuple(w[len(tokens.EXACT):] for w in p) for q in pairs for p in (q, q[::-1])}


def test_the_store_finds_each_phrase_where_sphinx_finds_it(sample_cluster):
    """Over every document of the sample, a few hundred two-word phrases, the commonest, a spread
    of the others and each of them reversed: the same documents, title and body apart."""
    docs = _stored(sample_cluster)
    phrases = _bigrams(docs, 40)
    assert len(phrases) > 300
    expected = _asked_of_sphinx(sample_cluster, lambda batch: rescore.sphinx_phrase_fields(batch, sorted(docs), phrases))
    found = [where for matched in expected.values() for where in matched.values()]
    assert len(found) > 500 and {(True, True), (True, False), (False, True)} <= set(found)
    assert rescore.phrase_fields(docs, phrases) == expected
