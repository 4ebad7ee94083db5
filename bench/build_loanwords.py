"""Build ``analyzers/data/loanwords.txt``: the dictionary's loanwords, which take spelling variants.

The spelling-variant rules (:mod:`analyzers.spelling_variants`) leave dictionary words alone, but
Arramooz also lists transliterated words (أوروبا, فيروس, تلسكوب), and those have spellings as any
foreign name has (أوربا, فايروس, تليسكوب). The table holds the spellings the dictionary files only
as an underived noun under itself (:func:`analyzers.dictionary.loanwords`) that no Arabic pattern
reads as a word of a dictionary root (:func:`analyzers.roots.patterned`: بركان, انسان, رمضان stay
native). Reading the patterns needs the roots' whole lexicon (~2 s and ~30 MB), which a search
process does not otherwise load, so the list is built here once and read as a file.

    python bench/build_loanwords.py [--out analyzers/data/loanwords.txt]
"""

from __future__ import annotations

import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import dictionary, roots  # noqa: E402

OUT = ROOT / "analyzers/data/loanwords.txt"
HEADER = ("# The dictionary's loanwords: underived nouns filed under themselves, no Arabic pattern's word.\n"
          "# Built by bench/build_loanwords.py from the pinned Arramooz; do not edit.\n")


def loanwords() -> list[str]:
    return sorted(w for w in dictionary.loanwords() if not roots.patterned(w))


def text() -> str:
    return HEADER + "".join(f"{w}\n" for w in loanwords())


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=pathlib.Path), default=OUT, show_default=True)
def main(out: pathlib.Path) -> None:
    out.write_text(text(), encoding="utf-8")
    click.echo(f"{len(loanwords())} loanwords of {len(dictionary.loanwords())} underived nouns -> {out}")


if __name__ == "__main__":
    main()
