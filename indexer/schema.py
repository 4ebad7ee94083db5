"""The index schema, in one place, and the version stamp every index carries.

Fields follow DESIGN.md ("Fields per document"):

* ``title``/``body``: stemmed (rules 1-6), searched by default; no positions (phrases go to the
  exact fields), original text stored for highlighting and display.
* ``title_exact``/``body_exact``: folded, unstemmed, stop words kept, with positions: quoted
  phrases, the exact-form boost and spelling suggestions.
* ``roots``: tashaphyne roots of title and body, for explicit ``root:`` search.
* ``id`` unique; ``section``/``source``/``author`` sortable IDs (column-backed facets);
  ``tags`` comma keywords; ``date`` sortable DATETIME with ``year``/``month`` facet columns;
  ``url``; ``extra`` holds unknown fields of the source record as JSON.

Whoosh pickles this schema (analyzers included) into the index. An index written by another
analyzer or schema version must not be searched with this code: ``fahras.json`` beside the
segments records both versions, and :func:`indexer.store.open_index` refuses a mismatch.
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from analyzers.pipeline import ANALYZER_VERSION, exact_analyzer, roots_analyzer, text_analyzer

# Bump when a field is added, removed or changes type or analyzer options.
SCHEMA_VERSION = 1

# Stored-and-searched text fields and their unstemmed twins.
TEXT_FIELDS = ("title", "body")
EXACT_FIELDS = {"title": "title_exact", "body": "body_exact"}
FACET_FIELDS = ("section", "source", "author", "year", "month")


def build_schema() -> Schema:
    """A fresh schema object (Whoosh fields are mutable: never share one between indexes)."""
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=text_analyzer(), stored=True, phrase=False),
        body=TEXT(analyzer=text_analyzer(), stored=True, phrase=False),
        title_exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        body_exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        roots=TEXT(analyzer=roots_analyzer(), phrase=False),
        section=ID(stored=True, sortable=True),
        source=ID(stored=True, sortable=True),
        author=ID(stored=True, sortable=True),
        tags=KEYWORD(stored=True, commas=True, scorable=True),
        date=DATETIME(stored=True, sortable=True),
        year=ID(stored=True, sortable=True),
        month=ID(stored=True, sortable=True),
        url=ID(stored=True),
        extra=STORED(),
    )


def versions() -> dict[str, object]:
    """What an index built by this code records about itself."""
    return {"analyzer_version": ANALYZER_VERSION, "schema_version": SCHEMA_VERSION}
