"""Build ``analyzers/data/feminine_adjectives.tsv``: the nouns in ة (folded, without the article)
that the news writes after the article right behind a definite noun in ة or ات, as an adjective
agrees with its noun (الحكومة الرشيدة, الأسرة المالكة), and how often, beside all their uses after
the article.

A person's name that is a word too has letters + ة that are either its feminine (سعيد, happy:
السعيدة) or another noun (عمر, Omar and age: العمرة, the umrah; منصور: المنصورة, the city). The
lexicon's counts cannot tell the two apart, but the word before can: an adjective follows its
definite noun (السعيدة 135 of 187 uses, الرشيدة 243 of 605), a noun hardly ever does (العمرة 0 of 317,
الرياضة 2 of 600, الوزارة 3 of 3,378). Forms seen after the article fewer than ``--min-count`` times
are left out.

    python bench/build_feminine_adjectives.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import collections
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_hamza_alef import counts_command  # noqa: E402
from build_lexicon import corpus_words  # noqa: E402

OUT = ROOT / "analyzers/data/feminine_adjectives.tsv"
# A definite noun in ة (folded ه) or its plural in ات, behind any clitic stack: بالمملكة, للحكومة, والمنظمات.
DEFINITE_FEMININE = re.compile("^[وف]?(?:[بك]?ال|لل)..+(?:ه|ات)$")
# A form in ة after the article alone (the adjective is written bare: الحكومة الرشيدة).
WITH_ARTICLE = re.compile("^ال(..+ه)$")


def tally(corpus: pathlib.Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """(uses right after a definite feminine noun, all uses) of each noun in ة written after the
    article, keyed by the noun without it."""
    agreeing: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    for words in corpus_words(corpus):
        before = ""
        for word in words:
            if found := WITH_ARTICLE.match(word):
                noun = found.group(1)
                uses[noun] += 1
                if DEFINITE_FEMININE.match(before):
                    agreeing[noun] += 1
            before = word
    return agreeing, uses


main = counts_command(tally, OUT, "after a definite noun in ة or ات", pathlib.Path(__file__).name, min_count=10)


if __name__ == "__main__":
    main()
