"""Build ``analyzers/data/predicates.tsv``: the folded forms in ون (five letters or more, not after
the article) and how often the news writes them as a predicate's plural stands, beside how often it
writes them at all.

A sound plural meets its singular on the evidence of its twin in ين (المسلمون, المسلمين), but a
plural the news uses only as a predicate is written in the nominative alone: «هم ملزمون بدفع»,
«نحن ذاهبون إلى», «منقسمون حول». Its ين twin never shows, so ملزمون, موعودون, ذاهبون kept terms of
their own, apart from ملزم, موعود, ذاهب. A name in ون has no twin either (فريدون, ماكينون,
هرميون); the words around tell the two apart: a predicate follows its subject pronoun or a copula
(هم, نحن, انهم, كانوا, ليسوا) or governs a preposition after it (في, على, الى, حول, بال…), a name
neither. Each form is counted as written; forms seen fewer than ``--min-count`` times are left out.

    python bench/build_predicates.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_hamza_alef import counts_command  # noqa: E402
from build_lexicon import corpus_words  # noqa: E402

OUT = ROOT / "analyzers/data/predicates.tsv"
# The shortest form counted: three letters and ون.
MIN_LETTERS = 5
# The words a predicate's plural follows (folded): its subject pronoun, with و or ف, after إنّ, and
# the copulas of the plural.
SUBJECTS = frozenset((
    "هم", "وهم", "فهم", "نحن", "ونحن", "فنحن", "انتم", "وانتم", "انهم", "وانهم", "لانهم", "اننا", "واننا",
    "انكم", "كانوا", "وكانوا", "ليسوا", "لسنا", "باتوا", "اصبحوا", "ظلوا", "مازالوا", "لازالوا",
))
# The prepositions a predicate governs after it, standing alone (folded), and the article's stacks
# after ب or ل (بالدفع, للعمل).
PREPOSITIONS = frozenset(("في", "علي", "من", "الي", "عن", "حول", "ضد", "مع", "لدي", "امام", "بين", "تجاه"))
PREPOSITION_ARTICLE = ("بال", "لل")


def predicate_position(before: str, after: str) -> bool:
    """The words around a form are a predicate's: its subject or a copula before it, or a
    preposition after it."""
    return before in SUBJECTS or after in PREPOSITIONS or after.startswith(PREPOSITION_ARTICLE)


def tally(corpus: pathlib.Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """(uses where a predicate stands, all uses) of each form in ون not after the article."""
    as_predicate: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    for words in corpus_words(corpus):
        for i, word in enumerate(words):
            if len(word) >= MIN_LETTERS and word.endswith("ون") and not word.startswith("ال"):
                uses[word] += 1
                before, after = words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""
                if predicate_position(before, after):
                    as_predicate[word] += 1
    return as_predicate, uses


main = counts_command(tally, OUT, "where a predicate stands", pathlib.Path(__file__).name)


if __name__ == "__main__":
    main()
