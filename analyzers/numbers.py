"""The tens (عشرون … تسعون): a closed class of eight words kept apart from their units.

A ten is its unit's letters with the sound plural's endings (ثلاث + ون/ين), so every rule that
takes a plural to its singular took ثلاثين to ثلاث and العشرين to عشر: a search for "three" found
"thirty" (72 forms, 2,860 tokens of the news corpus: docs/stemming.md). No count decides it (the tens
have their ون twins and numerals' company, as a plural would), and the class is closed, so it is
listed: both case endings of a ten meet each other, as a plural's do, and nothing else.
"""

from __future__ import annotations

# The units whose letters the tens are made of, folded (أربع → اربع). Ten itself takes عشر.
_UNITS = ("عشر", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع")

# Folded form of a ten, either case → its term (the nominative in ون).
TENS: dict[str, str] = {unit + ending: unit + "ون" for unit in _UNITS for ending in ("ون", "ين")}


def tens_term(rest: str) -> str | None:
    """The term of ``rest`` (a folded word with its clitics off) if it is a ten, else None:
    ``عشرين``, ``عشرون`` → ``عشرون``; ``عشر``, ``عشرات`` → None."""
    return TENS.get(rest)
