"""A small Arabic archive that the web tests (Flask client, real server, browser) index.

Made here rather than read from data/sample so each test knows exactly what is in it: 3 sections,
3 sources, dates over three years, enough "التعليم" articles for three pages of ten, and hostile
records (markup in a title, a ``javascript:`` URL) that must come out as text.
"""

from __future__ import annotations

import pathlib
from datetime import datetime

from support.articles import index_records

SECTIONS = ("محليات", "اقتصاد", "رياضة")
SOURCES = ("الرياض", "عكاظ", "الجزيرة")
SCRIPT_TITLE = "<script>alert('xss')</script> وزارة الثقافة تفتتح معرض الكتاب"

# 24 articles about education: (section, source, year) cycle so every facet has several values.
EDUCATION = [
    {
        "id": f"edu-{i:02d}",
        "title": f"وزارة التعليم تعلن خطة جديدة للمدارس رقم {i}",
        "body": (
            f"أعلنت وزارة التعليم اليوم خطة جديدة لتطوير المدارس في المنطقة {i}.\n"
            "وقال المتحدث إن الخطة تشمل تدريب المعلمين وتحديث المناهج الدراسية."
        ),
        "date": datetime(2014 + i % 3, 1 + i % 12, 1 + i % 27, 9, 0),
        "section": SECTIONS[i % 3],
        "source": SOURCES[(i // 3) % 3],
        "author": "سارة العتيبي" if i % 2 else "محمد القحطاني",
        "url": f"https://example.com/news/edu-{i:02d}",
        "tags": ["تعليم", "مدارس"],
    }
    for i in range(24)
]

OTHERS = [
    {
        "id": "oil-1",
        "title": "ارتفاع أسعار النفط في الأسواق العالمية",
        "body": "ارتفعت أسعار النفط اليوم مع تراجع المخزونات الأمريكية.\nوقال محللون إن الطلب قوي.",
        "date": datetime(2015, 6, 1, 8, 30),
        "section": "اقتصاد",
        "source": "الرياض",
        "url": "https://example.com/news/oil-1",
        "tags": ["نفط"],
    },
    {
        "id": "oil-2",
        "title": "أسعار النفط تتراجع بعد قرار أوبك",
        "body": "تراجعت أسعار النفط بعد اجتماع منظمة أوبك في فيينا.",
        "date": datetime(2016, 11, 30, 12, 0),
        "section": "اقتصاد",
        "source": "عكاظ",
        "url": "javascript:alert('url')",
        "tags": ["نفط", "أوبك"],
    },
    {
        "id": "football-1",
        "title": "الهلال يفوز على النصر في الدوري",
        "body": "فاز فريق الهلال على النصر بهدفين مقابل هدف في مباراة الدوري السعودي.",
        "date": datetime(2015, 3, 12, 21, 0),
        "section": "رياضة",
        "source": "الجزيرة",
        "tags": [],
    },
    {
        "id": "xss-1",
        "title": SCRIPT_TITLE,
        "body": "افتتحت وزارة الثقافة معرض الكتاب <b>الدولي</b> بمشاركة مئات الناشرين.",
        "date": datetime(2016, 3, 5, 10, 0),
        "section": "ثقافة",
        "source": "عكاظ",
        "tags": ["كتاب"],
    },
]

RECORDS = EDUCATION + OTHERS


def build_index(index_dir: str | pathlib.Path, records: list[dict] | None = None) -> pathlib.Path:
    """Write ``records`` (default: :data:`RECORDS`) into a new Fahras index at ``index_dir``."""
    return index_records(index_dir, RECORDS if records is None else records)
