"""One error shape everywhere: ``{"error": {"code", "message"}}`` for JSON, the same words in HTML.

Every failure goes through the handlers registered here, so a client never sees a traceback or
Flask's default HTML error page under ``/api/``. Messages are Arabic and English because both kinds
of users (people and programs) read them.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException

from search import IndexProblem, QueryError

log = logging.getLogger(__name__)

# Status -> (code, "English — Arabic" message) for errors raised by Flask itself.
HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Bad request — طلب غير صالح"),
    403: ("forbidden", "Forbidden — ممنوع"),
    404: ("not_found", "Not found — غير موجود"),
    405: ("method_not_allowed", "Method not allowed — الطريقة غير مسموح بها"),
    413: ("too_large", "Request too large — الطلب أكبر من المسموح"),
    417: ("expectation_failed", "Expectation failed — تعذّر تلبية الترويسة Expect"),
    429: ("rate_limited", "Too many requests, try again shortly — طلبات كثيرة، حاول بعد قليل"),
    500: ("internal_error", "Internal server error — خطأ داخلي في الخادم"),
    501: ("not_implemented", "Not implemented — غير مدعوم"),
}


class ApiError(Exception):
    """An error the user can act on; raised by views and parameter parsing."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


def bad_request(code: str, arabic: str, english: str) -> ApiError:
    """A 400 whose message reads "English — Arabic", as the engine's own messages do."""
    return ApiError(400, code, f"{english} — {arabic}")


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def json_path(path: str) -> bool:
    """Whether ``path`` is one answered in JSON whatever the client accepts: the API, ``/healthz``
    and the pages' ``.json`` twins (also asked by the server for a request refused before Flask)."""
    return path.startswith("/api/") or path == "/api" or path == "/healthz" or path.endswith(".json")


def wants_json() -> bool:
    """JSON for the API, ``/healthz``, the ``.json`` twins, ``?format=json`` and JSON-only clients."""
    if json_path(request.path):
        return True
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and not request.accept_mimetypes.accept_html


def arabic_first(message: str) -> tuple[str, str | None]:
    """(Arabic, English) of an "English — Arabic" message, for pages that put Arabic first;
    a message in one language only → (it, None)."""
    english, sep, arabic = message.partition(" — ")
    return (arabic, english) if sep and arabic else (message, None)


DATES = ("from", "to", "hijri_from", "hijri_to")  # the search's date bounds, Gregorian and Hijri


def _error_page(err: ApiError) -> str:
    """The error page, keeping what the user typed: the query in the box, and for a search its
    filters and dates in a form to correct them (a bad date range is shown to be fixed, not lost)."""
    from web import presenters  # the pages' helpers; loaded with the pages

    arabic, english = arabic_first(err.message)
    args = request.args
    on_search = request.endpoint in ("pages.search", "pages.search_json")
    return render_template(
        "error.html", status=err.status, message=presenters.isolate_ltr(arabic), english=english,
        q=args.get("q", ""),
        on_search=on_search, date_from=args.get("from", ""), date_to=args.get("to", ""),
        hijri_from=args.get("hijri_from", ""), hijri_to=args.get("hijri_to", ""),
        hidden=presenters.hidden_fields(args, DATES + ("q",)) if on_search else [],
        without_dates=presenters.url_with(request.path, presenters.without(args, DATES)),
    )


def error_response(err: ApiError) -> Response:
    # A Host header no URL can be built for (Host: ".") fails before routing: with no URL adapter
    # the page cannot link anything, so the error goes out in the API's shape.
    if wants_json() or request_ctx.url_adapter is None:
        resp = jsonify(error_body(err.code, err.message))
    else:
        resp = Response(_error_page(err))
    resp.status_code = err.status
    resp.headers.update(err.headers)
    return resp


def _from_http(exc: HTTPException) -> ApiError:
    status = exc.code or 500
    code, message = HTTP_MESSAGES.get(status, ("http_error", exc.name))
    headers = {}
    if status == 405 and getattr(exc, "valid_methods", None):
        headers["Allow"] = ", ".join(exc.valid_methods)
    return ApiError(status, code, message, headers)


def register(app: Flask) -> None:
    """Install the handlers; later registrations would not see errors raised before routing."""

    @app.errorhandler(ApiError)
    def _api_error(err: ApiError) -> Response:
        return error_response(err)

    @app.errorhandler(QueryError)
    def _query_error(err: QueryError) -> Response:
        return error_response(ApiError(400, err.code, str(err)))

    @app.errorhandler(IndexProblem)
    def _index_problem(err: IndexProblem) -> Response:
        # The message says what to do (build or re-index); it names a path, not code.
        log.error("index unavailable: %s", err)
        message = f"The index is not available — الفهرس غير متاح: {err}"
        return error_response(ApiError(503, "index_unavailable", message))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        return error_response(_from_http(exc))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.path)
        code, message = HTTP_MESSAGES[500]
        return error_response(ApiError(500, code, message))
