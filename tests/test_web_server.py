"""A real server: ``fahras serve`` (gunicorn) on a free loopback port, called over HTTP, stopped.

The Flask test client skips the WSGI server, the process model and the CLI; this test does not.
"""

from __future__ import annotations

import json
import socket
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest
from support.cli import fahras_command
from support.servers import get, served
from support.webcorpus import RECORDS, build_index

from web.cli import gunicorn_options
from web.supervise import free_port


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


def test_a_request_line_is_read_up_to_the_query_strings_limit_only():
    """gunicorn reads the request line with no limit of its own and rescans it at each read (a
    10 MB line held a worker 8.5 s): the line is refused (414) once past the longest query string
    the app takes, however much more the client sends."""
    from gunicorn.http.errors import LimitRequestLine
    from gunicorn.http.message import Request
    from gunicorn.http.unreader import IterUnreader

    from web.server import capped_read_line

    class Reading:
        read_into = Request.read_into

    fed = []
    chunks = (fed.append(1) or b"a" * 8192 for _ in range(10_000))  # 80 MB if read to the end
    with pytest.raises(LimitRequestLine):
        capped_read_line(64 * 1024)(Reading(), IterUnreader(chunks), bytearray(), 0)
    assert len(fed) <= 10
    line, rest = capped_read_line(64 * 1024)(Reading(), IterUnreader([b"GET / HTTP/1.1\r\nHost: a"]), bytearray(), 0)
    assert line == b"GET / HTTP/1.1" and rest == b"Host: a"


def test_a_query_string_near_its_limit_still_reaches_the_app(server):
    """The cap sits past the app's own limit (FAHRAS_MAX_QUERY_STRING, 256 KB): a long query
    string is the app's to answer, not gunicorn's 414."""
    base, _ = server
    status, _, body = get(f"{base}/api/v1/search?q=x&section=" + "a" * 200_000)
    assert status == 200 and json.loads(body)["filters"]["section"] == ["a" * 200_000]


