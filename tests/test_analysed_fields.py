"""An import hands Whoosh each text field's terms (``indexer.documents.analysed``) instead of its
text: the index must be the one the schema's analyzer chains write, posting for posting."""

from __future__ import annotations

import json

from indexer.documents import analysed, to_fields
from indexer.sources import validate
from indexer.store import create_or_open

# Texts where the chains do something unusual to tokens or positions: a tatweel dash (a token of
# marks only, dropped with its position), a ligature (one token, four words), a number glued to a
# letter, Uthmani script, a madda word beside a stop word, Latin, an empty title, a long body.
EDGES = [
    {"id": "edge-1", "title": "عيد الفطر ـ المبارك", "body": "أول أيام عيد الفطر المبارك ـ بمشيئة الله ﷺ و2015م"},
    {"id": "edge-2", "title": "", "body": "قَالَ يَـٰقَوْمِ ٱلصَّلَوٰةِ آلية إليه Café COVID ـــ ً في"},
    {"id": "edge-3", "title": "تقرير طويل", "body": " ".join(["وزارة الصحة تعلن ـ أرقاما جديدة."] * 4000)},
]


def _records(sample_path) -> list[dict]:
    lines = sample_path.read_text(encoding="utf-8").splitlines()
    return [validate(r) for r in [*map(json.loads, lines), *EDGES]]


def _write(path, records: list[dict], road) -> None:
    ix = create_or_open(path)
    with ix.writer() as w:
        for record in records:
            w.add_document(**road(to_fields(record)))


def _contents(path) -> dict:
    """Every posting (with its positions where the field keeps them), field length and stored
    field of the index."""
    ix = create_or_open(path)
    with ix.reader() as r:
        postings = {}
        for field, term in r.all_terms():
            m = r.postings(field, term)
            kind = "positions" if m.supports("positions") else "frequency"
            postings[(field, term)] = list(m.items_as(kind))
        lengths = {(n, f): r.doc_field_length(n, f) for n in r.all_doc_ids() for f in r.schema.scorable_names()}
        stored = list(r.all_stored_fields())
    return {"postings": postings, "lengths": lengths, "stored": stored}


def test_the_analysed_road_writes_the_index_the_chains_write(tmp_path, sample_path):
    records = _records(sample_path)
    _write(tmp_path / "chains", records, lambda fields: fields)
    _write(tmp_path / "analysed", records, analysed)
    chains, road = _contents(tmp_path / "chains"), _contents(tmp_path / "analysed")
    assert road["postings"].keys() == chains["postings"].keys()
    assert road == chains
    # the dash takes no position: «الفطر المبارك» is a phrase of the title, «المبارك بمشيءه» of the body
    edge = next(n for n, fields in enumerate(road["stored"]) if fields["id"] == "edge-1")

    def positions(field: str, term: str) -> list[int]:
        return [list(pos) for doc, pos in road["postings"][(field, term.encode())] if doc == edge][0]

    assert (positions("title_exact", "الفطر"), positions("title_exact", "المبارك")) == ([1], [2])
    assert positions("body_exact", "المبارك") == [4] and positions("body_exact", "بمشيءه") == [5]
