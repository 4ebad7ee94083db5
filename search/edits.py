"""How far apart two spellings are, the same for every backend (did-you-mean, fuzzy words).

Levenshtein distance, and two neighbouring letters swapped counted as one edit, once or twice
(الممكلة for المملكة: the commonest slip of typing, which Levenshtein counts as two). Not full
optimal string alignment, whose swap-plus-another-edit at distance 2 would make the Whoosh
backend scan its automaton once more per swap (a 14-letter word~2 took 1.6 s instead of 0.4):
the swaps alone are a handful of exact look-ups.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

# The letters a one-edit slip may bring in: the folded Arabic alphabet (hamza seats, ة and ى are
# folded away: rules 2-4) and digits (٢٠١٥ is 2015: rule 2), or Latin letters and digits.
ARABIC_LETTERS = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي0123456789"
OTHER_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


# Letters spoken alike in the Arabic people speak, each written for the other: ض / ظ (ظابط for
# ضابط, الضهر for الظهر), ذ / ز and ذ / د, ث / س and ث / ت, ص / س, ط / ت, ظ / ز.
SOUND_ALIKE = (("ض", "ظ"), ("ذ", "ز"), ("ذ", "د"), ("ث", "س"), ("ث", "ت"), ("ص", "س"), ("ط", "ت"), ("ظ", "ز"))
_ALIKE = {ch: "".join(b if a == ch else a for a, b in SOUND_ALIKE if ch in (a, b)) for pair in SOUND_ALIKE for ch in pair}


def sound_alike(term: str) -> list[str]:
    """``term`` with one letter written as a letter spoken alike (:data:`SOUND_ALIKE`):
    ``ظابط`` → ``ضابط``, ``زابط``; one edit each, and likelier slips than any other."""
    return [term[:i] + other + term[i + 1 :] for i, ch in enumerate(term) for other in _ALIKE.get(ch, "")]


def one_edit(term: str, prefix: int = 0) -> set[str]:
    """Every spelling one slip from ``term`` past its first ``prefix`` letters: a letter dropped,
    changed or added, two neighbours swapped. For a short word, looking each up in the term
    list is a few times cheaper than walking an automaton over it (Whoosh: 13 against 47 ms for
    a 5-letter word on the 31k index); a few hundred spellings."""
    letters = ARABIC_LETTERS if any("\u0621" <= c <= "\u064a" for c in term) else OTHER_LETTERS
    heads = [(term[:i], term[i:]) for i in range(prefix, len(term) + 1)]
    found = {head + tail[1:] for head, tail in heads if tail}
    found |= {head + c + tail[1:] for head, tail in heads if tail for c in letters}
    found |= {head + c + tail for head, tail in heads for c in letters}
    found |= set(swaps(term, prefix))
    found.discard(term)
    return found


def head_edits(term: str, start: int, prefix: int) -> set[str]:
    """The spellings one slip from ``term`` whose slip is in its letters ``start`` to ``prefix``
    (a word's first letters, past a clitic and article): what :func:`one_edit` and an automaton
    keeping ``prefix`` letters leave out: one to two hundred spellings (38 letters a position)."""
    return one_edit(term, start) - one_edit(term, prefix) if start < prefix else set()


def shared_prefix(form: str) -> int:
    """Letters the edit-distance scans keep (a correction's, a fuzzy word's): the first one, and
    the article too when there is one (half the vocabulary starts with ا), and a clitic before it
    (وال, بال, فال, كال, لل), which keeps a scan to a small slice of the vocabulary (with وال as
    the whole shared prefix one scan took seconds). A correction of a word in no article, or of a
    word beside a neighbour that vouches for it, also looks up the slips inside the word's own
    first letters one by one (:func:`head_edits`, :func:`one_edit`); a fuzzy word does not
    (docs/query-language.md, "Spelling")."""
    base = clitic_prefix(form)
    rest = len(form) - base
    return base + (1 if rest <= 3 else 2 if rest <= 5 else 3)


def clitic_prefix(form: str) -> int:
    """Letters of ``form`` that are its article and a clitic before it (ال, لل: 2; وال, بال, فال,
    كال: 3), which a correction never changes (ال is rarely the misspelt part); else 0."""
    if len(form) > 5 and form[0] in "وفبك" and form[1:3] == "ال":
        return 3  # و/ف/ب/ك + ال: a quarter of the vocabulary starts with وال alone
    if form.startswith(("ال", "لل")) and len(form) > 4:
        return 2
    return 0


def swaps(term: str, prefix: int = 0) -> list[str]:
    """``term`` with two neighbouring letters swapped, each pair past the first ``prefix``
    letters (a swap inside them would change the prefix every result must share)."""
    return [term[:i] + term[i + 1] + term[i] + term[i + 2:] for i in range(prefix, len(term) - 1)
            if term[i] != term[i + 1]]


def swapped(term: str, maxdist: int, prefix: int = 0) -> set[str]:
    """The spellings one swap away (and, at 2, two swaps away) from ``term``, ``term`` left out."""
    if maxdist < 1:
        return set()
    once = set(swaps(term, prefix))
    twice = {t2 for t in once for t2 in swaps(t, prefix)} if maxdist >= 2 else set()
    return (once | twice) - {term}


def moved(term: str, prefix: int = 1) -> set[str]:
    """``term`` with one letter moved to another place past the first ``prefix`` letters, ``term``
    left out: ``اوردغان`` → ``اردوغان`` among them. Two edits to Levenshtein, and the letters that
    differ may lie inside the prefix the distance scan keeps, so it never offers these; about n²
    exact look-ups, each cheap."""
    out = set()
    for i in range(prefix, len(term)):
        rest = term[:i] + term[i + 1:]
        out |= {rest[:j] + term[i] + rest[j:] for j in range(prefix, len(rest) + 1)}
    out.discard(term)
    return out


def close(term: str, other: str, maxdist: int) -> bool:
    """Whether ``other`` is within ``maxdist`` Levenshtein edits of ``term`` (the swaps apart:
    :func:`swapped`, computed once per word by the caller)."""
    return Levenshtein.distance(term, other, score_cutoff=maxdist) <= maxdist
