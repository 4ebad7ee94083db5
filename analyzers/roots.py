"""Roots of folded Arabic words for the ``roots`` field (DESIGN.md, analysis rule 7).

A dictionary first, rules after. The lexicon maps ~30,000 dictionary forms (nouns with their
broken plurals, verbs) to their roots; it is read once per process from the Arramooz dictionary
(:mod:`analyzers.dictionary`: the same pinned data gives the same roots), and an entry is kept only
if its root's consonants appear, in order, in the form (قدرة is not قتن). Verb stems (the
imperfect and short stems of a verb: يكون, يكن, كنت of كان; يجد of وجد) are a table of their own,
read where the cut marks a verb (an imperfect prefix, a past ending such as ت نا). A word is cut
into clitics + stem + ending in every way the affix tables allow; each cut has a cost (the article
is cheap, a rare ك or ن dear), lowered by how often the stem stands alone in news text and how
many entries its root has, and the cheapest reading gives the root: والمكتبات → ال + مكتبة + ات
→ كتب. A word the dictionary knows whole is one reading among them, at the cost of a clitic (أهله
is أهل + ه, not أهلّة). When no stem is in the lexicon, the stem is matched against the derivation
patterns (مفعول, استفعال, فواعل, …), weak letters restored (قال → قول, دعا → دعو, يعد → وعد), and
the cheapest root the dictionary knows wins; a word with no such root (a name, a loanword) keeps
its light stem.

Roots are written in the folded alphabet with every hamza as ا (أمن → امن, سأل → سال, قرأ →
قرا) and geminates in full (مدد). ``fahras analyze --field roots`` shows them; ``root:كتب``
searches them. Everything is ordered data and plain dicts: no set or hash order decides anything,
so every process gives the same root (tests/test_determinism.py). The weights were chosen on one
half of a gold word list and checked on the other (``bench/roots.py``, docs/analysis.md).

A new word costs a few dozen dict lookups (tens of microseconds); words are cached per process,
by size; absurdly long tokens are neither rooted nor cached.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

from analyzers import dictionary
from analyzers.caching import MemoCache
from analyzers.dictionary import WEAK
from analyzers.limits import MAX_WORD_LEN
from analyzers.normalize import is_arabic
from analyzers.stemming import lexicon as word_counts
from analyzers.stemming import light_stem

# A 31k-article archive has ~315k distinct tokens, ~150 bytes of strings each with their roots.
CACHE_BYTES = 32 * 1024 * 1024

_HAMZAS = str.maketrans({"ء": "ا", "ئ": "ا", "ؤ": "ا"})  # roots write every hamza as ا

# Costs are in tenths, so that sums compare exactly (ties are broken by explicit keys, never by
# float noise or dict order).
# Clitics and inflection prefixes, with what it costs to believe in them: the article is nearly
# always an article, a leading ك rarely the preposition, a leading ن rarely the verb prefix.
_CONJUNCTION = {"": 0, "و": 5, "ف": 7}
_NOUN_PREFIX = {"": 0, "ال": 2, "ب": 6, "ل": 6, "ك": 20, "بال": 4, "لل": 3, "كال": 8}
_VERB_PREFIX = {"ي": 8, "ت": 10, "ن": 13, "ا": 13, "سي": 6, "ست": 7, "سن": 9, "لي": 10, "لت": 12,
                "لن": 14}  # fmt: skip
PREFIXES: dict[str, int] = {}
for _c, _cc in _CONJUNCTION.items():
    for _p, _pc in (_NOUN_PREFIX | _VERB_PREFIX).items():
        PREFIXES[_c + _p] = min(PREFIXES.get(_c + _p, 99), _cc + _pc)

# Endings: inflection (feminine, plurals, duals, nisba, verb persons), then an attached pronoun.
_INFLECTION = {"": 0, "ه": 3, "ات": 3, "ون": 4, "ين": 4, "ان": 8, "وا": 5, "ي": 8, "يه": 5,
               "يات": 5, "يين": 5, "يون": 5, "يان": 8, "تان": 8, "تين": 8, "ت": 7, "تم": 8,
               "تما": 10, "تن": 10, "نا": 8, "ن": 12, "ا": 6, "و": 15, "تا": 10, "تمو": 10}  # fmt: skip
_PRONOUN = {"": 0, "ه": 5, "ها": 5, "هم": 5, "هما": 6, "هن": 7, "ك": 8, "كم": 7, "كما": 9,
            "كن": 10, "ي": 8, "نا": 7, "ني": 9}  # fmt: skip
SUFFIXES: dict[str, int] = {}
for _i, _ic in _INFLECTION.items():
    for _p, _pc in _PRONOUN.items():
        _s = ("ت" if _i == "ه" and _p else _i) + _p  # ة before a pronoun is written ت
        _cost = _ic + _pc + (6 if _i == "ا" and _p else 0)  # a tanween alef takes no pronoun
        SUFFIXES[_s] = min(SUFFIXES.get(_s, 99), _cost)
del _c, _cc, _p, _pc, _i, _ic, _s, _cost
_MAX_PREFIX = max(map(len, PREFIXES))
_MAX_SUFFIX = max(map(len, SUFFIXES))
# Every beginning of a prefix and every end of an ending: a word's cuts are found by growing the
# prefix (ending) letter by letter only while it can still become one.
_PREFIX_STARTS = frozenset(p[:i] for p in PREFIXES for i in range(1, len(p) + 1))
_SUFFIX_ENDS = frozenset(s[len(s) - i :] for s in SUFFIXES for i in range(1, len(s) + 1))

# Derivation patterns of a stem, C for a root consonant, with a small cost for the rarer ones.
# W: a first radical و written ت and merged into form VIII's ت (اتّحاد, اتّفق, متّصل).
PATTERNS: dict[str, int] = {
    "CCC": 0, "CCCC": 2, "CاC": 2,
    "CاCC": 1, "CCاC": 1, "CCيC": 1, "CCوC": 2, "مCCC": 2, "تCCC": 3, "اCCC": 3, "CوCC": 5,
    "CيCC": 5, "CCCي": 5, "CCCا": 6,
    "مCCوC": 1, "مCاCC": 2, "تCاCC": 2, "تCCيC": 1, "اCCاC": 1, "اCتCC": 2, "مCتCC": 2,
    "انCCC": 3, "CواCC": 2, "CCاCي": 4, "CاCوC": 4, "CCCاء": 3, "CCCان": 5, "CاCيC": 4,
    "مCCاC": 3, "تCCاC": 4, "مCCيC": 4, "اCاCC": 5, "مCاCيC": 2, "استCCاC": 1, "استCCC": 1,
    "مستCCC": 1, "انCCاC": 2, "اCتCاC": 1, "متCاCC": 2, "متCCC": 2, "منCCC": 3, "CCائC": 2,
    "اCCCاء": 4, "تCاCيC": 3, "مستCCاC": 4, "CواCيC": 3, "CCاCيC": 3, "اCاCيC": 4,
    "اWCاC": 1, "اWCC": 2, "مWCC": 3,
}  # fmt: skip
# Each pattern compiled once: (fixed letters as (position, letter), root slots (-1: the و of W),
# cost, whether it is form VIII, whose ت may stand for an assimilated و), filed by the stem length
# and the letter it starts with ("" for a root consonant: any letter).
_PATTERNS_BY_START: dict[tuple[int, str], list[tuple[tuple[tuple[int, str], ...], tuple[int, ...], int, bool]]] = {}
for _pat, _cost in PATTERNS.items():
    _PATTERNS_BY_START.setdefault((len(_pat), "" if _pat[0] == "C" else _pat[0]), []).append((
        tuple((i, "ت" if ch == "W" else ch) for i, ch in enumerate(_pat) if ch not in "C"),
        tuple(i if ch == "C" else -1 for i, ch in enumerate(_pat) if ch in "CW"),
        _cost,
        "Cت" in _pat,
    ))  # fmt: skip
del _pat, _cost

# What a reading by pattern costs over a dictionary form: the dictionary knows the word, a pattern
# only says what it could be.
PATTERN_COST = 10
VERB_LIKE_ARTICLE_COST = 3  # ألحق read whole, against ال + حق at 2
# A dictionary form read whole costs as much as a clitic, so that a cut whose stem and root are
# both far commoner beats a rare homograph: أهله is أهل + ه (not أهلّة), كنتم كان + تم.
WHOLE_COST = 5
# Bonuses, in tenths per tenfold count: how often a stem stands alone in news text (the
# analyzers/data lexicon: سي + كون rather than سيك + ون) and how many dictionary entries a root
# has (a reading of a common root is likelier); both capped, at 10,000 uses and 40 entries.
USAGE_WEIGHT, MAX_USAGE_BONUS = 2, 8
PRIOR_WEIGHT, MAX_PRIOR_BONUS = 5, 8
WEAK_SWAP, WEAK_SWAP_FIRST = 3, 6  # a weak letter read as another (قال → قول); at the start dearer
# Verb stems (the imperfect and short stems of a verb: كون, كن of كان; جد of وجد) are read at no
# extra cost where the cut marks a verb, and at STEM_COST elsewhere: a bare verb stem is seldom
# the word meant (نك of نكى + ون is no word). After an imperfect prefix a free form costs
# NOUN_AFTER_VERB_COST more (a verb first). Among the verbs that give one stem, a verb's vote weighs 1 + STEM_USAGE_WEIGHT per
# tenfold count of its past form in the news lexicon: the كن of يكن is كان's, not كنى's.
STEM_COST = 6
NOUN_AFTER_VERB_COST = 1
STEM_USAGE_WEIGHT = 5


# The commonest verb of all is missing from the dictionary (it lists كوّن, تكوّن, not كان), and
# the commonest name is filed under a root that is not one.
_MISSING_VERBS = [("كان", "كون", "", 1, "ضمة")]
_CORRECTIONS = {"الله": "اله"}


def _verb_stems(past: str, root: str, vowel: str = "") -> tuple[str, ...]:
    """What a verb's past (3rd person masculine) leaves once the person affixes are off: the
    past itself, the imperfect stem (أكرم → يكرم: كرم; استطاع → يستطيع: ستطيع) and the short
    stems of weak verbs (كان → كنت, يكون, يكن; دعا → دعوت, يدعو; وعد → يعد).

    ``vowel`` is the dictionary's imperfect vowel: a hollow verb keeps its alef in the imperfect
    only with a fatha (خاف → يخاف, but سال → يسيل: the سال of يسأل is سأل's alone)."""
    stems = [past]
    if past.startswith("ا") and len(past) >= 4:
        stems.append(past[1:])  # forms IV, VII, VIII and X drop their alef after the prefix
    if len(root) == 3:
        for stem in list(stems):
            if len(stem) >= 3 and stem[-2] == "ا" and root[1] in WEAK:  # hollow
                stems += [stem[:-2] + root[1] + stem[-1], stem[:-2] + "ي" + stem[-1], stem[:-2] + stem[-1]]
                if len(stem) == 3 and stem == past and vowel not in ("فتحة", ""):
                    stems.remove(past)
            if stem[-1] in "اي" and root[2] in WEAK:  # defective
                stems += [stem[:-1] + root[2], stem[:-1]]
        if root[0] == "و" and past[0] == "و" and len(past) == 3:  # assimilated: يعد, يصل
            stems.append(past[1:])
    return tuple(dict.fromkeys(stems))


def lexicon() -> tuple[dict[str, str], dict[str, int]]:
    """(folded dictionary form → root, root → number of dictionary entries), built once per
    process from the pinned dictionary, in SQL order: the same everywhere."""
    forms, _stems, prior, _nouns = _build()
    return forms, prior


@functools.cache
def verb_stems() -> frozenset[str]:
    """The stems the dictionary's verbs are conjugated on (كتب, the present's كتب; قال, قول, قل),
    without the roots' voting: a tenth of :func:`lexicon`'s cost, for a process that needs only
    to know a verb form when it sees one (:mod:`analyzers.spelling_variants`)."""
    with dictionary.connect() as db:
        rows = db.execute("SELECT unvocalized, root, future_type FROM verbs").fetchall()
    out: set[str] = set()
    for raw_word, raw_roots, vowel in [*rows, *((w, r, v) for w, r, _p, _verb, v in _MISSING_VERBS)]:
        word = dictionary.letters(raw_word)
        for root in dictionary.fold_roots(raw_roots):
            out.update(_verb_stems(word, root, vowel or ""))
    return frozenset(out)


def cuts(word: str) -> tuple[tuple[int, int, int], ...]:
    """(cost, prefix length, ending length) of every clitic/ending cut of ``word`` (a word in the
    roots alphabet) leaving two letters or more, cheapest first."""
    return _cuts(word)


def stem_forms(stem: str, suffix: str) -> tuple[str, ...]:
    """How the dictionary writes ``stem`` seen before ``suffix`` (مكتبت + ه → مكتبه)."""
    return _stem_forms(stem, suffix)


def _spells_hamza(form: str, root: str) -> bool:
    """Whether ``form`` starts with the hamza that is ``root``'s first radical: before the second
    radical or a long vowel (أحد, إيمان), not the ا of a pattern (اتّحاد, افتعال)."""
    return root[0] == form[0] == "ا" and len(form) > 2 and (
        form[1] == root[1] or (form[1] in WEAK and form[2] == root[1])
    )


def _choose(votes: dict[str, dict[str, int]], prior: dict[str, int]) -> dict[str, str]:
    """Each form's root: where the dictionary gives a hamza root and a و/ي root otherwise alike
    (أحد: احد and وحد; إيمان: امن and يمن), the hamza one if the form writes that hamza; then
    most votes, then the root with most entries, then alphabetical: a total order, no ties left.
    (A middle و/ي decides nothing: the ي of يقيم, مفيد is a vowel of the pattern.)"""

    def key(form: str, root: str, candidates: dict[str, int]) -> tuple:
        spelt = _spells_hamza(form, root) and any(
            other[0] in "وي" and other[1:] == root[1:] for other in candidates
        )
        return (not spelt, -candidates[root], -prior[root], root)

    return {form: min(c, key=lambda r, f=form, c=c: key(f, r, c)) for form, c in votes.items()}


@functools.cache
def _usage() -> dict[str, int]:
    """How often each form stands alone in news text, in the roots alphabet (hamza as ا): the
    lexicon keeps ء ؤ ئ, the forms looked up here do not (شيء is شيا here, مسؤول مساول)."""
    usage: dict[str, int] = {}
    for word, count in word_counts().items():
        key = word.translate(_HAMZAS)
        usage[key] = usage.get(key, 0) + count
    return usage


@functools.cache
def _build() -> tuple[dict[str, str], dict[str, str], dict[str, int], frozenset[str]]:
    free: dict[str, dict[str, int]] = {}
    stems: dict[str, dict[str, int]] = {}
    prior: dict[str, int] = {}
    nouns: set[str] = set()
    usage = _usage()
    with dictionary.connect() as db:
        rows = db.execute(
            "SELECT unvocalized, root, broken_plural, 0, '' FROM nouns "
            "UNION ALL SELECT unvocalized, root, '', 1, future_type FROM verbs ORDER BY 1, 2, 3, 4, 5"
        ).fetchall()
    for raw_word, raw_roots, plurals, verb, vowel in [*rows, *_MISSING_VERBS]:
        word = dictionary.letters(raw_word)
        entry_roots = dictionary.fold_roots(raw_roots)
        vote = 2 if len(entry_roots) == 1 else 1  # an entry filed under two roots splits its vote
        # a verb's stems vote by how often its past is used: the كن of يكن is كان's, not كنى's
        weight = vote * (1 + round(STEM_USAGE_WEIGHT * math.log10(1 + usage.get(word, 0))))
        for root in entry_roots:
            prior[root] = prior.get(root, 0) + 1
            for form in (word, *plurals.split(";")):
                if _vote(free, dictionary.letters(form), root, vote) and not verb:
                    nouns.add(dictionary.letters(form))
            for form in _verb_stems(word, root, vowel or "") if verb else ():
                _vote(stems, form, root, weight)
    return _choose(free, prior) | _CORRECTIONS, _choose(stems, prior), prior, frozenset(nouns)


def _vote(table: dict[str, dict[str, int]], form: str, root: str, weight: int) -> bool:
    """Count ``weight`` votes for ``form`` → ``root`` if the form can carry that root."""
    if len(form) < 2 or not dictionary.consistent(form, root):
        return False
    counts = table.setdefault(form, {})
    counts[root] = counts.get(root, 0) + weight
    return True


Reading = tuple[str, int]  # (root, how likely: usage bonus of the form + prior bonus of the root)


@functools.cache
def _scored() -> tuple[dict[str, tuple[Reading | None, Reading | None]], dict[str, int], frozenset[str]]:
    """The lexicon ready for scoring: form → (its reading as a free form, as a verb stem), root →
    prior bonus, and the forms only a verb starting with أل gives (الحق is ألحق or ال + حق; the
    article wins). One lookup a stem answers both tables."""
    forms, stems, prior, nouns = _build()
    usage = _usage()
    bonus = {root: min(MAX_PRIOR_BONUS, round(PRIOR_WEIGHT * math.log10(n))) for root, n in prior.items()}

    def reading(table: dict[str, str], form: str) -> Reading | None:
        root = table.get(form)
        if root is None:
            return None
        return root, bonus[root] + min(MAX_USAGE_BONUS, round(USAGE_WEIGHT * math.log10(1 + usage.get(form, 0))))

    table = {form: (reading(forms, form), reading(stems, form)) for form in sorted(forms.keys() | stems.keys())}
    verb_like_article = frozenset(f for f in forms if f.startswith("ال") and f not in nouns)
    return table, bonus, verb_like_article


def _cuts(word: str) -> tuple[tuple[int, int, int], ...]:
    """(cost, prefix length, ending length) of every clitic/ending cut of ``word`` that leaves two
    letters or more: cheapest first, then fewest letters cut, then shortest prefix."""
    n = len(word)
    prefixes = [(0, 0)]
    for p in range(1, min(_MAX_PREFIX, n - 2) + 1):
        head = word[:p]
        if head not in _PREFIX_STARTS:
            break
        if head in PREFIXES:
            prefixes.append((p, PREFIXES[head]))
    suffixes = [(0, 0)]
    for k in range(1, min(_MAX_SUFFIX, n - 2) + 1):
        tail = word[n - k :]
        if tail not in _SUFFIX_ENDS:
            break
        # no alef ending after ة: اهلها is اهل + ها, not اهله + ا
        if tail in SUFFIXES and not (tail[0] == "ا" and word[n - k - 1] == "ه"):
            suffixes.append((k, SUFFIXES[tail]))
    return _plan(tuple(prefixes), tuple(suffixes), n)


@functools.lru_cache(maxsize=1 << 12)
def _plan(prefixes: tuple, suffixes: tuple, n: int) -> tuple[tuple[int, int, int], ...]:
    # The same few prefix and ending sets recur over thousands of words: order each combination once.
    plan = sorted(
        (pc + sc, p + k, p, k) for p, pc in prefixes for k, sc in suffixes if n - p - k >= 2
    )
    return tuple((cost, p, k) for cost, _cut, p, k in plan)


def _stem_forms(stem: str, suffix: str) -> tuple[str, ...]:
    """The stem as the dictionary writes it: ة was written ت before the ending (مكتبته), and the
    final ي of مصلي, محامي drops before a plural ending (المصلين, المحامون)."""
    if stem.endswith("ت") and suffix:
        return stem, stem[:-1] + "ه"
    if suffix.startswith("ات"):
        return stem, stem + "ه"  # مكتبات: مكتبة
    if suffix[:2] in ("ين", "ون", "ان"):
        return stem, stem + "ي"
    return (stem,)


def _weak_variants(letters: str) -> list[tuple[str, int]]:
    """Roots a consonant skeleton may stand for, with a cost: a weak letter for another (قال →
    قول, دعا → دعو), and two-letter skeletons as geminate, hollow, defective or assimilated."""
    out = [(letters, 0)]
    for i, ch in enumerate(letters):
        if ch in WEAK:  # at the start a ي or ا is more often a verb prefix than a weak radical
            cost = WEAK_SWAP_FIRST if i == 0 else WEAK_SWAP
            out.extend((letters[:i] + w + letters[i + 1 :], cost) for w in WEAK if w != ch)
    if len(letters) == 2:
        a, b = letters
        out += [(a + b + b, 3), (a + "و" + b, 3), (a + "ي" + b, 4), (a + b + "ي", 4),
                (a + b + "و", 4), ("و" + a + b, 5), ("ا" + a + b, 5)]  # fmt: skip
    return out


def _from_patterns(stem: str) -> list[tuple[str, int]]:
    """(root skeleton, cost) for every derivation pattern the stem fits."""
    skeletons = [(stem, 0)] if len(stem) == 2 else []
    n = len(stem)
    for fixed, slots, cost, form_viii in (
        *_PATTERNS_BY_START.get((n, ""), ()), *_PATTERNS_BY_START.get((n, stem[0]), ())
    ):
        for i, ch in fixed:
            if stem[i] != ch:
                break
        else:
            skeleton = "".join(stem[i] if i >= 0 else "و" for i in slots)
            skeletons.append((skeleton, cost))
            if form_viii and skeleton[0] == "ت":  # اتّصال written اتصال fits اCتCاC too
                skeletons.append(("و" + skeleton[1:], cost + 2))
    return skeletons


def _root(word: str, written: str) -> str:
    """The cheapest reading of ``word``: the word whole or a cut whose stem the dictionary knows
    (as a free form, or as a verb stem), or (dearer by ``PATTERN_COST``) a cut whose stem fits a
    pattern whose root the dictionary knows; a word with none (a name, a loanword) is its light
    stem. A dictionary word keeps a bare و ف ب ك ل in front where the light stemmer keeps it
    (rule 6's evidence from the news lexicon): برد, ورد stay whole; ``written`` is the word with
    its hamzas, as the light stemmer reads it."""
    table, _bonus, verb_like_article = _scored()
    whole = table.get(word, _NONE)[0]
    splits = _cuts(word)
    n = len(word)
    # (cost, pattern reading?, letters cut, spelling variant, -bonus, root): a total order.
    best: tuple[int, int, int, int, int, str] | None = None
    if whole is not None and word in verb_like_article:
        best = (VERB_LIKE_ARTICLE_COST, 0, 0, 0, 0, whole[0])
    elif whole is not None:
        best = (WHOLE_COST - whole[1], 0, 0, 0, 0, whole[0])
    if whole is not None and radical_clitic(written):
        splits = tuple(cut for cut in splits if not bare_clitic(word[: cut[1]]))
    for cost, p, k in splits:
        if best is not None and cost - MAX_USAGE_BONUS - MAX_PRIOR_BONUS > best[0]:
            break  # the cuts come cheapest first
        stem, ending = word[p : n - k], word[n - k :]
        for variant, form in enumerate(_stem_forms(stem, ending) if k else (stem,)):
            free, verb = table.get(form, _NONE)
            if (free is None and verb is None) or form == word:
                continue
            imperfect = word[:p] in _VERB_PREFIXES
            # A two-letter stem only with a one-letter ending (كنت, قلت, لكل; not نك + ون), after
            # a cheap prefix or, for a verb stem, any imperfect one (تجد).
            long_enough = len(form) > 2 or (k <= 1 and cost < 10)
            # a reading's score counts how many entries its root has (يحل: حلّ, not حلي)
            if free is not None and long_enough:
                key = (cost + (NOUN_AFTER_VERB_COST if imperfect else 0) - free[1], 0, p + k, variant, 0, free[0])
                if best is None or key < best:
                    best = key
            if verb is not None:
                verbal = imperfect or ending.startswith(_PAST_SUFFIXES)
                if long_enough or (verbal and k <= 1):
                    key = (cost + (0 if verbal else STEM_COST) - verb[1], 0, p + k, variant, 0, verb[0])
                    if best is None or key < best:
                        best = key
    for cost, p, k in splits:
        if best is not None and cost + PATTERN_COST - MAX_PRIOR_BONUS > best[0]:
            break  # no pattern reading of this cut or a dearer one can win
        reading = _pattern_reading(word[p : n - k])
        if reading is not None:
            guess, minus_bonus, candidate = reading
            key = (cost + guess, 1, p + k, 0, minus_bonus, candidate)
            best = key if best is None or key < best else best
    return best[5] if best is not None else light_stem(word)


_NONE: tuple[None, None] = (None, None)
# A cut marks a verb with an imperfect prefix, or with a past ending that starts with a consonant
# (كنت, قلنا: the short stem of a hollow verb); only then is a verb stem read at no extra cost.
_VERB_PREFIXES = frozenset(c + p for c in _CONJUNCTION for p in _VERB_PREFIX)
_PAST_SUFFIXES = ("ت", "نا", "تم", "تن")
# Conjunctions and prepositions without the article: where the light stemmer's evidence (rule 6)
# keeps such a first letter, it is radical for the roots too.
_BARE_CLITICS = frozenset(c + p for c in _CONJUNCTION for p in ("", "ب", "ل", "ك")) - {""}
_BARE_LETTERS = frozenset("وفبلك")
# What an imperfect takes after it: its person endings (يكتبون, تكتبين, يكتبا, يكتبن) and an object
# pronoun (يكتبوه: وا before one); never a noun's (ات, ة, ية) nor a past's (ت, تم).
_IMPERFECT_ENDINGS = frozenset(i + p for i in ("", "ون", "ين", "ان", "ن", "ا", "وا", "و", "ي")
                                for p in _PRONOUN)


def radical_clitic(written: str) -> bool:
    """Whether ``written`` starts with a و ف ب ك ل that the light stemmer keeps (rule 6's evidence
    from the news lexicon: برد, ورد, بنتاجون): a letter of the word, so no cut of a bare clitic
    (:func:`bare_clitic`) is believed in front of it."""
    return written[:1] in _BARE_LETTERS and light_stem(written)[:1] == written[:1]


def impossible_cut(prefix: str, ending: str) -> bool:
    """Whether an imperfect prefix and ``ending`` cannot stand on one word: سن + ابش + ات would read
    سنابشات as a verb with a noun's plural. The roots' costs let such a cut lose to a better one;
    a yes/no test of "is this a dictionary word" (:mod:`analyzers.spelling_variants`) must refuse it."""
    return prefix in _VERB_PREFIXES and ending not in _IMPERFECT_ENDINGS


def patterned(stem: str) -> bool:
    """Whether an Arabic derivation pattern reads ``stem`` as a word of a dictionary root
    (بركان: CCCان of برك; انسان, رمضان), whatever the dictionary files it under."""
    return _pattern_reading(stem) is not None


def bare_clitic(prefix: str) -> bool:
    """Whether ``prefix`` is a conjunction or preposition without the article (و, ب, فل, وك …)."""
    return prefix in _BARE_CLITICS


@functools.lru_cache(maxsize=1 << 15)
def _pattern_reading(stem: str) -> tuple[int, int, str] | None:
    """The best root a stem's patterns give, as (cost without the cut, -bonus, root); a stem
    recurs under many clitics (كتاب in الكتاب, بكتاب, كتابه), so each is read once."""
    best = None
    for skeleton, pattern_cost in _from_patterns(stem):
        reading = _skeleton_reading(skeleton)
        if reading is not None:
            key = (PATTERN_COST + pattern_cost + reading[0], reading[1], reading[2])
            if best is None or key < best:
                best = key
    return best


@functools.lru_cache(maxsize=1 << 15)
def _skeleton_reading(skeleton: str) -> tuple[int, int, str] | None:
    """The best root a consonant skeleton stands for, as (weak-letter cost - bonus, -bonus, root);
    skeletons recur across thousands of stems, so each is read once."""
    _table, bonus, _verbs = _scored()
    best = None
    for candidate, weak_cost in _weak_variants(skeleton):
        if candidate in bonus:
            key = (weak_cost - bonus[candidate], -bonus[candidate], candidate)
            if best is None or key < best:
                best = key
    return best


def _computed_root(word: str) -> str:
    if len(word) > MAX_WORD_LEN:
        return word  # absurdly long: neither rooted nor cached
    # Latin, digits and single letters are their own root.
    return word if len(word) < 2 or not is_arabic(word) else _root(word.translate(_HAMZAS), word)


# word → root, bounded by bytes, the oldest half dropped when full (:mod:`analyzers.caching`):
# nine tokens in ten are words seen before, and a hit is one plain dict read; a miss is computed by
# the cache's dict itself, so that ``root_lookup()`` can be mapped over a list of words.
_cache = MemoCache("analyzers.roots.root", CACHE_BYTES, _computed_root, MAX_WORD_LEN)


def root(word: str) -> str:
    """The root of one folded word: ``مكتبه``, ``الكتاب``, ``كاتب``, ``مكتوب``, ``يكتبون`` → ``كتب``.

    Deterministic (no hash or set order decides), cached per process; a word with no root the
    dictionary knows (a name, a loanword) is its light stem, Latin and digits stay as they are.
    """
    return _cache.data[word]


def root_lookup() -> Callable[[str], str]:
    """:func:`root` as the cache's own ``__getitem__`` (no Python frame on a hit), for a caller
    that maps many words at once (:mod:`analyzers.terms`)."""
    return _cache.lookup


def cache_info() -> dict[str, int]:
    """This process's root cache: entries, bytes held and the bound (for benchmarks and tests)."""
    stats = _cache.stats()
    return {"entries": stats["entries"], "bytes": stats["bytes"], "maxsize": stats["max_bytes"]}


def clear_cache() -> None:
    """Empty this process's root cache (benchmarks measure roots from cold)."""
    _cache.clear()
