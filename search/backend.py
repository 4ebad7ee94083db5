"""What a search backend supplies: the engine work, and only that.

Fahras searches through one :class:`search.engine.SearchEngine` whatever engine holds the index,
as django-haystack's backends do: everything before ranking (parsing, validation, limits, the
deadline) and after it (hits, highlights on the stored originals, facet values, the suggestion,
the result object) is shared, and a backend supplies the work only an engine can do. Two
backends: ``whoosh`` (``search/whoosh_backend/``) and ``sphinx`` (``search/sphinx_backend/``);
:func:`search.engine.open_engine` picks one by name.

A backend hands out a :class:`Searcher` per search: a consistent view of the index for the
length of one request (the Whoosh backend holds its lock and one searcher for it). Inside it,
the engine works on a :class:`Selection` — a compiled query, a date window and facet filters —
and asks for its size, a page of it and its facet counts; how the backend finds those documents
(arrays of document numbers, a SphinxQL query with ``FACET``) is its own business. Documents are
named by a :data:`DocKey` that means something only inside one Searcher.

Stored fields come back as a mapping keyed by the schema's field names (``indexer/schema.py``):
``id``, ``title``, ``body`` (the originals, as imported; a body longer than one part of
``indexer/parts.py`` is its first part, and ``part_starts`` lists where each part starts, in
whatever unit the backend's :meth:`Searcher.body_part` reads), ``url``, ``date`` (a ``datetime`` or
None), ``section``, ``source``, ``author``, ``tags`` (comma-joined), ``extra`` (JSON text),
``near`` (the near-duplicate keys, space-separated), ``story`` (the story's id, stored at import
by :mod:`indexer.stories`; also a term field that ``documents_with`` answers for: a hit lists the
other articles of its story with it, :mod:`search.stories`).
Missing fields may be absent or None.

Errors: a backend raises :class:`indexer.errors.IndexProblem` subclasses for an index that cannot
be used (missing, another version, damaged, unreachable), never an empty answer that looks like
"no results".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from search.deadline import Deadline
from search.ranking import Ranking
from search.syntax import Group, Phrase

# Characters of a body whose key terms find its similar articles (with its title): an article's
# lead says what it is about, and a 50 MB document took 6 s to analyse whole.
SIMILAR_CHARS = 20_000

# A backend's name for one document, valid inside the Searcher that returned it (Whoosh: the
# document number; a distributed backend: the document's 64-bit id).
DocKey = Hashable


@dataclass(frozen=True)
class Selection:
    """The documents a search is about: those matching ``query`` (compiled by the same
    Searcher), dated in ``[start, end)`` when either bound is set (documents without a date are
    then out), and having, for each ``(field, values)`` of ``filters``, one of the values."""

    query: Any
    start: datetime | None = None
    end: datetime | None = None
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def without(self, field: str) -> Selection:
        """The same selection without ``field``'s filter (a disjunctive facet's base)."""
        return replace(self, filters=tuple((f, v) for f, v in self.filters if f != field))

    def with_query(self, query: Any) -> Selection:
        return replace(self, query=query)


class CompiledQuery(Protocol):
    """A query tree compiled by a backend; opaque to the engine but for its highlight terms."""

    def highlight_terms(self) -> dict[str, set[str]]:
        """``{"text": stems, "exact": folded forms, "roots": roots, "phrases": exact forms joined
        by a space}``: the index terms the query's positive parts match (a prefix or fuzzy word:
        the terms it expanded to; a phrase: its words in order), for :mod:`search.highlight` to
        mark in the stored originals."""
        ...


class Vocabulary(Protocol):
    """The index's terms per field, for did-you-mean, autocomplete and expansions
    (:mod:`search.suggest`). Terms are analysed forms (``str``)."""

    def doc_frequency(self, field: str, term: str) -> int:
        """How many live documents have ``term`` in ``field`` (0 when none or no such field)."""
        ...

    def expand_prefix(self, field: str, prefix: str) -> Iterator[str]:
        """The terms of ``field`` starting with ``prefix``, in lexical order."""
        ...

    def prefix_frequencies(self, field: str, prefix: str, limit: int) -> list[tuple[str, int]]:
        """The first ``limit`` terms of ``field`` starting with ``prefix``, in lexical order, each
        with its :meth:`doc_frequency`: read off the term list in one pass (autocomplete ranks
        thousands of terms per keystroke; a look-up each cost a Whoosh index of 4 segments 90%
        of its time)."""
        ...

    def occurrences(self, fields: tuple[str, ...], term: str) -> int:
        """How often ``term`` occurs in ``fields`` together (a title and a body, or their exact
        twins): how a prefix's terms are ranked, the one count both backends have alike (Sphinx's
        dictionary counts a keyword's occurrences over every field of its kind, its documents not
        per field)."""
        ...

    def terms_within(self, field: str, term: str, maxdist: int, prefix: int) -> Iterator[str]:
        """The terms of ``field`` within ``maxdist`` edits (:mod:`search.edits`: a swap is one) of ``term``
        that share its first ``prefix`` characters."""
        ...

    def documents_with(self, field: str, term: str, limit: int) -> list[DocKey]:
        """Up to ``limit`` documents having ``term`` in ``field`` (any ``limit`` of them)."""
        ...


def most_documents(vocab: Vocabulary, fields: tuple[str, ...], term: str) -> int:
    """The documents of the field among ``fields`` that has ``term`` in the most (a title and a
    body count apart: the larger is how common the term is)."""
    return max(vocab.doc_frequency(f, term) for f in fields)


class Searcher(Vocabulary, Protocol):
    """One consistent view of the index, for the length of one request."""

    # Parts of a distributed index that did not answer some question of this request (shard
    # names); the engine marks the result ``partial``. Empty for a single-process index.
    shards_failed: AbstractSet[str]

    def compile(self, tree: Group, conjunction: str, budget: int | None = None) -> CompiledQuery:
        """The tree as this backend's query. ``conjunction`` (``"and"`` or ``"or"``) is how words
        typed side by side combine (the engine passes ``Ranking.default_op``). Every word goes
        through the query analyzers (:func:`search.analysis.terms`); field weights, BM25F
        parameters and expansion caps come from the backend's :class:`search.ranking.Ranking`.
        ``budget``: the slots the expansion budget is shared by (:func:`search.wildcards.slots`),
        when a part of a query is compiled alone and must expand as it does in the whole.

        Two things the shared layer decides and every backend must compile the same way: an
        ``or`` :class:`~search.syntax.Group` with ``minimum=k`` matches the documents having at
        least k of its items, their scores added (the partial-match tiers,
        :mod:`search.coordination`); a :class:`~search.syntax.Word`'s ``alternatives`` are
        further stems of the stemmed fields it also matches, each scored like the word's own
        stem times its weight (spelling variants, broken plurals: :mod:`search.expansion`), and
        its highlight terms include them."""
        ...

    def count(self, selection: Selection) -> int:
        """How many documents are in the selection (what has been found by the deadline, once
        it has passed)."""
        ...

    def top(self, selection: Selection, offset: int, limit: int) -> list[tuple[DocKey, float]]:
        """Ranks ``offset`` to ``offset + limit`` of the selection by relevance: (document,
        score), best first, ties in index order."""
        ...

    def by_date(self, selection: Selection, newest: bool, offset: int, limit: int) -> list[DocKey]:
        """Ranks ``offset`` to ``offset + limit`` of the selection by date: by (date, index
        order), the whole key reversed for newest first; an undated document sorts as the
        earliest."""
        ...

    def facet_counts(self, selection: Selection, field: str, seconds: float) -> tuple[Counter, bool]:
        """(documents of the selection per value of ``field``, cut short): counting stops after
        ``seconds`` with the counts so far and ``True``."""
        ...

    def stories_of(self, keys: list[DocKey]) -> list[str]:
        """The story of each document (:mod:`indexer.stories`), in the order given: equal for the
        articles of one story, and what :meth:`story_copies` is given back (the story's id, or a
        backend's own name for it)."""
        ...

    def story_copies(self, hits: list[tuple[DocKey, str]], limit: int) -> list[list[DocKey]]:
        """For each (document, its story from :meth:`stories_of`): up to ``limit`` other articles
        of that story, in the order a look-up of the story's term gives them."""
        ...

    def count_stories(self, selection: Selection) -> int:
        """How many stories the selection's documents belong to."""
        ...

    def stored(self, key: DocKey) -> Mapping[str, Any]:
        """The stored fields of a document (see the module docstring for the keys)."""
        ...

    def body_part(self, key: DocKey, number: int) -> str:
        """Part ``number`` (1-based, at most :func:`search.hits.part_count` of its stored
        fields) of a document's body, reading that part only: part 1 is the stored ``body``."""
        ...

    def find(self, doc_id: str) -> DocKey | None:
        """The live document with this ``id``, or None."""
        ...

    def similar(self, key: DocKey, limit: int) -> list[tuple[DocKey, float]]:
        """Up to ``limit`` documents most like ``key`` (itself excluded), with scores, best first:
        by the key terms of its title and the first ``SIMILAR_CHARS`` of its body."""
        ...


def phrase_documents(s: Searcher, phrase: str) -> int:
    """How many documents write the words of ``phrase`` side by side, in their title or body."""
    return s.count(Selection(query=s.compile(Group("and", [Phrase(phrase)]), "and")))


class Backend(Protocol):
    """One index on one engine, opened once per serving process (and closed with it)."""

    name: str
    # The weights its compiler uses; the engine reads ``default_op`` (how typed words combine).
    ranking: Ranking

    def searcher(self, deadline: Deadline) -> AbstractContextManager[Searcher]:
        """A :class:`Searcher` for one request. Matching and counting look at ``deadline`` and
        answer with what they have once it has passed (the engine then marks the result
        ``timed_out``)."""
        ...

    def refresh(self) -> bool:
        """See the index as it is now, if it changed since it was opened: True when it did (its
        documents, or its spelling table mined again): the caches built on it are then dropped.
        Raises ``IndexMissingError``/``IndexVersionError`` when the index has gone or was rebuilt
        by another version; the current view stays usable meanwhile."""
        ...

    def stats(self) -> dict[str, Any]:
        """At least ``documents``, ``analyzer_version``, ``schema_version`` and ``size_bytes``."""
        ...

    def shards_down(self) -> list[str]:
        """The shards that do not answer now, by name (a health check: searches then give the
        others' hits marked partial); empty for a single-process index."""
        ...

    def context_spellings(self) -> Mapping[str, tuple[str, ...]]:
        """Stem → its other spellings joined by their contexts, as mined at the last import
        (:mod:`indexer.context_spellings`); empty when the index has no table."""
        ...

    def completions(self) -> Mapping[str, list[tuple[str, int]]]:
        """Prefix → its commonest exact forms and their documents, for the prefixes that begin
        more terms than autocomplete reads (:mod:`indexer.completions`); empty without a table."""
        ...

    def apart_spellings(self) -> frozenset[tuple[str, str]]:
        """The spelling rules' pairs (a, b), a < b, that the same table keeps apart (two words:
        their contexts differ); empty when the index has no table."""
        ...

    def close(self) -> None:
        ...
