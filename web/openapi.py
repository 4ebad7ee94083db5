"""The OpenAPI 3 description of ``/api/v1``, built from the same limits the server enforces.

Built in code rather than kept as a static file so that ``per_page``'s maximum, the query length and
the other limits in the spec are the configured ones (the app's :class:`search.Limits`), and the
result objects' schemas are generated from their dataclasses (:func:`search.component_schemas`):
a spec that drifts from the server is worse than none. ``tests/test_openapi.py`` runs
schemathesis against it; docs/api.md is generated from it (``python -m web.apidoc``).
"""

from __future__ import annotations

from typing import Any

from search import FIELD_KINDS, PART_CHARS, SORTS, Limits, component_schemas
from web.params import DATE_PATTERN, HIJRI_YEARS, MAX_PART


def _nullable(kind: str) -> dict:
    return {"type": kind, "nullable": True}


# The web app's own response shapes; the result objects' schemas are generated (search.jsonschema).
WEB_SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            }
        },
    },
    "Suggestions": {
        "type": "object",
        "required": ["query", "suggestions"],
        "properties": {
            "query": {"type": "string"},
            "suggestions": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Analysis": {
        "type": "object",
        "required": ["text", "field", "tokens"],
        "properties": {
            "text": {"type": "string"},
            "field": {"type": "string", "enum": list(FIELD_KINDS)},
            "tokens": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["term", "start", "end"],
                    "properties": {
                        "term": {"type": "string"},
                        "start": {"type": "integer", "minimum": 0},
                        "end": {"type": "integer", "minimum": 0},
                    },
                },
            },
        },
    },
    "Health": {
        "type": "object",
        "required": ["status"],
        "properties": {
            "status": {"type": "string", "enum": ["ok", "degraded"],
                       "description": "degraded: some shards of a cluster do not answer (shards_failed); "
                                      "searches answer with the others' hits, marked partial"},
            "documents": {"type": "integer", "nullable": True},
            "shards_failed": {"type": "array", "items": {"type": "string"}},
            "index": {"type": "object"},
        },
    },
}


EMPTY = {"type": "string", "maxLength": 0}


def _or_empty(schema: dict) -> dict:
    """``schema`` or an empty string: an HTML form sends a field left blank as ``name=``, which
    the server reads as the parameter left out (web.params.given), so the spec must allow it."""
    return {"anyOf": [schema, EMPTY]}


# The HTML date form sends `from=&to=` when left blank: empty means "no bound". Both calendars'
# bounds take the same forms (web.params.DATE_PATTERN).
DATE_OR_EMPTY = {"type": "string", "pattern": f"^({DATE_PATTERN})?$"}


def _error(description: str, headers: dict | None = None) -> dict:
    out: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        out["headers"] = headers
    return out


RATE_LIMITED = _error(
    "Too many requests from this client",
    {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}},
)


def _operation(summary: str, schema: str, params: list[dict], *, not_found: bool = False) -> dict:
    responses: dict[str, Any] = {
        "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        },
        "400": _error("Invalid parameter, or one sent twice that takes one value (repeated_parameter; "
                       "only the facet filters repeat): the message says which, in Arabic and English"),
        "413": _error("Request body or query string too large"),
        "429": RATE_LIMITED,
        "500": _error("Internal error (never a traceback)"),
        "503": _error("The index is missing or was built by another analyzer version"),
    }
    if not_found:
        responses["404"] = _error("No document with this id")
    return {"summary": summary, "parameters": params, "responses": responses}


def _query(name: str, schema: dict, description: str, *, repeat: bool = False) -> dict:
    param = {"name": name, "in": "query", "required": False, "description": description}
    if repeat:
        param.update(style="form", explode=True, schema={"type": "array", "items": schema})
    else:
        param["schema"] = schema
    return param


