"""Serve a Flask app on a free loopback port in a thread, for the browser tests.

werkzeug in a thread rather than gunicorn: the browser tests exercise the pages, and
tests/test_web_server.py covers the real `fahras serve` path.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from flask import Flask
from werkzeug.serving import make_server


@contextlib.contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Yield the base URL while the app is served; stop the server afterwards."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
