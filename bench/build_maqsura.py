"""Build ``analyzers/data/maqsura.tsv``: the folded word forms ending in ي that the news writes
with an alef maqsura (ى), how often, beside how often the form is seen.

Folding (DESIGN.md rule 4) writes ى as ي, so after it ذكرى (anniversary) looks like a nisba or a
defective noun in ي and loses its last letter to ذكر (he mentioned); الأسرى (the prisoners) meets
الأسرة (the family). A form written with ى most of the time ends in a letter of its own word: no
nisba, "my" or construct plural ends in ى. The table keeps what folding loses, for the form alone
and after the article (as :func:`analyzers.evidence.known` counts); forms never written with ى,
or seen fewer than ``--min-count`` times, are left out.

    python bench/build_maqsura.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_hamza_alef import Reading, table_command  # noqa: E402

from analyzers.evidence import ARTICLE_STACKS  # noqa: E402
from analyzers.normalize import fold_letters  # noqa: E402

OUT = ROOT / "analyzers/data/maqsura.tsv"
# The article behind any clitic stack, matched on the folded form (its alef has no hamza then).
ARTICLE = re.compile("^(?:" + "|".join(sorted(ARTICLE_STACKS, key=len, reverse=True)) + ")")


def read_maqsura(word: str) -> Reading:
    """A word ending in ى or ي: its folded form alone and behind the article, and whether it is
    written with ى."""
    if word[-1:] not in ("ى", "ي"):
        return (), False
    folded = fold_letters(word)
    return {folded, ARTICLE.sub("", folded)}, word[-1] == "ى"


main = table_command(read_maqsura, OUT, "written with ى", pathlib.Path(__file__).name)


if __name__ == "__main__":
    main()
