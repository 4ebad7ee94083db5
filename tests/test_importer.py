"""Importing into a real on-disk index: batches, update by id, rejects, extra fields, versions."""

from __future__ import annotations

import json

import pytest
from support.articles import article, import_jsonl, stored_docs, write_jsonl

from indexer import store
from indexer.errors import IndexVersionError
from indexer.sources import LineFilter


def test_every_record_lands_once_with_its_fields(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(25)])
    summary, rejects = import_jsonl(tmp_path / "ix", src, batch_size=10)
    assert (summary.indexed, summary.updated, summary.rejected, summary.commits) == (25, 0, 0, 3)
    docs = stored_docs(tmp_path / "ix")
    assert set(docs) == {f"gen-{i:05d}" for i in range(25)}
    doc = docs["gen-00007"]
    expected = article(7)
    assert doc["title"] == expected["title"] and doc["body"] == expected["body"]
    assert doc["section"] == expected["section"] and doc["tags"] == ",".join(expected["tags"])
    assert (doc["year"], doc["month"]) == ("2017", "2017-08")


def test_reimport_updates_by_id_without_duplicates(tmp_path):
    ix = tmp_path / "ix"
    import_jsonl(ix, write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(10)]), batch_size=4)
    changed = [{**article(i), "title": f"عنوان مصحح {i}"} for i in range(5, 15)]
    summary, _ = import_jsonl(ix, write_jsonl(tmp_path / "b.jsonl", changed), batch_size=4)
    assert (summary.indexed, summary.updated) == (5, 5)
    docs = stored_docs(ix)
    assert len(docs) == 15
    assert docs["gen-00007"]["title"] == "عنوان مصحح 7"
    assert docs["gen-00002"]["title"] == article(2)["title"]
    # The stemmed field was re-indexed too: the old title's number no longer finds the document.
    with store.open_index(ix).searcher() as s:
        assert s.document_number(id="gen-00007") is not None
        assert s.doc_count() == 15


@pytest.mark.parametrize("procs", [1, 2])
def test_a_lone_surrogate_escape_is_rejected_wherever_it_is_and_the_rest_imported(tmp_path, procs):
    """JSON may spell half of a UTF-16 pair ("\ud800"); stored, it made every search that met the
    article fail (and, in an id, the import itself). Rejected with the field's name; the rejects
    file keeps the escape, as valid JSON."""
    src = tmp_path / "s.jsonl"
    src.write_text("\n".join([
        '{"id": "sg1", "title": "عنوان \\ud800 نص", "body": "b"}',
        '{"id": "sg\\udc80", "title": "عنوان", "body": "b"}',
        '{"id": "ok1", "title": "عنوان صحيح", "body": "نص"}',
        '{"id": "sg3", "title": "عنوان", "body": "b", "custom": {"deep": ["\\ud83d"]}}',
        '{"id": "sg4", "title": "عنوان", "body": "b", "\\udfff": "x"}',
    ]) + "\n", encoding="utf-8")
    summary, rejects = import_jsonl(tmp_path / "ix", src, procs=procs)
    assert (summary.indexed, summary.rejected) == (1, 4)
    reasons = {r.line: r.reason.split(" holds")[0] for r in rejects}
    assert reasons == {1: "title", 2: "id", 4: "deep", 5: "a field name"}
    for r in rejects:
        assert "lone UTF-16 surrogate" in r.reason
        line = r.to_json()
        line.encode("utf-8")  # writable as the rejects file is
        assert json.loads(line)["record"] == json.loads(src.read_text(encoding="utf-8").splitlines()[r.line - 1])
    assert set(stored_docs(tmp_path / "ix")) == {"ok1"}


def test_rejects_carry_source_line_reason_and_raw_record(tmp_path):
    lines = [
        json.dumps(article(1), ensure_ascii=False),
        '{"id": "broken", "title": ',
        json.dumps({"title": "لا معرف"}, ensure_ascii=False),
        json.dumps(article(1), ensure_ascii=False),  # duplicate in this run
        json.dumps({"id": "x1", "title": "", "body": ""}),
        json.dumps({"id": "x2", "title": "عنوان", "date": "أمس"}, ensure_ascii=False),
        json.dumps({"id": "x3", "title": 5}),
        json.dumps({"id": "x4", "title": "عنوان", "tags": {"a": 1}}, ensure_ascii=False),
        json.dumps({"id": 9, "title": "عنوان"}, ensure_ascii=False),
        json.dumps({"id": "", "title": "عنوان"}, ensure_ascii=False),
    ]
    src = tmp_path / "a.jsonl"
    src.write_bytes(
        "\n".join(lines[:5]).encode() + b'\n{"id": "enc", "title": "\xd8"}\n' + "\n".join(lines[5:]).encode()
    )
    summary, rejects = import_jsonl(tmp_path / "ix", src)
    assert (summary.indexed, summary.rejected) == (1, 10)
    by_line = {r.line: r for r in rejects}
    assert by_line[2].reason.startswith("broken JSON") and by_line[2].record == '{"id": "broken", "title": '
    assert by_line[3].reason == "missing id" and by_line[3].record == {"title": "لا معرف"}
    assert by_line[4].reason == f"duplicate id 'gen-00001' (first at {src}:1)"
    assert by_line[5].reason == "no title and no body"
    assert by_line[6].reason.startswith("bad encoding: invalid UTF-8")
    assert by_line[7].reason == "date does not parse as ISO 8601: 'أمس'"
    assert by_line[8].reason == "title must be a string, got a number"
    assert by_line[9].reason.startswith("tags must be a list of strings")
    assert by_line[10].reason == "id must be a string, got a number"
    assert by_line[11].reason == "empty id"
    assert all(r.source == str(src) for r in rejects)
    assert json.loads(by_line[3].to_json()) == {
        "source": str(src), "line": 3, "reason": "missing id", "record": {"title": "لا معرف"}
    }


def test_unknown_fields_are_stored_in_extra(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [{**article(1), "lang": "ar", "views": 12}])
    import_jsonl(tmp_path / "ix", src)
    assert json.loads(stored_docs(tmp_path / "ix")["gen-00001"]["extra"]) == {"lang": "ar", "views": 12}


def test_drop_lines_removes_boilerplate_from_the_index(tmp_path, fixture_article):
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": "albayan", "body": fixture_article}])
    import_jsonl(tmp_path / "ix", src, drop=LineFilter(["ت + ت - الحجم الطبيعي", "/اضغط هنا$/"]))
    body = stored_docs(tmp_path / "ix")["albayan"]["body"]
    assert "الحجم الطبيعي" not in body and body.startswith("أميركا تدعم البيشمركة")


def test_version_mismatch_refuses_to_write(tmp_path):
    ix = tmp_path / "ix"
    import_jsonl(ix, write_jsonl(tmp_path / "a.jsonl", [article(1)]))
    meta = json.loads((ix / store.META_FILE).read_text())
    (ix / store.META_FILE).write_text(json.dumps({**meta, "analyzer_version": "old-0"}))
    with pytest.raises(IndexVersionError, match="analyzer_version='old-0'.*Re-index"):
        import_jsonl(ix, write_jsonl(tmp_path / "b.jsonl", [article(2)]))
