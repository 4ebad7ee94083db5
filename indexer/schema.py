"""The index schema, in one place, and the version stamp every index carries.

Fields (docs/design.md, "The index on disk"):

* ``title``/``body``: stemmed (rules 1-6), searched by default; no positions (phrases go to the
  exact fields), original text stored for highlighting and display.
* ``title_exact``/``body_exact``: folded, unstemmed, stop words kept, with positions: quoted
  phrases, the exact-form boost and spelling suggestions.
* ``roots``: tashaphyne roots of title and body, for explicit ``root:`` search.
* ``lead``: the stems of the body's first :data:`LEAD_WORDS` words, only matched (whether a query
  word is in the lead raises a score, never which articles match).
* ``near``: near-duplicate keys; ``story``: the stored story id (a sortable column: one hit per
  story is a walk over it).
* ``id`` unique; ``section``/``source``/``author`` sortable IDs (column-backed facets);
  ``tags`` comma keywords; ``date`` sortable DATETIME with ``year``/``month`` facet columns;
  ``url``; ``extra`` holds unknown fields of the source record as JSON.
* A body longer than one part (``indexer/parts.py``) is indexed whole but stored as its first
  part; ``part_starts`` (stored) and ``long_body`` (a byte column, the whole body in UTF-8) let a
  reader read part N alone (``search/whoosh_backend/parts.py``).

Whoosh pickles this schema (analyzers included) into the index. An index written by another
analyzer or schema version must not be searched with this code: ``fahras.json`` beside the
segments records both versions, and :func:`indexer.store.open_index` refuses a mismatch.
"""

from __future__ import annotations

from whoosh import columns, fields
from whoosh.fields import Schema

from analyzers.pipeline import ANALYZER_VERSION, exact_analyzer, roots_analyzer, text_analyzer

# Bump when a field is added, removed or changes type or analyzer options.
SCHEMA_VERSION = 6  # 2: the near field (near-duplicate keys), the hijri_year facet; 3: body parts;
# 4: story; 5: lead; 6: loose near keys and the sketch

# Field names: every module that names a field takes it from here.
ID = "id"
TITLE = "title"
BODY = "body"
TITLE_EXACT = "title_exact"
BODY_EXACT = "body_exact"
ROOTS = "roots"
SECTION = "section"
SOURCE = "source"
AUTHOR = "author"
TAGS = "tags"
DATE = "date"
YEAR = "year"
MONTH = "month"
HIJRI_YEAR = "hijri_year"  # the Umm al-Qura year of the date (indexer/hijri.py)
URL = "url"
EXTRA = "extra"
# Near-duplicate keys: MinHash bands of the article's text (indexer/nearduplicates.py).
NEAR = "near"
# What a loose near-duplicate key's candidates are checked with (nearduplicates.Sketch.text).
SKETCH = "sketch"
# A body longer than one part (indexer/parts.py): the stored ``body`` is its first part, the UTF-8
# byte offset of each part's start is stored, and the whole body is a column read by byte range.
PART_STARTS = "part_starts"
LONG_BODY = "long_body"
# The story an article belongs to (indexer/stories.py): the id of the article that started it.
STORY = "story"
# The body's opening words, stemmed as ``body`` is: a news article states its subject first, so
# an article whose lead has the query's words ranks up (search/ranking.py: ``lead_weight``).
LEAD = "lead"
LEAD_WORDS = 60  # the lead is this many words of the body (docs/relevance.md, "The lead")

# Stored-and-searched text fields and their unstemmed twins.
TEXT_FIELDS = (TITLE, BODY)
EXACT_FIELDS = {TITLE: TITLE_EXACT, BODY: BODY_EXACT}
# Facets: sortable ID columns, counted and filtered on (a request's ``filters``).
FACET_FIELDS = (SECTION, SOURCE, AUTHOR, YEAR, MONTH, HIJRI_YEAR)
# Fields matched as whole values (no analysis): a query's ``source:okaz``.
KEYWORD_FIELDS = (SOURCE, SECTION, AUTHOR, TAGS)


def build_schema() -> Schema:
    """A fresh schema object (Whoosh fields are mutable: never share one between indexes)."""
    return Schema(**{
        ID: fields.ID(stored=True, unique=True),
        TITLE: fields.TEXT(analyzer=text_analyzer(), stored=True, phrase=False),
        BODY: fields.TEXT(analyzer=text_analyzer(), stored=True, phrase=False),
        TITLE_EXACT: fields.TEXT(analyzer=exact_analyzer(), phrase=True),
        BODY_EXACT: fields.TEXT(analyzer=exact_analyzer(), phrase=True),
        ROOTS: fields.TEXT(analyzer=roots_analyzer(), phrase=False),
        LEAD: fields.TEXT(analyzer=text_analyzer(), phrase=False),
        SECTION: fields.ID(stored=True, sortable=True),
        SOURCE: fields.ID(stored=True, sortable=True),
        AUTHOR: fields.ID(stored=True, sortable=True),
        TAGS: fields.KEYWORD(stored=True, commas=True, scorable=True),
        DATE: fields.DATETIME(stored=True, sortable=True),
        YEAR: fields.ID(stored=True, sortable=True),
        MONTH: fields.ID(stored=True, sortable=True),
        HIJRI_YEAR: fields.ID(stored=True, sortable=True),
        URL: fields.ID(stored=True),
        EXTRA: fields.STORED(),
        NEAR: fields.KEYWORD(stored=True),
        SKETCH: fields.STORED(),
        PART_STARTS: fields.STORED(),
        LONG_BODY: fields.COLUMN(columns.VarBytesColumn()),
        STORY: fields.ID(stored=True, sortable=True),
    })


def versions() -> dict[str, object]:
    """What an index built by this code records about itself."""
    return {"analyzer_version": ANALYZER_VERSION, "schema_version": SCHEMA_VERSION}
