"""Reading and validating source records: every rejection reason, every format (no index needed)."""

from __future__ import annotations

import gzip
import io
import json
import os
from datetime import datetime, timedelta, timezone

import pytest

from indexer.sources import (
    Invalid,
    LineFilter,
    SourceError,
    check_source,
    read_jsonl,
    read_source,
    validate,
)

GOOD = {"id": "a1", "title": "وزارة الصحة تعلن", "body": "نص الخبر"}


def reason_of(record) -> str:
    with pytest.raises(Invalid) as err:
        validate(record)
    return str(err.value)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"title": "عنوان"}, "missing id"),
        ({"id": "", "title": "عنوان"}, "empty id"),
        ({"id": "   ", "title": "عنوان"}, "empty id"),
        ({"id": 17, "title": "عنوان"}, "id must be a string, got a number"),
        ({"id": "x", "title": "", "body": "  "}, "no title and no body"),
        ({"id": "x"}, "no title and no body"),
        ({"id": "x", "title": 12}, "title must be a string, got a number"),
        ({"id": "x", "title": "t", "body": ["a"]}, "body must be a string, got a list"),
        ({"id": "x", "title": "t", "section": {"a": 1}}, "section must be a string, got an object"),
        ({"id": "x", "title": "t", "tags": 5}, "tags must be a list of strings or a comma-separated string"),
        ({"id": "x", "title": "t", "tags": ["ok", 3]}, "tags must be a list of strings"),
        ({"id": "x", "title": "t", "date": "21/07/2015"}, "date does not parse as ISO 8601: '21/07/2015'"),
        ({"id": "x", "title": "t", "date": "2015-13-40"}, "date does not parse as ISO 8601"),
        ({"id": "x", "title": "t", "date": 2015}, "date must be an ISO 8601 string, got a number"),
        (["not", "an", "object"], "a record must be a JSON object, got a list"),
    ],
)
def test_each_rejection_reason(record, reason):
    assert reason in reason_of(record)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-07-21", datetime(2015, 7, 21)),
        ("2015-07-21T18:01:03", datetime(2015, 7, 21, 18, 1, 3)),
        ("2015-07-21T18:01:03Z", datetime(2015, 7, 21, 18, 1, 3, tzinfo=timezone.utc)),
        ("2015-07-21T18:01:03+03:00", datetime(2015, 7, 21, 18, 1, 3, tzinfo=timezone(timedelta(hours=3)))),
        ("", None),
        (None, None),
    ],
)
def test_iso_dates_with_and_without_timezone(text, expected):
    assert validate({**GOOD, "date": text})["date"] == expected


def test_tags_list_or_comma_string():
    assert validate({**GOOD, "tags": "صحة, كورونا ,,"})["tags"] == ["صحة", "كورونا"]
    assert validate({**GOOD, "tags": ["صحة", " وزارة "]})["tags"] == ["صحة", "وزارة"]
    assert validate(GOOD)["tags"] == []


def test_unknown_fields_are_kept_and_id_stripped():
    record = validate({**GOOD, "id": " a1 ", "lang": "ar", "views": 3})
    assert record["id"] == "a1"
    assert record["lang"] == "ar" and record["views"] == 3


def test_title_alone_or_body_alone_is_enough():
    assert validate({"id": "x", "title": "عنوان"})["body"] == ""
    assert validate({"id": "x", "body": "نص"})["title"] == ""


def test_jsonl_broken_line_and_bad_encoding_do_not_stop_reading():
    data = b"\n".join([
        json.dumps(GOOD).encode(),
        b'{"id": "b", "title": ',
        b'{"id": "c", "title": "\xff\xfe bad"}',
        b"",
        json.dumps({**GOOD, "id": "d"}, ensure_ascii=False).encode(),
    ])
    items = list(read_jsonl(io.BytesIO(data), "s.jsonl"))
    assert [(i.line, i.error is None) for i in items] == [(1, True), (2, False), (3, False), (5, True)]
    assert items[1].error.startswith("broken JSON")
    assert items[2].error.startswith("bad encoding: invalid UTF-8")
    assert "bad" in items[2].record  # the raw line, decoded with replacement characters


def test_jsonl_byte_order_mark_is_ignored():
    items = list(read_jsonl(io.BytesIO(b"\xef\xbb\xbf" + json.dumps(GOOD).encode()), "s"))
    assert items[0].record["id"] == "a1"


def test_gzip_jsonl(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({**GOOD, "id": f"g{i}"}, ensure_ascii=False) + "\n")
    assert [i.record["id"] for i in read_source(str(path))] == ["g0", "g1", "g2"]


