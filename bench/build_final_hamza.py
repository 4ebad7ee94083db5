"""Build ``analyzers/data/final_hamza.tsv``: the folded word forms ending in ا that the news writes
with a hamza on that alef (أ), how often, beside how often the form is seen.

Folding (DESIGN.md rule 4) writes أ as ا, so after it an imperfect whose last radical is a hamza
(يقرأ, يلجأ, يهدأ, يخطئ's يخطأ) looks like a word with the indefinite accusative's alef (واحدًا,
يومًا) and lost it: يقرأ (reads) met يقر (acknowledges). The accusative's alef never carries a hamza,
so a form written with أ at its end most of the time ends in a letter of its own word. Forms never
written so, or seen fewer than ``--min-count`` times, are left out.

    python bench/build_final_hamza.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_hamza_alef import Reading, table_command  # noqa: E402

from analyzers.normalize import fold_letters  # noqa: E402

OUT = ROOT / "analyzers/data/final_hamza.tsv"


def read_final_hamza(word: str) -> Reading:
    """A word ending in an alef of any seat: its folded form, and whether the alef carries a hamza
    above it (أ; إ and آ do not end a word)."""
    if word[-1:] not in ("ا", "أ"):
        return (), False
    return (fold_letters(word),), word[-1] == "أ"


main = table_command(read_final_hamza, OUT, "written with أ at its end", pathlib.Path(__file__).name)


if __name__ == "__main__":
    main()
