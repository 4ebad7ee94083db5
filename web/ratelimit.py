"""A per-client-IP token bucket for every route a client calls, shared by the worker processes.

Why shared memory: each gunicorn worker counting on its own made the effective limit
``rate x workers`` (and with gevent any worker may take any connection). The buckets live in one
anonymous shared mapping made when the app is built, in gunicorn's master before it forks, so
every worker reads and writes the same table under one process-shared lock; ``time.monotonic``
is the system's clock, the same in every process.

Why not a library: Flask-Limiter's shared storages are servers (Redis, Memcached) that one small
search site does not run, and its memory storage is per process, the flaw fixed here. The table is
fixed in size (``max_clients`` slots, 24 bytes each): a client's slot is chosen by the hash of its
address (the same in every worker: they are forks of one interpreter), and a client landing in a
slot another client holds takes it over with a full bucket, so memory never grows.

Not limited: static files (a page's stylesheet is part of its page view) and ``/healthz`` (load
balancers poll it from one address).
"""

from __future__ import annotations

import math
import mmap
import multiprocessing
import struct
import time

from web.errors import ApiError

_SLOT = struct.Struct("=qdd")  # the client's hash, tokens, when last seen
UNLIMITED_ENDPOINTS = frozenset({"static", "health.healthz", "api.healthz"})


class TokenBucket:
    """``rate`` requests per minute per key, up to ``burst`` at once; ``rate=0`` allows everything.

    ``take("10.0.0.1")`` → 0 (allowed) or the seconds until a token is free; shared with the
    processes forked after it is made.
    """

    def __init__(self, rate: float, burst: float = 0, max_clients: int = 65536) -> None:
        self.rate = rate / 60.0  # tokens per second
        self.burst = burst or rate
        self.max_clients = max_clients
        self._table = mmap.mmap(-1, _SLOT.size * max_clients)  # anonymous, MAP_SHARED: survives fork
        self._lock = multiprocessing.get_context("fork").Lock()

    def take(self, key: str, now: float | None = None) -> float:
        """Spend one token for ``key``: 0 when allowed, else the seconds until one is free."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        tag = hash(key) or 1  # 0 marks an empty slot
        offset = (tag % self.max_clients) * _SLOT.size
        with self._lock:
            held, tokens, last = _SLOT.unpack_from(self._table, offset)
            if held != tag:
                tokens, last = self.burst, now
            tokens = min(self.burst, tokens + max(0.0, now - last) * self.rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.rate
            _SLOT.pack_into(self._table, offset, tag, tokens, now)
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
