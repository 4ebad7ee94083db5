"""The gunicorn application behind ``fahras serve``: one Flask app, explicit settings.

gunicorn's ``BaseApplication`` rather than its command line, so that the app comes from
``create_app`` with the options ``fahras serve`` was given and nothing is read from ``sys.argv``.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable, Iterable

import gunicorn.http.message
import gunicorn.util
from flask import Flask
from gunicorn.app.base import BaseApplication

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
# and one of ~30 MB past its 60 s timeout (an outside probe). The line is cut (414) past the
# longest query string the app takes (FAHRAS_MAX_QUERY_STRING) and this much for the rest.
REQUEST_LINE_MARGIN = 8 * 1024
_READ_LINE = gunicorn.http.message.Request.read_line


def capped_read_line(most: int) -> Callable:
    """gunicorn's ``Request.read_line`` with ``most`` bytes as the limit where it is given none:
    its own check, which answers 414 once a line passes it."""

    def read_line(self, unreader, buf, limit=0):  # noqa: ANN001, ANN202 (gunicorn's signature)
        return _READ_LINE(self, unreader, buf, limit or most)

    return read_line


def refusal(status: int, reason: str) -> bytes:
    """The whole HTTP response for a request gunicorn refuses before Flask sees it."""
    title = html.escape(f"{status} {reason}", quote=False)
    arabic, english = (("تعذّرت قراءة الطلب: أعد المحاولة بعنوان أقصر أو من متصفح آخر.",
                        "The server could not read this request.") if status < 500 else
                       ("تعذّر على الخادم الرد: أعد المحاولة بعد قليل.", "The server failed to answer: try again shortly."))
    body = (
        '<!doctype html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1><p>{arabic}</p>"
        f'<p dir="ltr" lang="en">{english}</p></body></html>\n'
    ).encode()
    head = [f"HTTP/1.1 {status} {reason}", "Connection: close", "Content-Type: text/html; charset=utf-8",
            f"Content-Length: {len(body)}", "Cache-Control: no-store", *(f"{k}: {v}" for k, v in HEADERS.items())]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


def write_refusal(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error``, replaced: a request it refuses itself (a header past its
    limits, a bad ``Content-Length``, HTTP/0.9) never reaches Flask, so its page went out without
    the site's security headers, in English only, quoting the offending line back. gunicorn has
    no hook for that page; its workers call ``util.write_error`` by module attribute, so it is
    replaced there. ``mesg`` (the request's own bytes) is not echoed."""
    gunicorn.util.write_nonblock(sock, refusal(status_int, reason))
