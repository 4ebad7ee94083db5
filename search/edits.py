"""How far apart two spellings are, the same for every backend (did-you-mean, fuzzy words).

Levenshtein distance, and two neighbouring letters swapped counted as one edit, once or twice
(الممكلة for المملكة: the commonest slip of typing, which Levenshtein counts as two). Not full
optimal string alignment, whose swap-plus-another-edit at distance 2 would make the Whoosh
backend scan its automaton once more per swap (a 14-letter word~2 took 1.6 s instead of 0.4):
the swaps alone are a handful of exact look-ups.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein


def swaps(term: str, prefix: int = 0) -> list[str]:
    """``term`` with two neighbouring letters swapped, each pair past the first ``prefix``
    letters (a swap inside them would change the prefix every result must share)."""
    return [term[:i] + term[i + 1] + term[i] + term[i + 2:] for i in range(prefix, len(term) - 1)
            if term[i] != term[i + 1]]


def swapped(term: str, maxdist: int, prefix: int = 0) -> set[str]:
    """The spellings one swap away (and, at 2, two swaps away) from ``term``, ``term`` left out."""
    if maxdist < 1:
        return set()
    once = set(swaps(term, prefix))
    twice = {t2 for t in once for t2 in swaps(t, prefix)} if maxdist >= 2 else set()
    return (once | twice) - {term}



def close(term: str, other: str, maxdist: int) -> bool:
    """Whether ``other`` is within ``maxdist`` Levenshtein edits of ``term`` (the swaps apart:
    :func:`swapped`, computed once per word by the caller)."""
    return Levenshtein.distance(term, other, score_cutoff=maxdist) <= maxdist
