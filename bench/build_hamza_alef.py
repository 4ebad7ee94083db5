"""Build ``analyzers/data/hamza_alef.tsv``: the word forms starting with ال whose alef is written
with a hamza (ألمانيا, ألقى, إلكتروني, آلية), and how often, beside how often the form is seen.

The article's alef never carries a hamza (it is a hamzat wasl: الكتاب, never ألكتاب), so a form the
news writes with أل/إل/آل most of the time starts with a word's own letters, not the article.
Folding (DESIGN.md rule 4) drops that hamza before the stemmer looks, and the lexicon keeps only
folded forms; this table keeps what folding loses. A form is counted behind any clitic stack
(و ف ب ك ل: وألمانيا, بألمانيا); forms never written with the hamza, or seen fewer than
``--min-count`` times, are left out.

    python bench/build_hamza_alef.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import collections
import gzip
import json
import pathlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.normalize import TOKEN_PATTERN, fold_letters, strip_marks, unicode_fold, uthmani_fold  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
OUT = ROOT / "analyzers/data/hamza_alef.tsv"
# A clitic stack, then an alef of any seat, then ل: where an article could stand.
ALEF_LAM = re.compile("^([وف]?[بكل]?)([اأإآ]ل)")
HAMZA_SEATS = "أإآ"


def unfolded_words(corpus: pathlib.Path) -> Iterator[str]:
    """Every word of the corpus's titles and bodies with its marks stripped but its letters not
    yet folded (rule 4): what :func:`tally` reads for every table of what folding loses."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            for token in TOKEN_PATTERN.findall(f"{doc.get('title') or ''} {doc.get('body') or ''}"):
                yield from strip_marks(uthmani_fold(unicode_fold(token))).split()


# What a builder reads in one unfolded word: the folded forms it counts for (none: skip the word),
# and whether the word is written with the letter folding drops.
Reading = tuple[Iterable[str], bool]


def tally(corpus: pathlib.Path, read: Callable[[str], Reading]) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """(uses written with the letter, all uses) of each folded form ``read`` finds in the corpus's
    words: the one count all three tables of what folding loses are made of."""
    written: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    for word in unfolded_words(corpus):
        forms, with_letter = read(word)
        for form in forms:
            uses[form] += 1
            if with_letter:
                written[form] += 1
    return written, uses


def read_alef_lam(word: str) -> Reading:
    """A word starting with ال behind any clitic stack: the folded form, the stack taken off, and
    whether its alef carries a hamza."""
    found = ALEF_LAM.match(word)
    if not found:
        return (), False
    return (fold_letters(word[len(found.group(1)) :]),), found.group(2)[0] in HAMZA_SEATS


def write_table(path: pathlib.Path, written: collections.Counter[str], uses: collections.Counter[str],
                min_count: int, header: str, builder: str) -> int:
    """Write each form ``written`` counts, seen ``min_count`` times or more, with both counts (the
    form written so most often first): the table :func:`analyzers.evidence._unfolded` reads.
    Returns how many forms it wrote."""
    kept = sorted((f for f in written if uses[f] >= min_count and len(f) > 1), key=lambda f: (-written[f], f))
    with path.open("w", encoding="utf-8") as out:
        out.write(f"# form\t{header}\tall uses (bench/{builder})\n")
        for form in kept:
            out.write(f"{form}\t{written[form]}\t{uses[form]}\n")
    return len(kept)


Counting = Callable[[pathlib.Path], tuple[collections.Counter[str], collections.Counter[str]]]


def counts_command(count: Counting, out: pathlib.Path, header: str, builder: str, min_count: int = 3) -> click.Command:
    """The command line of a builder of one two-count table: ``count`` over the corpus (the forms
    so written, and all their uses), then :func:`write_table` to ``out``."""

    @click.command()
    @click.option("--corpus", type=click.Path(exists=True, path_type=pathlib.Path), default=DEFAULT_CORPUS)
    @click.option("--min-count", default=min_count, show_default=True)
    def main(corpus: pathlib.Path, min_count: int) -> None:
        written, uses = count(corpus)
        kept = write_table(out, written, uses, min_count, header, builder)
        click.echo(f"{kept} forms (of {len(written)} ever {header}) -> {out}")

    return main


def table_command(read: Callable[[str], Reading], out: pathlib.Path, header: str, builder: str) -> click.Command:
    """The command line of a builder of one table of what folding loses: :func:`tally` with
    ``read`` over the corpus (the three builders differ only in how they read a word)."""
    return counts_command(lambda corpus: tally(corpus, read), out, header, builder)


main = table_command(read_alef_lam, OUT, "written with a hamza on its alef", pathlib.Path(__file__).name)


if __name__ == "__main__":
    main()
