"""Build ``analyzers/data/place_names.tsv``: the folded word forms the news writes as a place's
name — right after a word for a town, a province or a district — how often so, beside how often it
writes them at all.

The light stemmer reads a place's name by its letters, and many read as clitic + word or word +
ending: درعا (Daraa) as درع (a shield) + the accusative's ا, صعدة (Saada) as صعد (he rose), القريات
as قرى (villages), بعقوبة as عقوبات (sanctions), داريا as دار; each place's articles then answered a
search for the common word and the other way round. The lexicon's counts cannot tell a name from
a noun, but the words before it can: a place is named after محافظة, مدينة, منطقة, بلدة, قرية, حي
(محافظة صعدة, مدينة درعا), a closed class of words listed here, each also with و ف ب ل before it.
The table counts a form's uses right after one, written without the article (the head is the
first term of a construct: «محافظة القريات», never «المحافظة القريات»); forms written so fewer
than ``--min-count`` times are left out. :func:`analyzers.evidence.place_name` reads it.

    python bench/build_place_names.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
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

from analyzers.normalize import normalize_word  # noqa: E402

OUT = ROOT / "analyzers/data/place_names.tsv"
# Words written right before a place's name (folded as the lexicon folds them). Not مركز (a centre:
# «مركز صحي», «مركز الملك …»), ميناء or مطار (named after persons and cities alike), nor a
# country's دولة (mostly «دولة الإمارات», whose name the stemmer reads right already).
HEADS = frozenset(normalize_word(h) for h in ("محافظة", "مدينة", "منطقة", "بلدة", "قرية", "حي"))
# ... each also after و ف ب ل, and وب, ول, فب, فل (ومدينة, بمحافظة, لمنطقة, وبمدينة).
CLITICS = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")
HEAD_FORMS = frozenset(c + h for c in CLITICS for h in HEADS)


def tally(corpus: pathlib.Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """(uses right after a place's head word, all uses) of each folded form of the corpus."""
    named: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    for words in corpus_words(corpus):
        uses.update(words)
        named.update(word for before, word in zip(words, words[1:], strict=False) if before in HEAD_FORMS)
    return named, uses


main = counts_command(tally, OUT, "written as a place's name", pathlib.Path(__file__).name, min_count=5)


if __name__ == "__main__":
    main()
