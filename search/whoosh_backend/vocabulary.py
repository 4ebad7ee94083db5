"""The index's terms per field, as :class:`search.backend.Vocabulary` asks for them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from whoosh.reading import TermNotFound


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


class WhooshVocabulary:
    """Terms, document frequencies and postings of a Whoosh reader (or searcher).

    Whoosh answers a field that is not in the schema with ``KeyError`` or ``TermNotFound``; here
    such a field simply has no terms.
    """

    def __init__(self, reader) -> None:
        self._reader = reader

    def doc_frequency(self, field: str, term: str) -> int:
        try:
            return self._reader.doc_frequency(field, term)
        except (KeyError, TermNotFound):
            return 0

    def expand_prefix(self, field: str, prefix: str) -> Iterator[str]:
        try:
            for term in self._reader.expand_prefix(field, prefix):
                yield _text(term)
        except (KeyError, TermNotFound):
            return

    def terms_within(self, field: str, term: str, maxdist: int, prefix: int) -> Iterator[str]:
        try:
            for found in self._reader.terms_within(field, term, maxdist, prefix=prefix):
                yield _text(found)
        except (KeyError, TermNotFound):
            return

    def documents_with(self, field: str, term: str, limit: int) -> list[int]:
        try:
            return list(itertools.islice(self._reader.postings(field, term).all_ids(), limit))
        except (KeyError, TermNotFound):
            return []
