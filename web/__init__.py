"""Fahras's web app: the JSON API and the HTML site over one search engine.

``create_app(config)`` (:mod:`web.app`) builds a new app each call, so tests and the server each
make their own with their own index. The views only format: they parse the request, call the
engine (the ``search`` façade) and render the object it returns as JSON or as HTML.

``create_app`` is loaded on first use: every ``fahras`` command imports this package to register
``serve``, and only ``serve`` needs Flask and gunicorn.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from web.app import create_app

        return create_app
    raise AttributeError(f"module 'web' has no attribute {name!r}")
