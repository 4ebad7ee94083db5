"""Re-scoring counts a query's keywords in the side store's tokens (rescore.py): the same title and
body counts Sphinx itself gives for those keywords in those documents, which it answered before
(one statement a keyword, reading its whole doclist: 41-45 ms a search at 1M, docs/scaling.md).

Sphinx's own counts are asked here as they were: a one-keyword ``MATCH()`` over the documents,
ranked by ``sum(hit_count*user_weight)`` with the title weighing ``PACK`` and the body 1."""

from __future__ import annotations

from collections import Counter

import pytest
from support.articles import write_jsonl
from support.sphinx import sphinx_engine

from search import SearchRequest
from search.sphinx_backend import config, rescore, tokens
from search.sphinx_backend.store import Store

PACK = 100_000  # a field's count is below this in these documents
STEMS, EXACTS = ("title", "body"), ("title_exact", "body_exact")


def sphinx_counts(batch, nums: list[int], keywords: dict) -> dict:
    """Each keyword's (title, body) counts in the documents ``nums`` that have it, by Sphinx."""
    ids = ",".join(map(str, nums))
    out = {}
    for key, (keyword, (title, body)) in keywords.items():
        (rows,) = batch([(f"SELECT id, WEIGHT() FROM {config.DISTRIBUTED} WHERE MATCH(%s) AND id IN ({ids}) "
                          f"LIMIT {len(nums)} OPTION ranker=expr('sum(hit_count*user_weight)'), "
                          f"field_weights=({title}={PACK}, {body}=1), max_matches={len(nums)}",
                          [tokens.escape(keyword)])])
        out[key] = {num: divmod(int(weight), PACK) for num, weight in rows}
    return out


def _stored(cluster) -> dict[int, dict]:
    docs: dict[int, dict] = {}
    for n in cluster.shards:
        store = Store(cluster.store_path(n))
        try:
            docs.update(store.tokens())
        finally:
            store.close()
    return docs


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
    engine = sphinx_engine(sample_cluster, query_time_limit=None)
    try:
        expected = sphinx_counts(engine.backend.batch, sorted(docs), keywords)
    finally:
        engine.close()
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
    engine = sphinx_engine(cluster, query_time_limit=None)
    try:
        expected = sphinx_counts(engine.backend.batch, sorted(docs), keywords)
    finally:
        engine.close()
    assert any(t > 1 or b > 2 for found in expected.values() for t, b in found.values())
    assert rescore.field_counts(docs, keywords) == expected


@pytest.mark.parametrize("q", ["وزارة الصحة", "الرياض", "مجلس الوزراء", "أسعار الكتب في المدارس", "title:الرياض"])
def test_a_search_counts_in_the_store_what_sphinx_counts(sample_cluster, monkeypatch, q):
    """The engine's re-scoring counts in the candidates' stored tokens, sends no statement to
    count, and counts what Sphinx counts in them."""
    engine = sphinx_engine(sample_cluster, query_time_limit=None)
    plain_batch, plain_counts = engine.backend.batch, rescore.field_counts
    sent, calls = [], []

    def recording(statements):
        sent.extend(sql for sql, _args in statements)
        return plain_batch(statements)

    def counting(docs, keywords):
        found = plain_counts(docs, keywords)
        calls.append((sorted(docs), keywords, found))
        return found

    monkeypatch.setattr(engine.backend, "batch", recording)
    monkeypatch.setattr(rescore, "field_counts", counting)
    try:
        total = engine.search(SearchRequest(q=q, collapse=False)).total
        assert total > 0
        assert calls, "a plain-word query is re-scored"
        assert not [sql for sql in sent if "hit_count" in sql]
        for nums, keywords, found in calls:
            assert nums and found == sphinx_counts(plain_batch, nums, keywords)
    finally:
        engine.close()
