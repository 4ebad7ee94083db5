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
from werkzeug.datastructures import MultiDict

from search import query_language
from web import backend, presenters
from web.api import not_found_document
from web.errors import wants_json
from web.params import SEARCH_PARAMETERS, part_param, query_text, search_request

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
    if not wants_json() and not req.q and _nothing_else_asked(args):
        return redirect(url_for("pages.home"))
    result = backend.engine().search(req)
    if wants_json():
        return jsonify(result.to_dict())
    path = url_for("pages.search")
    max_page = backend.limits().max_depth // result.per_page
    # A document reached from the results keeps the search (its words highlighted, a way back);
    # a search answered by its correction marks the corrected words there, as in its snippets.
    searched = presenters.searched_args(args, result)
    document_url = lambda doc_id: presenters.with_part(url_for("pages.document", doc_id=doc_id), searched, 1)  # noqa: E731
    return render_template(
        "search.html",
        q=req.q,
        result=result,
        hits=presenters.hit_views(result.hits, document_url, _source_name()),
        missing_words=presenters.missing_words(result.hits),
        facets=presenters.facet_groups(result, path, args),
        sorts=presenters.sort_links(result, path, args),
        pager=presenters.pager(result, path, args, max_page),
        past_end=presenters.past_end(result, path, args, max_page),
        suggestion_url=presenters.suggestion_url(result, path, args),
        original_url=presenters.original_url(result, path, args),
        date_hidden=presenters.hidden_fields(args, ("from", "to", "hijri_from", "hijri_to")),
        hijri_from=req.hijri_from,
        hijri_to=req.hijri_to,
        date_from=req.date_from.isoformat() if req.date_from else "",
        date_to=req.date_to.isoformat() if req.date_to else "",
        json_url=_json_url("pages.search_json"),
        first=(result.page - 1) * result.per_page + 1,
        count=presenters.count_of(result.total),
        stories=presenters.stories_count(result),
        every_word=presenters.with_every_word(result),
        took=presenters.took(result.took_ms),
    )


pages.add_url_rule("/search.json", "search_json", search)


def _nothing_else_asked(args: MultiDict) -> bool:
    """No parameter but ``q`` has a value: an empty search box sent, answered by the home page.
    Any other (a filter, a date, ``sort=newest``, ``page=2``) browses the archive, as the JSON
    twin and the API answer the same URL (docs/api.md); ``/search?q=&sort=newest`` once
    redirected home while ``/search.json?q=&sort=newest`` listed the archive. A parameter no
    search reads (``utm_source`` from a shared link) asks for nothing."""
    return not any(value for name, value in args.items(multi=True) if name != "q" and name in SEARCH_PARAMETERS)


def _source_name():
    """A source's display name (the labels file's, else the stored value)."""
    labels = backend.engine().labels
    return lambda value: labels.display("source", value)


def _with_search(path: str, part: int = 1) -> str:
    """``path`` with the request's search parameters (query, filters, page), and ``part`` of a
    long document when past the first (:mod:`indexer.parts`)."""
    return presenters.with_part(path, request.args, part)


@pages.get("/documents/<doc_id>")
def document(doc_id: str) -> Response | str:
    engine = backend.engine()
    q = query_text(request.args, backend.limits())
    part = part_param(request.args)
    found = engine.document_with_similar(doc_id, limit=SIMILAR_LIMIT, query=q, part=part)
    if found is None:
        raise not_found_document(doc_id)
    page_url = lambda n: _with_search(url_for(request.endpoint, doc_id=doc_id), part=n)  # noqa: E731
    doc, similar = presenters.with_part_links(found[0], page_url), found[1]
    if wants_json():
        return jsonify({"document": doc.to_dict(), "similar": [h.to_dict() for h in similar.hits],
                        "partial": similar.partial, "shards_failed": similar.shards_failed})
    document_url = lambda other: url_for("pages.document", doc_id=other)  # noqa: E731
    highlighted = doc.body_html is not None  # reached from a search: the query's words marked
    source_name = _source_name()
    return render_template(
        "document.html",
        doc=doc,
        q=q,
        back_url=_with_search(url_for("pages.search")) if presenters.search_args(request.args) else None,
        paragraphs=presenters.paragraphs(doc.body_html if highlighted else doc.body),
        highlighted=highlighted,
        tags=presenters.tag_links(doc.tags, url_for("pages.search")),
        link=presenters.http_url(doc.url),
        date=presenters.display_date(doc.date),
        hijri=presenters.display_hijri(doc.date_hijri),
        similar=presenters.hit_views(similar.hits, document_url, source_name),
        shards_failed=similar.shards_failed,
        source=source_name(doc.source) if doc.source else None,
        json_url=_with_search(url_for("pages.document_json", doc_id=doc_id), part=doc.part),
    )


pages.add_url_rule("/documents/<doc_id>.json", "document_json", document)


# What each field of the query language finds, for the help page (the names come from the parser).
FIELD_HELP = {
    "title": "الكلمة في العنوان وحده", "body": "الكلمة في نص المقال وحده",
    "source": "مقالات مصدر، باسمه أو بجزء منه: مصدر:الأفق", "section": "مقالات قسم: قسم:رياضة",
    "author": "مقالات كاتب، باسمه أو بجزء منه: كاتب:سارة", "root": "كل الكلمات من الجذر",
    "date": "تاريخ أو مدة (انظر التواريخ)", "hijri": "تاريخ أو مدة بالتقويم الهجري، أم القرى: هجري:1436-09", "tags": "المقالات الموسومة بالوسم: وسم:\"معرض الكتاب\"",
}  # fmt: skip
FIELD_NAMES = {"title": "العنوان", "body": "النص", "root": "الجذر", "date": "التاريخ", "tags": "الوسم",
               "hijri": "التاريخ الهجري"}


@pages.get("/help", endpoint="help")
def help_page() -> Response | str:
    """The query language in Arabic; its JSON twin gives the language's words."""
    language = query_language()
    if wants_json():
        return jsonify(language)
    return render_template("help.html", language=language, field_help=FIELD_HELP,
                           field_labels={**FIELD_NAMES, **presenters.FACET_LABELS},
                           json_url=url_for("pages.help_json"))


pages.add_url_rule("/help.json", "help_json", help_page)
