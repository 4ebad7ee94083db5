"""Build ``analyzers/data/bare_taa.tsv``: the folded forms in ه of nouns in ة whose base the
dictionary gives no feminine (حمله: حملة beside حمل) or is a verb's past (اداره: إدارة beside
أدار), how often the news writes them bare (no article) with ة, beside all their bare uses.

Folding (DESIGN.md rule 4) writes ة as ه, so a bare حمله is the campaign (حملة) or "his load"
(حمل + ه), and عمله the currency (عملة) or "his work". After the article no pronoun stands, but
bare the two are one form: the news writes bare حملة 1,024 times beside 50 حمله, عملة 105 times
beside 647 عمله, إدارة 6,592 times beside 5 اداره (أداره, "he ran it"). A form mostly written with ة bare is the noun in ة wherever it stands
(:func:`analyzers.endings.own_taa`); one mostly written with ه keeps meeting its base, in
every form, rather than split a bare noun from the same noun after the article.
Counted behind a conjunction (وحملة); forms never written with ة bare, or seen bare fewer than
``--min-count`` times, are left out.

    python bench/build_bare_taa.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_hamza_alef import Reading, table_command  # noqa: E402
from build_maqsura import ARTICLE  # noqa: E402

from analyzers.dictionary import unfeminine_nouns, verb_pasts  # noqa: E402
from analyzers.normalize import fold_letters  # noqa: E402

OUT = ROOT / "analyzers/data/bare_taa.tsv"
CONJUNCTIONS = ("و", "ف")


def read_bare_taa(word: str) -> Reading:
    """A word ending in ة or ه with no article: its folded form (behind a conjunction, without
    it too) when its letters before the ة are a noun the dictionary gives no feminine, or as
    written when they are a verb's past; and whether it is written with ة."""
    if word[-1:] not in ("ه", "ة"):
        return (), False
    folded = fold_letters(word)
    if ARTICLE.match(folded):
        return (), False
    forms = {folded, folded[1:]} if folded.startswith(CONJUNCTIONS) else {folded}
    # A verb's letters + ة only as written: و + a past + ة is as often a word (وزارة, ولادة).
    return {form for form in forms if form[:-1] in unfeminine_nouns()
            or (form == folded and form[:-1] in verb_pasts())}, word[-1] == "ة"


main = table_command(read_bare_taa, OUT, "written with ة bare", pathlib.Path(__file__).name)


if __name__ == "__main__":
    main()
