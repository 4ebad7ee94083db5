"""Articles the tests index: generated ones (deterministic, short, so indexing is quick) and
:data:`DOCS`, the ten small articles the engine, query, facet and CLI tests search."""

from __future__ import annotations

import json
import pathlib
import random
from datetime import datetime

from indexer.documents import to_fields
from indexer.importer import Summary, import_records
from indexer.sources import Reject, read_source
from indexer.store import create_or_open, open_index
from indexer.stories import Stories, index_stories
from search import EngineSettings, SearchEngine, open_engine

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


def import_jsonl(index_dir, path, **kwargs) -> tuple[Summary, list[Reject]]:
    """Import the JSON Lines file ``path`` as ``fahras index`` does: (summary, rejects)."""
    rejects: list[Reject] = []
    summary = import_records(index_dir, read_source(str(path)), on_reject=rejects.append, **kwargs)
    return summary, rejects


def stored_docs(index_dir) -> dict[str, dict]:
    """Every live stored document of an index, by id (fails if an id appears twice)."""
    ix = open_index(index_dir)
    try:
        with ix.searcher() as s:
            docs = list(s.reader().all_stored_fields())
    finally:
        ix.close()
    by_id = {d["id"]: d for d in docs}
    assert len(by_id) == len(docs), "an id is in the index twice"
    return by_id


# (id, title, body, section, source, day)
DOCS = [
    ("d01", "وزارة الصحة تفتتح مستشفى جديدا", "افتتحت وزارة الصحة مستشفى الملك فهد في جدة بحضور الوزير.", "health", "okaz", "2015-07-21"),
    ("d02", "الوزارات تعلن خططها", "أعلنت الوزارات الحكومية خططها للعام المقبل وتشمل الوزارات الخدمية.", "politics", "alriyadh", "2015-07-22"),
    ("d03", "نادي الهلال يفوز", "فاز نادي الهلال على النصر في مباراة الدوري بهدفين.", "sport", "alriyadh", "2015-08-01"),
    ("d04", "أسعار الذهب ترتفع", "ارتفعت أسعار الذهب في الأسواق العالمية اليوم.", "economy", "aleqtisadiya", "2015-08-02"),
    ("d05", "قناة السويس الجديدة", "افتتحت مصر قناة السويس الجديدة في احتفال كبير.", "world", "aawsat", "2015-08-06"),
    ("d06", "الهلال والنصر في الكأس", "يلتقي الهلال والنصر في نهائي الكأس.", "sport", "okaz", "2015-08-03"),
    ("d07", "مستشفيات جدة", "تعاني مستشفيات جدة من نقص الأسرة وقالت الصحة إنها تعمل على الحل.", "health", "alwatan", "2015-07-25"),
    ("d08", "وزارة التعليم والكتاب المدرسي", "وزعت وزارة التعليم الكتاب المدرسي وبالكتاب الجديد دروس كثيرة.", "education", "alwatan", "2015-07-30"),
    ("d09", "الذهب والنفط", "تراجع النفط بينما استقر الذهب.", "economy", "alriyadh", "2015-07-23"),
    ("d10", "<script>alert(1)</script> خبر", "نص فيه <b>وسوم</b> و<script>alert('x')</script> مستشفى", "world", "sabq", "2015-07-24"),
]  # fmt: skip


def write_index(path, docs=DOCS, **writer_options) -> pathlib.Path:
    """Add (or replace) ``docs`` in the index at ``path``, creating it, in one commit
    (``writer_options``: Whoosh's, e.g. the importer's plain segment files)."""
    ix = create_or_open(path)
    with ix.writer(**writer_options) as w:
        for doc_id, title, body, section, source, day in docs:
            record = {
                "id": doc_id, "title": title, "body": body, "section": section, "source": source,
                "date": datetime.fromisoformat(day), "tags": [], "url": f"https://example.org/{doc_id}",
            }
            w.update_document(**to_fields(record))
    return pathlib.Path(path)


def index_records(path, records: list[dict]) -> pathlib.Path:
    """Add already validated records (``date`` a datetime, ``tags`` a list) in one commit, their
    stories assigned as an import assigns them."""
    ix = create_or_open(path)
    batch = [to_fields(record) for record in records]
    with ix.searcher() as searcher:
        Stories().assign(batch, index_stories(searcher))
    with ix.writer() as w:
        for fields in batch:
            w.update_document(**fields)
    return pathlib.Path(path)


def engine_at(path, **settings) -> SearchEngine:
    """The engine on the index at ``path`` (Whoosh backend), with ``EngineSettings`` overrides."""
    return open_engine(EngineSettings(index=str(path), **settings))


