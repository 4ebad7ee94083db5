"""Relevance evaluation: judged topics → nDCG@10, Recall@100, MRR@10, P@10 (``fahras eval``).

Tooling, not the runtime: it needs the ``eval`` extra (``ir-measures``, and ``pystemmer`` for the
Snowball comparison), which ``make test`` and ``make eval`` install and ``make run`` does not.
``judgments`` reads topics and qrels, ``metrics`` runs an engine over them and measures,
``baselines`` and ``comparison`` build and search the comparison analyses' own indexes, ``cli``
is the ``eval`` command. docs/relevance.md has the figures.
"""
