"""Servers the tests start and stop: the app in a werkzeug thread, and ``fahras serve`` itself.

werkzeug in a thread for the browser tests, which exercise the pages; a real ``fahras serve``
(gunicorn, in its own process) where the WSGI server, the process model and the CLI matter. Both
bind 127.0.0.1 on a free port, and both are stopped by whoever started them.
"""

from __future__ import annotations

import contextlib
import pathlib
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

from flask import Flask
from werkzeug.serving import make_server

from web.supervise import running


@contextlib.contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Yield the base URL while the app is served in a thread; stop the server afterwards."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@contextlib.contextmanager
def served(index_dir: pathlib.Path, env: dict | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """``fahras serve`` (2 workers, no rate limit unless ``env`` sets one) on a free loopback
    port: (base URL, process), stopped afterwards."""
    with running(index_dir, env={"FAHRAS_RATE_LIMIT": "0", **(env or {})}, timeout=30) as served_at:
        yield served_at
