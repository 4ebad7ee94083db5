"""Deleting documents by id."""

from __future__ import annotations

from support.articles import article, import_jsonl, stored_docs, write_jsonl

from indexer.delete import delete_documents


def test_delete_by_id(tmp_path):
    ix = tmp_path / "ix"
    import_jsonl(ix, write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(6)]))
    deleted, missing = delete_documents(ix, ["gen-00001", "gen-00004", "nope", "gen-00001"])
    assert deleted == ["gen-00001", "gen-00004"] and missing == ["nope"]
    assert set(stored_docs(ix)) == {"gen-00000", "gen-00002", "gen-00003", "gen-00005"}
