"""One field limit for every source format (issue 16, item 10).

A CSV field over 131,072 characters (the csv module's default) was rejected while JSON Lines took
50 MB. Now every format takes a field of up to ``MAX_FIELD_CHARS`` and rejects a longer one with
the same reason.
"""

from __future__ import annotations

import csv
import json

import pytest
from support.articles import import_jsonl

from indexer.sources import MAX_FIELD_CHARS


def write(path, records, kind: str):
    with open(path, "w", encoding="utf-8", newline="") as f:
        if kind == "csv":
            writer = csv.DictWriter(f, fieldnames=["id", "title", "body"])
            writer.writeheader()
            writer.writerows(records)
        else:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return path


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_a_long_field_is_accepted_in_every_format(tmp_path, kind):
    body = ("وزارة الصحة تعلن " * 15000)[:200_000] + " خاتمة"
    source = write(tmp_path / f"docs.{kind}", [{"id": "long", "title": "طويل", "body": body}], kind)
    summary, rejects = import_jsonl(tmp_path / "index", source)
    assert not rejects and summary.indexed == 1


@pytest.mark.slow
def test_a_field_past_the_limit_is_rejected_alike_in_every_format(tmp_path):
    records = [{"id": "huge", "title": "x", "body": "a" * (MAX_FIELD_CHARS + 1)},
               {"id": "fine", "title": "عنوان", "body": "نص"}]
    reasons = {}
    for kind in ("csv", "jsonl"):
        summary, rejects = import_jsonl(tmp_path / f"index-{kind}",
                                        write(tmp_path / f"docs.{kind}", records, kind))
        assert summary.indexed == 1 and [r.record["id"] for r in rejects] == ["huge"]
        reasons[kind] = rejects[0].reason
    assert reasons["csv"] == reasons["jsonl"] == (
        f"body has {MAX_FIELD_CHARS + 1:,} characters, more than the {MAX_FIELD_CHARS:,} a field may hold")
