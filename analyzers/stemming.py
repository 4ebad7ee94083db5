"""Light stemming of folded Arabic words (DESIGN.md, analysis rule 6; roots: analyzers/roots.py).

tashaphyne's ``light_stem`` alone is not usable for search (كتب→تب, ونفط→فط, وزارة→زار but
الوزارات→وزار). We keep tashaphyne's segmentation, which lists every (prefix, stem, suffix) split
its affix tables allow, and choose among those splits with rules that can be defended:

* only *noun* clitics are stripped: an optional conjunction (و ف), an optional preposition
  (ب ك ل) and an optional article (ال, or لل for ل+ال). Verb prefixes (ي ت ن ا س) are left alone:
  in news text they start far more nouns than they mark verbs.
* a split that removes the article is trusted (ال is unambiguous enough); a bare clitic without
  the article (وزارة, برنامج, فريق all start with one) is stripped only when what remains is a
  standalone word at least a tenth as frequent as the whole form in the lexicon
  (``data/lexicon.tsv.gz``, word counts from real news): ونفط→نفط, وقال→قال, بمدينة→مدينة, but
  وزارة, وليد, برنامج stay whole. Unknown words fall back to stripping و/ف only, as light10 does.
* suffixes are the plural, dual, nisba and pronoun endings; the longest one that leaves a stem of
  at least ``MIN_STEM`` letters is removed.
* protected words (``data/protected.txt``: places, organisations, people whose names look affixed)
  are returned whole, with or without clitics in front: بلبنان → لبنان.
* words of ``MIN_STEM`` letters or fewer, and anything that is not Arabic, are never touched.

Stemming dominates analysis time and news text repeats words all the time, so results are cached
per process (``functools.lru_cache``); tashaphyne's stemmer object is stateful, so each thread
gets its own.
"""

from __future__ import annotations

import functools
import gzip
import threading
from importlib import resources

from tashaphyne.stemming import ArabicLightStemmer

from analyzers.normalize import is_arabic, normalize_word

MIN_STEM = 3
# After the article alone a two-letter word is still a word: الحج, للحج, بالحج → حج.
MIN_AFTER_ARTICLE = 2
# A bare clitic is stripped when count(rest) >= CLITIC_RATIO * count(word).
CLITIC_RATIO = 0.1
CACHE_SIZE = 250_000

CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ك", "ل")
# Every allowed prefix stack, and whether it carries the article.
PREFIXES: dict[str, bool] = {}
for _c in CONJUNCTIONS:
    for _p in PREPOSITIONS:
        PREFIXES[_c + _p] = False
        PREFIXES[_c + _p + "ال"] = True
    PREFIXES[_c + "لل"] = True  # ل + ال written لل
del _c, _p

# Endings in their folded spelling (ة is already ه): plurals and duals, nisba, pronouns.
SUFFIXES = frozenset(
    {
        "ات", "ان", "ين", "ون", "يات", "يين", "يون", "يان", "تان", "تين",
        "ي", "يه", "ه", "ها", "هم", "هما", "هن", "نا",
        "ته", "تها", "تهم", "تهما", "اته", "اتها", "اتهم", "يته", "يتها",
    }
)  # fmt: skip


NISBA_SUFFIXES = frozenset({"ي", "يه", "يين", "يون", "يات", "يان"})


def _read_data(name: str) -> str:
    return resources.files("analyzers").joinpath("data", name).read_bytes().decode("utf-8")


@functools.cache
def lexicon() -> dict[str, int]:
    """Folded word form → how often it stands alone in the news corpus."""
    raw = resources.files("analyzers").joinpath("data", "lexicon.tsv.gz").read_bytes()
    counts: dict[str, int] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        counts[word] = int(count)
    return counts