def name_articles() -> list[dict]:
    """14 articles: the name عبد الملك side by side in 3 (nm00, nm01, nm12 with رسائل), with a
    clitic on its head in 1 (nm02), joined in 2 (nm03, nm04); عبد and الملك apart in 3 (nm05-nm07);
    رسائل and الملك, no name, in 1 (nm13); 4 others."""
    texts = (["استقبل الامير عبد الملك الضيوف"] * 2 + ["وصل خطاب لعبد الملك امس"]
             + ["اكد عبدالملك ان الاجتماع مهم"] * 2
             + ["قال عبد الله ان الملك سلمان وصل"] * 3
             + ["افتتح معرض الكتاب في الرياض"] * 4
             + ["رسائل من عبد الملك الى الوزير", "رسائل الى الملك من المواطنين"])
    return [{"id": f"nm{i:02d}", "title": f"خبر رقم {i}", "body": text, "source": "s", "section": "news",
             "date": "2015-07-01"} for i, text in enumerate(texts)]


def head_stop_word_articles() -> list[dict]:
    """83 articles: ابو ظبي apart in 3 (ab00-ab02, one with a clitic on ابو), joined in 3
    (ab03-ab05); ابو and ظبي apart in 2 (ab06, ab07); 75 others. ابو is a stop word, in 8 of 83:
    rare enough to narrow the results (search/expansion.py, STOP_WORD_SHARE)."""
    texts = (["وصل الوفد الى ابو ظبي امس"] * 2 + ["غادر الوزير وابو ظبي تستعد"]
             + ["افتتح معرض في ابوظبي"] * 3
             + ["قال ابو محمد ان ظبي البر نادر"] * 2
             + ["افتتح معرض الكتاب في الرياض"] * 75)
    return [{"id": f"ab{i:02d}", "title": f"خبر رقم {i}", "body": text, "source": "s", "section": "news",
             "date": "2015-07-01"} for i, text in enumerate(texts)]


def particle_articles() -> list[dict]:
    """60 articles: a name led by a stop word written apart in 3 (pa00-pa02: لو دريان) and joined in
    3 (pa03-pa05: لودريان); لو in 10 others (pa06-pa15, "if": لو كان); a stop word before a word
    that lives apart (في الرياض in 4, pa16-pa19; الرياض alone in 4, pa20-pa23); 36 others."""
    texts = (["قال وزير الدفاع الفرنسي لو دريان امس"] * 3 + ["زار لودريان العاصمة امس"] * 3
             + ["لو كان الطقس جيدا لسافرنا"] * 10 + ["افتتح معرض في الرياض امس"] * 4
             + ["الرياض تستضيف مؤتمرا"] * 4 + ["افتتح معرض الكتاب بحضور الزوار"] * 36)
    return [{"id": f"pa{i:02d}", "title": f"خبر رقم {i}", "body": text, "source": "s", "section": "news",
             "date": "2015-07-01"} for i, text in enumerate(texts)]


def stop_word_articles() -> list[dict]:
    """40 articles: 3 about عين العرب (عين is a stop word, in 3 of 40), 10 with العرب alone, 27
    others; في is in all of them."""
    texts = (["اشتباكات عنيفة في مدينة عين العرب شمال سوريا"] * 3
             + ["اجتماع وزراء الخارجية العرب في القاهرة"] * 10
             + ["افتتح معرض الكتاب في الرياض بحضور الزوار"] * 27)
    return [{"id": f"sw{i:02d}", "title": f"خبر رقم {i}", "body": text, "source": "s", "section": "news",
             "date": "2015-07-01"} for i, text in enumerate(texts)]


def compound_articles() -> list[dict]:
    """16 articles: واتس اب written apart in 3 (cw00, cw01 with رسائل), joined in 3, اب (father)
    alone in 4 (cw06-cw09), رسائل alone in 2 (cw10, cw11), 4 others."""
    texts = (["رسائل عبر واتس اب بين الناس"] * 2 + ["انتشر واتس اب بين الشباب"]
             + ["انتشر تطبيق واتساب بين الشباب"] * 3
             + ["قال اب الطفل ان ابنه بخير"] * 4
             + ["رسائل كثيرة وصلت الى الوزارة"] * 2
             + ["افتتح معرض الكتاب في الرياض"] * 4)
    return [{"id": f"cw{i:02d}", "title": f"خبر رقم {i}", "body": text, "source": "s", "section": "news",
             "date": "2015-07-01"} for i, text in enumerate(texts)]