def build_spec(limits: Limits, max_analyze_chars: int) -> dict:
    """The spec for an app with these limits."""
    max_q = limits.max_query_chars
    most = limits.max_filter_values
    depth = limits.max_depth

    def facet(name: str, item: dict, description: str) -> dict:
        param = _query(name, item, description, repeat=True)
        param["schema"]["maxItems"] = most
        return param

    search_params = [
        _query("q", {"type": "string", "maxLength": max_q},
               "The query (Arabic operators allowed); empty or left out: every article the other "
               "parameters allow (the whole archive when there are none), newest first"),
        _query("page", _or_empty({"type": "integer", "minimum": 1, "maximum": depth, "default": 1}),
               f"Page number; page * per_page may not exceed {depth} (400 page_too_deep)"),
        _query("per_page", _or_empty({"type": "integer", "minimum": 1, "maximum": limits.max_per_page,
                                       "default": limits.default_per_page}), "Hits per page"),
        _query("sort", _or_empty({"type": "string", "enum": list(SORTS), "default": "relevance"}), "Order"),
        facet("section", {"type": "string"}, "Section filter; repeat for either"),
        facet("source", {"type": "string"}, "Source filter; repeat for either"),
        facet("author", {"type": "string"}, "Author filter; repeat for either"),
        facet("year", {"type": "string", "pattern": "^([0-9]{4})?$"}, "Year filter (YYYY)"),
        facet("month", {"type": "string", "pattern": "^([0-9]{4}-(0[1-9]|1[0-2]))?$"},
              "Month filter (YYYY-MM)"),
        facet("hijri_year", {"type": "string", "pattern": "^([0-9]{4})?$"}, "Hijri (Umm al-Qura) year filter (YYYY)"),
        _query("hijri_from", DATE_OR_EMPTY,
               "Earliest Hijri (Umm al-Qura) date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD, years "
               f"{HIJRI_YEARS}, in ASCII, Arabic-Indic or Persian digits (400 bad_hijri_from)"),
        _query("hijri_to", DATE_OR_EMPTY,
               "Latest Hijri date, inclusive (same forms; 400 bad_hijri_to); not before `hijri_from` "
               "(400 bad_date_range)"),
        _query("from", DATE_OR_EMPTY,
               "Earliest date, inclusive: YYYY-MM-DD, or YYYY or YYYY-MM from its first day, in "
               "ASCII, Arabic-Indic or Persian digits (400 bad_from); empty: no bound"),
        _query("to", DATE_OR_EMPTY,
               "Latest date, inclusive: the same forms, a YYYY or YYYY-MM to its last day (400 "
               "bad_to); not before `from` (400 bad_date_range)"),
        _query("autocorrect", _or_empty({"type": "boolean", "default": True}),
               "When the query finds nothing and its spelling correction finds something, answer "
               "with the correction's results (corrected_query, original_query); false: as typed. "
               "A query with partial matches, or whose correction replaces a word the news writes "
               "(not a slip), is answered as typed, its correction in suggestion"),
        _query("collapse", _or_empty({"type": "boolean", "default": True}),
               "Fold near-duplicates (the same story in other sources) into one hit, listed in its "
               "duplicates; false: every article its own hit"),
    ]
    doc_id = {"name": "doc_id", "in": "path", "required": True,
              "schema": {"type": "string", "minLength": 1}}
    limit = _query("limit", _or_empty({"type": "integer", "minimum": 1, "maximum": limits.max_list}),
                   "How many")
    health = _operation("Index health and statistics", "Health", [])
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Fahras (فهرس) search API",
            "version": "1.0.0",
            "description": "Full-text search over an Arabic news archive. Errors share one "
                           "shape: {\"error\": {\"code\", \"message\"}}.",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/search": {"get": _operation("Search", "SearchResult", search_params)},
            "/api/v1/documents/{doc_id}": {
                "get": _operation("One document", "Document", [doc_id, _query(
                    "q", {"type": "string", "maxLength": max_q},
                    "A query whose words to mark in title_html and body_html"), _query(
                    "part", _or_empty({"type": "integer", "minimum": 1, "maximum": MAX_PART, "default": 1}),
                    f"Which part of the body: a body of more than {PART_CHARS:,} characters comes "
                    "in parts (parts says how many, next_part and previous_part link to the "
                    "neighbours); a part the document does not have answers 400 bad_part")], not_found=True)
            },
            "/api/v1/documents/{doc_id}/similar": {
                "get": _operation("Similar documents, one story once (the document's own story left out; "
                                 "copies in duplicates)", "Similar", [doc_id, limit], not_found=True)
            },
            "/api/v1/suggest": {
                "get": _operation("Completions of a prefix", "Suggestions", [
                    _query("q", {"type": "string", "maxLength": max_q}, "The prefix typed"),
                    limit,
                ])
            },
            "/api/v1/analyze": {
                "get": _operation("The terms the index stores for a text", "Analysis", [
                    _query("text", {"type": "string", "maxLength": max_analyze_chars}, "Text"),
                    _query("field", _or_empty({"type": "string", "enum": list(FIELD_KINDS),
                                                "default": "text"}), "Field kind"),
                ])
            },
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This description",
                    "responses": {"200": {"description": "OpenAPI 3 document",
                                          "content": {"application/json": {"schema": {
                                              "type": "object"}}}},
                                  "429": RATE_LIMITED},
                }
            },
            "/api/v1/healthz": {"get": health},
            "/healthz": {"get": health},
        },
        "components": {"schemas": {**component_schemas(), **WEB_SCHEMAS}},
    }
