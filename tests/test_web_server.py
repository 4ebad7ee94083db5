"""A real server: ``fahras serve`` (gunicorn) on a free loopback port, called over HTTP, stopped.

The Flask test client skips the WSGI server, the process model and the CLI; this test does not.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from browser.webcorpus import RECORDS, build_index

from web.cli import gunicorn_options


def fahras_command() -> list[str]:
    """The installed console script beside this Python, or the same entry point through -c."""
    script = pathlib.Path(sys.executable).parent / "fahras"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from indexer.cli import main; main()"]


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


@contextlib.contextmanager
def served(index_dir: pathlib.Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """``fahras serve`` (2 workers, no rate limit) on a free loopback port: (base URL, process)."""
    port = free_port()
    proc = subprocess.Popen(
        [*fahras_command(), "serve", "--index", str(index_dir), "--host", "127.0.0.1",
         "--port", str(port), "--workers", "2", "--no-access-log"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, FAHRAS_RATE_LIMIT="0"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        yield base, proc
    finally:
        stop_server(proc)


def stop_server(proc: subprocess.Popen) -> None:
    """SIGTERM (gunicorn's graceful stop), then SIGKILL if it has not exited in 15 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Yield the base URL of a running ``fahras serve``; stop it (SIGTERM) afterwards."""
    with served(build_index(tmp_path_factory.mktemp("web-server") / "index")) as (base, proc):
        yield base, proc


def test_serve_prints_its_address(server):
    base, proc = server
    # The first line is printed before gunicorn starts; read it without blocking on the rest.
    line = proc.stdout.readline()
    assert "Fahras: serving" in line and base in line


def test_search_over_http(server):
    base, _ = server
    q = urllib.parse.quote("التعليم")
    status, headers, body = get(f"{base}/api/v1/search?q={q}&section={urllib.parse.quote('رياضة')}")
    assert status == 200 and headers["Content-Type"] == "application/json"
    data = json.loads(body)
    assert data["total"] == 8 and "<mark>" in data["hits"][0]["title_html"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_pages_and_errors_over_http(server):
    base, _ = server
    status, headers, body = get(f"{base}/search?q={urllib.parse.quote('النفط')}")
    assert status == 200 and 'dir="rtl"' in body.decode()
    status, _, body = get(f"{base}/api/v1/documents/missing")
    assert status == 404 and json.loads(body)["error"]["code"] == "not_found"
    status, _, body = get(f"{base}/api/v1/search?per_page=1000")
    assert status == 400 and json.loads(body)["error"]["code"] == "bad_per_page"
    status, _, body = get(f"{base}/api/v1/healthz")
    assert status == 200 and json.loads(body)["documents"] == len(RECORDS)


def test_a_long_arabic_query_reaches_the_app(server):
    """gunicorn's 4 KiB request line would refuse it first; the app answers with its own 400."""
    base, _ = server
    q = urllib.parse.quote("ب" * 2001)  # 12 KB once percent-encoded
    status, _, body = get(f"{base}/api/v1/search?q={q}")
    assert status == 400 and json.loads(body)["error"]["code"] == "query_too_long"


def test_serve_refuses_a_missing_index(tmp_path):
    proc = subprocess.run(
        [*fahras_command(), "serve", "--index", str(tmp_path / "none"), "--port", str(free_port())],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode != 0 and "fahras index" in proc.stderr


def test_gunicorn_options_bind_ipv6_in_brackets():
    assert gunicorn_options("::1", 8000, 1, False)["bind"] == "[::1]:8000"
    assert gunicorn_options("127.0.0.1", 80, 3, True)["workers"] == 3
