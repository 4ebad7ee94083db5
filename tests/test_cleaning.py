"""Text cleaned at import (indexer/cleaning.py): entities decoded, tags stripped where a field holds
HTML, white space normalised — unit by unit, through an import and the API, and over the real corpus."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from support.articles import engine_at, import_jsonl, write_jsonl

from indexer.cleaning import _OTHER_SPACE, clean_line, clean_text, holds_html, strip_html
from indexer.sources import Invalid, validate
from search import SearchRequest

ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


@pytest.mark.parametrize("text, expected", [
    ("<p>خبر</p>", True), ("نص<br/>نص", True), ("<!-- تعليق --> خبر", True),
    ('<a href="https://x.org">رابط</a>', True), ("<SCRIPT>x</SCRIPT>", True),
    ("س < 5 و ص > 3", False), ("<5 دقائق>", False), ("<الوزير>", False), ("x&gt;y", False),
])  # fmt: skip
def test_only_a_field_with_html_elements_holds_html(text, expected):
    assert holds_html(text) is expected


def test_strip_html_keeps_text_and_paragraphs_drops_hidden_content():
    html = "<div><p>وزير &quot;الصحة&quot;</p><p>سطر<br>آخر &amp; <b>مهم</b></p></div><script>alert(1)</script><style>p{}</style>"
    assert clean_text(html) == 'وزير "الصحة"\n\nسطر\nآخر & مهم'
    assert "alert" not in strip_html(html) and "{}" not in strip_html(html)


def test_entities_are_decoded_in_plain_text_and_its_angle_brackets_kept():
    assert clean_line("الملك &quot;سلمان&quot; &#8220;يستقبل&#8221; &#39;الوفد&#39;") == "الملك \"سلمان\" “يستقبل” 'الوفد'"
    assert clean_line("س < 5 &amp; ص > 3") == "س < 5 & ص > 3"


def test_white_space_is_normalised_and_joiners_kept():
    assert clean_line("  سارة&nbsp;العتيبي\u200f \t") == "سارة العتيبي"
    assert clean_line("عنوان\nعلى سطرين") == "عنوان على سطرين"
    assert clean_line("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ belongs inside the word
    assert clean_text("  فقرة   أولى \r\n\r\n\r\n\r\n فقرة\u00a0ثانية  ") == "فقرة أولى\n\nفقرة ثانية"


@pytest.mark.parametrize("text", [
    "أ  ب\t\tج\u00a0د\u2003هـ \u3000و\x0bز \n  ح  \n\n\n\n ط\u2028ي ",
    " وزير   الصحة\u200c قال \u0085 \x1c نعم\n\u00a0\n\u00a0\u00a0\nخبر ",
])
def test_white_space_runs_collapse_as_line_by_line(text):
    """Runs of horizontal white space become one space per run whichever characters they hold,
    single plain spaces included (the pattern skips those as already clean), then each line is
    trimmed: the result of collapsing every run line by line."""
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in text.split("\n")]
    assert clean_text(text) == re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def test_the_other_white_space_is_every_space_character_but_a_plain_space_and_a_line_break():
    """A body without these skips the collapsing: they must be all of Python's white space (what
    ``\\s`` matches), or one added by a new Unicode would be left in the text."""
    other = {chr(c) for c in range(0x110000) if chr(c).isspace()} - {" ", "\n"}
    assert {chr(c) for c in range(0x110000) if _OTHER_SPACE.fullmatch(chr(c))} == other
    assert {chr(c) for c in range(0x110000) if re.fullmatch(r"[^\S\n ]", chr(c))} == other


def test_validate_cleans_every_text_field_but_the_id_and_the_url():
    record = validate({
        "id": "a&amp;b", "title": "&quot;أرامكو&quot; تعلن", "body": "<p>نص</p><p>آخر</p>",
        "author": "محمد&nbsp;&nbsp;القحطاني&rlm;", "source": " عكاظ ", "section": "اقتصاد&nbsp;",
        "url": "https://x.org/?a=1&amp;b=2", "tags": ["&quot;نفط&quot;", "&nbsp;"],
    })  # fmt: skip
    assert record["id"] == "a&amp;b" and record["url"] == "https://x.org/?a=1&amp;b=2"
    assert record["title"] == '"أرامكو" تعلن' and record["body"] == "نص\n\nآخر"
    assert (record["author"], record["source"], record["section"]) == ("محمد القحطاني", "عكاظ", "اقتصاد")
    assert record["tags"] == ['"نفط"']


def test_a_record_that_is_only_markup_is_rejected_with_the_reason():
    with pytest.raises(ValueError, match="no title and no body"):
        validate({"id": "x", "title": "&nbsp;", "body": "<script>alert(1)</script>"})


def test_an_imported_archive_is_searched_and_faceted_clean(tmp_path):
    records = [
        {"id": f"n{i}", "title": f"&quot;أرامكو&quot; ترفع أسعار النفط {i}",
         "body": f"<p>قالت الشركة&nbsp;إن الأسعار</p><p>ترتفع <b>اليوم</b> {i}</p>",
         "author": "سارة&nbsp;العتيبي" if i % 2 else "سارة العتيبي ", "date": "2015-07-21"}
        for i in range(4)
    ]  # fmt: skip
    summary, rejects = import_jsonl(tmp_path / "index", write_jsonl(tmp_path / "a.jsonl", records))
    assert not rejects
    engine = engine_at(tmp_path / "index")
    try:
        result = engine.search(SearchRequest(q="أرامكو"))
        assert result.total == 4
        assert all(h.title.startswith('"أرامكو"') and "&quot;" not in h.title_html.replace("&#34;", "") for h in result.hits)
        assert [(v.value, v.count) for v in result.facets["author"]] == [("سارة العتيبي", 4)]
        assert engine.search(SearchRequest(q="quot")).total == 0 and engine.search(SearchRequest(q="nbsp")).total == 0
        assert engine.document("n1").body == "قالت الشركة إن الأسعار\n\nترتفع اليوم 1"
    finally:
        engine.close()


def test_no_title_or_author_of_the_real_corpus_keeps_an_entity(corpus_path):
    kept = []
    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        for line in f:
            try:
                record = validate(json.loads(line))
            except Invalid:  # the corpus's 57 empty records: rejected as they always were
                continue
            kept += [(record["id"], record[k]) for k in ("title", "author", "body") if ENTITY.search(record[k])]
    assert kept == []