@functools.cache
def protected_words() -> dict[str, str]:
    """Folded protected name → the term it is indexed as (the name without its article).

    العراق, عراق, والعراق all index as عراق, exactly as an ordinary word loses its article.
    """
    words: dict[str, str] = {}
    for line in _read_data("protected.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        word = normalize_word(line)
        bare = word[2:] if word.startswith("ال") and len(word) > 4 else word
        words[word] = words[bare] = bare
    return words


_local = threading.local()


def _tashaphyne() -> ArabicLightStemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = ArabicLightStemmer()
    return stemmer


def _splits(word: str) -> list[tuple[str, str, str]]:
    """tashaphyne's candidate (prefix, stem, suffix) splits, plus the unsplit word."""
    segments = _tashaphyne().segment(word)
    return [(word[:left], word[left:right], word[right:]) for left, right in segments]


def _clitic_ok(prefix: str, rest: str, word: str) -> bool:
    if not prefix:
        return True
    counts = lexicon()
    if PREFIXES[prefix]:  # carries the article
        if prefix.endswith("لل") and not _stands_alone(rest, "ل" + rest, counts):
            # ل + ال before a word starting with ل is written لل too: للاعبين is ل + لاعبين,
            # not لل + اعبين. The لل reading wins unless what it leaves rarely stands alone:
            # للحج is ل + الحج (حج is common), even though لحج (a Yemeni province) is too.
            return False
        if len(rest) >= MIN_STEM:
            return True
        # Two letters after ال: الحج, اليد are article + word, but الغي (ألغى), القي (ألقى),
        # اليه (آلية) are not; the lexicon says whether the two letters stand alone as often.
        return len(rest) >= MIN_AFTER_ARTICLE and _stands_alone(rest, word, counts)
    whole, alone = counts.get(word, 0), counts.get(rest, 0)
    if whole or alone:
        return _stands_alone(rest, word, counts)
    return prefix in ("و", "ف") and len(rest) >= MIN_STEM


def _stands_alone(rest: str, word: str, counts: dict[str, int]) -> bool:
    alone = counts.get(rest, 0)
    return alone > 0 and alone >= CLITIC_RATIO * counts.get(word, 0)


@functools.lru_cache(maxsize=CACHE_SIZE)
def light_stem(word: str) -> str:
    """Stem one folded word: ``والكتاب``, ``بالكتاب``, ``الكتاب``, ``كتاب`` → ``كتاب``.

    ``الوزارات`` and ``وزارة`` (folded ``وزاره``) → ``وزار``; ``كتب`` stays ``كتب``.
    """
    if len(word) <= MIN_STEM or not is_arabic(word):
        return word
    protected = protected_words()
    if word in protected:
        return protected[word]
    best = word
    best_cut = (0, 0)
    for prefix, stem, suffix in _splits(word):
        if prefix not in PREFIXES or (suffix and suffix not in SUFFIXES):
            continue
        rest = word[len(prefix) :]
        if rest in protected and prefix:
            return protected[rest]
        if not _clitic_ok(prefix, rest, word):
            continue
        if PREFIXES[prefix] and rest.startswith("ال"):
            # الالتزام: the bare التزام loses its ال as an article, so this one must too.
            return light_stem(rest)
        if len(stem) < (MIN_AFTER_ARTICLE if PREFIXES[prefix] and not suffix else MIN_STEM):
            continue
        cut = (len(prefix), len(suffix))  # strip the longest clitic stack, then the longest ending
        if cut > best_cut:
            best, best_cut = stem, cut
    suffix = word[len(word) - best_cut[1] :] if best_cut[1] else ""
    nisba = suffix in NISBA_SUFFIXES
    if suffix and best.endswith("ي") and len(best) > MIN_STEM:
        # مستشفياتها → مستشفي + اتها: the bare مستشفي loses its final ي, so this one must too.
        best, nisba = best[:-1], True
    if nisba:
        # A nisba meets the protected name it comes from: الأميركية → اميركا, روسي → روسيا.
        # Only after a nisba ending was removed: السور (the wall) must not become سوريا.
        for ending in ("ا", "يا"):
            if best + ending in protected:
                return protected[best + ending]
    return best


def cache_stats() -> dict[str, float]:
    """Hits, misses and hit rate of the stem cache in this process (for the benchmark)."""
    info = light_stem.cache_info()
    total = info.hits + info.misses
    return {"hits": info.hits, "misses": info.misses, "hit_rate": info.hits / total if total else 0.0}
