"""The OpenAPI 3 description of ``/api/v1``, built from the same limits the server enforces.

Built in code rather than kept as a static file so that ``per_page``'s maximum, the query length and
the other limits in the spec are the configured ones: a spec that drifts from the server is worse
than none. ``tests/test_openapi.py`` runs schemathesis against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from analyzers.pipeline import FIELD_KINDS
from search.results import SORTS


def _nullable(kind: str) -> dict:
    return {"type": kind, "nullable": True}


SCHEMAS: dict[str, Any] = {
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
    "Hit": {
        "type": "object",
        "required": ["id", "title", "title_html", "snippet_html", "url", "date", "section",
                     "source", "score"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "title_html": {"type": "string", "description": "HTML: only <mark> tags, rest escaped"},
            "snippet_html": {"type": "string", "description": "HTML: only <mark> tags"},
            "url": _nullable("string"),
            "date": _nullable("string"),
            "section": _nullable("string"),
            "source": _nullable("string"),
            "score": _nullable("number"),
        },
    },
    "FacetValue": {
        "type": "object",
        "required": ["value", "count", "selected"],
        "properties": {
            "value": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
        },
    },
    "SearchResult": {
        "type": "object",
        "required": ["query", "total", "page", "per_page", "took_ms", "hits", "facets",
                     "suggestion"],
        "properties": {
            "query": {"type": "string"},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "took_ms": {"type": "number"},
            "sort": {"type": "string", "enum": list(SORTS)},
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "facets": {
                "type": "object",
                "additionalProperties": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/FacetValue"},
                },
            },
            "suggestion": _nullable("string"),
            "fallback_or": {"type": "boolean"},
            "facets_truncated": {"type": "array", "items": {"type": "string"}},
            "timed_out": {
                "type": "boolean",
                "description": "The search hit its time limit: hits, total and facets are what "
                               "was found by then (total is a lower bound).",
            },
            "filters": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "from": _nullable("string"),
            "to": _nullable("string"),
        },
    },
    "Document": {
        "type": "object",
        "required": ["id", "title", "body"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "body": {"type": "string"},
            "url": _nullable("string"),
            "date": _nullable("string"),
            "section": _nullable("string"),
            "source": _nullable("string"),
            "author": _nullable("string"),
            "tags": {"type": "array", "items": {"type": "string"}},
            "extra": {"type": "object"},
        },
    },
    "Similar": {
        "type": "object",
        "required": ["id", "hits"],
        "properties": {
            "id": {"type": "string"},
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
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
            "status": {"type": "string", "enum": ["ok"]},
            "documents": {"type": "integer", "nullable": True},
            "index": {"type": "object"},
        },
    },
}


# The HTML date form sends `from=&to=` when left blank: empty means "no bound".
DATE_OR_EMPTY = {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]}


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
        "400": _error("Invalid parameter (the message says which, in Arabic and English)"),
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


def build_spec(config: Mapping) -> dict:
    """The spec for an app with ``config``'s limits."""
    max_q = config["FAHRAS_MAX_QUERY_CHARS"]
    most = config["FAHRAS_MAX_FILTER_VALUES"]

    def facet(name: str, item: dict, description: str) -> dict:
        param = _query(name, item, description, repeat=True)
        param["schema"]["maxItems"] = most
        return param

    search_params = [
        _query("q", {"type": "string", "maxLength": max_q}, "The query (Arabic operators allowed)"),
        _query("page", {"type": "integer", "minimum": 1, "maximum": config["FAHRAS_MAX_DEPTH"],
                        "default": 1},
               f"Page number; page * per_page may not exceed {config['FAHRAS_MAX_DEPTH']} (400 "
               "page_too_deep)"),
        _query("per_page", {"type": "integer", "minimum": 1,
                            "maximum": config["FAHRAS_MAX_PER_PAGE"],
                            "default": config["FAHRAS_DEFAULT_PER_PAGE"]}, "Hits per page"),
        _query("sort", {"type": "string", "enum": list(SORTS), "default": "relevance"}, "Order"),
        facet("section", {"type": "string"}, "Section filter; repeat for either"),
        facet("source", {"type": "string"}, "Source filter; repeat for either"),
        facet("author", {"type": "string"}, "Author filter; repeat for either"),
        facet("year", {"type": "string", "pattern": "^[0-9]{4}$"}, "Year filter (YYYY)"),
        facet("month", {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"},
              "Month filter (YYYY-MM)"),
        _query("from", DATE_OR_EMPTY, "Earliest date, inclusive; empty: no bound"),
        _query("to", DATE_OR_EMPTY,
               "Latest date, inclusive; not before `from` (400 bad_date_range)"),
    ]
    doc_id = {"name": "doc_id", "in": "path", "required": True,
              "schema": {"type": "string", "minLength": 1}}
    limit = _query("limit", {"type": "integer", "minimum": 1, "maximum": 20}, "How many")
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
                "get": _operation("One document", "Document", [doc_id], not_found=True)
            },
            "/api/v1/documents/{doc_id}/similar": {
                "get": _operation("Similar documents", "Similar", [doc_id, limit], not_found=True)
            },
            "/api/v1/suggest": {
                "get": _operation("Completions of a prefix", "Suggestions", [
                    _query("q", {"type": "string", "maxLength": max_q}, "The prefix typed"),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 20}, "How many"),
                ])
            },
            "/api/v1/analyze": {
                "get": _operation("The terms the index stores for a text", "Analysis", [
                    _query("text", {"type": "string",
                                    "maxLength": config["FAHRAS_MAX_ANALYZE_CHARS"]}, "Text"),
                    _query("field", {"type": "string", "enum": list(FIELD_KINDS),
                                     "default": "text"}, "Field kind"),
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
        "components": {"schemas": SCHEMAS},
    }
