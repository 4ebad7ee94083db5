"""Per-process memo caches for the per-word analysis rules, bounded by the bytes they hold.

News text repeats the same word forms endlessly and a cache hit costs less than even one
``str.translate``, so every per-token rule is memoized. An entry-count bound (``lru_cache``) is no
memory bound when a token's length is not: unique 9,990-letter "words" grew index workers from
220 MB to 834 MB. Here each cache counts the bytes of its keys and values and drops its oldest half
when a new entry would pass its budget; and text longer than the caller's ``max_len`` is computed
but never cached (no word is that long: :data:`analyzers.limits.MAX_WORD_LEN`).

Hand-written rather than ``cachetools.LRUCache(getsizeof=...)``: a hit through cachetools' Python
wrapper and lock cost ~1,000 ns against ~120 ns for this dict look-up (``docs/stemming.md``), and
analysis does four look-ups a token.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from itertools import islice
from typing import Any, TypeVar

# What a dict slot costs beyond its key and value: 38 bytes an entry measured with tracemalloc at
# 200,000 entries, plus room for the table's growth (``tests/test_caching.py`` holds the traced
# total of a full cache to its budget).
ENTRY_OVERHEAD = 64

_CACHES: dict[str, MemoCache] = {}
F = TypeVar("F", bound=Callable[..., Any])


def _sizeof(value: Any) -> int:
    if isinstance(value, tuple):
        return sys.getsizeof(value) + sum(sys.getsizeof(v) for v in value)
    return sys.getsizeof(value)


class MemoCache:
    """A dict from a function's arguments to its result, holding at most ``max_bytes``."""

    def __init__(self, name: str, max_bytes: int) -> None:
        _CACHES[name] = self  # listed by :func:`all_caches`
        self.name = name
        self.max_bytes = max_bytes
        self.data: dict[Any, Any] = {}
        self.bytes = 0
        self.misses = 0
        self.evictions = 0
        self._lock = threading.Lock()

    def add(self, key: Any, value: Any) -> None:
        cost = _sizeof(key) + _sizeof(value) + ENTRY_OVERHEAD
        with self._lock:
            self.misses += 1
            if key in self.data:
                return
            if self.bytes + cost > self.max_bytes:
                self._drop_oldest_half()
            self.data[key] = value
            self.bytes += cost

    def _drop_oldest_half(self) -> None:
        # dicts keep insertion order: the first half holds the entries added longest ago.
        for key in list(islice(self.data, (len(self.data) + 1) // 2)):
            self.bytes -= _sizeof(key) + _sizeof(self.data.pop(key)) + ENTRY_OVERHEAD
        self.evictions += 1

    def clear(self) -> None:
        with self._lock:
            self.data.clear()
            self.bytes = 0

    def stats(self) -> dict[str, int]:
        return {"entries": len(self.data), "bytes": self.bytes, "max_bytes": self.max_bytes,
                "misses": self.misses, "evictions": self.evictions}


def memoize(max_bytes: int, max_len: int) -> Callable[[F], F]:
    """Cache a function of one text (plus hashable flags) in a :class:`MemoCache` of ``max_bytes``;
    text longer than ``max_len`` is never cached.

    ``@memoize(8 << 20, 60)`` on ``strip_marks``: the second ``strip_marks("كَتَبَ")`` is a dict hit.
    The wrapper keeps ``cache`` (the :class:`MemoCache`) and ``uncached`` (the plain function).
    """

    def decorate(fn: F) -> F:
        cache = MemoCache(f"{fn.__module__}.{fn.__qualname__}", max_bytes)
        data = cache.data
        add = cache.add

        def one(text):
            try:
                return data[text]
            except KeyError:
                pass
            result = fn(text)
            if len(text) <= max_len:
                add(text, result)
            return result

        def several(*args):
            try:
                return data[args]
            except KeyError:
                pass
            result = fn(*args)
            if len(args[0]) <= max_len:
                add(args, result)
            return result

        wrapper = one if fn.__code__.co_argcount == 1 else several
        wrapper.__name__, wrapper.__qualname__ = fn.__name__, fn.__qualname__
        wrapper.__doc__, wrapper.__module__ = fn.__doc__, fn.__module__
        wrapper.__wrapped__ = fn
        wrapper.cache = cache
        wrapper.uncached = fn
        return wrapper  # type: ignore[return-value]

    return decorate


def all_caches() -> dict[str, MemoCache]:
    """Every memo cache of the analysis chain in this process, by function name."""
    return dict(_CACHES)
