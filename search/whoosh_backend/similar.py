"""More like this: articles sharing an article's most distinctive terms.

Whoosh's ``more_like`` picks key terms of a text by the Bo1 expansion model (terms much more
frequent in this text than in the collection) and runs them as an OR query. We feed it the title
(twice: its words are the most telling) and the body on the stemmed ``body`` field, so that
``الوزارة``/``وزارات`` count as one key term.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from indexer.schema import BODY, TITLE
from search.backend import SIMILAR_CHARS

NUM_TERMS = 15


def similar_docnums(searcher, docnum: int, limit: int,
                    stored: Mapping[str, Any] | None = None) -> list[tuple[int, float]]:
    """(docnum, score) of up to ``limit`` documents like ``docnum`` (itself excluded);
    ``stored``: its stored fields when the caller has read them already."""
    stored = searcher.stored_fields(docnum) if stored is None else stored
    title = stored.get(TITLE) or ""
    text = f"{title[:SIMILAR_CHARS]}\n{title[:SIMILAR_CHARS]}\n{(stored.get(BODY) or '')[:SIMILAR_CHARS]}"
    if not text.strip():
        return []
    results = searcher.more_like(docnum, BODY, text=text, top=limit, numterms=NUM_TERMS)
    return [(hit.docnum, hit.score) for hit in results]
