"""Does a normal request still answer while clients stall mid-request? (issue 16, item 4)

Why: a sync gunicorn worker reads a request to its end before it does anything else, so a client
that sends half a request and stops holds the worker until gunicorn's timeout; two such sockets
took a two-worker site down. For each worker class ``fahras serve`` offers, this starts it (two
workers) on ``--index``, opens ``--stalled`` sockets that each send half a request and stop, then
times ``--probes`` normal searches one after another (each given ``--timeout`` seconds) and
prints the median and worst time, and how many failed.

    python bench/slow_sockets.py --index var/index --stalled 50

Exits non-zero when the default worker class (the first printed) answers any probe in 1 s or more.
"""

from __future__ import annotations

import pathlib
import socket
import statistics
import sys
import time
import urllib.parse
import urllib.request

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from web import supervise  # noqa: E402
from web.cli import WORKER_CLASSES  # noqa: E402

HALF_REQUEST = b"GET /search?q=%D8%A7%D9%84%D8%B5%D8%AD%D8%A9 HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: sl"


def stall(port: int, count: int) -> list[socket.socket]:
    """``count`` connections that each sent half a request head and then nothing."""
    socks = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(HALF_REQUEST)
        socks.append(s)
    return socks


def probe(url: str, timeout: float) -> float | None:
    """Seconds to a complete 200 answer, or None when it failed or timed out."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            ok = response.status == 200
    except OSError:
        return None
    return time.perf_counter() - started if ok else None


def measure(index: pathlib.Path, worker_class: str, stalled: int, probes: int,
            timeout: float) -> dict:
    url = "/api/v1/search?q=" + urllib.parse.quote("وزارة الصحة")
    socks: list[socket.socket] = []
    with supervise.running(index, env={"FAHRAS_WORKER_CLASS": worker_class}, ready=url) as (base, _proc):
        try:
            for _ in range(4):  # both workers open the index before the stall
                probe(base + url, 30)
            socks = stall(int(base.rsplit(":", 1)[1]), stalled)
            time.sleep(0.5)
            times = [probe(base + url, timeout) for _ in range(probes)]
        finally:
            for s in socks:
                s.close()
    done = [t for t in times if t is not None]
    return {"worker_class": worker_class, "stalled": stalled, "probes": probes,
            "failed": len(times) - len(done),
            "median_s": statistics.median(done) if done else None,
            "worst_s": max(done) if len(done) == len(times) else None}


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              required=True)
@click.option("--stalled", default=50, show_default=True, help="Sockets that stall mid-request.")
@click.option("--probes", default=10, show_default=True, help="Normal requests timed meanwhile.")
@click.option("--timeout", default=5.0, show_default=True, help="Seconds a probe may take.")
@click.option("--worker-class", "classes", multiple=True, type=click.Choice(WORKER_CLASSES),
              default=WORKER_CLASSES, show_default=True)
def main(index: pathlib.Path, stalled: int, probes: int, timeout: float, classes: tuple[str, ...]) -> None:
    """Time normal searches while sockets stall mid-request, per worker class."""
    rows = [measure(index, c, stalled, probes, timeout) for c in classes]
    click.echo("| worker class | stalled sockets | probes | failed | median s | worst s |")
    click.echo("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        med = "-" if r["median_s"] is None else f"{r['median_s']:.3f}"
        worst = f">{timeout:g}" if r["worst_s"] is None else f"{r['worst_s']:.3f}"
        click.echo(f"| {r['worker_class']} | {r['stalled']} | {r['probes']} | {r['failed']} | {med} | {worst} |")
    first = rows[0]
    if first["worker_class"] == WORKER_CLASSES[0] and (first["worst_s"] is None or first["worst_s"] >= 1.0):
        raise SystemExit(f"{first['worker_class']}: a request took 1 s or more")


if __name__ == "__main__":
    main()
