"""The gunicorn application behind ``fahras serve``: one Flask app, explicit settings.

gunicorn's ``BaseApplication`` rather than its command line, so that the app comes from
``create_app`` with the options ``fahras serve`` was given and nothing is read from ``sys.argv``.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable
from contextvars import ContextVar

import gunicorn.http.message
import gunicorn.util
import gunicorn.workers.base
from flask import Flask
from gunicorn.app.base import BaseApplication

from web.errors import HTTP_MESSAGES, error_body, json_path
from web.security import HEADERS


class FahrasServer(BaseApplication):
    """A gunicorn application serving one Flask app with explicit settings."""

    def __init__(self, app: Flask, options: dict) -> None:
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        # Set in the master, before the workers fork: they inherit them.
        gunicorn.util.write_error = write_refusal
        gunicorn.workers.base.Worker.handle_error = handle_error_by_target
        gunicorn.http.message.Request.read_into = read_into_noting_head
        gunicorn.http.message.Request.__init__ = init_naming_target
        gunicorn.http.message.RFC9112_TARGET_INVALID = TARGET_INVALID
        most = self.application.config["FAHRAS_MAX_QUERY_STRING"] + REQUEST_LINE_MARGIN
        gunicorn.http.message.Request.read_line = capped_read_line(most)

    def load(self) -> Callable:
        return raw_utf8_target(self.application)


# The bytes a request target may hold: printable ASCII, as gunicorn has it (RFC 9112), and the
# bytes of UTF-8 too. curl, wget and a script's own HTTP call send an address typed with its Arabic
# as it stands (``/api/v1/search?q=النفط``), as UTF-8 bytes; gunicorn refused them with a 400 that
# told the user nothing, where nginx, Apache and werkzeug's own server take them as the UTF-8 they
# are. Controls, space and DEL stay refused; raw_utf8_target hands the app the target as if it
# had come percent-encoded.
TARGET_INVALID = re.compile(r"[^\x21-\x7e\x80-\xff]")
_PRINTABLE_ASCII = "".join(map(chr, range(0x21, 0x7F)))


def raw_utf8_target(app: Callable) -> Callable:
    """``app`` seeing a target sent with raw UTF-8 (:data:`TARGET_INVALID`) as the percent-encoded
    one it stands for. The query string: werkzeug reads ``request.args`` with a strict UTF-8
    decode of the raw string, so a byte that is no UTF-8 (``?q=\\xff``) was a 500, where the
    same byte percent-encoded (``%FF``) is read leniently. The path: gunicorn unquotes a raw one
    as if its latin-1 characters were text (each UTF-8 byte encoded again), so ``/documents/``
    and an Arabic id named another id; it is unquoted again from the raw target, byte for byte.
    An ASCII target, as every browser sends, passes untouched."""

    def wsgi(environ: dict, start_response: Callable) -> Iterable[bytes]:
        # WSGI strings hold the request's bytes as latin-1 characters.
        query = environ.get("QUERY_STRING", "")
        if not query.isascii():
            environ["QUERY_STRING"] = urllib.parse.quote(query.encode("latin-1", "replace"), safe=_PRINTABLE_ASCII)
        raw = environ.get("RAW_URI", "")
        if not environ.get("PATH_INFO", "").isascii() and raw.startswith("/") and not environ.get("SCRIPT_NAME"):
            path = raw.partition("?")[0].partition("#")[0].encode("latin-1", "replace")
            environ["PATH_INFO"] = urllib.parse.unquote_to_bytes(path).decode("latin-1")
        return app(environ, start_response)

    return wsgi


# gunicorn reads the request line with no limit (``limit_request_line`` 0): a finite one goes no
# higher than 8,190 bytes, shorter than a long Arabic query percent-encoded (6 bytes a letter). Its
# parser copies and searches the whole line at each read, so a line of 10 MB held a worker 8.5 s
# and one of ~30 MB past its 60 s timeout (an outside probe). The line is cut (413) past the
# longest query string the app takes (FAHRAS_MAX_QUERY_STRING) and this much for the rest.
REQUEST_LINE_MARGIN = 8 * 1024
_READ_LINE = gunicorn.http.message.Request.read_line


def capped_read_line(most: int) -> Callable:
    """gunicorn's ``Request.read_line`` with ``most`` bytes as the limit where it is given none:
    its own check, which refuses a line past it (414, answered as 413: :func:`refusal`)."""

    def read_line(self, unreader, buf, limit=0):  # noqa: ANN001, ANN202 (gunicorn's signature)
        return _READ_LINE(self, unreader, buf, limit or most)

    return read_line


# A request gunicorn refuses was asked of some path: a program calling /api/ reads errors in the
# API's JSON shape (docs/api.md), so the refusal goes out in it there, in the page's HTML elsewhere.
# gunicorn's write_error is told neither the request nor its path, so the worker's handle_error,
# which calls it in the same greenlet or thread, says which through this variable.
_ANSWER_JSON: ContextVar[bool] = ContextVar("fahras_refusal_in_json", default=False)
# The bytes of a refused request's start kept to find its path: a method, a space and the path.
_HEAD_BYTES = 512
# A request line past its cap (414) or headers past theirs (431) is a request too large, the 413
# the app answers for a query string past FAHRAS_MAX_QUERY_STRING: one status for one fault, and
# only the statuses the API documents.
_TOO_LARGE = (414, 431)
_READ_INTO = gunicorn.http.message.Request.read_into
_INIT = gunicorn.http.message.Request.__init__
_HANDLE_ERROR = gunicorn.workers.base.Worker.handle_error


def read_into_noting_head(self, unreader, buf, stop=False):  # noqa: ANN001, ANN202 (gunicorn's)
    """gunicorn's ``Request.read_into``, keeping the request's first bytes on the request."""
    _READ_INTO(self, unreader, buf, stop)
    if not getattr(self, "fahras_head", b""):
        self.fahras_head = bytes(buf[:_HEAD_BYTES])


def init_naming_target(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 (gunicorn's)
    """gunicorn's ``Request.__init__`` (which reads the request line and headers); a request it
    refuses names its path on the exception (``fahras_path``), since the refused request object
    is never handed on."""
    try:
        _INIT(self, *args, **kwargs)
    except Exception as exc:
        exc.fahras_path = getattr(self, "path", None) or target_path(getattr(self, "fahras_head", b""))
        raise


def target_path(head: bytes) -> str:
    """The path of a request line's start (``GET /api/v1/search?q=… HTTP/1.1``), '' if none."""
    parts = head.split(b" ", 2)
    if len(parts) < 2:
        return ""
    target = parts[1].partition(b"?")[0].partition(b"#")[0]
    if target.startswith((b"http://", b"https://")):  # an absolute form: its path
        target = b"/" + target.split(b"/", 3)[-1] if target.count(b"/") >= 3 else b"/"
    return target.decode("latin-1")


