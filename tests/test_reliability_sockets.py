"""Clients that stall mid-request do not take the site down (issue 16, item 4).

Two sockets that sent half a request once held both sync workers of ``fahras serve``: every
normal request waited for gunicorn's 60 s timeout. ``fahras serve`` as shipped (gevent workers)
is started here on a real index with 50 such sockets open, and normal searches must answer
meanwhile; bench/slow_sockets.py prints how fast, beside the other worker classes.
"""

from __future__ import annotations

import pytest
from support.webcorpus import build_index


@pytest.fixture(scope="module")
def slow_sockets(bench_module):
    return bench_module("slow_sockets")


@pytest.mark.slow
def test_fifty_stalled_sockets_leave_the_site_answering(tmp_path, slow_sockets):
    from web.cli import WORKER_CLASSES

    index = build_index(tmp_path / "index")
    result = slow_sockets.measure(index, WORKER_CLASSES[0], stalled=50, probes=5, timeout=10)
    assert result["failed"] == 0, result
