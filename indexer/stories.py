"""The story of each imported article: a stored id, so that a search shows one hit per story.

An article sharing a near-duplicate key (``near``, :mod:`indexer.nearduplicates`) with articles
already imported joins their story; otherwise its own id starts one. Decided in the parent, in
record order, before a batch goes to a writer: the keys of batches not yet committed (this
batch's, and those the pool's workers are still writing) are held here, those of committed ones
are looked up in the index (one term lookup a key), so a story meets its copies from any earlier
run or batch and the memory kept is a few batches' keys.

An article sharing no strict key looks at the articles sharing a loose one (imported before it;
a key more than :data:`CANDIDATES` articles share is boilerplate and passed over) and joins the
story of the likest whose sketch says it is one story
(:func:`indexer.nearduplicates.same_story`: a trimmed or edited copy).

When the keys lead to several stories the article joins the one it shares most keys with (on a
tie, the least story id; the likest sketch's likewise) and no other story is rewritten: stories
are never merged after the fact (a re-import would have to rewrite articles it was not given).
docs/design.md "One story once" has what this costs against joining every linked article,
measured on the real corpus. Every article imported before counts, committed or not, and no
order a backend stores them in decides: the same articles get the same stories whatever the
batch size, the number of writers or the backend.

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

CANDIDATES = 50  # articles a loose key may bring to be checked: a key shared wider is boilerplate

Candidates = Callable[[str], list[tuple[str, str]]]
T = TypeVar("T")


class Stories:
    """Story ids for batches of fields, in import order (one instance for one import run)."""

    def __init__(self) -> None:
        # key -> the story of each article of the batches not committed yet having it, in order
        self._pending: dict[str, list[str]] = {}
        # loose key -> (story, sketch) of those articles (CANDIDATES + 1 at most: enough to tell
        # boilerplate)
        self._pending_loose: dict[str, list[tuple[str, str]]] = {}
        self._batches: deque[tuple[list[str], list[str]]] = deque()  # keys each pending batch brought

    def assign(self, batch: list[dict[str, Any]], stored: Callable[[str], list[str]] = lambda key: [],
               sketches: Candidates = lambda key: []) -> None:
        """Set ``batch``'s ``story`` fields (in place): ``stored(key)`` gives the stories of the
        committed articles having a strict near-duplicate key and ``sketches(key)`` the (story,
        sketch) of those having a loose one, ``CANDIDATES + 1`` at most (:func:`index_stories`,
        :func:`index_sketches` for a Whoosh index); the batches assigned before and not yet
        committed are known here (:meth:`committed` forgets them)."""
        brought: list[str] = []
        brought_loose: list[str] = []
        for fields in batch:
            keys = (fields.get(NEAR) or "").split()
            strict = [key for key in keys if not is_loose(key)]
            loose = [key for key in keys if is_loose(key)]
            shared: dict[str, int] = {}  # story -> keys shared with it
            for key in strict:
                for found in dict.fromkeys([*stored(key), *self._pending.get(key, ())]):
                    shared[found] = shared.get(found, 0) + 1
            if shared:
                story = min(shared, key=lambda s: (-shared[s], s))
            else:
                story = self._likest(fields.get(SKETCH) or "", loose, sketches) or fields[ID]
            fields[STORY] = story
            for key in strict:
                self._pending.setdefault(key, []).append(story)
                brought.append(key)
            if fields.get(SKETCH):
                for key in loose:
                    entries = self._pending_loose.setdefault(key, [])
                    if len(entries) <= CANDIDATES:
                        entries.append((story, fields[SKETCH]))
                        brought_loose.append(key)
        self._batches.append((brought, brought_loose))

    def _likest(self, text: str, loose: list[str], sketches: Candidates) -> str | None:
        """The story of the likest article sharing a loose key whose sketch says it is one story
        with this one (the least story id on a tie), or None. A key more than :data:`CANDIDATES`
        articles have (committed or not) is passed over."""
        mine = Sketch.read(text)
        if mine is None:
            return None
        best: tuple[float, str] | None = None
        likeness: dict[str, float] = {}  # sketch -> its likeness to this one
        for key in loose:
            found = [*sketches(key), *self._pending_loose.get(key, ())]
            if len(found) > CANDIDATES:
                continue
            for story, other in found:
                if other not in likeness:
                    theirs = Sketch.read(other)
                    likeness[other] = same_story(mine, theirs) if theirs is not None else 0.0
                # likelier, or as like and a lesser story id
                if likeness[other] > 0 and (best is None or (likeness[other], best[1]) > (best[0], story)):
                    best = (likeness[other], story)
        return best[1] if best else None

    def committed(self) -> None:
        """The oldest assigned batch is in the index now: its keys are looked up there."""
        brought, brought_loose = self._batches.popleft()
        for pending, keys in ((self._pending, brought), (self._pending_loose, brought_loose)):
            for key in keys:  # the oldest entries of a key are the oldest batch's
                entries = pending[key]
                entries.pop(0)
                if not entries:
                    del pending[key]


def index_stories(searcher) -> Callable[[str], list[str]]:
    """``key -> stories`` of the live articles of a Whoosh index having that near-duplicate key."""
    return _by_key(searcher, lambda reader, story, doc: story)


def index_sketches(searcher) -> Candidates:
    """``loose key -> [(story, sketch)]`` of the live articles of a Whoosh index having that key
    (at most ``CANDIDATES + 1``: one more says the key is boilerplate; the sketch is a stored
    field, read for these few articles)."""
    return _by_key(searcher, lambda reader, story, doc: (story, reader.stored_fields(doc).get(SKETCH) or ""),
                   CANDIDATES + 1)


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