def handle_error_by_target(self, req, client, addr, exc):  # noqa: ANN001, ANN202 (gunicorn's)
    """gunicorn's ``Worker.handle_error``, telling :func:`write_refusal` whether the refused
    request asked for JSON."""
    path = getattr(req, "path", None) or getattr(exc, "fahras_path", "") or ""
    token = _ANSWER_JSON.set(json_path(path))
    try:
        _HANDLE_ERROR(self, req, client, addr, exc)
    finally:
        _ANSWER_JSON.reset(token)


def refusal(status: int, reason: str, in_json: bool = False) -> bytes:
    """The whole HTTP response for a request gunicorn refuses before Flask sees it: the API's
    error shape when ``in_json``, else a page."""
    if status in _TOO_LARGE:
        status, reason = 413, "Content Too Large"
    if in_json:
        code, message = HTTP_MESSAGES.get(status, ("http_error", f"{reason} — تعذّرت قراءة الطلب"))
        body, kind = (json.dumps(error_body(code, message), ensure_ascii=False) + "\n").encode(), "application/json"
    else:
        title = html.escape(f"{status} {reason}", quote=False)
        arabic, english = (("تعذّرت قراءة الطلب: أعد المحاولة بعنوان أقصر أو من متصفح آخر.",
                            "The server could not read this request.") if status < 500 else
                           ("تعذّر على الخادم الرد: أعد المحاولة بعد قليل.", "The server failed to answer: try again shortly."))
        body = (
            '<!doctype html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
            f"<title>{title}</title></head><body><h1>{title}</h1><p>{arabic}</p>"
            f'<p dir="ltr" lang="en">{english}</p></body></html>\n'
        ).encode()
        kind = "text/html; charset=utf-8"
    head = [f"HTTP/1.1 {status} {reason}", "Connection: close", f"Content-Type: {kind}",
            f"Content-Length: {len(body)}", "Cache-Control: no-store", *(f"{k}: {v}" for k, v in HEADERS.items())]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def write_refusal(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error``, replaced: a request it refuses itself (a header past its
    limits, a bad ``Content-Length``, HTTP/0.9) never reaches Flask, so its page went out without
    the site's security headers, in English only, quoting the offending line back, and in HTML to
    a program calling the API. gunicorn has no hook for that page; its workers call
    ``util.write_error`` by module attribute, so it is replaced there. ``mesg`` (the request's own
    bytes) is not echoed."""
    gunicorn.util.write_nonblock(sock, refusal(status_int, reason, _ANSWER_JSON.get()))
