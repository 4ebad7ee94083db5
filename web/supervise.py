"""Run ``fahras serve`` from a script: start it on a loopback port, wait until it answers, stop it.

What every supervisor of the server needs — the tests that call it over HTTP, the serving
benchmarks, a deploy script — in one place, so that all of them start and stop it the same way:
gunicorn's graceful stop (SIGTERM lets the requests in flight finish), then SIGKILL for a server
that did not exit in time. Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping

# Seconds a stopping server gets before SIGKILL: gunicorn's graceful_timeout (web/cli.py) and a margin.
STOP_GRACE = 15.0


def fahras_command() -> list[str]:
    """The ``fahras`` console script beside this Python, or the same entry point through ``-m``."""
    script = pathlib.Path(sys.executable).parent / "fahras"
    return [str(script)] if script.exists() else [sys.executable, "-m", "fahras"]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def start(index_dir: str | pathlib.Path, port: int, *, workers: int = 2,
          env: Mapping[str, str] | None = None, stdout=subprocess.PIPE,
          fahras: list[str] | None = None) -> subprocess.Popen:
    """``fahras serve`` on 127.0.0.1:``port``, without an access log, its output (stderr
    included) to ``stdout``; ``env`` is added to this process's environment. ``fahras``: the
    command to run (another checkout's, for a benchmark side by side), else this one's."""
    return subprocess.Popen(
        [*(fahras or fahras_command()), "serve", "--index", str(index_dir), "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers), "--no-access-log"],
        stdout=stdout, stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})},
    )


def wait_until_answering(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll ``url`` until it answers 200; raise ``RuntimeError`` when the server exits or the
    time runs out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            output = proc.stdout.read() if proc.stdout else ""
            raise RuntimeError(f"the server exited early: {output[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} in {timeout:.0f} s")


def stop(proc: subprocess.Popen, grace: float = STOP_GRACE) -> None:
    """SIGTERM (gunicorn's graceful stop), then SIGKILL if it has not exited in ``grace`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextlib.contextmanager
def running(index_dir: str | pathlib.Path, *, workers: int = 2, env: Mapping[str, str] | None = None,
            ready: str = "/healthz", timeout: float = 60.0,
            fahras: list[str] | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """``fahras serve`` on a free loopback port while the block runs: (base URL, process), once
    ``ready`` (a path; a search makes each worker open the index first) answers 200."""
    port = free_port()
    proc = start(index_dir, port, workers=workers, env=env, fahras=fahras)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base + ready, proc, timeout=timeout)
        yield base, proc
    finally:
        stop(proc)
