"""The objects ``search/`` returns: one result object behind the CLI, the JSON API and the HTML page.

Nothing here knows about HTTP or HTML templates. ``to_dict()`` gives exactly the JSON API shape
(docs/api.md); the HTML views render the same objects, and the API's OpenAPI component schemas
are generated from these classes (:mod:`search.jsonschema`; ``schema`` metadata adds what a type
cannot say).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime

from indexer.parts import PART_CHARS
from indexer.schema import FACET_FIELDS

SORTS = ("relevance", "newest", "oldest")
# What a request may filter on (any of a field's values): the facets.
FILTER_FIELDS = FACET_FIELDS


def _schema(**extra) -> dict:
    return {"schema": extra}


@dataclass
class SearchRequest:
    """What the user asked for. ``filters`` maps a facet field to the values any of which match."""

    q: str = ""
    page: int = 1
    per_page: int = 10
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    # When nothing is found and a spelling correction finds something, show its results.
    autocorrect: bool = True
    # Fold near-duplicates of a hit (the same story in other papers) into it.
    collapse: bool = True
    # Hijri (Umm al-Qura) bounds, inclusive: YYYY, YYYY-MM or YYYY-MM-DD; with date_from/date_to
    # both apply.
    hijri_from: str = ""
    hijri_to: str = ""


@dataclass
class FacetValue:
    value: str
    count: int = field(metadata=_schema(minimum=0))
    selected: bool = False
    # The value's display name from the labels file (FAHRAS_LABELS), when it has one.
    label: str | None = field(default=None, metadata=_schema(
        description="Display name from the labels file (FAHRAS_LABELS); null: show value"))


@dataclass
class Duplicate:
    """An article telling the same story as a hit (another paper's copy), folded into it."""

    id: str
    source: str | None
    title: str
    date: str | None = field(metadata=_schema(description="ISO 8601"))

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Hit:
    id: str
    title: str
    title_html: str = field(metadata=_schema(description="HTML: only <mark> tags, rest escaped"))
    snippet_html: str = field(metadata=_schema(description="HTML: only <mark> tags"))
    url: str | None
    date: str | None = field(metadata=_schema(description="ISO 8601"))
    section: str | None
    source: str | None
    score: float | None
    date_hijri: str | None = field(default=None, metadata=_schema(
        description="The date in the Umm al-Qura (Hijri) calendar, YYYY-MM-DD"))
    # Near-duplicates folded into this hit (other papers running the story); empty with collapse off.
    duplicates: list[Duplicate] = field(default_factory=list, metadata=_schema(
        description="The other articles of this hit's story (the same story in other sources), "
                    "listed whatever the query's words and filters, as \"also run by\": total counts "
                    "only the articles that match; empty when collapse=false"))
    matched_all: bool = field(default=True, metadata=_schema(
        description="The article has every word of the query (or its forms); false for the "
                    "partial matches listed after all full ones."))
    missing: list[str] = field(default_factory=list, metadata=_schema(
        description="A partial match's query words the article lacks, as typed (two words the "
                    "archive also writes as one, فيس بوك, are one entry)."))

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class SearchResult:
    query: str
    total: int = field(metadata=_schema(minimum=0, description="total_all + total_partial"))
    page: int = field(metadata=_schema(minimum=1))
    per_page: int = field(metadata=_schema(minimum=1))
    took_ms: float
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None
    sort: str = field(default="relevance", metadata=_schema(enum=list(SORTS), description=(
        "The order the hits come in: the one asked, but newest for nothing typed (no relevance to rank by)")))
    # Full matches (every word) come first, then partial ones (most of the words).
    total_all: int = field(default=0, metadata=_schema(
        minimum=0, description="Hits having every word of the query (or its forms): listed first. "
                               "The facets count these when there are any."))
    total_partial: int = field(default=0, metadata=_schema(
        minimum=0, description="Hits missing some of the words typed side by side (never a "
                               "phrase, excluded word, field-restricted word or filter), listed "
                               "after the full matches."))
    # Stories (near-duplicates grouped at import, search/stories.py): the pages count these when
    # collapse is on (one hit per story).
    total_stories: int = field(default=0, metadata=_schema(
        minimum=0, description="How many stories the total articles belong to (an agency story "
                               "run by several sources is one): with collapse on, one hit each."))
    collapse: bool = field(default=True, metadata=_schema(
        description="One hit per story (its other articles in duplicates); false: one per article."))
    # Facets whose counting hit the time limit: their counts are partial.
    facets_truncated: list[str] = field(default_factory=list)
    # The search ran out of its time limit: hits, total and facets count what was found by then.
    timed_out: bool = field(default=False, metadata=_schema(
        description="The search hit its time limit: hits, total and facets are what was found "
                    "by then (total is a lower bound)."))
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = field(default=None, metadata={"json": "from", **_schema(description="YYYY-MM-DD")})
    date_to: str | None = field(default=None, metadata={"json": "to", **_schema(description="YYYY-MM-DD")})
    hijri_from: str | None = field(default=None, metadata=_schema(
        description="The Hijri (Umm al-Qura) lower bound as asked: YYYY, YYYY-MM or YYYY-MM-DD"))
    hijri_to: str | None = field(default=None, metadata=_schema(
        description="The Hijri (Umm al-Qura) upper bound as asked (inclusive)"))
    # A distributed backend (sphinx) with shards that did not answer: the hits, total and facets
    # are the other shards' (total is a lower bound), never silently smaller.
    partial: bool = field(default=False, metadata=_schema(
        description="Some shards did not answer (shards_failed): hits, total and facets are the "
                    "other shards' (total is a lower bound)."))
    shards_failed: list[str] = field(default_factory=list)
    # Why there are no hits when the query had nothing to search for (only punctuation, operators
    # or field names): then no hits, never the whole archive.
    message: str | None = field(default=None, metadata=_schema(
        description="Set when the query has no word to search for: why there are no hits "
                    "(English — Arabic)."))
    # Set when nothing was found as typed and these are the results of its spelling correction
    # (``query`` is then the correction).
    corrected_query: str | None = field(default=None, metadata=_schema(
        description="The spelling correction whose results these are (nothing was found as typed)."))
    original_query: str | None = field(default=None, metadata=_schema(
        description="The query as typed, when the results are those of corrected_query."))

    @property
    def pages(self) -> int:
        return max(1, -(-self.listed // self.per_page)) if self.per_page else 1

    @property
    def listed(self) -> int:
        """How many hits the pages hold: stories when collapsed (and counted), else articles."""
        return self.total_stories if self.collapse and self.total_stories else self.total

    def to_dict(self) -> dict:
        """The JSON API object; extra keys only add to the contract."""
        return {
            "query": self.query,
            "total": self.total,
            "total_all": self.total_all,
            "total_partial": self.total_partial,
            "total_stories": self.total_stories,
            "collapse": self.collapse,
            "page": self.page,
            "per_page": self.per_page,
            "took_ms": self.took_ms,
            "sort": self.sort,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {
                name: [dataclasses.asdict(v) for v in values] for name, values in self.facets.items()
            },
            "suggestion": self.suggestion,
            "facets_truncated": list(self.facets_truncated),
            "timed_out": self.timed_out,
            "filters": {k: list(v) for k, v in self.filters.items()},
            "from": self.date_from,
            "to": self.date_to,
            "hijri_from": self.hijri_from,
            "hijri_to": self.hijri_to,
            "partial": self.partial,
            "shards_failed": list(self.shards_failed),
            "message": self.message,
            "corrected_query": self.corrected_query,
            "original_query": self.original_query,
        }


@dataclass
class Document:
    """One stored article, as the document page and ``/api/v1/documents/<id>`` show it."""

    id: str
    title: str
    body: str = field(metadata=_schema(
        description="The body as imported, or part `part` of a body that comes in parts"))
    url: str | None = None
    date: str | None = field(default=None, metadata=_schema(description="ISO 8601"))
    date_hijri: str | None = field(default=None, metadata=_schema(
        description="The date in the Umm al-Qura (Hijri) calendar, YYYY-MM-DD"))
    section: str | None = None
    source: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    # With a query (``?q=``): the title and the body as HTML, the query's words in <mark>.
    title_html: str | None = field(default=None, metadata=_schema(
        description="With q: the title as HTML, the query's words marked (only <mark> tags)"))
    body_html: str | None = field(default=None, metadata=_schema(
        description="With q: the body (this part of it) as HTML, the query's words marked (only <mark> tags; "
                    "paragraphs separated by line breaks as in body)"))
    # A long body comes in parts (indexer/parts.py): ``body`` is part ``part`` of ``parts``.
    part: int = field(default=1, metadata=_schema(
        minimum=1, description="Which part of the body this is (1-based; ?part=N asks for another)"))
    parts: int = field(default=1, metadata=_schema(
        minimum=1, description=f"How many parts the body has: 1 for a body of at most {PART_CHARS:,} "
                               "characters, which comes whole; the parts joined are the body as imported"))
    # Set by the web app, which knows the route: the way to the neighbouring parts.
    next_part: str | None = field(default=None, metadata=_schema(
        description="The URL of the next part (this route with ?part=N), null on the last part"))
    previous_part: str | None = field(default=None, metadata=_schema(
        description="The URL of the previous part, null on the first"))

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass
class Similar:
    """The articles like one article, one story once: its page's sidebar and
    ``/api/v1/documents/<id>/similar``."""

    id: str
    hits: list[Hit]
    partial: bool = field(default=False, metadata=_schema(
        description="Some shards did not answer (shards_failed): the hits are the other shards'."))
    shards_failed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "hits": [h.to_dict() for h in self.hits], "partial": self.partial,
                "shards_failed": list(self.shards_failed)}


def iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value else None
