"""A time budget for one search, shared by its stages, so that no query can hang a worker.

Why: on a big archive a query of very common words (or a wide wildcard) matches and scores most of
the index. The expansion caps (:class:`search.ranking.Ranking`) bound how many terms a query may
touch, but not how many documents those terms hold. A search therefore gets one deadline:
matching and ranking (the backend looks at it before each posting list it reads and answers with
what it has done so far), counting facets and suggesting each check it, and when it passes the
search stops and answers with what it has, marked ``timed_out`` (as Elasticsearch and Solr's
``timeAllowed`` do) rather than an error: a partial page of good results serves a reader better
than none.

Why not Whoosh's ``TimeLimitCollector``: it arms its own timer (a thread, or SIGALRM in the main
thread, which a gunicorn worker is) per collector, so it can bound one stage only; one deadline
has to span every stage, and a plain clock check needs no thread and no signal.
"""

from __future__ import annotations

import time
from collections.abc import Callable

# Seconds past the limit the first piece of a stage may run (the backend finishes its first
# segment so that a hurried search still ranks something): past this, everything stops, so that
# no search takes more than the limit + GRACE + the time to render its answer.
GRACE = 0.25


class Deadline:
    """``seconds`` from now on ``clock``; ``None`` means no limit (``fahras eval`` must be complete)."""

    def __init__(self, seconds: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._seconds = seconds
        self._at = None if seconds is None else clock() + seconds
        self.passed = False  # set once any stage saw it expire: the result is partial
        self.cut_short = False  # set by a stage that stopped early to leave time to the others

    def start(self) -> None:
        """Count the seconds from now: the engine does once the backend's view of the index is
        its own (time spent waiting for another request's turn is not this search's)."""
        if self._seconds is not None and not self.passed:
            self._at = self._clock() + self._seconds

    def expired(self) -> bool:
        if self._at is not None and not self.passed and self._clock() >= self._at:
            self.passed = True
        return self.passed

    def share_used(self, share: float) -> bool:
        """Whether at most ``1 - share`` of the time is left (a stage that may use only ``share``
        of it, and then marks the result partial with :attr:`cut_short`)."""
        if self._at is None or self._seconds is None:
            return False
        return self.expired() or self._at - self._clock() <= (1 - share) * self._seconds

    def overrun(self) -> bool:
        """Past the limit by more than :data:`GRACE` (then it has passed, too)."""
        late = self._at is not None and self._clock() >= self._at + GRACE
        self.passed = self.passed or late
        return late

    def remaining(self) -> float | None:
        """Seconds left (0 once expired), or None for no limit."""
        if self._at is None:
            return None
        return 0.0 if self.expired() else max(0.0, self._at - self._clock())
