"""The Arramooz dictionary (``arramooz-pysqlite``, GPL, pinned in pyproject.toml): where it is,
and how its spellings and roots are written in the roots field's alphabet.

The roots (:mod:`analyzers.roots`), the broken-plural table (:mod:`analyzers.broken_plurals`) and
the nouns that take no feminine (:func:`unfeminine_nouns`, for :mod:`analyzers.endings`) are read
from it at first use; nothing of it is copied into the repository. Its data decides indexed
terms, hence the exact pin.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import pathlib
import sqlite3
from collections.abc import Iterator
from typing import NamedTuple

from analyzers.normalize import normalize_word

# Its vowel-less spellings in our alphabet: every hamza → ا, ى → ي, ة → ه, no tatweel.
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ء": "ا", "ئ": "ا", "ؤ": "ا",
                       "ى": "ي", "ة": "ه", "ـ": None})  # fmt: skip
WEAK = "اوي"


def path() -> pathlib.Path:
    spec = importlib.util.find_spec("arramooz")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the roots field needs the arramooz-pysqlite package (pip install -e .)")
    return pathlib.Path(next(iter(spec.submodule_search_locations))) / "data" / "arabicdictionary.sqlite"


@contextlib.contextmanager
def connect() -> Iterator[sqlite3.Connection]:
    """A read-only connection to the dictionary, closed on leaving."""
    db = sqlite3.connect(f"file:{path()}?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


@functools.cache
def spellings() -> frozenset[str]:
    """Every spelling the dictionary lists, in the roots alphabet: nouns, their broken plurals and
    verb pasts (~30,000; read once per process, ~0.1 s)."""
    out: set[str] = set()
    with connect() as db:
        rows = db.execute("SELECT unvocalized, broken_plural FROM nouns "
                          "UNION ALL SELECT unvocalized, '' FROM verbs").fetchall()
    for word, plurals in rows:
        out.add(letters(word))
        out.update(map(letters, written_plurals(plurals or "")))
    out.discard("")
    return frozenset(out)


class _Noun(NamedTuple):
    """One noun entry of the dictionary, as the readings below need it."""

    word: str  # folded as the index folds it
    feminable: int  # takes the feminine ة
    plurals: str  # the broken-plural field, as written
    taa_plural: bool  # takes a plural in ات (feminin_plural)
    masdar: bool  # a verbal noun (wordtype مصدر)
    nisba: bool  # a relative adjective (wordtype منسوب: رسمي, غربي, علمي)


@functools.cache
def _noun_entries() -> tuple[_Noun, ...]:
    """Every noun entry, read once for :func:`unfeminine_nouns`, :func:`listed_plurals`,
    :func:`taa_plural_nouns`, :func:`masdars` and :func:`nisbas` (a process pays one pass, ~0.4 s)."""
    with connect() as db:
        rows = db.execute("SELECT unvocalized, feminable, broken_plural, feminin_plural, wordtype FROM nouns").fetchall()
    return tuple(_Noun(normalize_word(word), int(feminable or 0), plurals or "", bool(sound), "مصدر" in (kind or ""),
                       "منسوب" in (kind or ""))
                 for word, feminable, plurals, sound, kind in rows)


@functools.cache
def unfeminine_nouns() -> frozenset[str]:
    """The nouns (folded as the index folds them) every entry of which the dictionary marks as
    taking no feminine in ة (``feminable`` 0: ماء, جمع, ثور, عود; not معلم, جامع): a noun in ة
    spelt with one of them is another word (مائة, hundred; جمعة, Friday), never its feminine. The
    word lists' families are built from the same flag (bench/build_wordlists.py). Folded with
    :func:`analyzers.normalize.normalize_word`, the index's folding, not the roots alphabet."""
    flags: dict[str, set[int]] = {}
    for noun in _noun_entries():
        flags.setdefault(noun.word, set()).add(noun.feminable)
    return frozenset(word for word, seen in flags.items() if seen == {0})


@functools.cache
def verb_pasts() -> frozenset[str]:
    """The verbs' pasts (folded as the index folds them): ادار (أدار), اضاف, حرك, قضي (قضى). A noun
    in ة spelt with one of them (إدارة, إضافة, حركة) may be another word than the verb, or the
    verb + the pronoun ه (أداره, "he ran it"): bench/build_bare_taa.py counts how the news writes
    them bare."""
    with connect() as db:
        return frozenset(normalize_word(word) for (word,) in db.execute("SELECT unvocalized FROM verbs"))


@functools.cache
def listed_plurals() -> dict[str, frozenset[str]]:
    """Each noun (folded) → the broken plurals its entries list, folded: ``دوله`` → ``{"دول"}``.
    A noun in ة whose plural is its base's letters (دولة/دول, غرفة/غرف, صورة/صور) is one word
    with them, not another word beside a base that takes no feminine."""
    out: dict[str, set[str]] = {}
    for noun in _noun_entries():
        out.setdefault(noun.word, set()).update(folded_plurals(noun.plurals))
    return {word: frozenset(plurals) for word, plurals in out.items() if plurals}


@functools.cache
def listed_plural_forms() -> frozenset[str]:
    """Every broken plural the dictionary's nouns list (folded): ``حيتان`` (of حوت), ``دول``."""
    return frozenset().union(*listed_plurals().values())


