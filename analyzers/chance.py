"""How often two words would meet in the same article by chance, and how surprising a count is.

The query-time rules that ask whether two terms are one word (a noun's two numbers, two house
spellings) compare the documents having both with what independence gives. The tails are a
Poisson's: the articles having both are many rare events. Hand-written because a Poisson tail is
four lines of :mod:`math`, and scipy for it would be a 40 MB dependency.
"""

from __future__ import annotations

import math


def expected_together(docs_a: int, docs_b: int, documents: int) -> float:
    """Documents having both terms that independence would give, in an index of ``documents``."""
    return docs_a * docs_b / max(documents, 1)


def at_most(k: int, mean: float) -> float:
    """P(X ≤ k) for X a Poisson count of ``mean``."""
    if k < 0:
        return 0.0
    if mean <= 0:
        return 1.0
    # summed in log space: exp(-mean) underflows past mean ≈ 745, and the common words' counts
    # run to thousands
    logs = [i * math.log(mean) - mean - math.lgamma(i + 1) for i in range(k + 1)]
    top = max(logs)
    return min(1.0, math.exp(top) * math.fsum(math.exp(x - top) for x in logs))


def at_least(k: int, mean: float) -> float:
    """P(X ≥ k) for X a Poisson count of ``mean``."""
    return 1.0 - at_most(k - 1, mean)
