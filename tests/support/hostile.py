"""Hostile documents: markup in every field, script URLs, right-to-left overrides, null bytes and
a 5 MB body, imported with the real CLI (``tests/test_reliability_hostile.py`` and
``tests/browser/test_hostile.py`` load the same index)."""

from __future__ import annotations

import json
import pathlib
import subprocess

from support.articles import write_jsonl
from support.cli import fahras_command

RLO = "\u202e"
RARE = "كلمةنادرةجدا"  # a word only at the very end of the 5 MB body
BIG_BYTES = 5 * 1024 * 1024


def _big_body() -> str:
    paragraph = "أعلنت وزارة الصحة عن خطة جديدة لتطوير المستشفيات في المناطق كلها.\n"
    body = paragraph * (BIG_BYTES // len(paragraph.encode()) + 1)
    return body + RARE


HOSTILE = [
    {"id": "xss-script", "title": "<script>alert('title')</script> وزارة الصحة تحذر",
     "body": "نص <script>alert('body')</script> عن وزارة الصحة <img src=x onerror=alert('img')>",
     "section": "<b onmouseover=alert('section')>صحة</b>", "source": "<svg onload=alert('source')>",
     "author": "\"><script>alert('author')</script>", "url": "javascript:alert('url')",
     "tags": ["<script>alert('tag')</script>"], "date": "2015-03-12"},
    {"id": "xss-img", "title": "<img src=x onerror=alert('img')> مستشفى جديد في جدة",
     "body": "افتتح مستشفى جديد <iframe src=javascript:alert('iframe')></iframe>",
     "url": " JavaScript:alert('mixed case')", "date": "2015-03-13"},
    {"id": "url-data", "title": "رابط بيانات مستشفى", "body": "مستشفى",
     "url": "data:text/html,<script>alert('data')</script>"},
    {"id": "url-vbscript", "title": "رابط مستشفى آخر", "body": "مستشفى", "url": "vbscript:msgbox(1)"},
    {"id": "url-protocol-relative", "title": "رابط مستشفى بلا بروتوكول", "body": "مستشفى",
     "url": "//evil.example/steal"},
    {"id": "url-attribute", "title": "رابط مستشفى باقتباس", "body": "مستشفى",
     "url": "https://example.com/a\" onmouseover=\"alert('attr')"},
    {"id": "url-fine", "title": "رابط مستشفى سليم", "body": "مستشفى", "url": "https://example.com/ok"},
    {"id": "rlo", "title": f"{RLO}مقال معكوس abc 123", "body": f"نص مستشفى {RLO} abc 2015 def",
     "source": f"{RLO}مصدر معكوس", "section": f"{RLO}قسم", "author": f"{RLO}كاتب",
     "date": "2015-03-12", "url": "https://example.com/rlo"},
    {"id": "nul-fields", "title": "عنوان\x00فيه صفر مستشفى", "body": "نص\x00 مستشفى\x00الرياض",
     "source": "مصدر\x00"},
    {"id": "nul\x00id", "title": "معرف فيه صفر مستشفى", "body": "مستشفى"},
    {"id": "big-body", "title": "مقال ضخم جدا", "body": _big_body(), "date": "2016-01-01"},
]

def build_hostile_index(tmp: pathlib.Path) -> tuple[pathlib.Path, str, list[dict]]:
    """Import :data:`HOSTILE` with the real CLI; (index, summary line, rejects)."""
    src = write_jsonl(tmp / "hostile.jsonl", HOSTILE)
    rejects = tmp / "rejects.jsonl"
    index_dir = tmp / "index"
    result = subprocess.run([*fahras_command(), "index", str(src), "--index", str(index_dir), "--rejects", str(rejects)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = rejects.read_text(encoding="utf-8").splitlines()
    return index_dir, result.stdout.strip(), [json.loads(line) for line in lines]
