"""Protected words: what the corpus evidence cannot decide, returned whole (``data/protected.txt``).

A name such as لبنان, بريطانيا or the city تبوك looks like clitic + word or word + ending to every
rule of the light stemmer, and no count in the lexicon says otherwise often enough. They are listed
by hand (with why, line by line) and stemmed only by losing the article or a clitic stack in front:
بلبنان → لبنان; a nisba meets the protected name it comes from (الأميركية → اميركا: analyzers.stemming).
"""

from __future__ import annotations

import functools
from importlib import resources

from analyzers.evidence import own_alef_lam
from analyzers.normalize import normalize_word


def _read_data(name: str) -> str:
    return resources.files("analyzers").joinpath("data", name).read_bytes().decode("utf-8")


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
        bare = word[2:] if word.startswith("ال") and len(word) > 4 and not own_alef_lam(word) else word
        words[word] = words[bare] = bare
    return words


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
