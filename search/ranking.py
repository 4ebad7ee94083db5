"""How the words of a query are weighted over the fields: one setting for every backend.

Each word is scored by BM25F proper: its length-normalised frequencies in the title (weight
``title_boost``) and the body are added, then saturated once, so a title mention counts as
``title_boost`` body mentions. K1 4 keeps repeated mentions counting almost linearly before
saturating, B 0.4 normalises length gently (news bodies run from a line to pages). The exact-form
twins (``title_exact``/``body_exact``) are scored the same way and added at ``exact_weight``, so
that the typed form ranks first (الوزارات before وزارة). The values were tuned on the development
topics; docs/relevance.md has the figures and what each choice is worth.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ranking:
    """BM25F parameters, field weights and expansion caps of a search."""

    # BM25 saturation: high, so that repeated mentions keep counting almost linearly.
    k1: float = 4.0
    # Length normalisation: gentle, news bodies run from a line to pages.
    b: float = 0.4
    # A title mention counts as this many body mentions.
    title_boost: float = 3.0
    # The exact typed form's BM25F, added to the stem's at this weight.
    exact_weight: float = 0.3
    # Terms a prefix (``كتا*``) or a fuzzy word expands to, per field, the most frequent first.
    max_expansions: int = 64
    # Terms every prefix and fuzzy word of one query expand to together (shared out evenly, so
    # 60 one-letter prefixes cannot take 60 x 4 fields x 64: search/wildcards.py).
    max_query_expansions: int = 512
    # How words typed side by side combine: "and" (full matches, then partial ones:
    # search/coordination.py), or "or" (one list).
    default_op: str = "and"
    # With "and": list the partial matches after the full ones (False: only the full matches).
    partial_matches: bool = True
    # A word's other spellings (جوجل/غوغل) and other number (مدارس/مدرسة) are scored at these
    # weights of the typed form's (search/expansion.py); 0 turns one off.
    variant_weight: float = 0.7
    plural_weight: float = 0.15
    # An article whose lead (the body's first words, indexer/schema.py) has the query's words is
    # scored up to 1 + lead_weight times higher (:func:`lead_factor`); 0 turns it off.
    lead_weight: float = 0.1


def lead_factor(present: int, words: int, weight: float) -> float:
    """What an article's score is multiplied by when ``present`` of a query's ``words`` (its
    distinct plain words of the body) are in its lead: ``1 + weight · (present / words)²``.

    News is written lead first: among articles ranked alike, those whose first sentences name
    the query's subject were judged relevant far more often (docs/relevance.md, "The lead"). The
    square keeps a lead naming one word of three worth little against one naming them all.

        >>> lead_factor(2, 2, 0.1), lead_factor(1, 2, 0.1), lead_factor(0, 3, 0.1)
        (1.1, 1.025, 1.0)
    """
    if words <= 0 or present <= 0 or weight <= 0:
        return 1.0
    return 1.0 + weight * (min(present, words) / words) ** 2


DEFAULT_RANKING = Ranking()
