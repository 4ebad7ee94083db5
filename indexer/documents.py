"""Turn one validated source record into the fields Whoosh indexes (see ``indexer/schema.py``).

Kept apart from reading and writing so that the writer, the tests and the evaluation driver all
index a record the same way. :func:`to_fields` gives the texts, which the schema's analyzer chains
would analyse; an import hands Whoosh their terms instead (:func:`analysed`): the same terms, each
text read once rather than once a field.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from analyzers.terms import FieldTerms, field_terms
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


def body_and_lead_terms(body: str) -> tuple[FieldTerms, list[str]]:
    """The body's terms (:func:`field_terms`) and its lead's stems (:func:`lead_of` through the
    ``text`` analysis), in one analysis: the body is analysed in two pieces cut where its lead
    ends (:func:`lead_end`, at white space, which no token spans), and the first piece's stems
    are the lead's."""
    cut = lead_end(body)
    if cut >= len(body):
        terms = field_terms(body)
        return terms, terms[1]
    lead, rest = field_terms(body[:cut]), field_terms(body[cut:])
    return (lead[0] + rest[0], lead[1] + rest[1], lead[2] + rest[2]), lead[1]


def analysed(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` (:func:`to_fields`) with each analysed text field's terms in place of its text,
    the title and body read once each (:func:`field_terms`), the texts kept as stored values.

    Whoosh indexes a list of terms as given, each term at its place in the list (the exact
    fields' positions; a dropped token takes none, tests/test_terms.py): the postings are the
    chains' (tests/test_analysed_fields.py compares two indexes). The chains would read the body
    four times (its stems, exact forms, roots and its lead's stems) and the title three, a
    generator stage per rule per token; this road is three dict reads a token
    (docs/benchmarks.md, "Import speed, fifth pass")."""
    title, body = fields[TITLE], fields[BODY]
    title_terms = field_terms(title)
    body_terms, lead = body_and_lead_terms(body)
    return {
        **fields,
        TITLE: title_terms[1],
        BODY: body_terms[1],
        TITLE_EXACT: title_terms[0],
        BODY_EXACT: body_terms[0],
        ROOTS: title_terms[2] + body_terms[2],
        LEAD: lead,
        f"_stored_{TITLE}": title,
        f"_stored_{BODY}": fields.get(f"_stored_{BODY}", body),
    }


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
