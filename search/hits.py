"""Result assembly: a backend's stored fields → the :class:`Hit` and :class:`Document` objects.

Shared by every backend, so that titles, snippets and document pages look the same whichever
engine found them: highlights are drawn here, on the stored originals (:mod:`search.highlight`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from indexer.hijri import hijri_iso
from indexer.schema import (
    AUTHOR,
    BODY,
    DATE,
    EXTRA,
    ID,
    PART_STARTS,
    SECTION,
    SOURCE,
    TAGS,
    TITLE,
    URL,
)
from search.highlight import highlight_full, matched_terms, snippet
from search.results import Document, Duplicate, Hit, iso


def hit(stored: Mapping[str, Any], score: float | None, terms: dict[str, set[str]],
        highlight: bool = True, duplicates: list[Duplicate] | None = None, *,
        partial_of: Mapping[str, list[set[str]]] | None = None) -> Hit:
    """A hit with its title and snippet highlighted for ``terms`` (or left empty), and the
    near-duplicates folded into it.

    ``partial_of``: the hit is a partial match (:mod:`search.coordination`) of these typed words,
    each with the index terms each of its words matches (a compound «فيس بوك» has two words); a
    word with one none of whose terms are in the title or body is listed as ``missing``."""
    title = stored.get(TITLE) or ""
    body = stored.get(BODY) or ""
    if highlight:
        title_html = highlight_full(title, terms)
        snippet_html = snippet(body, terms)
    else:
        title_html = snippet_html = ""
    missing = []
    if partial_of and terms:  # without the terms (past the deadline) a missing word is unknown
        found = matched_terms(title, terms) | matched_terms(body, terms)
        missing = [word for word, sets in partial_of.items() if any(not its & found for its in sets)]
    return Hit(
        id=stored[ID],
        title=title,
        title_html=title_html,
        snippet_html=snippet_html,
        url=stored.get(URL),
        date=iso(stored.get(DATE)),
        section=stored.get(SECTION),
        source=stored.get(SOURCE),
        score=round(float(score), 4) if score is not None else None,
        date_hijri=hijri_iso(stored.get(DATE)),
        duplicates=duplicates or [],
        matched_all=partial_of is None,
        missing=missing,
    )


def duplicate(stored: Mapping[str, Any]) -> Duplicate:
    """How a folded copy is listed: which paper, its headline, its date."""
    return Duplicate(id=stored[ID], source=stored.get(SOURCE), title=stored.get(TITLE) or "",
                     date=iso(stored.get(DATE)))


def part_count(stored: Mapping[str, Any]) -> int:
    """How many parts a document's body has (:mod:`indexer.parts`; 1 for a body stored whole)."""
    return len(stored.get(PART_STARTS) or ()) or 1


def document(stored: Mapping[str, Any], terms: dict[str, set[str]] | None, *, body: str,
             part: int) -> Document:
    """A stored article with ``body``, part ``part`` of its body (:mod:`indexer.parts`): tags
    split, unknown source fields (``extra``) decoded; with ``terms``, its title and that part
    highlighted for them."""
    try:
        extra = json.loads(stored[EXTRA]) if stored.get(EXTRA) else {}
    except ValueError:
        extra = {}
    return Document(
        id=stored[ID],
        title=stored.get(TITLE) or "",
        body=body,
        url=stored.get(URL),
        date=iso(stored.get(DATE)),
        date_hijri=hijri_iso(stored.get(DATE)),
        section=stored.get(SECTION),
        source=stored.get(SOURCE),
        author=stored.get(AUTHOR),
        tags=[t for t in (stored.get(TAGS) or "").split(",") if t],
        extra=extra,
        title_html=highlight_full(stored.get(TITLE) or "", terms) if terms is not None else None,
        body_html=highlight_full(body, terms) if terms is not None else None,
        part=part,
        parts=part_count(stored),
    )
