"""Turn one validated source record into the fields Whoosh indexes (see ``indexer/schema.py``).

Kept apart from reading and writing so that the writer, the tests and the evaluation driver all
index a record the same way.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from indexer.hijri import to_hijri
from indexer.nearduplicates import Near, near_of_text
from indexer.parts import byte_starts, part_bounds
from indexer.schema import (
    AUTHOR,
    BODY,
    BODY_EXACT,
    DATE,
    EXTRA,
    HIJRI_YEAR,
    ID,
    LEAD,
    LEAD_WORDS,
    LONG_BODY,
    MONTH,
    NEAR,
    PART_STARTS,
    ROOTS,
    SECTION,
    SKETCH,
    SOURCE,
    TAGS,
    TITLE,
    TITLE_EXACT,
    URL,
    YEAR,
)

# The record keys of the document format; any other key is kept, as JSON, in ``extra``.
KNOWN_FIELDS = (ID, TITLE, BODY, DATE, SECTION, SOURCE, AUTHOR, URL, TAGS)


def lead_of(body: str) -> str:
    """The body's first :data:`~indexer.schema.LEAD_WORDS` words (split at white space, as a
    reader counts them), for the ``lead`` field; every backend indexes this text."""
    return " ".join(body.split(None, LEAD_WORDS)[:LEAD_WORDS])


def lead_end(body: str) -> int:
    """Where :func:`lead_of`'s words end in ``body``: the start of the word after them (the
    body's length when it has no more). ``body[:lead_end(body)]`` holds the same words, so the
    same tokens, as :func:`lead_of`: an import that analyses the body in two pieces cut there
    has the lead's terms with no second analysis (search/sphinx_backend/importer.py).

        >>> lead_end("a b"), lead_end("")  # a body of fewer words is all lead
        (3, 0)
    """
    words = body.split(None, LEAD_WORDS)
    return len(body) - len(words[LEAD_WORDS]) if len(words) > LEAD_WORDS else len(body)


def to_fields(record: dict[str, Any], near: Near | None = None) -> dict[str, Any]:
    """Whoosh ``add_document`` keyword arguments for a validated record.

    ``record['date']`` is a ``datetime`` (or None), ``record['tags']`` a list of strings; unknown
    keys are kept, as JSON, in the stored ``extra`` field. A body longer than one part
    (:mod:`indexer.parts`) is stored as its first part, its whole text in the ``long_body`` column.
    ``near``: the near-duplicate terms when the caller has computed them already (from the exact
    forms it analysed anyway).
    """
    title = record.get(TITLE) or ""
    body = record.get(BODY) or ""
    fields: dict[str, Any] = {
        ID: record[ID],
        TITLE: title,
        BODY: body,
        TITLE_EXACT: title,
        BODY_EXACT: body,
        ROOTS: f"{title}\n{body}",
        LEAD: lead_of(body),
    }
    for name in (SECTION, SOURCE, AUTHOR, URL):
        if record.get(name):
            fields[name] = record[name]
    tags = record.get(TAGS) or []
    if tags:
        fields[TAGS] = ",".join(tags)
    when: datetime | None = record.get(DATE)
    if when is not None:
        fields[DATE] = when.replace(tzinfo=None) if when.tzinfo else when
        fields[YEAR] = f"{when.year:04d}"
        fields[MONTH] = f"{when.year:04d}-{when.month:02d}"
        if (hijri := to_hijri(when)) is not None:
            fields[HIJRI_YEAR] = f"{hijri[0]:04d}"
    starts = part_bounds(body)
    if len(starts) > 1:  # indexed whole, stored as its first part plus the parts' byte ranges
        fields[f"_stored_{BODY}"] = body[: starts[1]]
        fields[PART_STARTS] = byte_starts(body, starts)
        fields[LONG_BODY] = body.encode("utf-8")
    near = near_of_text(title, body) if near is None else near
    if near.keys:
        fields[NEAR] = near.terms()
        fields[f"_stored_{NEAR}"] = " ".join(near.keys)  # the loose keys are only looked up
        fields[SKETCH] = near.sketch
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    if extra:
        fields[EXTRA] = json.dumps(extra, ensure_ascii=False, default=str)
    return fields
