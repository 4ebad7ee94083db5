"""schemathesis against a LIVE ``fahras serve`` over HTTP, from the spec the server itself serves.

``tests/test_openapi.py`` calls the app in-process (WSGI): fast, but it skips gunicorn's request
parsing, its limits on request lines and headers, percent-decoding of raw bytes, and the worker
processes. Here the spec is fetched from ``/api/v1/openapi.json`` on a real server on a loopback
port and every generated request goes over a socket: valid requests (positive mode) and requests
that break the spec on purpose (negative mode) for every operation. Each response must match the
spec and nothing may answer 5xx. The number of cases that ran is printed for the report.
"""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from support.openapi_rules import check_response
from support.servers import get, served
from support.webcorpus import build_index

EXAMPLES = 80  # per operation and mode: 7 operations x 2 modes


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with served(build_index(tmp_path_factory.mktemp("live-api") / "index")) as (base, proc):
        yield base, proc


def _describe(err: BaseException) -> str:
    """The failure and, for Hypothesis's flaky/multiple-failure groups, each failure inside it:
    the group's own message says only *that* a case failed once, not what the response was."""
    text = str(err)[:1000]
    for inner in getattr(err, "exceptions", ())[:3]:
        text += f"\n  caused by {type(inner).__name__}: {str(inner)[:800]}"
    return text


@pytest.mark.slow
def test_live_server_conforms_to_its_openapi_spec(live):
    base, proc = live
    schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
    statuses: Counter[int] = Counter()
    cases: Counter[str] = Counter()
    failures: list[str] = []
    unsatisfiable: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7, [op.label for op in operations]

    def runner(operation, mode):
        label = f"{operation.label} [{mode.value}]"

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            response = case.call(base_url=base, timeout=30)
            statuses[response.status_code] += 1
            cases[label] += 1
            assert response.status_code < 500, (case.as_curl_command(), response.text[:300])
            check_response(case, response)

        return label, run

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            label, run = runner(operation, mode)
            try:
                run()
            except Unsatisfiable:
                # No way to break the spec for this operation (no parameters, or a path
                # parameter any string satisfies): nothing negative to send.
                unsatisfiable.append(label)
            except Exception as err:  # noqa: BLE001 - collect every operation's failure
                failures.append(f"{label}: {_describe(err)}")

    total = sum(cases.values())
    print(f"\n[schemathesis live] {total} requests over HTTP, {len(cases)} operation/mode pairs, "
          f"status codes {dict(sorted(statuses.items()))}; no invalid request exists for {unsatisfiable}")
    assert proc.poll() is None, "the server died"
    assert not failures, "\n\n".join(failures)
    assert not any(code >= 500 for code in statuses)
    assert total >= len(operations) * 2 * 10


def test_rate_limit_answers_429_with_retry_after_under_load(tmp_path):
    """With a limit configured, a client hammering the API from 8 connections gets 429s, each
    with ``Retry-After``, and the JSON error shape; nothing else fails."""
    import threading
    import urllib.parse

    index_dir = build_index(tmp_path / "index")
    seen: list[tuple[int, str | None, bytes]] = []
    lock = threading.Lock()
    # /healthz (what `served` waits on) is outside /api/v1: not limited.
    with served(index_dir, env={"FAHRAS_RATE_LIMIT": "60", "FAHRAS_RATE_BURST": "5"}) as (base, _proc):
        url = f"{base}/api/v1/analyze?text={urllib.parse.quote('وزارة')}"

        def client():
            for _ in range(15):
                status, headers, body = get(url)
                with lock:
                    seen.append((status, headers.get("Retry-After"), body))

        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    statuses = Counter(s for s, _, _ in seen)
    print(f"\n[rate limit] 60/min, burst 5, 2 workers: {dict(statuses)} of {len(seen)} requests")
    assert set(statuses) == {200, 429} and statuses[429] >= len(seen) // 2
    for status, retry_after, body in seen:
        if status == 429:
            assert retry_after and int(retry_after) >= 1
            assert b'"rate_limited"' in body
