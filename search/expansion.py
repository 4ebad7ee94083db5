"""Query-time expansion: each typed word also matches its other spellings and its other number.

Two kinds of alternatives, decided here for every backend and handed to the compilers on the
query tree (:attr:`search.syntax.Word.alternatives`, stems of the text fields with a weight):

* **spelling variants** of a transliterated word (جوجل / غوغل / قوقل, يوتيوب / يوتوب): the rules of
  :mod:`analyzers.spelling_variants`, kept when the index has the variant in at least
  :data:`MIN_DOCS` documents and its table does not keep the two apart (two names whose contexts
  differ: نيكول / نيكل, :meth:`search.backend.Backend.apart_spellings`), at ``Ranking.variant_weight``;
* **house spellings** of a dictionary word (أمريكا / أميركا): the same rules, ignoring the
  dictionary, kept when the sources use the two as house styles — each source keeps to one, an
  article does not mix them (:mod:`analyzers.house_spellings`, from per-source document counts),
  also at ``Ranking.variant_weight``; an index of one source has none;
* **minority spellings** of a dictionary word (تلفزيون / تليفزيون, بنتاغون / بنتاجون): a rare spelling
  the dictionary lacks, joined to the dictionary word when the words around the two are alike —
  mined once per import (:mod:`analyzers.context_spellings`, :mod:`indexer.context_spellings`),
  read here from the backend's table (:meth:`search.backend.Backend.context_spellings`), both
  directions, also at ``Ranking.variant_weight``;
* **spellings of the typed form** that the analysis cut otherwise than the typed word
  (كلومبيا whole beside كولومبيا → كولومب: :func:`_form_spellings`), looked up in the exact fields,
  each bringing its stem, also at ``Ranking.variant_weight``;
* **a final hamza's seats** (شيء / شئ, شاطئ / شاطيء: :func:`analyzers.hamza_seats.final_seat_spelling`)
  when one is :data:`SEAT_RATIO` times as common, also at ``Ranking.variant_weight``;
* **a hamza left out** of a word the archive does not know (موتمر: مؤتمر), or of a name in اء
  whatever the archive knows (صنعا: صنعاء, :data:`FINAL_HAMZA_RATIO`): :meth:`Expander.hamza_stem`,
  also at ``Ranking.variant_weight``;
* **broken plurals** and their singulars (مدارس / مدرسة): :func:`analyzers.broken_plurals.forms_of`,
  at ``Ranking.plural_weight`` — at query time only, never merged in the index (issue 14 item 4);
  not a pair the index's articles use as two words (قطر, Qatar / قطار, trains: the articles of
  one do not mention the other more than chance, :func:`analyzers.broken_plurals.two_words`),
  and not for a nisba adjective typed (الرسمية, official: its term رسم is the noun's, whose plural
  رسوم, fees, is no form of it: :func:`analyzers.adjective_forms.nisba_of`);
* **compounds** written with or without a space (:mod:`search.compounds`): a word whose split the
  index has as an adjacent pair in :data:`MIN_DOCS` documents matches that phrase (فيسبوك: «فيس
  بوك», on :attr:`~search.syntax.Word.phrases`), and each of two adjacent typed words whose joined
  form the index has takes that stem as an alternative at half the weight (فيس بوك: فيسبوك), so a
  joined spelling matches the pair in full; both at ``Ranking.variant_weight``: a compound is one
  more spelling. The pair becomes one ``compound`` group (so does a cohesive pair whose joined
  word is too rare to take: سناب شات), which the partial tiers keep whole (:mod:`search.coordination`).
  A pair led by a name's head (عبد الملك, بن سلمان, ابو ظبي) is one too when the index writes it
  side by side, and must be its words side by side or joined (``Group.require``); so must a
  compound whose first word is a stop word (لو دريان, اي تونز: a foreign particle).

Before them, :meth:`Expander.narrow` keeps a rare stop word typed among other words (عين in «عين
العرب») as a word every hit must have, from the same vocabulary counts.

Both are below the typed form's weight, so the spelling the user typed ranks first. The cost is
bounded: no alternative in more than its :data:`MAX_SHARE` of the documents, at most
:data:`MAX_ALTERNATIVES` per word, :data:`MAX_WORDS` words per query, vocabulary
look-ups only (a handful per word), each word's answer cached until the index changes
(:meth:`Expander.clear`). The dictionary tables behind the rules take seconds to load: they are
loaded in a background thread when the engine opens (:func:`warm`); a search that comes before
they are ready waits for them within its time limit, and is not expanded once that has passed. A
process about to fork loads them first (:func:`load`), and a fork waits for a loading thread.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Mapping

from cachetools import LRUCache

from analyzers import adjective_forms, broken_plurals, house_spellings, roots, spelling_variants
from analyzers.clitics import CLITIC_LETTERS
from analyzers.hamza_seats import final_hamza_dropped, final_seat_spelling, hamza_spellings
from analyzers.limits import MAX_TOKEN_LEN, MAX_WORD_LEN
from analyzers.stopwords import stopwords, yaa_for_maqsura
from indexer.schema import BODY, BODY_EXACT, SOURCE, TITLE, TITLE_EXACT
from search import compounds, suggest
from search.analysis import terms
from search.backend import Searcher, Selection, most_documents
from search.deadline import Deadline
from search.ranking import Ranking
from search.syntax import Group, Node, Not, Phrase, Word

# A variant must be in at least this many documents (a typo seen once is not a spelling).
MIN_DOCS = 2
MAX_ALTERNATIVES = 8  # per word, most frequent first
MAX_SPELLINGS = 12  # variants of a word looked for (then of each found), before keeping the best
# A broken plural in more than this share of the documents is left out: a word that common (يوم
# for أيام) adds little the typed word has not found, and its long posting list is most of what an
# expansion costs. A spelling variant may be commoner (دواعش → داعش, 1,821 of 31k): it is the
# usual spelling of a rarer one, and only transliterated words have variants at all.
MAX_SHARE = {"plural": 0.02, "variant": 0.10}
# ... unless the typed word is itself common: a plural in at most this many times the typed form's
# documents is taken whatever its share (مدرسة 865 / مدارس 897 articles of 31k, سعر / أسعار,
# طالب / طلاب, وزير / وزراء). The share cap keeps a rare word from being flooded by a common
# one (غروب → غرب); between two common forms the flood is bounded by this ratio instead.
# docs/relevance.md ("Common plurals") has the pairs it admits and what they cost.
PLURAL_RATIO = 3
SHARE_FLOOR = 100  # ... but a small index may have alternatives in this many documents
MAX_WORDS = 16  # words expanded per query
# A final hamza's two seats (شيء / شئ, شاطئ / شاطيء) are one word's spellings when one is at least
# this many times as common as the other: a slip is rare beside the spelling (شئ 15 articles of 31k
# beside شيء's 2,217, طواريء 59 beside 1,300), while two words both written (بطيء / بطء, slow and
# slowness; مليء / ملء, full and filling: 125 / 121, 233 / 113) stay apart.
SEAT_RATIO = 3
# A name in اء typed without its final hamza (صنعا) takes the name when the news writes it with
# the hamza in this many times as many articles (_final_hamza_twin): صنعاء 12×, سيناء 5.8×, جراء
# 48×, هيفاء 52× on the 31k index; اسماء beside اسما, a noun, is barred by its article, not by this.
FINAL_HAMZA_RATIO = 5
# A spelling whose stem the analysis cut otherwise (:func:`_form_spellings`) is taken when its stem
# is in at least this share of the typed stem's documents: the rarer spellings of a common word
# (الحوثين, 24 articles of 31k, beside الحوثيين's 1,203) add few articles, and their rare term's
# weight would lift the articles with the slip above the rest.
FORM_SPELLING_SHARE = 0.1
# ... and the spelling found is in at least this share of its stem's documents: a form seen by
# chance beside another word's stem (فرانسي, 4 articles, of فرانس's 245: "France-Presse"; ستيفين's
# 6 of ستيف's 69, Steve) is no spelling of the typed word.
FORM_OWN_SHARE = 0.1
# A stop word typed beside other words that is in at most this share of the documents (its exact
# form, which the exact fields keep) narrows the results as a content word does: the stop list
# holds words news uses as content (عين in عين العرب: 6% of the 31k articles; أمين in أمين عام: 3%),
# while على (85%), في (94%), بين (33%) narrow nothing.
STOP_WORD_SHARE = 0.10
# ... and the word typed beside it matches the two side by side at this weight, added to its own
# score (:meth:`Expander._beside_stop_words`): at 4 the 31k archive's articles writing «عين العرب»
# fill its first 20, at 1 five of them (docs/relevance.md, "A stop word that narrows").
STOP_PAIR_WEIGHT = 4.0
# Rule spellings of a dictionary word put to the house-spelling test (most documents first): each
# costs two per-source counts and a count of the documents having both, once per index version.
MAX_HOUSE_TESTS = 3
HOUSE_SECONDS = 0.5  # per-source counting of one spelling, at most (cut short: not a house spelling)
# Bytes a serving process keeps of words' expansions (each word's alternatives, splits, phrases),
# until the index changes. Counted in entries (50,000), the table reached ~240 MB a worker after
# ~15,500 unique searches: an entry is ~4.8 KB with its key and bookkeeping (docs/reliability.md).
CACHE_BYTES = 48 << 20
# What an entry costs besides its value's objects (sys.getsizeof): its key tuple and the LRU's
# bookkeeping.
ENTRY_OVERHEAD = 512

_loaded = threading.Event()
_guard = threading.Lock()
_loader: dict[str, int | bool | None] = {"pid": None, "failed": False}
_thread: threading.Thread | None = None  # this process's loading thread, while it runs
# Seconds a fork waits for a loading thread of the forking process (~2.5 s of loading on one
# free core): past this it goes on, and the child loads the tables itself.
FORK_WAIT = 60.0


def _load() -> None:
    try:
        spelling_variants.is_native("")
        broken_plurals.table()
        adjective_forms.nisba_of("", "")  # the dictionary's nisbas
    except Exception:  # no dictionary: searches go on without alternatives
        _loader["failed"] = True
    _loaded.set()


def load() -> None:
    """Load the dictionary tables now, in this thread: a process that is about to fork
    (``fahras serve``'s master) gives its children the tables loaded and no thread half-way."""
    if not _loaded.is_set():
        _load()


def loaded() -> bool:
    """Whether this process has the tables (loaded here, or before it was forked)."""
    return _loaded.is_set()


def _before_fork() -> None:
    # A thread loading the tables holds locks as it goes (an import's module lock, a cache's);
    # a child forked meanwhile inherits them held, by a thread it does not have, and hangs the
    # first time it needs one (4 forks of 150 at a random moment of the loading:
    # docs/reliability.md). So a fork waits until the loading is done.
    loader = _thread
    if loader is not None and loader.is_alive() and loader is not threading.current_thread():
        loader.join(FORK_WAIT)


def _after_fork() -> None:
    # A worker forked while its parent was loading has the flag unset and no loading thread.
    global _guard, _thread
    _guard = threading.Lock()
    _thread = None
    if not _loaded.is_set():
        _loader["pid"] = None


os.register_at_fork(before=_before_fork, after_in_child=_after_fork)


def warm() -> None:
    """Load the dictionary tables in the background (once per process, forked ones included)."""
    global _thread
    if _loaded.is_set():
        return
    with _guard:
        if _loader["pid"] == os.getpid():
            return
        _loader["pid"] = os.getpid()
    _thread = loader = threading.Thread(target=_load, name="fahras-expansion-warm", daemon=True)
    loader.start()


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

    def __init__(self, ranking: Ranking, documents: Callable[[], int],
                 spellings: Callable[[], Mapping[str, tuple[str, ...]]] = dict,
                 apart: Callable[[], frozenset[tuple[str, str]]] = frozenset) -> None:
        self.ranking = ranking
        self._documents = documents  # how many documents the index holds (read once per view)
        self._spellings = spellings  # the index's minority-spelling table (read once per view)
        self._table: Mapping[str, tuple[str, ...]] | None = None
        self._read_apart = apart  # the rule pairs the same table keeps apart (read once per view)
        self._apart: frozenset[tuple[str, str]] | None = None
        self._most: dict[str, int] | None = None
        self._cache: LRUCache = LRUCache(maxsize=CACHE_BYTES, getsizeof=entry_bytes)
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._most = None
            self._table = None
            self._apart = None

    def narrow(self, tree: Group, vocab: Searcher) -> Group:
        """``tree`` with each stop word typed among other words at its top (عين in «عين العرب») made a
        one-word phrase of the exact fields, which every hit must then have, when the index has it
        in at most :data:`STOP_WORD_SHARE` of its documents; a common one (على, في) stays out, as
        it cannot narrow the results. A query of stop words only is the compilers' business."""
        if tree.op != "and" or not any(_content_word(item) for item in tree.items):
            return tree
        most = max(1, int(STOP_WORD_SHARE * self._most_docs("all")))

        def narrows(node: Node) -> bool:
            if not (self._plain(node) and node.field is None and not terms("text", node.text)):
                return False
            exact = terms("exact", node.text)
            return len(exact) == 1 and 0 < most_documents(vocab, (BODY_EXACT, TITLE_EXACT), exact[0]) <= most

        items = [Phrase(item.text, stop_word=True) if narrows(item) else item for item in tree.items]
        items = self._beside_stop_words(items)
        return dataclasses.replace(tree, items=items) if items != tree.items else tree

    def _beside_stop_words(self, items: list[Node]) -> list[Node]:
        """``items`` with the word typed after each narrowed stop word (before it, for the last)
        also matching the two side by side, at the full weight: «عين العرب» typed is most often
        the name (the town), and an article with عين in one place and العربية in another (a
        newspaper named «عين اليوم») ranked above it. So does a common stop word typed as a name
        is spelled (:func:`analyzers.stopwords.yaa_for_maqsura`: «علي صالح», Ali Saleh, where على
        narrows nothing): it is not required, but the articles writing the name come first."""
        out = list(items)
        for i, item in enumerate(items):
            if not ((isinstance(item, Phrase) and item.stop_word)
                    or (self._plain(item) and item.field is None and yaa_for_maqsura(item.text))):
                continue
            beside = [j for j in (i + 1, i - 1) if 0 <= j < len(items) and self._plain(items[j])]
            if not beside or out[j := beside[0]].field != item.field:
                continue
            pair = (item.text, items[j].text) if j > i else (items[j].text, item.text)
            out[j] = dataclasses.replace(out[j], phrases=(*out[j].phrases, (" ".join(pair), STOP_PAIR_WEIGHT)))
        return out

    def expand(self, tree: Group, vocab: Searcher, deadline: Deadline) -> Group:
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
                joins = node.op == "and" and not node.compound  # a compound's words are joined already
                items = self._joined(node.items, vocab, budget, deadline) if joins else node.items
                return dataclasses.replace(node, items=[walk(item) for item in items])
            return node

        return walk(tree)

    @staticmethod
    def _plain(node: Node) -> bool:
        """A word of the text fields, typed in full, no longer than a word can be (a longer one is
        no word: its look-ups, one per letter, would only spend the search's time)."""
        return (isinstance(node, Word) and node.field in (None, TITLE, BODY) and not (node.prefix or node.fuzzy)
                and len(node.text) <= MAX_TOKEN_LEN)

    def _joined(self, items: list[Node], vocab: Searcher, budget: list[int], deadline: Deadline) -> list[Node]:
        """``items`` with each two adjacent plain words whose joined form the index has (فيس بوك:
        فيسبوك) both taking the joined stem as an alternative, at half the weight each (a document
        writing it joined has both words at once), and grouped as one ``compound`` word: a
        partial match has the pair or lacks it, never بوك alone (nor «اب», father, of واتس اب)."""
        weight = self.ranking.variant_weight / 2
        if weight <= 0:
            return list(items)
        out: list[Node] = []
        i = 0
        while i < len(items):
            typed, second = items[i], items[i + 1] if i + 1 < len(items) else None
            first = _as_typed(typed)
            stem, unit, beside, particle = None, False, None, False
            if (second is not None and budget[0] > 0 and self._plain(first) and self._plain(second)
                    and first.field == second.field):
                stem = self.joined(vocab, first.text, second.text, deadline)
                unit = bool(stem) or self.cohesive(vocab, first.text, second.text, deadline)
                # a name (بن سلمان) is one even when the index never writes it joined: side by side
                beside = self._beside(vocab, first, second, deadline)
                if beside is None and unit and not terms("text", first.text):
                    # a foreign name's particle that is a stop word (لو دريان, اي تونز) says nothing
                    # alone: the pair is its two words side by side or joined, as a name's
                    beside = self._beside(vocab, first, second, deadline, compounds.side_by_side)
                    particle = beside is not None
                unit = unit or beside is not None
            if not unit:
                out.append(typed)
                i += 1
                continue
            budget[0] -= 1
            pair = [first, second]
            if stem:
                # ... and the joined word's own other spellings (ريفربلايت: ريفربليت), in two too
                others = self.alternatives(vocab, stem, deadline)
                joined = ((stem, weight), *((t, w / 2) for t, w in others))
                split = self._split_spellings(vocab, stem, others, deadline)
                phrases = tuple((p, weight) for p in split if not compounds.same_pair(p, first.text, second.text))
                pair = [dataclasses.replace(w, alternatives=(*w.alternatives, *joined), phrases=(*w.phrases, *phrases))
                        for w in pair]
                if particle and isinstance(beside, Group):
                    # ... which the requirement takes too (ايتونز: ايتيونز, «اي تيونز»), and the
                    # pair's other forms («ما يعادله» for «ما يعادل»), which rank as the pair's words
                    written = {p.text for p in beside.items if isinstance(p, Phrase)}
                    beside = dataclasses.replace(beside, items=[*beside.items, *(Word(t) for t, _w in others),
                                                                *(Phrase(p, first.field) for p in split if p not in written)])
            if beside is not None:
                pair[0] = self._any_case(pair[0], beside)
            out.append(Group("and", pair, compound=True, require=beside))
            i += 2
        return out

    def _beside(self, vocab: Searcher, first: Word, second: Word, deadline: Deadline,
                how: Callable = compounds.name_beside) -> Node | None:
        """What a name's two typed words must also match (``how``: :func:`search.compounds.name_beside`):
        one of their side-by-side phrases or the name joined; None for any other pair."""
        found = self._cached(("beside", how.__name__, first.text, second.text),
                             lambda: (how(vocab, first.text, second.text),), deadline)[0]
        if found is None or not found[0]:  # no name, or never side by side (then as two words)
            return None
        phrases, joined = found
        return Group("or", [*(Phrase(p, first.field) for p in phrases), Word(joined, first.field)])

    @staticmethod
    def _any_case(head: Word, beside: Group) -> Word:
        """A name's head with cases (ذو in «ذو الحجة») also matching the forms its requirement's
        phrases write it in (ذي, لذي), in the exact fields at its own weight: the requirement holds
        the name's words side by side in any case, and a head with a stem (ذو, not a stop word as
        ابو is) must not hold out the articles that write it in another. A stop word's phrases
        are never compiled; other heads' clitics are the stemmer's (لعبد: عبد)."""
        exact = terms("exact", head.text)
        if len(exact) != 1 or not compounds.other_cases(exact[0]):
            return head
        forms = dict.fromkeys(p.text.split()[0] for p in beside.items if isinstance(p, Phrase))
        forms.pop(exact[0], None)
        return dataclasses.replace(head, phrases=(*head.phrases, *((f, 1.0) for f in forms))) if forms else head

    def _word(self, word: Word, vocab: Searcher, budget: list[int], deadline: Deadline) -> Word:
        if not self._plain(word) or budget[0] <= 0:
            return word
        stems = terms("text", word.text)
        if len(stems) != 1 or len(stems[0]) > MAX_WORD_LEN or deadline.expired():
            return word
        budget[0] -= 1
        found = self.alternatives(vocab, stems[0], deadline)
        exact = terms("exact", word.text)
        if len(exact) == 1 and adjective_forms.nisba_of(exact[0], stems[0]):
            # a nisba adjective (الرسمية, official) shares its term with its noun (رسم), but the
            # noun's broken plural (رسوم, fees) is no form of the adjective
            plurals = broken_plurals.forms_of(stems[0])
            found = tuple((t, w) for t, w in found if t not in plurals)
        if len(exact) == 1:
            # a spelling whose stem the analysis cut another way (زمبابوي whole, زيمبابوي → زيمبابو),
            # with that stem's own spellings (الفتوغرافيه: فوتوغراف and its فوتوجراف)
            have = {stems[0], *dict(found)}
            weight = self.ranking.variant_weight
            extra = dict.fromkeys(u for t in self.form_spellings(vocab, exact[0], stems[0], deadline)
                                  for u in self._variant_spellings(t, self.alternatives(vocab, t, deadline)))
            new = [u for u in extra if u not in have][:MAX_ALTERNATIVES]
            found = (*found, *((u, weight) for u in new))
        restored = self.hamza_stem(vocab, word.text, stems[0], deadline)
        if restored is not None and restored not in dict(found):
            # ... and what the hamza spelling itself has (نتائج: its singular نتيجة), weighed down alike
            weight = self.ranking.variant_weight
            others = ((t, w * weight) for t, w in self.alternatives(vocab, restored, deadline) if t != stems[0])
            found = (*found, (restored, weight), *others)
        alternatives = (*word.alternatives, *found)
        phrases = (*word.phrases, *((p, self.ranking.variant_weight)
                                    for p in self._split_spellings(vocab, stems[0], found, deadline)))
        return dataclasses.replace(word, alternatives=alternatives, phrases=phrases) if alternatives or phrases else word

    def _split_spellings(self, vocab: Searcher, stem: str, alternatives: tuple[tuple[str, float], ...],
                         deadline: Deadline) -> list[str]:
        """``stem`` and its other spellings written in two (كيلوجرام: «كيلو جرام», «كيلو غرام»),
        and each cut where one of them is, its parts in any spelling (:func:`search.compounds.family_phrases`)
        or with its g letters written another way throughout (:func:`search.compounds.g_spelling_phrases`:
        هونغكونغ, «هونج كونج»)."""
        spellings = self._variant_spellings(stem, alternatives)
        cuts = {t: self.cuts(vocab, t, deadline) for t in spellings}
        phrases = [p for t in spellings for _a, _b, found in cuts[t] for p in found]
        known = {(a, b) for t in spellings for a, b, _found in cuts[t]}
        if known and len(spellings) > 1 and self.ranking.variant_weight > 0:
            phrases += self._cached(("family", *spellings), lambda: tuple(compounds.family_phrases(
                vocab, spellings, known, MIN_DOCS, MAX_ALTERNATIVES)), deadline)
        if known and self.ranking.variant_weight > 0:
            phrases += self._cached(("g-phrases", *spellings), lambda: tuple(compounds.g_spelling_phrases(
                vocab, known, MIN_DOCS, MAX_ALTERNATIVES, self._spelling_of(vocab, deadline))), deadline)
        return list(dict.fromkeys(phrases))[:MAX_ALTERNATIVES]

    def _spelling_of(self, vocab: Searcher, deadline: Deadline | None) -> Callable[[str, str], bool]:
        """Whether ``other`` may stand for ``found`` when a compound's g letters are written another
        way (:func:`search.compounds.g_spelling_phrases`): no dictionary word either way (a native
        word's g letter is its own), or a spelling the expansion joins to it (the context table's
        فيغاس / فيجاس); never two spellings the table keeps apart (كوبر / جوبر)."""

        def spelling_of(found: str, other: str) -> bool:
            if self.apart(found, other):
                return False
            if not (spelling_variants.is_native(found) or spelling_variants.is_native(other)):
                return True
            return (other, self.ranking.variant_weight) in self.alternatives(vocab, found, deadline)

        return spelling_of

    def _variant_spellings(self, stem: str, alternatives: tuple[tuple[str, float], ...]) -> list[str]:
        """``stem`` and its other spellings among its ``alternatives`` (those at the variant
        weight: not its other number)."""
        return [stem, *(t for t, w in alternatives if w == self.ranking.variant_weight)]

    def _cached(self, key: tuple[str, ...], compute: Callable[[], tuple], deadline: Deadline | None = None) -> tuple:
        """``compute()``, kept until the index changes — unless ``deadline`` passed meanwhile (the
        counts it rests on may be cut short: the next search computes it again)."""
        with self._lock:
            known = self._cache.get(key)
        if known is None:
            known = compute()
            if deadline is None or not deadline.expired():
                with self._lock:
                    self._cache[key] = known
        return known

    def _most_docs(self, kind: str) -> int:
        if self._most is None:
            documents = self._documents()
            self._most = {kind: max(SHARE_FLOOR, int(share * documents)) for kind, share in MAX_SHARE.items()}
            self._most["all"] = documents
        return self._most[kind]

    def cuts(self, s: Searcher, stem: str, deadline: Deadline | None = None) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(first part, second part, phrases) of each cut of ``stem`` into two words the index
        writes (:func:`search.compounds.split_cuts`), kept until the index changes (``deadline``:
        as for :meth:`alternatives` — the pairs' counts stop at it); none when variants weigh
        nothing."""
        if self.ranking.variant_weight <= 0:
            return ()
        return self._cached(("split", stem), lambda: tuple(
            (a, b, tuple(phrases)) for a, b, phrases in compounds.split_cuts(s, stem, MIN_DOCS, MAX_ALTERNATIVES, self._most_docs("all"))),
            deadline)

    def joined(self, s: Searcher, first: str, second: str, deadline: Deadline | None = None) -> str | None:
        """The stem of the typed pair ``first second`` written as one word, if the index has it."""
        most = self._most_docs("variant")

        def spellings_cuts(stem: str) -> list[tuple[str, str]]:
            return [(a, b) for t in self._variant_spellings(stem, self.alternatives(s, stem, deadline))
                    for a, b, _phrases in self.cuts(s, t, deadline)]

        found = self._cached(("join", first, second), lambda: (
            compounds.joined_stem(s, first, second, MIN_DOCS, most, self._most_docs("all"))
            or compounds.family_join(s, first, second, MIN_DOCS, most, spellings_cuts)
            or compounds.g_spelling_join(s, first, second, MIN_DOCS, most, self._most_docs("all"),
                                         self._spelling_of(s, deadline))
            or self._spelling_join(s, first, second, deadline),), deadline)
        return found[0]

    def _spelling_join(self, s: Searcher, first: str, second: str, deadline: Deadline | None) -> str | None:
        """The joined stem of one typed word beside another spelling of the other (its variants
        and whole-form spellings): «جين بينج» is جينبينغ, written joined only with بينغ's g letter,
        while جين's ج is no g (the g letters changed throughout make غين)."""
        most, documents = self._most_docs("variant"), self._most_docs("all")

        def spellings(word: str) -> list[str]:
            stems, exact = terms("text", word), terms("exact", word)
            if len(stems) != 1 or len(exact) != 1 or len(stems[0]) > MAX_WORD_LEN:
                return []  # no word that long: as _word, no look-ups spent on it
            return [*self._variant_spellings(stems[0], self.alternatives(s, stems[0], deadline))[1:],
                    *self.form_spellings(s, exact[0], stems[0], deadline)]

        pairs = [*((first, other) for other in spellings(second)), *((other, second) for other in spellings(first))]
        return next((j for a, b in pairs if (j := compounds.joined_stem(s, a, b, MIN_DOCS, most, documents))), None)

    def cohesive(self, s: Searcher, first: str, second: str, deadline: Deadline | None = None) -> bool:
        """Whether the typed pair is one compound though its joined word is too rare to take."""
        found = self._cached(("unit", first, second), lambda: (
            compounds.cohesive_pair(s, first, second, MIN_DOCS),), deadline)
        return found[0]

    def hamza_stem(self, vocab: Searcher, typed: str, stem: str, deadline: Deadline | None = None) -> str | None:
        """The stem of ``typed`` (whose stem is ``stem``) written with the hamza it left out
        (موتمر: مؤتمر, يوكد: يؤكد), or None: only for a word the archive does not know as typed
        and whose hamza spelling it writes far more, by the corrector's thresholds for a typo
        (:func:`_hamza_stem`). At the variant weight, as a spelling: the hamza spelling's
        articles are the word's, the few typed without it rank first."""
        exact = terms("exact", typed)
        if self.ranking.variant_weight <= 0 or len(exact) != 1:
            return None
        return self._cached(("hamza", exact[0]), lambda: (_hamza_stem(vocab, exact[0], stem),), deadline)[0]

    def form_spellings(self, vocab: Searcher, form: str, stem: str, deadline: Deadline | None = None) -> tuple[str, ...]:
        """The stems of the typed ``form``'s rule spellings that the exact fields hold, where the
        analysis cut them otherwise than ``stem`` (:func:`_form_spellings`), kept until the index
        changes; none when variants weigh nothing."""
        if self.ranking.variant_weight <= 0:
            return ()
        return self._cached(("forms", form, stem), lambda: _form_spellings(
            vocab, form, stem, self._most_docs("variant"), self.apart), deadline)

    def alternatives(self, vocab: Searcher, stem: str, deadline: Deadline | None = None) -> tuple[tuple[str, float], ...]:
        """(stem, weight) of ``stem``'s other spellings and other number that the index has
        (``deadline``: the search's, whose passing cuts the house-spelling test's counts short)."""
        return self._cached(("alt", stem), lambda: self._alternatives(vocab, stem), deadline)

    def _alternatives(self, vocab: Searcher, stem: str) -> tuple[tuple[str, float], ...]:
        """``stem``'s own alternatives and, when the index's table joins it to other spellings
        by their contexts, those spellings and their own alternatives too: one word's spellings
        then match the same documents whichever is typed (جروس with غروس's كروس, غروس with
        جروس's plural جرس), as a family must."""
        r = self.ranking

        def docs(term: str) -> int:
            return most_documents(vocab, (BODY, TITLE), term)

        found = self._own(vocab, stem, docs)

        def spelling(other: str) -> None:
            """``other``, another spelling of the word, with its own alternatives."""
            found[other] = r.variant_weight
            for t, w in self._own(vocab, other, docs).items():
                if t != stem:
                    found[t] = max(found.get(t, 0.0), w)

        if r.variant_weight > 0:
            most = self._most_docs("variant")
            # The other seat of a final hamza (شئ: شيء), as the table's spellings below: the two
            # spellings then find the same articles.
            other = final_seat_spelling(stem)
            if other is not None and MIN_DOCS <= (m := docs(other)) <= most and SEAT_RATIO * min(m, n := docs(stem)) <= max(m, n):
                spelling(other)
            # The table's spellings of the word and of each rule spelling of it: the table joins
            # أتليتك to اتلتيك, which the vowel rule reaches from اتليتيك, so all three meet.
            variants = [t for t, w in found.items() if w == r.variant_weight]
            for v in dict.fromkeys(c for t in (stem, *variants) for c in self.context_spellings(t)):
                if v != stem and MIN_DOCS <= docs(v) <= most:
                    spelling(v)
        best = sorted(found, key=lambda t: -docs(t))[:MAX_ALTERNATIVES]
        return tuple((t, found[t]) for t in best)

    def _own(self, vocab: Searcher, stem: str, docs: Callable[[str], int]) -> dict[str, float]:
        """``stem``'s spelling variants, house spellings and other number, with their weights."""
        r = self.ranking
        found: dict[str, float] = {}
        if r.variant_weight > 0:
            most = self._most_docs("variant")
            for v in spelling_variants.family(stem, lambda t: MIN_DOCS <= docs(t) <= most, MAX_SPELLINGS, self.apart):
                found[v] = r.variant_weight
            for v in self.house_spellings(vocab, stem, docs):
                found[v] = r.variant_weight
        if r.plural_weight > 0:
            most = max(self._most_docs("plural"), PLURAL_RATIO * docs(stem))
            for other in broken_plurals.forms_of(stem):
                if other not in found and 0 < docs(other) <= most and not self._two_words(vocab, stem, other, docs):
                    found[other] = r.plural_weight
        return found

    def _two_words(self, s: Searcher, stem: str, other: str, docs: Callable[[str], int]) -> bool:
        """Whether the index uses a dictionary's singular and plural as two words (قطر, Qatar /
        قطار, trains: :func:`analyzers.broken_plurals.two_words`), by the articles having both;
        a pair too rare to tell, or with a form the analyzers never make of a typed word (a stop
        form: its articles cannot be counted as a word's), stays one word."""
        documents = self._most_docs("all")
        n, m = docs(stem), docs(other)
        if not broken_plurals.measurable(n, m, documents) or any(terms("text", t) != [t] for t in (stem, other)):
            return False
        both = self._cached(("together", *sorted((stem, other))), lambda: (documents_with_both(s, stem, other),))[0]
        return broken_plurals.two_words(n, m, both, documents)

    def apart(self, a: str, b: str) -> bool:
        """Whether the index's table keeps two rule spellings apart (two words by their contexts:
        :attr:`analyzers.context_spellings.Pair.apart`)."""
        if self._apart is None:
            self._apart = self._read_apart()
        return (min(a, b), max(a, b)) in self._apart

    def context_spellings(self, stem: str) -> tuple[str, ...]:
        """``stem``'s other spellings joined by their contexts at import (the table is read once
        per index version)."""
        if self._table is None:
            self._table = self._spellings()
        return self._table.get(stem, ())

    def house_spellings(self, s: Searcher, stem: str, docs: Callable[[str], int]) -> list[str]:
        """The rule spellings of a dictionary word that the index's sources use as house styles
        (أمريكا / أميركا: :func:`analyzers.house_spellings.house_pair`), tested on the
        :data:`MAX_HOUSE_TESTS` commonest that are common enough to test (and in no more than the
        variants' share of the documents)."""
        if not spelling_variants.in_dictionary(stem):
            return []  # a transliterated word the dictionary lacks: the spelling-variant rules cover it
        documents, most = self._most_docs("all"), self._most_docs("variant")
        n = docs(stem)
        found = {c: m for c in house_spellings.candidates(stem, lambda t: s.doc_frequency(BODY, t) > 0)
                 if (m := docs(c)) <= most and house_spellings.measurable(n, m, documents)}
        # The cheap half first: spellings that meet in articles are two words (the per-source
        # counts cost more); only a stem the analyzers make can be searched as a word.
        apart = []
        for other in sorted(found, key=lambda c: (-found[c], c))[:MAX_HOUSE_TESTS]:
            if terms("text", other) == [other]:
                both = documents_with_both(s, stem, other)
                if house_spellings.apart(n, found[other], both, documents):
                    apart.append((other, both))
        if not apart:
            return []
        mine = per_source(s, stem, HOUSE_SECONDS)  # counted once, cut short or not
        if mine is None:
            return []
        return [other for other, both in apart
                if (theirs := per_source(s, other, HOUSE_SECONDS)) is not None
                and house_spellings.house_pair(mine, theirs, both, documents)]


def entry_bytes(value: object) -> int:
    """About what a cached expansion holds in memory: its tuples, lists and strings (floats and
    ints too), deep, plus :data:`ENTRY_OVERHEAD`. Hand-written: ``sys.getsizeof`` is shallow, and
    these values are small trees of builtins."""
    total, stack = ENTRY_OVERHEAD, [value]
    while stack:
        item = stack.pop()
        total += sys.getsizeof(item)
        if isinstance(item, (tuple, list, frozenset, set)):
            stack.extend(item)
    return total


def _hamza_stem(vocab: Searcher, form: str, stem: str) -> str | None:
    """The commonest stem of ``form``'s hamza spellings (:func:`hamza_spellings`), when the archive
    does not know ``stem`` and writes that stem far more, by the corrector's two tests for a typo
    (:mod:`search.suggest`): ``stem`` in at most ``RARE`` documents and the hamza stem in ``BETTER``
    times as many (``MIN_DF`` at least), or ``stem`` in at most ``RARE_UNMATCHED`` (news repeats
    a slip: الموسسة) and the hamza stem in ``BETTER_UNMATCHED`` times as many. A word the archive
    writes is left as typed whatever its hamza spelling's count: قاوم (resisted) is no قائم, البدو
    (Bedouins) no البدء, فيات (Fiat) no فئات, رويس (a place) no رئيس (docs/relevance.md, "A hamza
    left out"). A name in اء typed without its final hamza takes the name by a test of its own,
    the archive's writing the typed form or not (:func:`_final_hamza_twin`)."""

    def docs(term: str) -> int:
        return most_documents(vocab, (BODY, TITLE), term)

    twin = _final_hamza_twin(vocab, form, stem)
    if twin is not None:
        return twin
    own = docs(stem)
    if own > suggest.RARE_UNMATCHED:
        return None
    spelled = {found[0] for c in hamza_spellings(form) if len(found := terms("text", c)) == 1 and found[0] != stem}
    n, best = max(((docs(t), t) for t in spelled), default=(0, None))
    if own <= suggest.RARE:
        return best if n >= max(suggest.MIN_DF, suggest.BETTER * own) else None
    return best if n >= suggest.BETTER_UNMATCHED * own else None


def _final_hamza_twin(vocab: Searcher, form: str, stem: str) -> str | None:
    """The name in اء that ``form`` (folded, as typed) may be without its final hamza: صنعا for
    صنعاء (Sanaa), هيفا for هيفاء. The hamza spelling must be written in ``FINAL_HAMZA_RATIO``
    times as many articles as ``form`` (both less the clitics typed; the corrector's ``MIN_DF`` at
    least), be its own stem (no ending cut from it, only و ف ب ك ل before it) and never follow the
    article, as a name or a place never does: a noun in اء takes it (السماء), and its spelling in
    ا is another word as often (سما, a name; اسما, a name's accusative). One way only: the news
    writes صنعا mostly as an accusative («يحسنون صنعا») and سينا as Ibn Sina's or Senna's name,
    so the hamza spelling typed takes no spelling without it."""
    spelled = final_hamza_dropped(form)
    if spelled is None:
        return None
    found = terms("text", spelled)
    if len(found) != 1 or found[0] == stem or not spelled.endswith(found[0]) \
            or not set(spelled[: -len(found[0])]) <= set(CLITIC_LETTERS):
        return None  # an ending cut, or more than و ف ب ك ل before it: اليسا (Elissa) is no ال + يساء

    def written(term: str) -> int:
        return most_documents(vocab, (BODY_EXACT, TITLE_EXACT), term)

    name = found[0]  # without the clitics typed (بصنعا: صنعاء), which the counts leave out too
    n = written(name)
    if n < suggest.MIN_DF or n < FINAL_HAMZA_RATIO * written(name[:-1]) or written("ال" + name):
        return None
    return name


def _form_spellings(vocab: Searcher, form: str, stem: str, most: int,
                    apart: Callable[[str, str], bool]) -> tuple[str, ...]:
    """The stems of ``form``'s spellings under the variant rules that the exact fields have in
    :data:`MIN_DOCS` to ``most`` documents, other than ``stem`` (``form``'s own).

    The stem-level variants (:meth:`Expander.alternatives`) meet a spelling only when the analysis
    cut both spellings alike. It does not when its evidence differs: a common spelling loses an
    ending its rarer twin keeps (كولومبيا → كولومب beside كلومبيا whole, زيمبابوي → زيمبابو beside
    زمبابوي, ستيفين → ستيف beside ستيفن), so the rarer one found only itself. Its whole form's
    spellings (one rule step) are looked up in the exact fields instead, and each found one brings
    its stem, unless:

    * either stem is a dictionary word or a stop word, or reads an Arabic pattern
      (:func:`analyzers.roots.patterned`: مرابحه / مربحه, ترويكا / ترويج are two words); the found
      one is shorter than the rules' words, the typed stem's nisba or noun (هولندا, هولنديا), in
      under :data:`FORM_SPELLING_SHARE` of the typed stem's documents, or the spelling found in
      under :data:`FORM_OWN_SHARE` of its stem's;
    * it is cut further at the front than ``stem`` (بينغ, Xi Jinping's, is no spelling of ينج, the
      jussive its twin بينج is cut to; بينج is one of بينغ), keeps an ال the typed form lost
      (الكسندريا is no الكسندر), or what the typed clitics leave of it reads native (ولويس, and
      Louis, is no وليس); a stem starting with another letter is a spelling all the same
      (النموذج takes الانموذج);
    * the index's table keeps it, or a g spelling of it, apart from the typed word or a spelling
      taken before (بوينغ, Boeing, beside بينغ: the table parts بوينج and بينغ)."""
    if spelling_variants.is_native(stem) or roots.patterned(stem):
        return ()
    least = max(MIN_DOCS, FORM_SPELLING_SHARE * most_documents(vocab, (BODY, TITLE), stem))

    def occurs(v: str) -> bool:
        return MIN_DOCS <= most_documents(vocab, (BODY_EXACT, TITLE_EXACT), v) <= most

    taken, found = [form, stem], {}
    for v in spelling_variants.variants(form, occurs)[:MAX_SPELLINGS]:
        cut = terms("text", v)
        if len(cut) != 1 or cut[0] == stem or cut[0] in found:
            continue
        other = cut[0]
        if (not _cut_alike(form, stem, v, other) or len(other) < spelling_variants.MIN_LENGTH
                or _native_or_stop(other) or _nisba_pair(stem, other) or roots.patterned(other)):
            continue
        if spelling_variants.kept_apart(apart, taken, v) or spelling_variants.kept_apart(apart, taken, other):
            continue
        docs = most_documents(vocab, (BODY, TITLE), other)
        if least <= docs <= most and most_documents(vocab, (BODY_EXACT, TITLE_EXACT), v) >= FORM_OWN_SHARE * docs:
            found[other] = None
            taken += [v, other]
    return tuple(found)


def _cut_alike(form: str, stem: str, spelling: str, other: str) -> bool:
    """Whether ``spelling`` (of the typed ``form``) and its stem ``other`` are cut as a spelling of
    ``form`` and ``stem`` may be: no further at the front, no ال kept that the typed form lost, and
    the letters the typed clitics leave of it no Arabic word. :func:`_form_spellings` has a word
    for each."""
    front, at = form.find(stem), spelling.find(other)
    if at < 0 or front >= 0 and at > front:
        return False
    if at < front and "ال" in form[at:front]:
        return False
    return not (front > 0 and _native_or_stop(spelling[front:]))


def _nisba_pair(a: str, b: str) -> bool:
    """Whether one stem is what the other's nisba adjective is made on (its final ا or ة off:
    :func:`analyzers.adjective_forms.base`), or that with the nisba's ي or يه: هولندا and هولند,
    سنغافوره and سنغافور, جدار and جداريه."""
    def bases(stem: str) -> tuple[str, ...]:
        made_on = stem[:-1] if stem.endswith("ه") else adjective_forms.base(stem)  # ة folded, سنغافوره
        return made_on, made_on + "ي", made_on + "يه"

    return a in bases(b) or b in bases(a)


def _native_or_stop(term: str) -> bool:
    """A stop word (which the dictionary does not list) or a dictionary word."""
    return term in stopwords() or spelling_variants.is_native(term)


def _as_typed(node: Node) -> Node:
    """A stop word that :meth:`Expander.narrow` made a one-word phrase (ابو in «ابو ظبي», لو in «لو
    دريان») as the word typed, for the compound rules; other nodes as they are. A compound made of
    it is narrowed by its requirement (side by side or joined), the phrase left out."""
    if isinstance(node, Phrase) and node.stop_word and node.field is None and len(terms("exact", node.text)) == 1:
        return Word(node.text)
    return node


def _content_word(node: Node) -> bool:
    """A plain word with a stem of the text fields (no stop word), typed positively."""
    return isinstance(node, Word) and node.field in (None, TITLE, BODY) and bool(terms("text", node.text))


def per_source(s: Searcher, stem: str, seconds: float) -> Counter | None:
    """Documents per source having the index term ``stem``; None when counting took longer
    than ``seconds`` (:meth:`search.backend.Searcher.facet_counts`, so any backend)."""
    counts, cut = s.facet_counts(Selection(s.compile(Group("and", [Word(stem)]), "and")), SOURCE, seconds)
    return None if cut else counts


def documents_with_both(s: Searcher, a: str, b: str) -> int:
    """Documents having both index terms."""
    return s.count(Selection(s.compile(Group("and", [Word(a), Word(b)]), "and")))
