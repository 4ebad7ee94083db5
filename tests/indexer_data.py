"""Generated Arabic articles for the indexer tests (deterministic, short, so indexing is quick)."""

from __future__ import annotations

import json
import pathlib
import random

WORDS = (
    "وزارة الصحة تعلن عن خطة جديدة لمكافحة الأمراض في المدارس والمستشفيات وقال الوزير إن "
    "المملكة تدعم الاقتصاد الوطني عبر مشاريع الطاقة والنقل والتعليم في الرياض وجدة والدمام "
    "ويشارك المنتخب في البطولة الآسيوية بعد فوزه على الفريق الياباني بهدفين نظيفين"
).split()
SECTIONS = ("سياسة", "اقتصاد", "رياضة", "ثقافة", "صحة", "تقنية")


def article(i: int, rng: random.Random | None = None) -> dict:
    rng = rng or random.Random(i)
    return {
        "id": f"gen-{i:05d}",
        "title": " ".join(rng.choices(WORDS, k=6)) + f" {i}",
        "body": " ".join(rng.choices(WORDS, k=40)),
        "date": f"20{10 + i % 8:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00",
        "section": SECTIONS[i % len(SECTIONS)],
        "source": f"source-{i % 5}",
        "tags": ["عاجل", SECTIONS[i % 3]],
    }


def write_jsonl(path: pathlib.Path, records) -> pathlib.Path:
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def stored_docs(index_dir) -> dict[str, dict]:
    """Every live stored document of an index, by id (fails if an id appears twice)."""
    from indexer.store import open_index

    ix = open_index(index_dir)
    try:
        with ix.searcher() as s:
            docs = list(s.reader().all_stored_fields())
    finally:
        ix.close()
    by_id = {d["id"]: d for d in docs}
    assert len(by_id) == len(docs), "an id is in the index twice"
    return by_id
