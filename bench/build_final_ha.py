"""Build ``analyzers/data/final_ha.tsv``: the folded word forms ending in ه that the news writes
after the article, how often with ه (not ة) there, beside how often it writes them after the article.

Folding (DESIGN.md rule 4) writes ة as ه, so the stemmer cannot tell the ة of وزارة from the ه of
توجه (orientation) or جنيه (pound), and cut the last to توج (crowned) and جني (harvest). After the
article a word takes no pronoun, so a form the news writes there with ه, not ة, ends in a letter
of its own word. The table keeps what folding loses, for forms seen after the article; forms never
written there with ه, or seen there fewer than ``--min-count`` times, are left out.

    python bench/build_final_ha.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_hamza_alef import Reading, table_command  # noqa: E402
from build_maqsura import ARTICLE  # noqa: E402

from analyzers.normalize import fold_letters  # noqa: E402

OUT = ROOT / "analyzers/data/final_ha.tsv"


def read_final_ha(word: str) -> Reading:
    """A word ending in ه or ة behind the article: its folded form without the article, and
    whether it is written with ه."""
    if word[-1:] not in ("ه", "ة"):
        return (), False
    folded = fold_letters(word)
    form = ARTICLE.sub("", folded)
    return ((form,) if form != folded else ()), word[-1] == "ه"


main = table_command(read_final_ha, OUT, "written with ه after the article", pathlib.Path(__file__).name)


if __name__ == "__main__":
    main()
