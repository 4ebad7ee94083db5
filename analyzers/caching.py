"""Per-process memo caches for the per-word analysis rules, bounded by the bytes they hold.

News text repeats the same word forms endlessly and a cache hit costs less than even one
``str.translate``, so every per-token rule is memoized. An entry-count bound (``lru_cache``) is no
memory bound when a token's length is not: unique 9,990-letter "words" grew index workers from
220 MB to 834 MB. Here each cache counts the bytes of its keys and values and drops its oldest half
when a new entry would pass its budget; and text longer than the caller's ``max_len`` is computed
but never cached (no word is that long: :data:`analyzers.limits.MAX_WORD_LEN`).

Hand-written rather than ``cachetools.LRUCache(getsizeof=...)``: a hit through cachetools' Python
wrapper and lock cost ~1,000 ns against ~120 ns for this dict look-up (``docs/stemming.md``), and
analysis does four look-ups a token. A cache of a one-text function also computes its misses
itself (``__missing__``), so that a caller can map a whole list through it in C:
``list(map(light_stem.lookup, words))`` pays Python code only for the words new to the process.
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


class _Filling(dict):
    """A cache's dict that computes a missing key's value, keeps it (unless the key is longer than
    ``max_len``) and returns it: ``table["كتاب"]`` is a C dict read when it hits.

    ``dict.get`` is untouched: it still answers None for a key not held."""

    __slots__ = ("_cache", "_compute", "_max_len")

    def __init__(self, cache: MemoCache, compute: Callable[[str], Any], max_len: int) -> None:
        super().__init__()
        self._cache, self._compute, self._max_len = cache, compute, max_len

    def __missing__(self, key: str) -> Any:
        value = self._compute(key)
        if len(key) <= self._max_len:
            self._cache.add(key, value)
        return value


class MemoCache:
    """A dict from a function's arguments to its result, holding at most ``max_bytes``.

    Given ``compute`` (a function of one text), its dict computes and keeps what it lacks, texts
    longer than ``max_len`` excepted: :attr:`lookup` is then the whole cached function."""

    def __init__(self, name: str, max_bytes: int, compute: Callable[[str], Any] | None = None,
                 max_len: int = 0) -> None:
        _CACHES[name] = self  # listed by :func:`all_caches`
        self.name = name
        self.max_bytes = max_bytes
        self.data: dict[Any, Any] = _Filling(self, compute, max_len) if compute is not None else {}
        # ``data.__getitem__``: a hit without a Python frame (map it over a list of words)
        self.lookup: Callable[[str], Any] = self.data.__getitem__
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
    The wrapper keeps ``cache`` (the :class:`MemoCache`) and ``uncached`` (the plain function);
    for a function of one text, ``lookup`` is the same function without the wrapper's frame.
    """

    def decorate(fn: F) -> F:
        one_text = fn.__code__.co_argcount == 1
        name = f"{fn.__module__}.{fn.__qualname__}"
        cache = MemoCache(name, max_bytes, fn, max_len) if one_text else MemoCache(name, max_bytes)
        data = cache.data
        add = cache.add

        def one(text):
            return data[text]  # a miss is computed and kept by the dict itself (:class:`_Filling`)

        def several(*args):
            try:
                return data[args]
            except KeyError:
                pass
            result = fn(*args)
            if len(args[0]) <= max_len:
                add(args, result)
            return result

        wrapper = one if one_text else several
        wrapper.__name__, wrapper.__qualname__ = fn.__name__, fn.__qualname__
        wrapper.__doc__, wrapper.__module__ = fn.__doc__, fn.__module__
        wrapper.__wrapped__ = fn
        wrapper.cache = cache
        wrapper.uncached = fn
        wrapper.lookup = cache.lookup if one_text else wrapper
        return wrapper  # type: ignore[return-value]

    return decorate


def all_caches() -> dict[str, MemoCache]:
    """Every memo cache of the analysis chain in this process, by function name."""
    return dict(_CACHES)
