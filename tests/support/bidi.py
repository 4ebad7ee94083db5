"""Documents whose every displayed field carries a bidi control (issue 16, item 8): shared by
the markup test and the chromium test."""

from __future__ import annotations

import pathlib

from support.articles import import_jsonl, write_jsonl

CONTROLS = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
SPOOF_URL = "https://ok.test/a\u202egpj.exe"
SHOWN_URL = "https://ok.test/agpj.exe"
WORD = "مقلوب"


def bidi_records() -> list[dict]:
    records = [{"id": "spoof", "title": f"{WORD} \u202eelif.exe", "body": f"{WORD} نص",
                "url": SPOOF_URL, "source": "\u202eabc.com", "author": "\u2067كاتب\u2069 1999",
                "section": "\u202bقسم", "tags": ["\u202dوسم", "\u2066x\u2069"], "date": "2015-03-12"}]
    for n, c in enumerate(CONTROLS):  # each control in each field of its own record
        records.append({"id": f"bidi-{n}", "title": f"{WORD} {c}عنوان {n}", "body": f"{WORD} {c}",
                        "url": f"https://ok.test/{n}{c}x.exe", "source": f"{c}مصدر",
                        "author": f"{c}كاتب", "section": f"{c}قسم", "tags": [f"{c}وسم"],
                        "date": "2015-03-12"})
    return records


def build_bidi_index(root: pathlib.Path) -> pathlib.Path:
    index = root / "index"
    summary, rejects = import_jsonl(index, write_jsonl(root / "bidi.jsonl", bidi_records()))
    assert not rejects and summary.indexed == len(CONTROLS) + 1
    return index
