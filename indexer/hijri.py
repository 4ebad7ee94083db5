"""Umm al-Qura (Hijri) dates, the calendar Saudi news is dated in beside the Gregorian one.

The conversion is hijridate's (the maintained successor of hijri-converter: the Umm al-Qura
tables, 1343–1500 AH, 1924–2077 CE); a date outside them has no Hijri form here rather than a
guessed one. Used at import (the Hijri-year facet) and at search (hits' ``date_hijri``, the
query language's ``هجري:``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from hijridate import Gregorian, Hijri

MONTHS = ("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
          "رمضان", "شوال", "ذو القعدة", "ذو الحجة")
_SPAN = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def to_hijri(when: date | None) -> tuple[int, int, int] | None:
    """(year, month, day) in Umm al-Qura of a Gregorian day: 2015-07-21 → (1436, 10, 5); None
    outside the tables or for no date."""
    if when is None:
        return None
    try:
        h = Gregorian(when.year, when.month, when.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.year, h.month, h.day


def hijri_iso(when: date | None) -> str | None:
    """``"1436-10-05"`` for 2015-07-21 (None outside the tables)."""
    h = to_hijri(when)
    return f"{h[0]:04d}-{h[1]:02d}-{h[2]:02d}" if h else None


def hijri_bound(text: str, end: bool = False) -> datetime | None:
    """``1436``, ``1436-09`` or ``1436-09-01`` (Hijri) → the first Gregorian instant of that span,
    or with ``end`` the first instant after it; None for empty text. ``ValueError`` when it is
    not a Hijri date of the tables."""
    text = text.strip()
    if not text:
        return None
    m = _SPAN.match(text)
    if m is None:
        raise ValueError(text)
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            first = Hijri(year, int(month), int(day)).to_gregorian()
            last = first
        elif month is not None:
            start = Hijri(year, int(month), 1)
            first = start.to_gregorian()
            last = Hijri(year, int(month), start.month_length()).to_gregorian()
        else:
            first = Hijri(year, 1, 1).to_gregorian()
            last = Hijri(year, 12, Hijri(year, 12, 1).month_length()).to_gregorian()
    except OverflowError as err:
        raise ValueError(str(err)) from None
    day_ = last if end else first
    bound = datetime(day_.year, day_.month, day_.day)
    return bound + timedelta(days=1) if end else bound
