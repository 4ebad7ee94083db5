"""The error a search request can raise for the user to fix, with its message in both languages."""

from __future__ import annotations


class QueryError(ValueError):
    """A request that cannot be answered as asked; ``str(err)`` is a message fit for the user.

    The API turns it into a 400 with ``{"error": {"code": code, "message": ...}}`` (``bad_query``
    unless a more precise code is given: ``bad_date_range``), the CLI into one line and exit
    status 2.
    """

    def __init__(self, message: str, code: str = "bad_query") -> None:
        super().__init__(message)
        self.code = code


def bilingual(english: str, arabic: str, code: str = "bad_query") -> QueryError:
    """A :class:`QueryError` reading "English — Arabic", as every message of the API does."""
    return QueryError(f"{english} — {arabic}", code)


def reversed_range(text: str) -> QueryError:
    """A date range that ends before it starts, which can only be a mistake (it would match
    nothing, silently)."""
    return bilingual(f"the date range {text} ends before it starts",
                     f"نطاق التاريخ {text} ينتهي قبل أن يبدأ", "bad_date_range")
