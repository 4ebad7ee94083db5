"""Query-time expansion: each typed word also matches its other spellings and its other number.

Two kinds of alternatives, decided here for every backend and handed to the compilers on the
query tree (:attr:`search.syntax.Word.alternatives`, stems of the text fields with a weight):

* **spelling variants** of a transliterated word (جوجل / غوغل / قوقل, يوتيوب / يوتوب): the rules of
  :mod:`analyzers.spelling_variants`, kept when the index has the variant in at least
  :data:`MIN_DOCS` documents, at ``Ranking.variant_weight``;
* **broken plurals** and their singulars (مدارس / مدرسة): :func:`analyzers.broken_plurals.forms_of`,
  at ``Ranking.plural_weight`` — at query time only, never merged in the index (issue 14 item 4).

Both are below the typed form's weight, so the spelling the user typed ranks first. The cost is
bounded: no alternative in more than its :data:`MAX_SHARE` of the documents, at most
:data:`MAX_ALTERNATIVES` per word, :data:`MAX_WORDS` words per query, vocabulary
look-ups only (a handful per word), each word's answer cached until the index changes
(:meth:`Expander.clear`). The dictionary tables behind the rules take seconds to load: they are
loaded in a background thread when the engine opens (:func:`warm`); a search that comes before
they are ready waits for them within its time limit, and is not expanded once that has passed.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable

from cachetools import LRUCache

from analyzers import broken_plurals, spelling_variants
from indexer.schema import BODY, TITLE
from search.analysis import terms
from search.backend import Vocabulary
from search.deadline import Deadline
from search.ranking import Ranking
from search.syntax import Group, Node, Not, Word

# A variant must be in at least this many documents (a typo seen once is not a spelling).
MIN_DOCS = 2
MAX_ALTERNATIVES = 8  # per word, most frequent first
MAX_SPELLINGS = 12  # variants of a word looked for (then of each found), before keeping the best
# A broken plural in more than this share of the documents is left out: a word that common (يوم
# for أيام) adds little the typed word has not found, and its long posting list is most of what an
# expansion costs. A spelling variant may be commoner (دواعش → داعش, 1,821 of 31k): it is the
# usual spelling of a rarer one, and only transliterated words have variants at all.
MAX_SHARE = {"plural": 0.02, "variant": 0.10}
SHARE_FLOOR = 100  # ... but a small index may have alternatives in this many documents
MAX_WORDS = 16  # words expanded per query
CACHE_WORDS = 50_000

_loaded = threading.Event()
_guard = threading.Lock()
_loader: dict[str, int | bool | None] = {"pid": None, "failed": False}


def _load() -> None:
    try:
        spelling_variants.is_native("")
        broken_plurals.table()
    except Exception:  # no dictionary: searches go on without alternatives
        _loader["failed"] = True
    _loaded.set()


def _after_fork() -> None:
    # A worker forked while its parent was loading has the flag unset and no loading thread.
    global _guard
    _guard = threading.Lock()
    if not _loaded.is_set():
        _loader["pid"] = None


os.register_at_fork(after_in_child=_after_fork)


def warm() -> None:
    """Load the dictionary tables in the background (once per process, forked ones included)."""
    if _loaded.is_set():
        return
    with _guard:
        if _loader["pid"] == os.getpid():
            return
        _loader["pid"] = os.getpid()
    threading.Thread(target=_load, name="fahras-expansion-warm", daemon=True).start()


def _ready(deadline: Deadline) -> bool:
    """Whether the tables are loaded, waiting for them within the search's time limit (a first
    search right after the engine opened may wait for the rest of the loading, never longer)."""
    if not _loaded.is_set():
        warm()
        if not _loaded.wait(timeout=deadline.remaining()):
            deadline.expired()  # marks the result as cut short
            return False
    return not _loader["failed"]


class Expander:
    """Fills each word's alternatives from the index vocabulary, with a per-index cache."""

    def __init__(self, ranking: Ranking, documents: Callable[[], int]) -> None:
        self.ranking = ranking
        self._documents = documents  # how many documents the index holds (read once per view)
        self._most: dict[str, int] | None = None
        self._cache: LRUCache = LRUCache(maxsize=CACHE_WORDS)
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._most = None

    def expand(self, tree: Group, vocab: Vocabulary, deadline: Deadline) -> Group:
        """``tree`` with the alternatives of its plain words (the first :data:`MAX_WORDS`)."""
        r = self.ranking
        if (r.variant_weight <= 0 and r.plural_weight <= 0) or not _ready(deadline):
            return tree
        budget = [MAX_WORDS]

        def walk(node: Node) -> Node:
            if isinstance(node, Word):
                return self._word(node, vocab, budget, deadline)
            if isinstance(node, Not):
                return Not(walk(node.node))
            if isinstance(node, Group):
                return dataclasses.replace(node, items=[walk(item) for item in node.items])
            return node

        return walk(tree)

    def _word(self, word: Word, vocab: Vocabulary, budget: list[int], deadline: Deadline) -> Word:
        if word.field not in (None, TITLE, BODY) or word.prefix or word.fuzzy or budget[0] <= 0:
            return word
        stems = terms("text", word.text)
        if len(stems) != 1 or deadline.expired():
            return word
        budget[0] -= 1
        alternatives = self.alternatives(vocab, stems[0])
        return dataclasses.replace(word, alternatives=alternatives) if alternatives else word

    def alternatives(self, vocab: Vocabulary, stem: str) -> tuple[tuple[str, float], ...]:
        """(stem, weight) of ``stem``'s other spellings and other number that the index has."""
        with self._lock:
            known = self._cache.get(stem)
        if known is not None:
            return known
        r = self.ranking
        if self._most is None:
            documents = self._documents()
            self._most = {kind: max(SHARE_FLOOR, int(share * documents)) for kind, share in MAX_SHARE.items()}
        most = self._most

        def docs(term: str) -> int:
            return max(vocab.doc_frequency(BODY, term), vocab.doc_frequency(TITLE, term))

        found: dict[str, float] = {}
        if r.variant_weight > 0:
            for v in spelling_variants.family(stem, lambda t: MIN_DOCS <= docs(t) <= most["variant"],
                                               MAX_SPELLINGS):
                found[v] = r.variant_weight
        if r.plural_weight > 0:
            for other in broken_plurals.forms_of(stem):
                if other not in found and 0 < docs(other) <= most["plural"]:
                    found[other] = r.plural_weight
        best = sorted(found, key=lambda t: -docs(t))[:MAX_ALTERNATIVES]
        known = tuple((t, found[t]) for t in best)
        with self._lock:
            self._cache[stem] = known
        return known
