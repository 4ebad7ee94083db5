"""A per-client-IP token bucket for the API, in process memory.

Why not a library: Flask-Limiter would be a new runtime dependency (pyproject is not ours to grow
for ~40 lines), and its value is shared storage (Redis) that one small search site does not need.
The cost of keeping it in memory: each gunicorn worker counts on its own, so the effective limit is
``rate x workers``; the setting is a guard against runaway clients, not a quota.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

from web.errors import ApiError


class TokenBucket:
    """``rate`` requests per minute per key, up to ``burst`` at once; ``rate=0`` allows everything."""

    def __init__(self, rate: float, burst: float = 0, max_clients: int = 10000) -> None:
        self.rate = rate / 60.0  # tokens per second
        self.burst = burst or rate
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> float:
        """Spend one token for ``key``: 0 when allowed, else the seconds until one is free."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.rate
            self._buckets[key] = (tokens, now)  # most recently seen last
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)  # forget the longest-idle client
            return wait


def check(bucket: TokenBucket, client: str) -> None:
    """Raise a 429 :class:`ApiError` with ``Retry-After`` when ``client`` is over its rate."""
    wait = bucket.take(client)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise ApiError(
            429,
            "rate_limited",
            f"Too many requests, retry in {seconds} s — طلبات كثيرة، حاول بعد {seconds} ثانية",
            {"Retry-After": str(seconds)},
        )