def test_a_truncated_gzip_gives_its_readable_records_then_one_reject_for_the_rest(tmp_path):
    """It stopped the import with an error and no summary, its last batch lost (the third probe):
    a damaged file in a folder is a reject and the import goes on, so this is too."""
    path = tmp_path / "a.jsonl.gz"
    whole = gzip.compress(("\n".join(json.dumps({**GOOD, "id": str(i)}) for i in range(2000))).encode())
    path.write_bytes(whole[: len(whole) // 2])
    items = list(read_source(str(path)))
    *records, broken = items
    assert records and all(i.error is None for i in records) and [i.record["id"] for i in records[:2]] == ["0", "1"]
    assert broken.error.startswith(f"the gzip stream is corrupt or truncated after line {len(records)}")
    assert broken.line == len(records) + 1 and "the rest of the file could not be read" in broken.error


def test_a_csv_header_naming_a_column_twice_is_refused(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,title,body,id,notes\nx1,t,b,x2,\n", encoding="utf-8")
    with pytest.raises(SourceError, match="names id more than once"):
        list(read_source(str(path)))


def test_csv_arabic_values_and_quoted_newlines(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        "id,title,body,section,tags,date\n"
        'c1,الرياض تستضيف المعرض,"السطر الأول\nالسطر الثاني, مع فاصلة",ثقافة,"كتب,معارض",2016-03-01\n'
        "c2,عنوان ثان,نص,اقتصاد,,\n",
        encoding="utf-8",
    )
    items = list(read_source(str(path)))
    assert [i.line for i in items] == [2, 4]
    first = validate(items[0].record)
    assert first["body"] == "السطر الأول\nالسطر الثاني, مع فاصلة"
    assert first["section"] == "ثقافة" and first["tags"] == ["كتب", "معارض"]
    assert validate(items[1].record)["date"] is None


def test_csv_bad_encoding_and_wrong_column_count_are_rejected_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(
        "id,title\nc1,جيد\n".encode() + b"c2,\xff\xfe\n" + "c3,a,b\nc4,جيد أيضا\n".encode()
    )
    items = list(read_source(str(path)))
    assert [(i.line, i.error) for i in items] == [
        (2, None),
        (3, "bad encoding: invalid UTF-8"),
        (4, "wrong number of columns: 3, the header has 2"),
        (5, None),
    ]


def test_csv_without_id_column_is_unusable(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("title,body\nx,y\n", encoding="utf-8")
    with pytest.raises(SourceError, match="no 'id' column"):
        list(read_source(str(path)))


def test_folder_of_json_and_txt(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.json").write_text(json.dumps({**GOOD, "id": "j1"}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{**GOOD, "id": "j2"}, {"id": "j3", "title": "t"}]), encoding="utf-8")
    (tmp_path / "sub" / "article-9.txt").write_text("\n\n  العنوان هنا  \nالفقرة الأولى\n\nالفقرة الثانية\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"id": ', encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("titre\ncorps é".encode("latin-1"))
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = {(i.source.rsplit("/", 1)[-1], i.line): i for i in read_source(str(tmp_path))}
    assert set(items) == {("one.json", 1), ("many.json", 1), ("many.json", 2), ("article-9.txt", 1),
                          ("broken.json", 1), ("latin1.txt", 1)}
    txt = items[("article-9.txt", 1)].record
    assert txt == {"id": "article-9", "title": "العنوان هنا", "body": "الفقرة الأولى\n\nالفقرة الثانية"}
    assert items[("broken.json", 1)].error.startswith("broken JSON")
    assert items[("latin1.txt", 1)].error.startswith("bad encoding")


def test_missing_file_and_unknown_format_are_unusable(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        check_source(str(tmp_path / "nope.jsonl"))
    (tmp_path / "a.xml").write_text("<a/>")
    with pytest.raises(SourceError, match="unknown format"):
        check_source(str(tmp_path / "a.xml"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError, match="no .json, .txt, .jsonl, .jsonl.gz or .csv files"):
        list(read_source(str(tmp_path / "empty")))


def test_a_folder_reads_every_format_below_it(tmp_path):
    """A dump folder holds JSON Lines (gzipped or not) and CSV beside .json and .txt files: all are
    read, in path order; a file that cannot be opened is a reject and the folder goes on."""
    (tmp_path / "2015").mkdir()
    (tmp_path / "2015" / "day1.jsonl").write_text('{"id": "a1", "title": "خبر"}\n{"id": "a2", "body": "نص"}\n',
                                                  encoding="utf-8")
    with gzip.open(tmp_path / "2015" / "day2.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write('{"id": "b1", "title": "خبر آخر"}\n')
    (tmp_path / "extra.csv").write_text("id,title\nc1,عنوان\n", encoding="utf-8")
    (tmp_path / "one.json").write_text('{"id": "d1", "title": "عنوان"}', encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a source")
    (tmp_path / "bad.csv").write_text("title,title\nx,y\n", encoding="utf-8")
    locked = tmp_path / "locked.jsonl"
    locked.write_text('{"id": "e1", "title": "x"}\n')
    locked.chmod(0)
    try:
        items = list(read_source(str(tmp_path)))
    finally:
        locked.chmod(0o644)
    ids = [i.record["id"] for i in items if i.error is None]
    if os.geteuid() != 0:  # root reads a file whatever its mode
        assert [i.source.rsplit("/", 1)[-1] for i in items if i.error] == ["bad.csv", "locked.jsonl"]
        assert ids == ["a1", "a2", "b1", "c1", "d1"]
    else:
        assert ids == ["a1", "a2", "b1", "c1", "e1", "d1"]
    assert next(i.error for i in items if i.source.endswith("bad.csv")).startswith("the CSV header has no 'id'")


def test_drop_lines_exact_and_regex(fixture_article):
    drop = LineFilter(["# boilerplate of albayan.ae", "ت + ت - الحجم الطبيعي", "/اضغط هنا$/", "/^Email$/"])
    cleaned = drop.clean(fixture_article)
    assert "الحجم الطبيعي" not in cleaned and "اضغط هنا" not in cleaned
    assert not cleaned.rstrip().endswith("Email")
    assert "اقتحمت القوات العراقية مركز مدينة القيارة" in cleaned
    # Lines are dropped only when opted in.
    assert "ت + ت - الحجم الطبيعي" in validate({"id": "x", "body": fixture_article})["body"]


def test_drop_lines_can_empty_a_record():
    drop = LineFilter(["اضغط هنا"])
    with pytest.raises(Invalid, match="no title and no body"):
        validate({"id": "x", "body": " اضغط هنا \n"}, drop)


def test_bad_regex_is_a_source_error():
    with pytest.raises(SourceError, match="bad pattern"):
        LineFilter(["/(unclosed/"])
