"""The story of each imported article: a stored id, so that a search shows one hit per story.

An article sharing a near-duplicate key (``near``, :mod:`indexer.nearduplicates`) with articles
already imported joins their story; otherwise its own id starts one. Decided in the parent, in
record order, before a batch goes to a writer: the keys of batches not yet committed (this
batch's, and those the pool's workers are still writing) are held here, those of committed ones
are looked up in the index (one term lookup a key), so a story meets its copies from any earlier
run or batch and the memory kept is a few batches' keys.

When the keys lead to several stories the article joins the one it shares most keys with (the
first found on a tie) and no other story is rewritten: stories are never merged after the fact
(a re-import would have to rewrite articles it was not given). docs/design.md "One story once"
has what this costs against joining every linked article, measured on the real corpus.

Re-importing an article with the same text finds its own keys, so it keeps its story; a deleted
article's story goes on with its other articles (a story id is a label, not a live article).

    >>> f = [{"id": "a", "near": "01x 02y"}, {"id": "b", "near": "02y 03z"}]; Stories().assign(f)
    >>> [d["story"] for d in f]
    ['a', 'a']
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from whoosh.reading import TermNotFound

from indexer.schema import ID, NEAR, STORY


class Stories:
    """Story ids for batches of fields, in import order (one instance for one import run)."""

    def __init__(self) -> None:
        self._pending: dict[str, str] = {}  # key -> story, for batches not committed yet
        self._batches: deque[list[str]] = deque()  # the keys each pending batch brought, oldest first

    def assign(self, batch: list[dict[str, Any]], stored: Callable[[str], list[str]] = lambda key: []) -> None:
        """Set ``batch``'s ``story`` fields (in place): ``stored(key)`` gives the stories of the
        committed articles having a near-duplicate key (:func:`index_stories` for a Whoosh index);
        the batches assigned before and not yet committed are known here (:meth:`committed`
        forgets them)."""
        brought: list[str] = []
        for fields in batch:
            keys = (fields.get(NEAR) or "").split()
            shared: dict[str, int] = {}  # story -> keys shared with it, in the order met
            for key in keys:
                story = self._pending.get(key)
                for found in (story,) if story is not None else dict.fromkeys(stored(key)):
                    shared[found] = shared.get(found, 0) + 1
            # The first story met of those sharing the most keys (as Counter.most_common(1)).
            story = max(shared, key=shared.__getitem__) if shared else fields[ID]
            fields[STORY] = story
            for key in keys:
                if key not in self._pending:
                    self._pending[key] = story
                    brought.append(key)
        self._batches.append(brought)

    def committed(self) -> None:
        """The oldest assigned batch is in the index now: its keys are looked up there."""
        for key in self._batches.popleft():
            self._pending.pop(key, None)


def index_stories(searcher) -> Callable[[str], list[str]]:
    """``key -> stories`` of the live articles of a Whoosh index having that near-duplicate key."""
    reader = searcher.reader()
    if not reader.has_column(STORY):
        return lambda key: []
    column = reader.column_reader(STORY)

    def stories(key: str) -> list[str]:
        try:
            docs = reader.postings(NEAR, key).all_ids()
        except (KeyError, TermNotFound):
            return []
        return [_text(column[doc]) for doc in docs]

    return stories


def _text(value: bytes | str) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value
