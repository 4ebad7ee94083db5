"""Build ``analyzers/data/constructs.tsv``: the folded forms in و (four letters or more) and how often
the news writes them right before a noun with the article, beside how often it writes them at all.

A sound plural drops its ن before the noun it is the construct of: لاعبون → «لاعبو الفريق»,
منسوبون → «منسوبو الوزارة». The lexicon's counts meet such a form with its plural only when the
plural is common (:func:`analyzers.endings.construct_plural`), so the rarer ones (منسوبو 78 uses
beside منسوبين 9; محبو, صانعو, دافعو, whose plurals the news writes seldom or never) kept a term
of their own, apart from every other form of their word. The word after tells a construct from a
name in و (ميلانو, بورتو, كويلو): a construct stands before its noun, and that noun mostly carries
the article; a name is followed by anything. Each form is counted as written: the analysis asks
about a word once its clitics are off, and a و or ف in front may be the word's own (واضعو, وافدو).
A next word on the stop list (إلى, التي, الذي, folded to الي, التي, الذي) is no noun. Forms seen
fewer than ``--min-count`` times are left out.

    python bench/build_constructs.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
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

from analyzers.stopwords import stopwords  # noqa: E402

OUT = ROOT / "analyzers/data/constructs.tsv"
# The shortest form counted: three letters and the و (محبو, معدو).
MIN_LETTERS = 4


def tally(corpus: pathlib.Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """(uses right before a noun with the article, all uses) of each form in و."""
    before_noun: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    stop = stopwords()
    for words in corpus_words(corpus):
        for i, word in enumerate(words):
            if len(word) >= MIN_LETTERS and word.endswith("و"):
                uses[word] += 1
                after = words[i + 1] if i + 1 < len(words) else ""
                if after.startswith("ال") and after not in stop:
                    before_noun[word] += 1
    return before_noun, uses


main = counts_command(tally, OUT, "right before a noun with the article", pathlib.Path(__file__).name)


if __name__ == "__main__":
    main()
