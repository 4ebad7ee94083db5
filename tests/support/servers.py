"""Servers the tests start and stop: the app in a werkzeug thread, and ``fahras serve`` itself.

werkzeug in a thread for the browser tests, which exercise the pages; a real ``fahras serve``
(gunicorn, in its own process) where the WSGI server, the process model and the CLI matter. Both
bind 127.0.0.1 on a free port, and both are stopped by whoever started them.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

from flask import Flask
from werkzeug.serving import make_server

from support.cli import fahras_command


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def wait_until_up(base: str, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited early: {proc.stdout.read()}")
        try:
            if get(base + "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("server did not answer /healthz in time")


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM (gunicorn's graceful stop), then SIGKILL if it has not exited in 15 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def served(index_dir: pathlib.Path, env: dict | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """``fahras serve`` (2 workers, no rate limit unless ``env`` sets one) on a free loopback
    port: (base URL, process)."""
    port = free_port()
    proc = subprocess.Popen(
        [*fahras_command(), "serve", "--index", str(index_dir), "--host", "127.0.0.1",
         "--port", str(port), "--workers", "2", "--no-access-log"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "FAHRAS_RATE_LIMIT": "0", **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        yield base, proc
    finally:
        stop_server(proc)
