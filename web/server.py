"""The gunicorn application behind ``fahras serve``: one Flask app, explicit settings.

gunicorn's ``BaseApplication`` rather than its command line, so that the app comes from
``create_app`` with the options ``fahras serve`` was given and nothing is read from ``sys.argv``.
"""

from __future__ import annotations

import html

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
        # Set in the master, before the workers fork: they inherit it.
        gunicorn.util.write_error = write_refusal

    def load(self) -> Flask:
        return self.application


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
