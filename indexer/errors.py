"""The index problems a user can act on, whatever the engine behind the index.

Each message says what to do (build the index, re-index, stop the other writer). The CLI prints it
on one line with exit status 1; the web app answers 503 ``index_unavailable`` with it. Backends
raise these (or subclasses) so that neither the CLI nor the web app needs to know the engine.
"""

from __future__ import annotations


class IndexProblem(Exception):
    """Base for index problems a user can act on; the message says what to do."""


class IndexMissingError(IndexProblem):
    """There is no index where one was expected (or it has gone)."""


class IndexVersionError(IndexProblem):
    """The index was built by another analyzer or schema version: it must be rebuilt."""


class IndexDamagedError(IndexProblem):
    """A table of contents or segment file is missing, truncated or garbled."""


class IndexLockedError(IndexProblem):
    """Another writer holds the index."""
