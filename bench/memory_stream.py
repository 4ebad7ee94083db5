"""A worker's RSS under a stream of unique, absurdly long words (issue 16, item 5).

Why: a cache bounded by entries while its keys are unbounded in length grows a worker by the
size of every word it has seen (12,295 unique 9,990-letter words once took a worker from 220 to
834 MB). This sends ``--words`` unique long words, alternately through ``/api/v1/analyze`` (9,990
letters, under its 10,000-character limit) and ``/api/v1/search`` (1,990 letters, under the query
limit), to a real ``fahras serve`` with one worker, and prints that worker's RSS every
``--every`` requests. After a warm-up (the first tenth: lazily loaded tables, allocator arenas)
the curve must stay within ±``--tolerance`` of its value at the end of the warm-up.

    python bench/memory_stream.py --index var/index --words 10000

Exits non-zero when the curve leaves the band or a request fails.
"""

from __future__ import annotations

import pathlib
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from web import supervise  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
ANALYZE_LETTERS = 9990
SEARCH_LETTERS = 1990


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def worker_pid(master: int) -> int:
    kids = []
    for task in pathlib.Path(f"/proc/{master}/task").iterdir():
        kids += [int(k) for k in (task / "children").read_text().split()]
    if len(kids) != 1:
        raise RuntimeError(f"expected one worker under {master}, found {kids}")
    return kids[0]


def unique_word(rng: random.Random, i: int, length: int) -> str:
    """``length`` random Arabic letters, unique by construction (the index ``i`` spelt in letters
    leads the word)."""
    head = "".join(LETTERS[int(d)] for d in str(i))
    return head + "".join(rng.choices(LETTERS, k=length - len(head)))


def request_url(base: str, rng: random.Random, i: int) -> str:
    if i % 2:
        q = urllib.parse.quote(unique_word(rng, i, SEARCH_LETTERS))
        return f"{base}/api/v1/search?q={q}"
    return f"{base}/api/v1/analyze?text={urllib.parse.quote(unique_word(rng, i, ANALYZE_LETTERS))}"


def stream(base: str, pid: int, words: int, every: int, seed: int = 16) -> list[tuple[int, float]]:
    """(requests sent, worker RSS in MB) after each ``every`` requests; raises on a failed one."""
    rng = random.Random(seed)
    curve = [(0, rss_kb(pid) / 1024)]
    for i in range(1, words + 1):
        try:
            with urllib.request.urlopen(request_url(base, rng, i), timeout=60) as response:
                response.read()
        except urllib.error.HTTPError as err:
            raise RuntimeError(f"request {i} answered {err.code}") from None
        if i % every == 0 or i == words:
            curve.append((i, rss_kb(pid) / 1024))
    return curve


def flat(curve: list[tuple[int, float]], tolerance: float) -> tuple[bool, float, float, float]:
    """(within the band, reference MB, lowest and highest MB after the warm-up tenth)."""
    warm = max(1, len(curve) // 10)
    reference = curve[warm][1]
    later = [mb for _, mb in curve[warm:]]
    low, high = min(later), max(later)
    ok = reference * (1 - tolerance) <= low and high <= reference * (1 + tolerance)
    return ok, reference, low, high


def measure(index: pathlib.Path, words: int, every: int) -> list[tuple[int, float]]:
    """Start ``fahras serve`` (one worker) on ``index``, stream the words, stop it."""
    # A search opens the index in the worker: the baseline includes it.
    ready = "/api/v1/search?q=" + urllib.parse.quote("الصحة")
    with supervise.running(index, workers=1, env={"FAHRAS_RATE_LIMIT": "0"}, ready=ready) as (base, proc):
        return stream(base, worker_pid(proc.pid), words, every)


@click.command()
@click.option("--index", type=click.Path(exists=True, file_okay=False, path_type=pathlib.Path),
              required=True)
@click.option("--words", default=10000, show_default=True, help="Unique long words to send.")
@click.option("--every", default=500, show_default=True, help="Requests between RSS readings.")
@click.option("--tolerance", default=0.10, show_default=True, help="Allowed drift after warm-up.")
def main(index: pathlib.Path, words: int, every: int, tolerance: float) -> None:
    """Stream unique long words through /analyze and /search; print the worker's RSS curve."""
    started = time.monotonic()
    curve = measure(index, words, every)
    click.echo("| requests | worker RSS MB |\n|---:|---:|")
    for sent, mb in curve:
        click.echo(f"| {sent} | {mb:.1f} |")
    ok, reference, low, high = flat(curve, tolerance)
    click.echo(f"after warm-up: {low:.1f}-{high:.1f} MB against {reference:.1f} MB "
               f"({(high / reference - 1) * 100:+.1f}% at most); {time.monotonic() - started:.0f} s")
    if not ok:
        raise SystemExit(f"RSS left the ±{tolerance:.0%} band")


if __name__ == "__main__":
    main()
