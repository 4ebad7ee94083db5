"""Build ``analyzers/data/stop_spellings.tsv``: the folded forms of the stop list that the news
writes in a spelling the stop list never gives them, how often, beside how often it writes them.

Folding (DESIGN.md rule 4) writes ة as ه, ى as ي and every hamza seat of an alef as ا, so an
affixed stop form can fold onto a common word: و + فاه ("and his mouth") onto وفاة (death), و + ل +
أية onto ولاية (state), آمين (amen) onto أمين (secretary), لي + له onto ليلة (night), حماه onto حماة
(Hama). The stop list (``arabic-stopwords``) gives each stop form's own spellings; a form the news
mostly writes otherwise is another word, which ``analyzers.stopwords`` then keeps out of the list.
A word is counted as the stop list's form it folds to, written with or without one of the list's
spellings of it (marks stripped); a word written with a madda counts as written as the list
spells it (``analyzers.stopwords.never_madda`` judges it: آلية is no إليه), and forms seen fewer
than ``--min-count`` times are left out.

    python bench/build_stop_spellings.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_hamza_alef import Reading, table_command  # noqa: E402

from analyzers.normalize import normalize_word  # noqa: E402
from analyzers.pipeline import MADDA  # noqa: E402
from analyzers.stopwords import package_spellings  # noqa: E402

OUT = ROOT / "analyzers/data/stop_spellings.tsv"


def read_stop_spelling(word: str) -> Reading:
    """A word that folds to a form of the stop list: that form, and whether the word is written
    otherwise than the list spells it (وفاة, not وفاه)."""
    form = normalize_word(word)
    spellings = package_spellings().get(form)
    if spellings is None:
        return (), False
    # A word written with a madda is never_madda's to judge (آلية is no إليه), and counts for its
    # form as the list's spelling: الآن makes الان, its spelling without the madda, a rare one.
    return (form,), MADDA not in word and word not in spellings


main = table_command(read_stop_spelling, OUT, "written otherwise than the stop list spells it",
                     pathlib.Path(__file__).name)


if __name__ == "__main__":
    main()
