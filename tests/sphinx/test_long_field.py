"""A body longer than `indexer`'s default field cut (2 MB of fed text) is indexed to its end.

Sphinx's `indexer` keeps the first `max_xmlpipe2_field` bytes of an xmlpipe2 field, 2 MB unless
configured: a body of ~1 M characters was indexed on its beginning only (its length attributes,
which the ranking reads, and its words past the cut). The import accepts bodies of 64 Mi
characters, so the shard configuration raises the cut to what such a body can feed
(`config.MAX_FED_FIELD_BYTES`).
"""

from __future__ import annotations

from support.articles import engine_at, write_jsonl

from search.sphinx_backend import client

WORDS = 320_000  # ~2.9 MB of stems, ~4.5 MB of exact forms, ~3.2 MB of roots fed
LAST = "زنجبيل"


def test_every_word_of_a_body_past_two_megabytes_is_indexed(make_cluster, import_file, tmp_path):
    record = {"id": "long-1", "title": "مقالة طويلة", "body": "مدرسة " * WORDS + LAST,
              "date": "2015-07-21T08:00:00", "section": "اقتصاد", "source": "sabq"}
    cluster = make_cluster(shards=1)
    assert import_file(cluster, write_jsonl(tmp_path / "long.jsonl", [record])).indexed == 1
    with client.connect(cluster.host, cluster.coordinator_port) as conn:
        lengths = conn.execute("SELECT body_len, body_exact_len, roots_len FROM fahras")
        found = conn.execute(f"SELECT id FROM fahras WHERE MATCH('@body {LAST}')")
    body, body_exact, roots = (int(n) for n in lengths[0])  # 232,934 / 95,306 / 207,632 when cut
    assert (body, body_exact) == (WORDS + 1, WORDS + 1)
    assert roots >= WORDS + 1  # the title's roots too
    assert len(found) == 1
    engine = engine_at(tmp_path / "unused", backend="sphinx", cluster=str(cluster.directory),
                       query_time_limit=None)
    try:
        assert [doc for doc, _ in engine.rank_ids(f'"مدرسة {LAST}"', 10)] == ["long-1"]
    finally:
        engine.close()