def test_serve_refuses_a_missing_index(tmp_path):
    proc = subprocess.run(
        [*fahras_command(), "serve", "--index", str(tmp_path / "none"), "--port", str(free_port())],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode != 0 and "fahras index" in proc.stderr


def test_gunicorn_options_bind_ipv6_in_brackets():
    assert gunicorn_options("::1", 8000, 1, False)["bind"] == "[::1]:8000"
    assert gunicorn_options("127.0.0.1", 80, 3, True)["workers"] == 3


def _raw(base: str, request: bytes) -> bytes:
    """What the server answers to ``request`` sent as bytes (read until it closes)."""
    address = urllib.parse.urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("request_bytes", [
    b"GET /search?q=x HTTP/1.1\r\nHost: a\r\nX-Big: " + b"<script>" * 2000 + b"\r\n\r\n",  # past 8 KB
    b"POST /search HTTP/1.1\r\nHost: a\r\nContent-Length: <script>\r\n\r\n",
    b"GET /<script>alert(1)</script> HTTP/9.9\r\nHost: a\r\n\r\n",
    b"\x16\x03\x01<script> binary\r\n\r\n",
], ids=["header-too-big", "bad-content-length", "bad-version", "garbage"])
def test_requests_gunicorn_refuses_get_the_security_headers_and_no_echo(server, request_bytes):
    """gunicorn answers these before Flask sees them: its page now carries the site's headers
    and never quotes the request back."""
    base, _ = server
    answer = _raw(base, request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    assert lines[0].split()[1] in ("400", "413"), lines[0]
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    assert b"script" not in body and 'dir="rtl"' in body.decode()


def _line_too_long(path: bytes) -> bytes:
    """A request line just past the server's cap (the app's query string limit and the margin),
    sent with nothing after it: the server reads every byte before it refuses, so its answer is
    not lost to a reset (bytes left unread when it closes would reset the connection)."""
    from web.config import DEFAULTS
    from web.server import REQUEST_LINE_MARGIN

    cap = DEFAULTS["FAHRAS_MAX_QUERY_STRING"] + REQUEST_LINE_MARGIN
    start, end = b"GET " + path + b"?q=", b" HTTP/1.1"
    return start + b"%D8%A8" * ((cap - len(start) - len(end)) // 6 + 2) + end + b"\r\n"


@pytest.mark.parametrize(("request_bytes", "status", "code"), [
    (_line_too_long(b"/api/v1/search"), 413, "too_large"),
    (b"GET /api/v1/search?q=x HTTP/1.1\r\nHost: a\r\nX-Big: " + b"<script>" * 2000 + b"\r\n\r\n", 413, "too_large"),
    (b"GET /search.json?q=x HTTP/1.1\r\nHost: a\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 413, "too_large"),
    (b"GET /api/v1/search?q=x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "bad_request"),
    (b"POST /api/v1/search HTTP/1.1\r\nHost: a\r\nContent-Length: <script>\r\n\r\n", 400, "bad_request"),
    (b"GET /healthz HTTP/9.9\r\nHost: a\r\n\r\n", 400, "bad_request"),
], ids=["line-too-long", "header-too-big", "json-twin", "two-hosts", "bad-content-length", "bad-version"])
def test_requests_gunicorn_refuses_on_the_api_get_the_api_error_shape(server, request_bytes, status, code):
    """A program calling the API reads every error in its JSON shape, also one the HTTP server
    answers before the app (docs/api.md): a request line or headers past the limits are the
    app's own 413 for a query string past its limit."""
    base, _ = server
    head, _, body = _raw(base, request_bytes).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert int(lines[0].split()[1]) == status, lines[0]
    assert headers["Content-Type"] == "application/json" and int(headers["Content-Length"]) == len(body)
    assert headers["X-Content-Type-Options"] == "nosniff"
    error = json.loads(body)["error"]
    assert error["code"] == code and " — " in error["message"] and "script" not in error["message"]


def test_a_request_line_too_long_for_a_page_is_a_413_page(server):
    base, _ = server
    head, _, body = _raw(base, _line_too_long(b"/search")).partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0] == b"HTTP/1.1 413 Content Too Large"
    assert b"Content-Type: text/html; charset=utf-8" in head and 'dir="rtl"' in body.decode()


@pytest.mark.parametrize(("head", "path"), [
    (b"GET /api/v1/search?q=x HTTP/1.1", "/api/v1/search"),
    (b"GET /search.json#top HTTP/1.1", "/search.json"),
    (b"GET http://example.org/api/v1/suggest?q=a HTTP/1.1", "/api/v1/suggest"),
    (b"GET http://example.org HTTP/1.1", "/"),
    (b"GET /api/v1/search?q=" + b"a" * 600, "/api/v1/search"),  # a line cut short
    (b"\x16\x03\x01 binary", "binary"),
    (b"garbage", ""),
])
def test_the_path_of_a_refused_requests_start(head, path):
    from web.server import target_path

    assert target_path(head[:512]) == path


def _answer(base: str, target: bytes) -> tuple[int, bytes]:
    head, _, body = _raw(base, b"GET " + target + b" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def test_an_address_typed_with_raw_arabic_is_read_as_utf8(server):
    """``curl 'http://…/api/v1/search?q=التعليم'`` sends the Arabic as raw UTF-8 bytes, which
    gunicorn refused (400, "the server could not read this request"); it is now read as the
    percent-encoded address it stands for, in the query and in the path alike."""
    base, _ = server
    raw_status, raw_body = _answer(base, "/api/v1/search?q=التعليم&section=رياضة".encode())
    encoded = f"/api/v1/search?q={urllib.parse.quote('التعليم')}&section={urllib.parse.quote('رياضة')}"
    status, body = _answer(base, encoded.encode())
    assert raw_status == status == 200
    assert {k: v for k, v in json.loads(raw_body).items() if k != "took_ms"} == \
        {k: v for k, v in json.loads(body).items() if k != "took_ms"}
    status, body = _answer(base, "/api/v1/documents/وثيقة-غائبة".encode())
    assert status == 404 and "وثيقة-غائبة" in json.loads(body)["error"]["message"]  # the id as typed


@pytest.mark.parametrize("target", [b"/api/v1/search?q=\xff\xfe", b"/search?q=\xd8", b"/api/v1/documents/\xff",
                                    b"/api/v1/suggest?q=\xc3\x28"])
def test_bytes_that_are_no_utf8_are_never_a_500(server, target):
    """A byte no UTF-8 sequence holds reached werkzeug's strict decode of the query string (500
    once raw bytes were let through); then werkzeug kept it as its %-escape, searched as text.
    A query string that is no UTF-8 is a 400 that says so; such a path is a document not found."""
    base, _ = server
    status, body = _answer(base, target)
    assert status == (404 if b"/documents/" in target else 400), body[:200]
    if target.startswith(b"/api/"):
        json.loads(body)
    if status == 400:
        assert b"not UTF-8" in body


def test_controls_and_spaces_in_an_address_are_still_refused(server):
    base, _ = server
    for target in (b"/api/v1/search?q=a\x01b", b"/api/v1/search?q=a\x7fb", b"/api/v1/search?q=a b"):
        status, body = _answer(base, target)
        assert status == 400 and b"<script" not in body


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path):
    """gunicorn retried for seconds and printed its own log lines after «serving …»: the address is
    tried first, and its being taken is one error line and exit status 1."""
    from support.cli import clean_failure, fahras

    index_dir = build_index(tmp_path / "index")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = fahras("serve", "--index", index_dir, "--port", port, timeout=60)
    message = clean_failure(done, "cannot listen on http://127.0.0.1:", "give --port", code=1)
    assert "serving" not in done.stdout, message


def test_two_servers_share_no_control_socket(tmp_path):
    """gunicorn 25+ opens a control socket at one path per user: a second `fahras serve` took
    the first's, and `gunicornc shutdown` meant for one stopped the other. None is opened."""
    home = tmp_path / "home"
    home.mkdir()
    with served(build_index(tmp_path / "index"), env={"HOME": str(home), "XDG_RUNTIME_DIR": ""}) as (base, _):
        assert urllib.request.urlopen(base + "/healthz", timeout=30).status == 200
        assert not list(home.rglob("*.ctl"))
    assert gunicorn_options("127.0.0.1", 80, 1, False)["control_socket_disable"] is True
