"""Facet values typed in the query language (search/keywords.py): a value is found by its words
folded or stemmed, whole or in a row, and by its label (search/labels.py); through the engine, the
API and the CLI."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner
from support.articles import engine_at, index_records

from fahras.cli import main
from search import SearchRequest, SettingsError, keywords
from search.keywords import FieldValues, keyword_value, named
from search.labels import Labels
from web import create_app

PAPERS = [keyword_value(v, label) for v, label in (
    ("صحيفة الأفق", None), ("الوطن اليوم", None), ("alyaum", "اليوم"), ("3alyoum", "عين اليوم"),
    ("okaz", "عكاظ"), ("أخبار الخليج الرقمية", None),
)]  # fmt: skip


@pytest.mark.parametrize("typed, values", [
    ("الأفق", ["صحيفة الأفق"]), ("الافق", ["صحيفة الأفق"]), ("أفق", ["صحيفة الأفق"]),
    ("صحيفة الأفق", ["صحيفة الأفق"]), ("عكاظ", ["okaz"]), ("OKAZ", ["okaz"]), ("okaz", ["okaz"]),
    ("اليوم", ["alyaum"]),  # named whole: not every paper with اليوم in its name
    ("عين اليوم", ["3alyoum"]), ("الخليج", ["أخبار الخليج الرقمية"]), ("الرياض", []),
])  # fmt: skip
def test_a_typed_value_names_the_stored_values(typed, values):
    assert named(typed, PAPERS) == values


def test_a_fields_values_keep_their_stems_and_what_each_typed_value_named(monkeypatch):
    """A short typed value is in nearly every value's folded words, so it stems nearly every
    value: once per index version, not once per repeat (64 repeats of كاتب:ال held a worker 15 s)."""
    # More values than a shared cache of texts keeps (4,096), as the 31k archive's 7,963 authors.
    # (none a form of مد itself: بمد is ب + مد, مدت its past, words the news writes)
    letters = "بتجدرسعفقكمن"
    tribes = [t for t in (a + b + c for a in letters for b in letters for c in letters)
              if keywords.terms("text", t) != ["مد"]][:1100]
    authors = [keyword_value(f"{name} آل {tribe}") for name in ("محمد", "سعيد", "علي", "حسن")
               for tribe in ("الشيخ", *tribes)]
    # مد is in the folded words of every محمد (a stem's letters there): those 1,101 are stemmed
    expected = {typed: named(typed, authors) for typed in ("مد", "آل الشيخ", "سعيد")}
    assert expected["مد"] == [] and len(expected["آل الشيخ"]) == 4 and len(expected["سعيد"]) == 1101
    values = FieldValues(authors)
    analysed = []
    real = keywords.terms
    monkeypatch.setattr(keywords, "terms", lambda kind, text: analysed.append(text) or real(kind, text))
    assert values.named("مد") == []
    assert len({t for t in analysed if "محمد" in t}) == 1101  # the values it might name, stemmed
    analysed.clear()
    for _ in range(64):
        assert values.named("مد") == []
    assert values.named("آل الشيخ") == expected["آل الشيخ"] and values.named("سعيد") == expected["سعيد"]
    # the new typed values analysed, and the values not stemmed before; no محمد again
    assert "مد" not in analysed and not [t for t in analysed if "محمد" in t]


def test_a_typed_value_longer_than_every_name_names_none_unstemmed(monkeypatch):
    """600 words (كاتب:"ال ال …") once had each stored value searched for each of them: 2 s a
    resolve past the time limit. No name has that many words: none is looked at."""
    analysed = []
    real = keywords.terms
    monkeypatch.setattr(keywords, "terms", lambda kind, text: analysed.append(text) or real(kind, text))
    assert named(" ".join(["ال"] * 600) + " الخليج", PAPERS) == []
    assert len(analysed) == 1  # the typed value's folded words, nothing else
    assert named("أخبار الخليج الرقمية", PAPERS) == ["أخبار الخليج الرقمية"]  # as long as the longest


def test_labels_load_and_refuse_a_bad_file(tmp_path):
    good = tmp_path / "labels.json"
    good.write_text(json.dumps({"source": {"okaz": "عكاظ"}}, ensure_ascii=False), encoding="utf-8")
    labels = Labels.load(str(good))
    assert labels.display("source", "okaz") == "عكاظ" and labels.display("source", "sabq") == "sabq"
    assert Labels.load("").label("source", "okaz") is None
    (tmp_path / "bad.json").write_text('{"source": ["okaz"]}', encoding="utf-8")
    for path in (tmp_path / "bad.json", tmp_path / "missing.json"):
        with pytest.raises(SettingsError, match="FAHRAS_LABELS"):
            Labels.load(str(path))


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("keywords")
    records = [
        {"id": f"{source}-{i}", "title": f"خبر عن الاقتصاد {i}", "body": "نص الخبر عن الاقتصاد والأسواق",
         "source": source, "section": section, "author": author, "tags": ["معرض الكتاب", "الرياض"],
         "date": datetime(2015, 7, 1 + i)}
        for i, (source, section, author) in enumerate([
            ("okaz", "اقتصاد", "سارة العتيبي"), ("okaz", "رياضة", "محمد القحطاني"),
            ("صحيفة الأفق", "اقتصاد", "أحمد فؤاد"), ("alyaum", "ثقافة", "سارة العتيبي")])
    ]  # fmt: skip
    index_records(root / "index", records)
    labels = root / "labels.json"
    labels.write_text(json.dumps({"source": {"okaz": "عكاظ", "alyaum": "اليوم"}}, ensure_ascii=False), encoding="utf-8")
    return root / "index", labels


@pytest.mark.parametrize("q, ids", [
    ("مصدر:عكاظ", {"okaz-0", "okaz-1"}), ("source:okaz", {"okaz-0", "okaz-1"}), ("مصدر:الافق", {"صحيفة الأفق-2"}),
    ('المصدر:"صحيفة الأفق"', {"صحيفة الأفق-2"}), ("مصدر:اليوم", {"alyaum-3"}), ("كاتب:سارة", {"okaz-0", "alyaum-3"}),
    ("كاتب:احمد", {"صحيفة الأفق-2"}), ("قسم:الرياضة", {"okaz-1"}), ("وسم:معرض", {"okaz-0", "okaz-1", "صحيفة الأفق-2", "alyaum-3"}),
    ("الاقتصاد -مصدر:عكاظ", {"صحيفة الأفق-2", "alyaum-3"}), ("مصدر:عكاظ OR مصدر:اليوم", {"okaz-0", "okaz-1", "alyaum-3"}),
    ("مصدر:الجزيرة", set()),
])  # fmt: skip
def test_the_engine_finds_a_facet_value_by_its_name_or_label(archive, q, ids):
    index, labels = archive
    engine = engine_at(index, labels=str(labels))
    try:
        assert {h.id for h in engine.search(SearchRequest(q=q, per_page=50)).hits} == ids
    finally:
        engine.close()


def test_the_api_and_the_cli_read_the_labels_from_the_configuration(archive, monkeypatch):
    index, labels = archive
    client = create_app({"FAHRAS_INDEX": str(index), "FAHRAS_LABELS": str(labels)}).test_client()
    body = client.get("/api/v1/search", query_string={"q": "مصدر:عكاظ"}).get_json()
    assert body["total"] == 2 and {h["source"] for h in body["hits"]} == {"okaz"}
    monkeypatch.setenv("FAHRAS_LABELS", str(labels))
    out = CliRunner().invoke(main, ["search", "مصدر:عكاظ", "--json", "--index", str(index)])
    assert json.loads(out.output)["total"] == 2


def test_an_index_carries_its_own_labels_file(archive, tmp_path):
    """``fahras serve --index DIR`` with no FAHRAS_LABELS reads DIR/fahras-labels.json (the probe
    served the real corpus and saw slugs, and مصدر:عكاظ found nothing); the setting still wins."""
    import shutil

    from search.labels import BESIDE

    index, labels = archive
    own = tmp_path / "index"
    shutil.copytree(index, own)
    unlabelled = engine_at(own)
    try:
        assert unlabelled.search(SearchRequest(q="مصدر:عكاظ")).total == 0
    finally:
        unlabelled.close()
    shutil.copy(labels, own / BESIDE)
    client = create_app({"FAHRAS_INDEX": str(own)}).test_client()
    body = client.get("/api/v1/search", query_string={"q": "مصدر:عكاظ"}).get_json()
    assert body["total"] == 2 and {v["label"] for v in body["facets"]["source"]} == {"عكاظ"}
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"source": {"okaz": "صحيفة عكاظ"}}, ensure_ascii=False), encoding="utf-8")
    configured = create_app({"FAHRAS_INDEX": str(own), "FAHRAS_LABELS": str(other)}).test_client()
    body = configured.get("/api/v1/search", query_string={"q": "الاقتصاد"}).get_json()
    assert {v["value"]: v["label"] for v in body["facets"]["source"]}["okaz"] == "صحيفة عكاظ"


def test_facet_values_and_hits_show_their_labels(archive):
    index, labels = archive
    client = create_app({"FAHRAS_INDEX": str(index), "FAHRAS_LABELS": str(labels)}).test_client()
    body = client.get("/api/v1/search", query_string={"q": "الاقتصاد"}).get_json()
    by_value = {v["value"]: v["label"] for v in body["facets"]["source"]}
    assert by_value == {"okaz": "عكاظ", "alyaum": "اليوم", "صحيفة الأفق": None}
    html = client.get("/search", query_string={"q": "الاقتصاد"}).get_data(as_text=True)
    assert '<bdi class="facet-value">عكاظ</bdi>' in html and '<bdi class="facet-value">okaz</bdi>' not in html
    assert '<bdi class="hit-source">عكاظ</bdi>' in html and "source=okaz" in html  # the filter keeps the value
    doc = client.get("/documents/okaz-0").get_data(as_text=True)
    assert '<bdi class="hit-source">عكاظ</bdi>' in doc


def test_the_shipped_labels_name_every_source_of_the_real_corpus(corpus_path):
    import gzip
    import pathlib

    shipped = Labels.load(str(pathlib.Path(__file__).resolve().parent.parent / "data" / "labels" / "saudinewsnet.json"))
    with gzip.open(corpus_path, "rt", encoding="utf-8") as f:
        sources = {json.loads(line).get("source") for line in f}
    assert all(shipped.label("source", s) for s in sources if s), sorted(s for s in sources if not shipped.label("source", s))
