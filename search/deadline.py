"""A time budget for one search, shared by its stages, so that no query can hang a worker.

Why: on a big archive a query of very common words (or a wide wildcard) matches and scores most of
the index, all in Python. The expansion caps in :mod:`search.query` bound how many terms a query
may touch, but not how many documents those terms hold. A search therefore gets one deadline:
collecting the matching documents, ranking them, counting facets and suggesting each check it,
and when it passes the search stops and answers with what it has, marked ``timed_out`` (as
Elasticsearch and Solr's ``timeAllowed`` do) rather than an error: a partial page of good results
serves a reader better than none.

Why not Whoosh's ``TimeLimitCollector``: it arms its own timer (a thread, or SIGALRM in the main
thread, which a gunicorn worker is) per collector, so it can bound the ranking only; one deadline
has to span every stage, and a plain clock check needs no thread and no signal.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from whoosh.collectors import TimeLimit, WrappingCollector

# How many documents pass between two looks at the clock (a clock read costs ~50 ns; a document
# scored in Python ~10 µs, so this keeps the overrun under a millisecond).
CHECK_EVERY = 64


class Deadline:
    """``seconds`` from now on ``clock``; ``None`` means no limit (``fahras eval`` must be complete)."""

    def __init__(self, seconds: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._at = None if seconds is None else clock() + seconds
        self.passed = False  # set once any stage saw it expire: the result is partial

    def expired(self) -> bool:
        if self._at is not None and not self.passed and self._clock() >= self._at:
            self.passed = True
        return self.passed

    def remaining(self) -> float | None:
        """Seconds left (0 once expired), or None for no limit."""
        if self._at is None:
            return None
        return 0.0 if self.expired() else max(0.0, self._at - self._clock())


def collect_docs(searcher, query, deadline: Deadline) -> set[int]:
    """The document numbers matching ``query``, or those found before the deadline passed."""
    docs: set[int] = set()
    found = searcher.docs_for_query(query)
    while True:  # chunks taken in C (islice into update): as fast as set(found) when time is ample
        before = len(docs)
        docs.update(itertools.islice(found, CHECK_EVERY))
        if len(docs) - before < CHECK_EVERY or deadline.expired():
            return docs


class DeadlineCollector(WrappingCollector):
    """Wraps a Whoosh collector; stops collecting (``TimeLimit``) once the deadline has passed.

    What was collected before stays in the child collector: ``results()`` gives that partial top.
    """

    def __init__(self, child, deadline: Deadline) -> None:
        super().__init__(child)
        self.deadline = deadline
        self.collected = 0  # across segments: Whoosh calls collect_matches once per segment

    def collect_matches(self) -> None:
        # No look at the clock before the first CHECK_EVERY documents: even a search whose time ran
        # out while matching ranks a first handful, so a timed-out page is rarely empty.
        child, deadline = self.child, self.deadline
        for sub_docnum in child.matches():
            child.collect(sub_docnum)
            self.collected += 1
            if self.collected % CHECK_EVERY == 0 and deadline.expired():
                raise TimeLimit


def search_within(searcher, query, deadline: Deadline, **kwargs):
    """``searcher.search(query, **kwargs)``, cut short (``deadline.passed``) when time runs out."""
    collector = DeadlineCollector(searcher.collector(**kwargs), deadline)
    try:
        searcher.search_with_collector(query, collector)
    except TimeLimit:
        pass  # the top documents scored so far are the answer
    return collector.results()