@functools.cache
def taa_plural_nouns() -> frozenset[str]:
    """The nouns (folded) an entry of which takes a plural in ات of its own (``feminin_plural``:
    حمام/حمامات, مطار/مطارات, اجتماع/اجتماعات; not عمل, حمل): their ات form may be theirs, not the
    plural of the noun in ة written with their letters."""
    return frozenset(noun.word for noun in _noun_entries() if noun.taa_plural)


@functools.cache
def masdars() -> frozenset[str]:
    """The nouns (folded) an entry of which is a verbal noun (``wordtype`` مصدر: قبض, ضحك, تغريد):
    the same letters + ة may be its noun of instance (قبضة, a grip; ضحكة, a laugh), one word with it."""
    return frozenset(noun.word for noun in _noun_entries() if noun.masdar)


@functools.cache
def nisbas() -> frozenset[str]:
    """The nouns (folded) an entry of which is a relative adjective (``wordtype`` منسوب: رسمي,
    غربي, محلي; not أراضي, a plural, nor ماضي, a participle): the adjective of a noun, whose
    broken plural is the noun's, not its own (رسوم is رسم's: fees, never "officials")."""
    return frozenset(noun.word for noun in _noun_entries() if noun.nisba)


def written_plurals(field: str) -> list[str]:
    """The plurals of a dictionary entry as it writes them: "أَطْفَالٌ (وَقَدْ يَسْتَوِي ...)" →
    ["أَطْفَالٌ"] (remarks follow a parenthesis; several plurals are separated by ;)."""
    return [p.strip() for p in field.split("(")[0].split(";")]


def folded_plurals(field: str) -> list[str]:
    """The folded plurals of a dictionary entry: "أَطْفَالٌ (...)" → ["اطفال"]."""
    return [f for p in written_plurals(field) if (f := normalize_word(p))]


# Loanwords shorter than this are left native: the four-letter ones are mostly Arabic nouns with no
# derivation (قارب, خيمة, عرعر) whose rule spellings are other words (قريش / جريش, كلور / كيلور);
# docs/relevance.md, "Loanwords".
LOANWORD_MIN_LETTERS = 5


@functools.cache
def loanwords() -> frozenset[str]:
    """The spellings the dictionary lists only as an underived noun filed under itself, not
    under a root (``wordtype`` جامد, ``root`` the word: أوروبا, فيروس, سينما, بترول): transliterated
    words, of :data:`LOANWORD_MIN_LETTERS` letters or more. A spelling that is also another entry
    (a derived noun, a verb, a broken plural) is not one."""
    own: set[str] = set()
    other: set[str] = set()
    with connect() as db:
        rows = db.execute("SELECT unvocalized, root, wordtype, broken_plural FROM nouns "
                          "UNION ALL SELECT unvocalized, '', '', '' FROM verbs").fetchall()
    for word, root, kind, plurals in rows:
        spelling = letters(word)
        if kind == ":جامد" and letters(root or "") == spelling:
            own.add(spelling)
        else:
            other.add(spelling)
        other.update(letters(p) for p in (plurals or "").split("(")[0].split(";"))
    return frozenset(w for w in own - other if len(w) >= LOANWORD_MIN_LETTERS)


def letters(text: str) -> str:
    """A dictionary spelling in the roots alphabet: ``مُتَّخِذٌ`` → ``متخذ``, ``قرأ`` → ``قرا``."""
    return "".join(ch for ch in text if "ء" <= ch <= "ي").translate(_FOLD)


def fold_root(raw: str) -> str | None:
    """A dictionary root in the roots alphabet, or None for the entries without a usable one."""
    root = (raw or "").translate(_FOLD)
    if len(root) == 4 and root.endswith("ه"):  # بيعة, جمعة: a feminine noun given as its root
        root = root[:3]
    if 3 <= len(root) <= 4 and all("ا" <= ch <= "ي" and ch not in "ةى" for ch in root):
        return root
    return None


# What the root field holds besides the root: separators between two roots (ثأر،ثور, ءحد;وحد),
# stray dots, spaces, tanween and direction marks (أم.ن, عز م, حجاً).
_ROOT_NOISE = str.maketrans({".": None, "\u00a0": None, " ": None, "\u200e": None, "\u064b": None,
                             "\u064d": None, "ـ": None, "،": ";", ",": ";"})  # fmt: skip


def fold_roots(raw: str) -> tuple[str, ...]:
    """Every root a dictionary entry gives, in the roots alphabet: ``ثأر،ثور`` → ``ثار``, ``ثور``;
    ``أم.ن`` → ``امن``; a geminate written with one letter, ``رد`` → ``ردد``. Empty for the entries
    without a usable root (an unanalysed loanword, a blank)."""
    roots = []
    for part in (raw or "").translate(_ROOT_NOISE).split(";"):
        if len(part) == 2 and all("ء" <= ch <= "ي" for ch in part):
            part += part[1]
        root = fold_root(part)
        if root is not None and root not in roots:
            roots.append(root)
    return tuple(roots)


def consistent(form: str, root: str) -> bool:
    """The root's strong consonants appear in the form, in order (weak letters may change): drops
    the dictionary's few typos (قدرة filed under قتن)."""
    pos = 0
    for i, ch in enumerate(root):
        if ch in WEAK:
            continue
        found = form.find(ch, pos)
        if found < 0:
            if i > 0 and root[i - 1] == ch:  # a geminate written once: مد for مدد
                continue
            return False
        pos = found + 1
    return True
