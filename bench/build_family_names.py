"""Build ``analyzers/data/family_names.tsv``: the nisbas in ي (folded, without the article) that the
news writes after the article right behind a person's name, as a family name follows the given
name (محمد الحربي, عبدالله الشهري), and how often, beside all their uses after the article.

A nisba meets the word it derives from (المروري → مرور, docs/stemming.md), which is wrong when the
nisba is mostly a family's name: الحربي (Al-Harbi, 691 uses) met حرب (war), الشهري شهر (month),
القرني قرن (century), الحكمي حكم, المعلمي معلم, so a search for the word found every article quoting
someone of that family. The word before tells the two apart: a family name follows a given or a
father's name, an adjective its noun (الراتب الشهري, الطيران الحربي). Whether the word before is a
person's name is :func:`analyzers.evidence.person_name` (``data/person_names.tsv``: build that
table first). Forms seen after the article fewer than ``--min-count`` times are left out.

    python bench/build_family_names.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
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

from analyzers.evidence import person_name  # noqa: E402

OUT = ROOT / "analyzers/data/family_names.tsv"
# A king's or a prince's name before a nisba is a place named after him (مطار الملك خالد الدولي,
# مستشفى الملك فيصل التخصصي), not his family's name: the royal family is آل سعود.
ROYAL = frozenset(("الملك", "الامير", "الاميره"))


def _bare(word: str) -> str:
    """``word`` without a و or ف in front (وسعد الحربي, والملك فيصل)."""
    return word[1:] if word[:1] in ("و", "ف") else word


def tally(corpus: pathlib.Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """(uses right after a person's name, all uses) of each nisba written after the article, keyed
    by the nisba without it."""
    after_name: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    for words in corpus_words(corpus):
        second = before = ""
        for word in words:
            if word.startswith("ال") and word.endswith("ي") and len(word) > 4:
                nisba = word[2:]
                uses[nisba] += 1
                if (person_name(before) or person_name(_bare(before))) and _bare(second) not in ROYAL:
                    after_name[nisba] += 1
            second, before = before, word
    return after_name, uses


main = counts_command(tally, OUT, "right after a person's name", pathlib.Path(__file__).name, min_count=10)


if __name__ == "__main__":
    main()
