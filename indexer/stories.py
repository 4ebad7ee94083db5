"""The story of each imported article: a stored id, so that a search shows one hit per story.

An article sharing a near-duplicate key (``near``, :mod:`indexer.nearduplicates`) with articles
already imported joins their story; otherwise its own id starts one. Decided in the parent, in
record order, before a batch goes to a writer: the keys of batches not yet committed (this
batch's, and those the pool's workers are still writing) are held here, those of committed ones
are looked up in the index (one term lookup a key), so a story meets its copies from any earlier
run or batch and the memory kept is a few batches' keys.

An article sharing no strict key looks at the articles sharing a loose one (imported before it,
at most :data:`CANDIDATES` a key) and joins the story of the likest whose sketch says it is one
story (:func:`indexer.nearduplicates.same_story`: a trimmed or edited copy).

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

import itertools
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from whoosh.reading import TermNotFound

from indexer.nearduplicates import Sketch, is_loose, same_story
from indexer.schema import ID, NEAR, SKETCH, STORY

CANDIDATES = 50  # articles a loose key brings to be checked: a key shared wider is boilerplate

Candidates = Callable[[str], list[tuple[str, str]]]
T = TypeVar("T")


class Stories:
    """Story ids for batches of fields, in import order (one instance for one import run)."""

    def __init__(self) -> None:
        self._pending: dict[str, str] = {}  # key -> story, for batches not committed yet
        # loose key -> (story, sketch) of the articles of batches not committed yet
        self._pending_loose: dict[str, list[tuple[str, str]]] = {}
        self._batches: deque[tuple[list[str], list[str]]] = deque()  # keys each pending batch brought

    def assign(self, batch: list[dict[str, Any]], stored: Callable[[str], list[str]] = lambda key: [],
               sketches: Candidates = lambda key: []) -> None:
        """Set ``batch``'s ``story`` fields (in place): ``stored(key)`` gives the stories of the
        committed articles having a strict near-duplicate key and ``sketches(key)`` the (story,
        sketch) of those having a loose one (:func:`index_stories`, :func:`index_sketches` for a
        Whoosh index); the batches assigned before and not yet committed are known here
        (:meth:`committed` forgets them)."""
        brought: list[str] = []
        brought_loose: list[str] = []
        for fields in batch:
            keys = (fields.get(NEAR) or "").split()
            strict = [key for key in keys if not is_loose(key)]
            loose = [key for key in keys if is_loose(key)]
            shared: dict[str, int] = {}  # story -> keys shared with it, in the order met
            for key in strict:
                story = self._pending.get(key)
                for found in (story,) if story is not None else dict.fromkeys(stored(key)):
                    shared[found] = shared.get(found, 0) + 1
            # The first story met of those sharing the most keys (as Counter.most_common(1)).
            if shared:
                story = max(shared, key=shared.__getitem__)
            else:
                story = self._likest(fields.get(SKETCH) or "", loose, sketches) or fields[ID]
            fields[STORY] = story
            for key in strict:
                if key not in self._pending:
                    self._pending[key] = story
                    brought.append(key)
            if fields.get(SKETCH):
                for key in loose:
                    entries = self._pending_loose.setdefault(key, [])
                    if len(entries) < CANDIDATES:
                        entries.append((story, fields[SKETCH]))
                        brought_loose.append(key)
        self._batches.append((brought, brought_loose))

    def _likest(self, text: str, loose: list[str], sketches: Candidates) -> str | None:
        """The story of the likest article sharing a loose key whose sketch says it is one story
        with this one (the first met on a tie), or None."""
        mine = Sketch.read(text)
        if mine is None:
            return None
        best, best_story = 0.0, None
        checked: set[str] = set()
        for key in loose:
            found = self._pending_loose.get(key, [])
            for story, other in [*found, *sketches(key)][:CANDIDATES]:
                if other in checked:
                    continue
                checked.add(other)
                theirs = Sketch.read(other)
                likeness = same_story(mine, theirs) if theirs is not None else 0.0
                if likeness > best:
                    best, best_story = likeness, story
        return best_story

    def committed(self) -> None:
        """The oldest assigned batch is in the index now: its keys are looked up there."""
        brought, brought_loose = self._batches.popleft()
        for key in brought:
            self._pending.pop(key, None)
        for key in brought_loose:  # the oldest entries of a key are the oldest batch's
            entries = self._pending_loose.get(key)
            if entries:
                entries.pop(0)
                if not entries:
                    del self._pending_loose[key]


def index_stories(searcher) -> Callable[[str], list[str]]:
    """``key -> stories`` of the live articles of a Whoosh index having that near-duplicate key."""
    return _by_key(searcher, lambda reader, story, doc: story)


def index_sketches(searcher) -> Candidates:
    """``loose key -> [(story, sketch)]`` of the live articles of a Whoosh index having that key
    (at most :data:`CANDIDATES`; the sketch is a stored field, read for these few articles)."""
    return _by_key(searcher, lambda reader, story, doc: (story, reader.stored_fields(doc).get(SKETCH) or ""),
                   CANDIDATES)


def _by_key(searcher, value: Callable[[Any, str, int], T], most: int | None = None) -> Callable[[str], list[T]]:
    """``key -> [value(reader, story, doc)]`` for the first ``most`` (all: None) articles of the
    index having that near-duplicate key."""
    reader = searcher.reader()
    if not reader.has_column(STORY):
        return lambda key: []
    column = reader.column_reader(STORY)

    def look_up(key: str) -> list[T]:
        try:
            docs = reader.postings(NEAR, key).all_ids()
        except (KeyError, TermNotFound):
            return []
        return [value(reader, _text(column[doc]), doc) for doc in itertools.islice(docs, most)]

    return look_up


def _text(value: bytes | str) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value
