"""Build ``analyzers/data/person_names.tsv``: the folded word forms the news writes as a person's
name — after a title or beside بن — how often so, beside how often it writes them at all.

A nisba meets the word it derives from (مروري → مرور, docs/stemming.md), which is wrong when that
word is a person's name: السعودية (Saudi, 22,956 uses) met the name سعود (3,885), so the name found
every article on the kingdom; الهاشمي met هاشم, الخالدي خالد. The lexicon's counts
cannot tell a name from a noun (a name takes no article, nor does an adverb, a month or a place),
but the words around it can: a person is named after a title (الأمير سعود, الشيخ خالد) and beside
بن (بن سعود, فيصل بن). The titles are a closed class of words written before a name, listed here;
forms written so fewer than ``--min-count`` times are left out.

    python bench/build_person_names.py [--corpus ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz]
"""

from __future__ import annotations

import collections
import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_hamza_alef import write_table  # noqa: E402
from build_lexicon import DEFAULT_CORPUS, corpus_words  # noqa: E402

from analyzers.normalize import normalize_word  # noqa: E402

OUT = ROOT / "analyzers/data/person_names.tsv"
# Words written right before a person's name (folded as the lexicon folds them), with و or ف before
# them too: royal, religious, academic and military titles and the plain "Mr / Mrs". Titles that
# news writes as common words more often are left out: الفريق (the team: الفريق الطبي), المقدم (the
# presenter), الرائد and النقيب (a club, a syndicate's head).
TITLES = frozenset(normalize_word(t) for t in (
    "الأمير", "الأميرة", "الملك", "الشيخ", "الشيخة", "السيد", "السيدة", "الدكتور", "الدكتورة",
    "المهندس", "اللواء", "العقيد", "العميد"))
# ... and the word for "son of" / "daughter of", before the father's name and after the person's.
SON_OF = frozenset(normalize_word(t) for t in ("بن", "ابن", "بنت"))


def tally(corpus: pathlib.Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """(uses as a person's name, all uses) of each folded form of the corpus."""
    named: collections.Counter[str] = collections.Counter()
    uses: collections.Counter[str] = collections.Counter()
    for words in corpus_words(corpus):
        uses.update(words)
        for i, word in enumerate(words):
            before = words[i - 1] if i else ""
            if before[:1] in ("و", "ف") and before[1:] in TITLES:
                before = before[1:]
            after = words[i + 1] if i + 1 < len(words) else ""
            if before in TITLES or before in SON_OF or after in SON_OF:
                named[word] += 1
    return named, uses


@click.command()
@click.option("--corpus", type=click.Path(exists=True, path_type=pathlib.Path), default=DEFAULT_CORPUS)
@click.option("--min-count", default=5, show_default=True)
def main(corpus: pathlib.Path, min_count: int) -> None:
    named, uses = tally(corpus)
    named = collections.Counter({form: n for form, n in named.items() if n >= min_count})
    kept = write_table(OUT, named, uses, min_count, "written as a person's name", pathlib.Path(__file__).name)
    click.echo(f"{kept} forms (of {len(named)} ever written as a person's name) -> {OUT}")


if __name__ == "__main__":
    main()
