"""A story run by three papers (a new headline, a word changed, a line added) among ten other
articles on the same subjects: what the near-duplicate tests, API, pages and browser, index."""

from __future__ import annotations

import random
from datetime import datetime

from support.articles import WORDS

STORY = (
    "أعلنت وزارة الطاقة اليوم عن اكتشاف حقل جديد للغاز الطبيعي في المنطقة الشرقية باحتياطي يقدر بنحو "
    "ثلاثة تريليونات قدم مكعبة وقال المتحدث الرسمي باسم الوزارة إن الحقل سيدخل مرحلة الإنتاج خلال عامين "
    "وإن الاكتشاف يعزز مكانة المملكة بين كبار منتجي الطاقة في العالم ويسهم في تلبية الطلب المحلي المتزايد "
    "على الكهرباء وأضاف أن فرق الاستكشاف عملت على مدى ثمانية عشر شهرا في ظروف صعبة قبل الإعلان عن النتائج"
)


def story_records() -> list[dict]:
    """The story in three papers (a new headline, an opening word changed, a line added) and ten
    other articles about the same things but not the same story."""
    rng = random.Random(7)
    story = [
        {"id": "gas-okaz", "title": "اكتشاف حقل غاز جديد في الشرقية", "body": STORY, "source": "okaz",
         "date": datetime(2015, 8, 1)},
        {"id": "gas-riyadh", "title": "الطاقة: حقل غاز باحتياطي ثلاثة تريليونات قدم",
         "body": STORY.replace("أعلنت", "كشفت") + " وينتظر أن تعلن التفاصيل الأسبوع المقبل", "source": "alriyadh",
         "date": datetime(2015, 8, 2)},
        {"id": "gas-was", "title": "عام / اكتشاف حقل للغاز الطبيعي", "body": "واس - الرياض: " + STORY, "source": "was",
         "date": datetime(2015, 8, 1)},
    ]
    others = [{"id": f"other-{i}", "title": f"الغاز والطاقة {i}",
               "body": "الغاز الطبيعي " + " ".join(rng.choices(WORDS, k=60)), "source": f"paper-{i % 3}",
               "date": datetime(2015, 7, 1 + i)} for i in range(10)]
    return [{**r, "tags": []} for r in story + others]


def trimmed_copy() -> dict:
    """The agency text cut after its 42nd word, as a paper that drops the last paragraphs runs
    it: its shingles are all in the full text (Jaccard ~0.6), and by the draw of this text no
    strict band of the two agrees (tests/test_stories.py checks both)."""
    return {"id": "gas-trimmed", "title": "حقل للغاز في الشرقية", "body": " ".join(STORY.split()[:42]),
            "source": "alyaum", "date": datetime(2015, 8, 2), "tags": []}


def half_other() -> dict:
    """The text's second half and as many words of its own: not the story."""
    return {"id": "gas-review", "title": "حقل الغاز الجديد في الشرقية",
            "body": " ".join(STORY.split()[34:] + random.Random(3).choices(WORDS, k=40)),
            "source": "okaz", "date": datetime(2015, 8, 3), "tags": []}
