"""The cluster's vocabulary from ``indextool --dumpdict --stats`` listings (no searchd needed)."""

from __future__ import annotations

import sqlite3

from search.sphinx_backend import tokens, vocabulary

HEAD = ("Sphinx 2.2.11-id64-release (95ae9a6)\nusing config file 'x.conf'...\ndumping dictionary for index "
        "'main'...\ntotal-documents: {docs}\nkeyword,docs,hits,offset\n")


def _dump(path, docs: int, rows: list[tuple[str, int, int]]):
    path.write_text(HEAD.format(docs=docs) + "".join(f"{k},{d},{h},{i * 97}\n" for i, (k, d, h) in enumerate(rows)),
                    encoding="utf-8")
    return path


def test_counts_are_summed_over_shards_by_kind_and_term(tmp_path):
    shard0 = _dump(tmp_path / "s0.dict", 30, [
        ("1,5", 2, 3),  # a comma inside a keyword: the counts are the last three columns
        ("كتاب", 4, 9), (tokens.EXACT + "كتاب", 3, 4), (tokens.ROOT + "كتب", 7, 20),
        (tokens.TITLE_FORM + "الكتاب", 1, 1), (tokens.META + "all", 30, 30), ("كت" + tokens.LONG + "ab", 1, 1),
    ])
    shard1 = _dump(tmp_path / "s1.dict", 12, [("كتاب", 5, 6), (tokens.ROOT + "كتب", 1, 2), ("مدرسة", 2, 2)])
    vocabulary.rebuild(tmp_path, [shard0, shard1])
    db = sqlite3.connect(tmp_path / vocabulary.FILE)
    try:
        assert db.execute("SELECT * FROM terms ORDER BY kind, term").fetchall() == [
            ("exact", "كتاب", 3, 4), ("roots", "كتب", 8, 22), ("text", "1,5", 2, 3), ("text", "كتاب", 9, 15),
            ("text", "مدرسة", 2, 2), ("title", "الكتاب", 1, 1)]
        assert db.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone() == (42,)
    finally:
        db.close()
    voc = vocabulary.Vocabulary(tmp_path)
    try:
        assert voc.doc_frequency("text", "كتاب") == 9 and voc.frequency("roots", "كتب") == 22
        assert list(voc.expand_prefix("text", "ك")) == ["كتاب"]
    finally:
        voc.close()
