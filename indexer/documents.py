"""Turn one validated source record into the fields Whoosh indexes (see ``indexer/schema.py``).

Kept apart from reading and writing so that the writer, the tests and the evaluation driver all
index a record the same way.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

KNOWN_FIELDS = ("id", "title", "body", "date", "section", "source", "author", "url", "tags")


def to_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Whoosh ``add_document`` keyword arguments for a validated record.

    ``record['date']`` is a ``datetime`` (or None), ``record['tags']`` a list of strings; unknown
    keys are kept, as JSON, in the stored ``extra`` field.
    """
    title = record.get("title") or ""
    body = record.get("body") or ""
    fields: dict[str, Any] = {
        "id": record["id"],
        "title": title,
        "body": body,
        "title_exact": title,
        "body_exact": body,
        "roots": f"{title}\n{body}",
    }
    for name in ("section", "source", "author", "url"):
        if record.get(name):
            fields[name] = record[name]
    tags = record.get("tags") or []
    if tags:
        fields["tags"] = ",".join(tags)
    when: datetime | None = record.get("date")
    if when is not None:
        fields["date"] = when.replace(tzinfo=None) if when.tzinfo else when
        fields["year"] = f"{when.year:04d}"
        fields["month"] = f"{when.year:04d}-{when.month:02d}"
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    if extra:
        fields["extra"] = json.dumps(extra, ensure_ascii=False, default=str)
    return fields
