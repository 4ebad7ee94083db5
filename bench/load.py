"""Bounded loopback load against ``fahras serve``: req/s, p50/p99, errors, worker RSS, rate limit.

Why Python threads with ``http.client`` and not wrk: nothing to install, keep-alive connections
like a browser's, and the query mix (topics with hamza/prefix variants, facet filters, pages) is
built here from the development topics. The client shares the machine with the server, so the
figures are a floor for what the server does alone.

    python bench/load.py [--index var/bench/31k] [--seconds 30] [--connections 64]

Builds the index from the SaudiNewsNet corpus when it is missing (``fahras index --procs 2``).
Exits non-zero when any request failed (a status other than 200, or a socket error), or when the
rate-limit check does not see 429 with ``Retry-After``.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import os
import pathlib
import random
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from web import supervise  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
TOPICS = ROOT.parent / "shared" / "eval" / "dev" / "topics.tsv"
FAHRAS = str(pathlib.Path(sys.executable).parent / "fahras")
SECTIONS = ["محليات", "اقتصاد", "رياضة", "دولي"]
FALLBACK_WORDS = ["وزارة الصحة", "النفط", "الهلال", "التعليم", "الرياض", "مجلس الشورى"]


def variants(query: str) -> list[str]:
    """The topic as typed, without hamza, with و glued on, and as a prefix of its first word."""
    plain = query.translate(str.maketrans("أإآ", "ااا"))
    words = query.split()
    out = [query, plain, "و" + query]
    if words and len(words[0]) > 3:
        out.append(words[0][:-1] + "*")
    return out


def query_mix(rng: random.Random) -> list[str]:
    """Paths: searches (some with a facet, a sort or a later page), suggestions."""
    queries: list[str] = []
    if TOPICS.exists():
        with open(TOPICS, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                queries += variants(row["query"])
    queries = queries or FALLBACK_WORDS
    paths = []
    for q in queries:
        base = {"q": q}
        paths.append("/api/v1/search?" + urllib.parse.urlencode(base))
        extra = rng.choice([{"section": rng.choice(SECTIONS)}, {"page": "2"}, {"sort": "newest"},
                            {"per_page": "20"}, {"page": "3", "section": rng.choice(SECTIONS)}])
        paths.append("/api/v1/search?" + urllib.parse.urlencode({**base, **extra}))
        paths.append("/api/v1/suggest?" + urllib.parse.urlencode({"q": q[:3]}))
    return paths


def worker_rss_kb(server_pid: int) -> dict[int, int]:
    """RSS (kB) of each gunicorn worker: the children of the server process."""
    out = {}
    for status in pathlib.Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if int(fields.get("PPid", "0").strip()) == server_pid:
            out[int(status.parent.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    return out


def start_server(index: pathlib.Path, port: int, env: dict[str, str]) -> subprocess.Popen:
    proc = supervise.start(index, port, env=env, stdout=subprocess.DEVNULL)
    try:
        supervise.wait_until_answering(f"http://127.0.0.1:{port}/healthz", proc)
    except RuntimeError as err:
        supervise.stop(proc)
        raise SystemExit(str(err)) from None
    return proc


def hammer(port: int, paths: list[str], seconds: float, connections: int, seed: int):
    """``connections`` threads, each on one keep-alive connection, until ``seconds`` pass."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    retry_after: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        rng = random.Random(seed + n)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        while time.monotonic() < stop_at:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
            except (OSError, http.client.HTTPException) as err:
                with lock:
                    errors.append(f"{type(err).__name__}: {err}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append(time.perf_counter() - started)
            with lock:
                statuses[resp.status] = statuses.get(resp.status, 0) + 1
                if resp.status == 429 and resp.getheader("Retry-After"):
                    retry_after.append(resp.getheader("Retry-After"))
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - started, sorted(latencies), statuses, errors, retry_after


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default="var/bench/31k", type=pathlib.Path)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--rate-limit-only", action="store_true", help="Only the 429 check.")
    args = parser.parse_args()
    if args.rate_limit_only:
        return rate_limit_check(args.index, args.seed)

    if not (args.index / "fahras.json").exists():
        if not CORPUS.exists():
            raise SystemExit(f"no index at {args.index} and no corpus at {CORPUS} to build it from")
        print(f"building {args.index} from {CORPUS} (5-20 min on 2 cores) ...", flush=True)
        subprocess.run([FAHRAS, "index", str(CORPUS), "--index", str(args.index), "--procs", "2"], check=True)

    paths = query_mix(random.Random(args.seed))
    port = supervise.free_port()
    server = start_server(args.index, port, {"FAHRAS_RATE_LIMIT": "0"})
    try:
        # One pass over the mix first, so the figures are of warm workers (caches, page cache).
        hammer(port, paths[:200], 5, 4, args.seed)
        before = worker_rss_kb(server.pid)
        seconds, lat, statuses, errors, _ = hammer(port, paths, args.seconds, args.connections, args.seed)
        after = worker_rss_kb(server.pid)
    finally:
        supervise.stop(server)
    done = len(lat)
    failed = len(errors) + sum(n for code, n in statuses.items() if code != 200)
    print(f"load: {args.connections} connections, {seconds:.1f} s, {len(paths)} distinct requests "
          f"on {args.index} ({os.cpu_count()} CPUs, client on the same machine)")
    print(f"  requests   {done}  ({done / seconds:.1f} req/s)")
    print(f"  latency    p50 {percentile(lat, 0.5) * 1000:.0f} ms, p90 {percentile(lat, 0.9) * 1000:.0f} ms, "
          f"p99 {percentile(lat, 0.99) * 1000:.0f} ms, max {lat[-1] * 1000 if lat else 0:.0f} ms")
    print(f"  statuses   {dict(sorted(statuses.items()))}; errors {failed} {errors[:3]}")
    print(f"  worker RSS before {sorted(v // 1024 for v in before.values())} MB, "
          f"after {sorted(v // 1024 for v in after.values())} MB")

    return rate_limit_check(args.index, args.seed) if failed == 0 else 1


def rate_limit_check(index: pathlib.Path, seed: int) -> int:
    """120 requests a minute per client IP, bursts of 20 (each worker counts alone). Cheap
    requests (``/api/v1/analyze``), so that the client outruns the limit whatever the index."""
    port = supervise.free_port()
    server = start_server(index, port, {"FAHRAS_RATE_LIMIT": "120", "FAHRAS_RATE_BURST": "20"})
    paths = ["/api/v1/analyze?" + urllib.parse.urlencode({"text": "وزارة الصحة"})]
    try:
        _s, _l, limited, limit_errors, retry_after = hammer(port, paths, 5, 8, seed)
    finally:
        supervise.stop(server)
    print(f"rate limit 120/min, burst 20: statuses {dict(sorted(limited.items()))}, "
          f"Retry-After on {len(retry_after)} of {limited.get(429, 0)} 429s "
          f"(values {sorted(set(retry_after))[:5]})")
    ok = limited.get(429, 0) > 0 and len(retry_after) == limited.get(429, 0) and not limit_errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
