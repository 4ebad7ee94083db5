"""The first requests a freshly started ``fahras serve`` answers: how long, and does any hang?

Why: a worker's first request used to load the analysis and expansion tables itself (seconds of
CPU in which a gevent worker answers nobody), and a worker forked while the master's loading
thread held a lock hung for good (docs/reliability.md, "Workers that hung"). Each round starts
``fahras serve`` (two gevent workers) on ``--index``, waits only until its socket accepts (both
workers cold: no request has opened an engine), then sends ``--at-once`` requests at once (the
searches, ``/analyze`` of each field and ``/suggest``: every cold path a first request takes),
each given ``--timeout`` seconds. This checkout and ``--baseline`` (another checkout, e.g. ``main``
exported with ``git archive``) alternate round by round, so that both meet the same machine.

    python bench/cold_start.py --index var/index --rounds 5 [--baseline /tmp/main]

Prints, per checkout, the median and the worst first-request time over all rounds, the worst
round's median, how many requests went unanswered and the median time to a listening socket; exits non-zero when this checkout left any
request unanswered.
"""

from __future__ import annotations

import concurrent.futures
import os
import pathlib
import socket
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from web import supervise  # noqa: E402

PATHS = [
    *(f"/api/v1/search?q={urllib.parse.quote(q)}" for q in ("وزارة التعليم", "المدارس", "النفط", "أوروبا")),
    *(f"/api/v1/analyze?field={f}&text={urllib.parse.quote('والمدارس الجديدة')}" for f in ("text", "exact", "roots")),
    f"/api/v1/suggest?q={urllib.parse.quote('وزا')}",
]


def listening(port: int, proc, limit: float = 60.0) -> None:
    """Wait until the server's socket accepts a connection (no request sent)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise click.ClickException(f"the server exited: {proc.stdout.read()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise click.ClickException("the server did not listen in time")


def timed(url: str, timeout: float) -> float | None:
    """Seconds to the whole answer, or None when none came within ``timeout``."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as err:
        err.read()
    except OSError:
        return None
    return time.perf_counter() - started


def one_round(index: pathlib.Path, fahras: list[str], env: dict, at_once: int,
              timeout: float) -> tuple[float, list[float | None]]:
    """(seconds from the start to a listening socket, each first request's seconds or None)."""
    port = supervise.free_port()
    started = time.perf_counter()
    proc = supervise.start(index, port, env={"FAHRAS_RATE_LIMIT": "0", **env}, fahras=fahras)
    try:
        listening(port, proc)
        up = time.perf_counter() - started
        urls = [f"http://127.0.0.1:{port}{PATHS[i % len(PATHS)]}" for i in range(at_once)]
        with concurrent.futures.ThreadPoolExecutor(at_once) as pool:
            return up, list(pool.map(lambda u: timed(u, timeout), urls))
    finally:
        supervise.stop(proc)


def checkout_command(checkout: pathlib.Path) -> tuple[list[str], dict]:
    """Another checkout's ``fahras``: its own ``.venv``, else this Python with that checkout's
    code first (``-P``: not the working directory's, which ``-m`` would put before it)."""
    script = checkout / ".venv" / "bin" / "fahras"
    if script.exists():
        return [str(script)], {}
    return [sys.executable, "-P", "-m", "fahras"], {"PYTHONPATH": str(checkout)}


def summary(name: str, rounds: list[list[float | None]], ups: list[float]) -> tuple[str, int]:
    answered = [t for r in rounds for t in r if t is not None]
    lost = sum(t is None for r in rounds for t in r)
    worst_round = max(statistics.median([t for t in r if t is not None] or [0.0]) for r in rounds)
    line = (f"{name:<10} {len(answered) + lost:>5} requests  median {statistics.median(answered or [0.0]):6.2f} s"
            f"  worst {max(answered or [0.0]):6.2f} s  worst round's median {worst_round:6.2f} s"
            f"  unanswered {lost}  (listening after {statistics.median(ups):.2f} s)")
    return line, lost


@click.command()
@click.option("--index", required=True, type=click.Path(path_type=pathlib.Path, exists=True, file_okay=False))
@click.option("--rounds", default=5, show_default=True, help="Fresh servers per checkout.")
@click.option("--at-once", default=8, show_default=True, help="Requests sent at once to each server.")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds a request is given.")
@click.option("--baseline", type=click.Path(path_type=pathlib.Path, exists=True, file_okay=False),
              help="Another checkout to start side by side, round by round.")
def main(index: pathlib.Path, rounds: int, at_once: int, timeout: float, baseline: pathlib.Path | None) -> None:
    checkouts = {"this": (supervise.fahras_command(), {})}
    if baseline is not None:
        checkouts["baseline"] = checkout_command(baseline)
    results: dict[str, list[list[float | None]]] = {name: [] for name in checkouts}
    ups: dict[str, list[float]] = {name: [] for name in checkouts}
    for r in range(rounds):
        for name, (fahras, env) in checkouts.items():
            up, times = one_round(index, fahras, env, at_once, timeout)
            results[name].append(times)
            ups[name].append(up)
            shown = ", ".join("lost" if t is None else f"{t:.2f}" for t in sorted(times, key=lambda t: -(t or 1e9)))
            print(f"round {r + 1} {name}: {shown}", flush=True)
    print(f"\nfirst requests of a fresh server ({os.cpu_count()} CPUs, {at_once} at once, {rounds} rounds):")
    lines = {name: summary(name, rs, ups[name]) for name, rs in results.items()}
    for line, _lost in lines.values():
        print(line)
    if baseline is not None:
        mine = [t for r in results["this"] for t in r if t is not None]
        theirs = [t for r in results["baseline"] for t in r if t is not None]
        if mine and theirs:
            print(f"worst first request, baseline / this: {max(theirs) / max(mine):.1f}x;"
                  f" median: {statistics.median(theirs) / statistics.median(mine):.1f}x")
    if lines["this"][1]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
