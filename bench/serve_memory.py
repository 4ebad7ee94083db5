"""Queries/s of ``fahras serve`` (gunicorn, 2 workers) and the RSS of a worker after 1,000 queries.

Why through the real server: what a deployment sees includes Flask, JSON encoding, gunicorn's
sync workers and the per-request ``refresh()`` check, and memory grows in the worker (term
dictionaries and columns loaded lazily, caches for stems and surface forms), not in a test process.

Load: ``--clients`` threads on loopback each send the benchmark queries one after another (the full
API request: facets, highlights, suggestion) for ``--seconds``; the figure is completed requests per
second. Then ``--after`` more queries, and the RSS (``VmRSS`` in ``/proc``) and peak RSS (``VmHWM``)
of each worker are read. The client threads share the machine's cores with the server, as a
loopback test must: queries/s here is a lower bound of the server alone.

    python bench/serve_memory.py --index var/bench/fahras-100k --seconds 20 --after 1000
"""

from __future__ import annotations

import json
import pathlib
import sys
import threading
import time
import urllib.parse
import urllib.request

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from queries import build_queries  # noqa: E402

from web import supervise  # noqa: E402


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM and the RSS split (RssAnon: the process's own heap; RssFile: pages of
    memory-mapped index files, shared with the page cache and reclaimable) of a process in kB."""
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"):
                out[key] = int(value.split()[0])
    return out


def children(pid: int) -> list[int]:
    kids = []
    for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        kids += [int(k) for k in text]
    return kids


def get(url: str, timeout: float = 60) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        r.read()
        return r.status


def run_serve(index: pathlib.Path, queries: list[str], workers: int = 2, clients: int = 4,
              seconds: float = 20.0, after: int = 1000) -> dict:
    port = supervise.free_port()
    base = f"http://127.0.0.1:{port}"
    proc = supervise.start(index, port, workers=workers, env={"FAHRAS_RATE_LIMIT": "0"})
    try:
        # A search, not /healthz: each worker opens the index on its first search.
        try:
            supervise.wait_until_answering(base + "/api/v1/search?q=" + urllib.parse.quote("السعودية"),
                                           proc, timeout=120)
        except RuntimeError as err:
            raise click.ClickException(str(err)) from None
        urls = [base + "/api/v1/search?q=" + urllib.parse.quote(q) for q in queries]
        for u in urls[: min(len(urls), 50)]:  # warm both workers a little
            get(u)
        done = [0] * clients
        errors = [0] * clients
        latencies: list[list[float]] = [[] for _ in range(clients)]
        stop = time.monotonic() + seconds

        def client(i: int) -> None:
            k = i * 37
            while time.monotonic() < stop:
                t = time.perf_counter()
                try:
                    get(urls[k % len(urls)])
                    done[i] += 1
                    latencies[i].append(time.perf_counter() - t)
                except OSError:
                    errors[i] += 1
                k += 1

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        load_requests = sum(done)
        def after_client(i: int) -> None:
            for k in range(i, after, clients):
                get(urls[k % len(urls)])

        threads = [threading.Thread(target=after_client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        worker_pids = children(proc.pid)
        mem = {pid: proc_status(pid) for pid in worker_pids}
        master = proc_status(proc.pid)
        all_lat = sorted(x for lst in latencies for x in lst)
        p95 = all_lat[int(0.95 * (len(all_lat) - 1))] * 1000 if all_lat else 0.0
        return {
            "index": str(index),
            "workers": workers,
            "clients": clients,
            "seconds": round(elapsed, 1),
            "requests": load_requests,
            "errors": sum(errors),
            "queries_per_s": round(load_requests / elapsed, 1) if elapsed else 0.0,
            "p95_ms_under_load": round(p95, 1),
            "queries_before_rss": load_requests + after + 50,
            "worker_rss_mb": [round(m["VmRSS"] / 1024, 1) for m in mem.values()],
            "worker_peak_rss_mb": [round(m["VmHWM"] / 1024, 1) for m in mem.values()],
            "worker_anon_mb": [round(m.get("RssAnon", 0) / 1024, 1) for m in mem.values()],
            "worker_file_mb": [round(m.get("RssFile", 0) / 1024, 1) for m in mem.values()],
            "master_rss_mb": round(master["VmRSS"] / 1024, 1),
        }
    finally:
        supervise.stop(proc, grace=30)


def serve_table(r: dict) -> str:
    return "\n".join([
        "| workers | clients | seconds | requests | errors | queries/s | p95 ms (under load) | "
        "worker RSS MB (after) | of which anon (heap) | of which file (mmap'd index) | "
        "worker peak RSS MB | master RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|",
        f"| {r['workers']} | {r['clients']} | {r['seconds']} | {r['requests']} | {r['errors']} | "
        f"{r['queries_per_s']} | {r['p95_ms_under_load']} | "
        f"{', '.join(map(str, r['worker_rss_mb']))} | {', '.join(map(str, r['worker_anon_mb']))} | "
        f"{', '.join(map(str, r['worker_file_mb']))} | {', '.join(map(str, r['worker_peak_rss_mb']))} | "
        f"{r['master_rss_mb']} |",
    ])


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path), required=True)
@click.option("--workers", default=2, show_default=True)
@click.option("--clients", default=4, show_default=True, help="Concurrent client threads.")
@click.option("--seconds", default=20.0, show_default=True, help="Length of the load phase.")
@click.option("--after", default=1000, show_default=True, help="Queries sent before reading RSS.")
@click.option("--limit", type=int, default=None, help="Use only the first N benchmark queries.")
@click.option("--json-out", type=click.Path(path_type=pathlib.Path), default=None)
def main(index, workers, clients, seconds, after, limit, json_out) -> None:
    """Bounded loopback load on `fahras serve`, then worker memory."""
    queries = build_queries()
    queries = queries[:limit] if limit else queries
    result = run_serve(index, queries, workers, clients, seconds, after)
    click.echo(serve_table(result))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
