"""How the clitic evidence thresholds were chosen: errors on dictionary-labelled corpus words.

Every corpus word (≥ 5 uses, 4+ letters) starting with و ف ب ك ل is labelled by Arramooz (GPL,
read at run time only; ``pip install -e '.[lists]'``): *radical* when the word, or the word less
one ending, is an entry whose root starts with that letter and the rest is no entry; *clitic*
when the rest (less an ending) is an entry and the word is none. The labels are noisy (the
dictionary lacks names and many inflected forms, so ``clitic`` holds names such as بوتين), which
is why only the *relative* error counts across settings matter here. For each setting of
``WHOLE_WORD_RATIO`` and ``ATTESTED_RATIO`` the script counts radical words whose first letter
the stemmer would cut and clitic forms it would leave whole.

    python bench/evidence_thresholds.py
"""

from __future__ import annotations

import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import evidence  # noqa: E402
from analyzers.clitics import _bare_clitic_ok  # noqa: E402
from analyzers.stopwords import stopwords  # noqa: E402
from bench.build_wordlists import CLITIC_LETTERS, read_dictionary  # noqa: E402

ENDINGS = ("", "ه", "ها", "هم", "ات", "ون", "ين", "ان", "ي", "يه", "ا", "ت", "وا", "نا")


def _roots(word: str, roots: dict[str, set[str]]) -> set[str]:
    found: set[str] = set()
    for ending in ENDINGS:
        if ending and not word.endswith(ending):
            continue
        base = word[: len(word) - len(ending)] if ending else word
        for candidate in (base, base + "ه", base + "ي"):
            found |= roots.get(candidate, set())
    return found


def labelled_words() -> list[tuple[str, str]]:
    roots, _ = read_dictionary()
    stops = stopwords()
    words = []
    for word, n in evidence.lexicon().items():
        if n < 5 or len(word) < 4 or word[0] not in CLITIC_LETTERS or word in stops:
            continue
        if word[1:].startswith("ال"):
            continue
        whole, rest = _roots(word, roots), _roots(word[1:], roots)
        if any(r[:1] == word[0] for r in whole) and not rest:
            words.append((word, "radical"))
        elif rest and not whole:
            words.append((word, "clitic"))
    return words


@click.command()
def main() -> None:
    words = labelled_words()
    radical = sum(1 for _, label in words if label == "radical")
    click.echo(f"{len(words)} labelled words: {radical} radical-first, {len(words) - radical} clitic forms\n")
    click.echo(f"{'whole-word ratio':>16} {'attested ratio':>14} {'radical cut':>12} {'clitic kept':>12} {'errors':>7}")
    for whole_ratio in (0.005, 0.01, 0.02, 0.05, 0.1):
        for attested_ratio in (0.0, 0.02, 0.05, 0.1, 0.2):
            evidence.WHOLE_WORD_RATIO, evidence.ATTESTED_RATIO = whole_ratio, attested_ratio
            cut = sum(1 for w, label in words if label == "radical" and _bare_clitic_ok(w))
            kept = sum(1 for w, label in words if label == "clitic" and not _bare_clitic_ok(w))
            click.echo(f"{whole_ratio:16.3f} {attested_ratio:14.2f} {cut:12d} {kept:12d} {cut + kept:7d}")


if __name__ == "__main__":
    main()
