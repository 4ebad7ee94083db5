"""Build ``analyzers/data/jussive.tsv``: the folded three-letter forms after an imperfect's prefix
(ي ت ن + two letters: يكن, تقم) and how often the news writes them right after لم, beside how often
it writes them at all.

A hollow verb's jussive drops its long vowel (يكون → لم يكن, يقوم → لم يقم), so the light stemmer
kept «لم يكن» (1,690 uses) apart from يكون, and its two letters are often another verb's whole
imperfect (يعد "returns" and "is counted", يرد, يجب). The lexicon's counts cannot tell them apart;
the word before can: the jussive follows لم (and لا, لـ, إن), while يعد or يجب stands after anything.
Counted behind و or ف too (ولم يكن; وتكن); forms seen fewer than ``--min-count`` times, or never
after لم, are left out.

    python bench/build_jussive.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
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

OUT = ROOT / "analyzers/data/jussive.tsv"
# لم behind a conjunction (ولم, فلم), folded as the lexicon folds it.
LAM = frozenset(("لم", "ولم", "فلم"))
PREFIXES = "يتن"


def _form(word: str) -> str:
    """The form counted for ``word``: it, or it without و/ف when that leaves the shape; else ""."""
    if len(word) == 4 and word[0] in "وف":
        word = word[1:]
    return word if len(word) == 3 and word[0] in PREFIXES else ""


def tally(corpus: pathlib.Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """(uses right after لم, all uses) of each three-letter form after an imperfect's prefix."""
    after_lam: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    for words in corpus_words(corpus):
        for i, word in enumerate(words):
            form = _form(word)
            if form:
                uses[form] += 1
                if i and words[i - 1] in LAM:
                    after_lam[form] += 1
    return after_lam, uses


main = counts_command(tally, OUT, "written after لم", pathlib.Path(__file__).name, min_count=10)


if __name__ == "__main__":
    main()
