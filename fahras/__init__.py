"""Fahras (فهرس): full-text search for Arabic news archives.

This package is the top of the stack: the ``fahras`` command (:mod:`fahras.cli`), which gathers
the commands each package registers, and the pieces every command shares
(:mod:`fahras.options`). The library itself is ``analyzers``, ``indexer``, ``search`` and ``web``;
docs/design.md describes how they fit together.
"""

__version__ = "0.1.0"
