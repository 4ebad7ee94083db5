"""The HTML site: ``/``, ``/search`` and ``/documents/<id>``, each with its JSON twin.

A view parses the request, calls the engine once and hands the result object to either
``jsonify`` (``/search.json``, ``?format=json`` or ``Accept: application/json``) or a template
with the links computed by :mod:`web.presenters`. Both twins come from the same object.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from web import backend, presenters
from web.api import not_found_document
from web.errors import wants_json
from web.params import search_request

pages = Blueprint("pages", __name__)

SIMILAR_LIMIT = 5


def _json_url(endpoint: str, **values) -> str:
    return presenters.url_with(url_for(endpoint, **values), presenters.search_args(request.args))


@pages.get("/")
def home() -> Response | str:
    stats = backend.engine().stats()
    if wants_json():
        return jsonify({"documents": stats.get("documents"), "search": url_for("pages.search")})
    return render_template(
        "home.html", documents=stats.get("documents"), json_url=url_for("pages.home_json")
    )


pages.add_url_rule("/index.json", "home_json", home)


@pages.get("/search")
def search() -> Response | str:
    args = request.args
    req = search_request(args, backend.limits())
    if not wants_json() and not req.q and not req.filters and not (req.date_from or req.date_to):
        return redirect(url_for("pages.home"))
    result = backend.engine().search(req)
    if wants_json():
        return jsonify(result.to_dict())
    path = url_for("pages.search")
    document_url = lambda doc_id: url_for("pages.document", doc_id=doc_id)  # noqa: E731
    return render_template(
        "search.html",
        q=req.q,
        result=result,
        hits=presenters.hit_views(result.hits, document_url),
        missing_words=presenters.missing_words(result.hits),
        facets=presenters.facet_groups(result, path, args),
        sorts=presenters.sort_links(result, path, args),
        pager=presenters.pager(result, path, args, backend.limits().max_depth // result.per_page),
        suggestion_url=presenters.suggestion_url(result, path, args),
        date_hidden=presenters.hidden_fields(args, ("from", "to")),
        date_from=req.date_from.isoformat() if req.date_from else "",
        date_to=req.date_to.isoformat() if req.date_to else "",
        json_url=_json_url("pages.search_json"),
        first=(result.page - 1) * result.per_page + 1,
    )


pages.add_url_rule("/search.json", "search_json", search)


@pages.get("/documents/<doc_id>")
def document(doc_id: str) -> Response | str:
    engine = backend.engine()
    doc = engine.document(doc_id)
    if doc is None:
        raise not_found_document(doc_id)
    similar = engine.similar(doc_id, limit=SIMILAR_LIMIT) or []
    if wants_json():
        return jsonify({"document": doc.to_dict(), "similar": [h.to_dict() for h in similar]})
    document_url = lambda other: url_for("pages.document", doc_id=other)  # noqa: E731
    return render_template(
        "document.html",
        doc=doc,
        paragraphs=presenters.paragraphs(doc.body),
        link=presenters.http_url(doc.url),
        date=presenters.display_date(doc.date),
        similar=presenters.hit_views(similar, document_url),
        json_url=url_for("pages.document_json", doc_id=doc_id),
    )


pages.add_url_rule("/documents/<doc_id>.json", "document_json", document)
