"""What ``fahras stats`` reports about an index."""

from __future__ import annotations

from support.articles import article, import_jsonl, write_jsonl

from indexer.schema import SCHEMA_VERSION
from indexer.stats import index_stats


def test_stats_report_documents_versions_size_and_terms(tmp_path):
    import_jsonl(tmp_path / "ix", write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(8)]))
    stats = index_stats(tmp_path / "ix")
    assert stats["documents"] == 8
    assert stats["analyzer_version"] and stats["schema_version"] == SCHEMA_VERSION
    assert stats["size_bytes"] > 0
    assert stats["fields"]["id"]["terms"] == 8
    assert stats["fields"]["body"]["terms"] > 10 and stats["fields"]["body"]["tokens"] > 8 * 20
