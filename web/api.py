"""The JSON API (``/api/v1``): parse the request, call the engine, return its object as JSON.

``openapi.py`` describes the same routes (docs/api.md is rendered from it), and
``tests/test_openapi.py`` lets schemathesis check that the two agree.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from search import FIELD_KINDS, analyze
from web import backend
from web.errors import ApiError, bad_request
from web.openapi import build_spec
from web.params import CONTROL, given, int_param, part_param, query_text, search_request
from web.presenters import with_part, with_part_links
from web.security import add_cors_headers

api = Blueprint("api", __name__, url_prefix="/api/v1")
health = Blueprint("health", __name__)

api.after_request(add_cors_headers)


def not_found_document(doc_id: str) -> ApiError:
    return ApiError(404, "not_found", f"No document with id {doc_id} — لا يوجد مستند بالمعرف {doc_id}")


@api.get("/search")
def search() -> Response:
    req = search_request(request.args, backend.limits())
    return jsonify(backend.engine().search(req).to_dict())


@api.get("/documents/<doc_id>")
def document(doc_id: str) -> Response:
    """The document with one part of its body (a body of more than one part comes a part at a
    time, ``?part=N``, with the links to its neighbours: indexer/parts.py)."""
    query, part = query_text(request.args, backend.limits()), part_param(request.args)
    doc = backend.engine().document(doc_id, query=query, part=part)
    if doc is None:
        raise not_found_document(doc_id)
    path = url_for("api.document", doc_id=doc_id)
    return jsonify(with_part_links(doc, lambda n: with_part(path, request.args, n)).to_dict())


@api.get("/documents/<doc_id>/similar")
def similar(doc_id: str) -> Response:
    limit = int_param(request.args, "limit", 5, 1, backend.limits().max_list)
    similar = backend.engine().similar(doc_id, limit=limit)
    if similar is None:
        raise not_found_document(doc_id)
    return jsonify(similar.to_dict())


@api.get("/suggest")
def suggest() -> Response:
    prefix = query_text(request.args, backend.limits())
    limit = int_param(request.args, "limit", 8, 1, backend.limits().max_list)
    suggestions = backend.engine().suggest(prefix, limit=limit) if prefix else []
    return jsonify({"query": prefix, "suggestions": list(suggestions)})


@api.get("/analyze")
def analyze_text() -> Response:
    """What the index stores for a text: the terms of one field kind with offsets into the text."""
    # Control characters become spaces one for one, so offsets still index the text sent back.
    text = CONTROL.sub(" ", request.args.get("text", ""))
    field = given(request.args, "field") or "text"
    if field not in FIELD_KINDS:
        raise bad_request(
            "bad_field",
            f"field يجب أن يكون أحد: {'، '.join(FIELD_KINDS)}",
            f"field must be one of {', '.join(FIELD_KINDS)}",
        )
    limit = current_app.config["FAHRAS_MAX_ANALYZE_CHARS"]
    if len(text) > limit:
        raise bad_request(
            "text_too_long", f"النص أطول من {limit} حرف", f"text is longer than {limit} characters"
        )
    tokens = [{"term": t, "start": s, "end": e} for t, s, e in analyze(text, field)]
    return jsonify({"text": text, "field": field, "tokens": tokens})


@api.get("/openapi.json")
def openapi() -> Response:
    return jsonify(build_spec(backend.limits(), current_app.config["FAHRAS_MAX_ANALYZE_CHARS"]))


@health.get("/healthz")
@api.get("/healthz")
def healthz() -> Response:
    """200 with index statistics when the index answers, ``status`` "degraded" when some of a
    cluster's shards do not (searches then answer partially); 503 (error shape) when it cannot."""
    return jsonify(backend.engine().health())
