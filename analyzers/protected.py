"""Protected words: what the corpus evidence cannot decide, returned whole (``data/protected.txt``).

A name such as لبنان, بريطانيا or the city تبوك looks like clitic + word or word + ending to every
rule of the light stemmer, and no count in the lexicon says otherwise often enough. They are listed
by hand (with why, line by line) and stemmed only by losing the article or a clitic stack in front:
بلبنان → لبنان; a nisba meets the protected name it comes from (الأميركية → اميركا: analyzers.stemming).
A noun in ة spelled with a name's letters is another word, and keeps its own term
(:func:`taa_noun_of_name`: الرياضة, sport, is not الرياض).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

from analyzers.evidence import (
    after_article,
    feminine_adjective,
    own_alef_lam,
    place_name,
    place_names,
)
from analyzers.normalize import normalize_word


def _read_data(name: str) -> str:
    return resources.files("analyzers").joinpath("data", name).read_bytes().decode("utf-8")


@functools.cache
def protected_words() -> dict[str, str]:
    """Folded protected name → the term it is indexed as (the name without its article).

    العراق, عراق, والعراق all index as عراق, exactly as an ordinary word loses its article.
    """
    listed = (line.split("#", 1)[0].strip() for line in _read_data("protected.txt").splitlines())
    return _with_bare_forms(normalize_word(line) for line in listed if line)


def _bare(word: str) -> str:
    """``word`` without its article, if it has one (not an ال of its own: الله, ألمانيا)."""
    return word[2:] if word.startswith("ال") and len(word) > 4 and not own_alef_lam(word) else word


def _with_bare_forms(names: Iterable[str]) -> dict[str, str]:
    words: dict[str, str] = {}
    for word in names:
        bare = _bare(word)
        words[word] = words[bare] = bare
    return words


@functools.cache
def _places() -> dict[str, str]:
    return _with_bare_forms(place_names())


@functools.cache
def _article_only() -> frozenset[str]:
    """The bare forms of places named with the article that are no place's name alone: باحة (a
    courtyard; الباحة, the city) is the city only where an article came off it (بالباحة)."""
    return frozenset(bare for name in place_names() if (bare := _bare(name)) != name and not place_name(bare))


def place_term(form: str, article: bool = False) -> str | None:
    """The term of a place's name the news writes after a word for a town or a province
    (:func:`analyzers.evidence.place_names`): درعا is no درع (a shield), صعدة no صعد, القريات no
    قرى (villages); None for any other form. Unlike a protected name's, only the name's own form
    (with its article or without) is kept whole, not forms the endings' rules would lead to it:
    such names are often nouns too (الروضة, a kindergarten; الحجرة, a room: حجرتي is "my room").
    ``article``: ``form`` is what is left once an article came off;
    the bare form of a name written with one is the place only then."""
    term = _places().get(form)
    return None if term is None or (not article and form in _article_only()) else term


@functools.cache
def protected_spellings() -> dict[str, str]:
    """A protected name's other spellings one long vowel away (:func:`analyzers.spelling_variants.
    vowel_edits`: أوربا of أوروبا) → the term the name is indexed as; the protected forms themselves
    left out. Only a nisba is led to its name this way (الأوربي → اوروبا: analyzers.stemming): the
    spelling itself is a word of its own to the analysis, and meets the name at query time."""
    # imported here: the spelling rules read the roots, which read the stemmer, which reads this
    from analyzers.spelling_variants import vowel_edits

    names = protected_words()
    found: dict[str, str] = {}
    for name in sorted(set(names.values())):
        for spelling in vowel_edits(name):
            if spelling not in names:
                found.setdefault(spelling, names[name])
    return found


# A noun in ة spelled with a protected name's letters is a word of its own when the news writes it
# after the article this many times (الرياضة 829, the sport, beside الرياض; الطائفة 145, the sect,
# beside the city الطائف; الخبرة 425, experience, beside the city الخبر; النصرة 586, الحماسة 45,
# الأهلية 710 — the civil war's, not the club's —, الحلبة 14, the ring, beside حلب). Fewer uses are
# too few to tell a noun from a slip (اليمنه 5, the city الموصله 7).
TAA_NOUN_USES = 10
# The nisba of those letters is the noun's (الرياضي, sporting; الطائفي, sectarian) when the noun is
# at least this share as common after the article as the nisba (its ي and ية forms there): الرياضة
# 0.38 and الطائفة 0.15 of theirs, while القطرة (the drop) is 0.01 of القطري's uses and العراقة
# (antiquity) 0.002 of العراقي's: the nisba of a place stays the place's.
TAA_NOUN_NISBA_SHARE = 0.1


def taa_noun_of_name(name: str, ending: str) -> str | None:
    """The term of the noun in ة written with the letters of the name ``name`` (protected, or only a
    person's name: :func:`analyzers.stemming.light_stem` asks), for a
    word that is ``name`` + ``ending`` and that the endings' rules cut to ``name``: the noun (``ه``),
    its ة written ت before a pronoun or a dual (``ته``, ``تين``), its plural (``ات``), and its nisba
    (``ي``, ``يه``, ``يين`` …) when the noun is common beside it. None when no such noun is written
    (العراقية stays Iraq's), when it is the feminine of the name's letters read as an adjective
    (السعيدة, happy, of سعيد: :func:`analyzers.evidence.feminine_adjective`), or when the ending is
    a pronoun on the name itself (``ها``).

    ``taa_noun_of_name("رياض", "ه")`` → ``"رياضه"``: الرياضة (sport) is not الرياض (Riyadh)."""
    noun = name + "ه"
    uses = after_article(noun)
    if uses < TAA_NOUN_USES or feminine_adjective(noun):
        return None
    if ending.startswith("ي") and not ending.startswith("ين"):  # a nisba, not a plural (الخالدين)
        nisba = after_article(name + "ي") + after_article(name + "يه")
        return noun if uses >= TAA_NOUN_NISBA_SHARE * nisba else None
    return noun if ending == "ه" or ending.startswith(("ت", "ات")) else None
