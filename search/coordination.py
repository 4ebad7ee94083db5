"""Full matches first, partial matches after: which words of a query may be missing, and the tiers.

Requiring every typed word keeps the top of the list precise but ends it early: an article saying
the same thing without one of the words is never shown (issue 19). As Lucene's
minimum-should-match with the rest appended, a query's results come in tiers: the articles with
every word first, then those missing one word, then two, down to :func:`minimum_should_match`
words present, each tier ranked as the full matches are. Only the *free* words — plain words typed
side by side at the top of the query, in no field — may be missing: exclusions, phrases,
field-restricted words (``title:``, ``section:``), explicit ``OR`` groups and dates hold in every
tier (issue 15 item 1: ``section:الفاتحة موسى`` never widens to all of al-Fatiha). A pair the
index also writes as one word (فيس بوك, a ``compound`` group of :mod:`search.expansion`) is one
free word: there or missing as a whole, so «واتس اب» lists no article for اب (father) alone.

The tiers are query trees (:mod:`search.syntax`), so every backend compiles them as it compiles
any query; an "at least k of these words" part is an ``or`` :class:`~search.syntax.Group` with
``minimum=k``::

    plan(parse("سعر النفط اليوم")).tiers()   # [all three], [exactly two of them]
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from search.analysis import terms, too_short_for_edits
from search.syntax import Group, Node, Not, Phrase, Word

# Partial tiers beyond this many are one tier: "at least minimum_should_match, and fewer than...".
# A news query has two to five words; a pasted paragraph gets three tiers, not sixty.
MAX_PARTIAL_TIERS = 3
# ... and a query of more free words than this (a pasted headline or sentence) gets one partial
# tier, ranked by BM25 as the others are: up to 8 the three tiers are exact (7, 6 and 5 of 8 words
# present); past it, a word-count cut put articles with one common word more above the one the
# words came from (bench/long_queries.py: the source first 111 → 128 times of 150), and each tier
# re-reads every word's postings (64 fuzzy words' tiers took the sphinx backend's whole time limit
# and listed nothing; with one, 1.04 s and ten hits: docs/reliability.md).
MAX_TIERED_WORDS = 8

# What the tiers count as one typed word: a word, a narrowed stop word, a compound.
Free = Word | Phrase | Group


def minimum_should_match(free: int) -> int:
    """The fewest free words a partial match must have: most of them, and at least one
    (2 → 1, 3 → 2, 4 → 3, 5 → 3, 8 → 5). docs/relevance.md measures the choice."""
    return max(1, free - max(1, free * 2 // 5))


def _is_free(node: Node) -> bool:
    """A plain word of the text fields that analyses to something (a common stop word can't be
    missing), a rare stop word the expander narrowed (عندهما of «عندهما اجتماع»: required, no
    article has both, and its partial matches must not need it too), or a compound of such words —
    or a name led by a head that is a stop word (ابو بكر, ابي طالب: its requirement holds the
    head beside the name)."""
    if isinstance(node, Phrase):
        return node.stop_word and node.field is None
    if isinstance(node, Group):
        words = all if node.require is None else any
        return node.compound and words(map(_is_free, node.items))
    if not isinstance(node, Word) or node.field is not None:
        return False
    return _searches_something(node)


def _searches_something(word: Word) -> bool:
    """Whether the compilers give a word a query: a prefix its folded form, a fuzzy word long
    enough for an edit its folded form, any other word (a fuzzy one too short for edits, ء~, is
    looked for as typed) a stem. A word without one is left out of the query by both compilers,
    so it can't be counted among a tier's words: «ء~ آ*» would list آ* alone as a partial match
    of its full matches."""
    if word.prefix or (word.fuzzy and not too_short_for_edits(word)):
        return bool(terms("exact", word.text))
    return bool(terms("text", word.text))


def words_of(node: Free) -> list[Word | Phrase]:
    """A free word's typed words: itself, or a compound's two."""
    return [item for item in node.items if isinstance(item, Word)] if isinstance(node, Group) else [node]


def label(node: Free) -> str:
    """A free word as typed, as a partial match names it missing: «فيس بوك» for a compound."""
    return " ".join(w.text for w in words_of(node))


def counted(free: tuple[Free, ...]) -> list[Free]:
    """The free words as the tiers count them: a compound twice, for the two words typed (the
    «at least k» groups then need no weights; the Whoosh adapter scores a repeated item once and
    the Sphinx compiler's subsets hold it once)."""
    return [*free, *(node for node in free if isinstance(node, Group))]


@dataclass(frozen=True)
class Plan:
    """A query split into the parts every hit must match (``required``) and the free words, of
    which a full match has all and a partial match at least ``minimum`` (a compound counting as
    its two words: «صلاة عيد الفطر» wants two of three, so صلاة alone is no partial match)."""

    tree: Group
    required: tuple[Node, ...]
    free: tuple[Free, ...]
    minimum: int

    @property
    def partial(self) -> bool:
        """Whether partial matches exist for this query at all."""
        return self.minimum < len(counted(self.free))

    def full(self) -> Group:
        return self.tree

    def any(self) -> Group:
        """Full and partial matches together (the total, the facets, the highlights)."""
        return self._at_least(self.minimum)

    def tiers(self) -> list[Group]:
        """The tiers' trees, best first: the full matches, then one word missing, two..., the
        last partial tier taking the rest down to ``minimum`` words (all of them, past
        ``MAX_TIERED_WORDS`` words)."""
        out = [self.full()]
        words = len(counted(self.free))
        most = MAX_PARTIAL_TIERS if words <= MAX_TIERED_WORDS else 1
        present = words - 1
        while present >= self.minimum:
            floor = self.minimum if len(out) == most else present
            tree = self._at_least(floor)
            tree.items.append(Not(self._at_least(present + 1)))
            out.append(tree)
            present = floor - 1
        return out

    def _at_least(self, k: int) -> Group:
        items = counted(self.free)
        if k >= len(items):
            return self.full()
        words = Group("or", items, minimum=k)
        return Group("and", [*self.required, words], implicit=True)


def without_repeats(tree: Group) -> Group:
    """``tree`` with each repeated requirement of its top level once: a phrase, a field's word or
    a group typed twice asks for the same documents, and each copy cost a look-up (a phrase 32
    times: 3.7 s on the sphinx backend). A free word typed twice still counts twice (the tiers
    and BM25 weigh it so)."""
    if not (isinstance(tree, Group) and tree.op == "and"):
        return tree
    items: list[Node] = []
    for item in tree.items:
        if _is_free(item) or item not in items:  # nodes compare by value (dataclasses)
            items.append(item)
    return tree if len(items) == len(tree.items) else replace(tree, items=items)


def plan(tree: Group) -> Plan:
    """The coordination plan of a parsed query: only an implicit group of two free words or more
    has partial matches; any other tree is all required."""
    if not (isinstance(tree, Group) and tree.implicit and tree.op == "and"):
        return Plan(tree, (tree,), (), 0)
    free = tuple(item for item in tree.items if _is_free(item))
    if len(free) < 2:
        return Plan(tree, (tree,), (), 0)
    required = tuple(item for item in tree.items if not any(item is w for w in free))
    return Plan(tree, required, free, minimum_should_match(len(counted(free))))
