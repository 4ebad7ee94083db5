"""The error a search request can raise for the user to fix, with its message in both languages."""

from __future__ import annotations


class QueryError(ValueError):
    """A request that cannot be answered as asked; ``str(err)`` is a message fit for the user.

    The API turns it into a 400 with ``{"error": {"code": "bad_query", "message": ...}}``, the CLI
    into one line and exit status 2.
    """


def bilingual(english: str, arabic: str) -> QueryError:
    """A :class:`QueryError` reading "English — Arabic", as every message of the API does."""
    return QueryError(f"{english} — {arabic}")
