"""Articles for the minority-spelling tests (tests/test_context_spellings.py, the Sphinx one)."""

from __future__ import annotations

# Two spellings of one word (the unlisted تليفزيون, the listed تلفزيون) among the same words, and a
# rule pair of two words written among different words (جبيل / قبيل: one among television words,
# the other among travel words).
TV = "شاهد الجمهور المباراة على شاشة {w} الرسمي في بث مباشر للمسلسل الجديد"
OTHER = "سافر الوفد الى {w} لحضور قمة الاقتصاد والتجارة مع الشركاء"


def context_articles() -> list[dict]:
    """120 articles: تلفزيون 40 and التليفزيون 20 among television words, قبيل 40 among travel
    words and جبيل 20 among television words."""
    records, i = [], 0
    for word, template, n in (("تلفزيون", TV, 40), ("التليفزيون", TV, 20), ("قبيل", OTHER, 40), ("جبيل", TV, 20)):
        for _ in range(n):
            i += 1
            records.append({"id": f"ctx-{i:03d}", "title": f"خبر رقم {i}", "body": template.format(w=word),
                            "source": "s"})
    return records


def rule_pair_articles() -> list[dict]:
    """120 articles: three rule pairs of spellings the dictionary lacks, 20 articles each — كوبر
    among television words and جوبر among travel words (two names), جوجل and غوغل both among
    television words (one), هولاند (a name) and الهولندي (the stem هولند, an adjective) both among
    travel words (two words, told apart by their written forms only)."""
    records = []
    for word, template in (("كوبر", TV), ("جوبر", OTHER), ("جوجل", TV), ("غوغل", TV), ("هولاند", OTHER),
                           ("الهولندي", OTHER)):
        for n in range(20):
            records.append({"id": f"rule-{len(records):03d}", "title": f"خبر رقم {n}",
                            "body": template.format(w=word), "source": "s"})
    return records
