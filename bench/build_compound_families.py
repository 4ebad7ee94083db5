"""Mine compound families (one word written joined or split) from the corpus, by rule: ``tests/wordlists/compound_families.txt``.

Issue 19's فيسبوك / فيس بوك and واتساب / واتس اب are examples of a class; the test list must not be
hand-picked. The corpus is read once: every adjacent pair of folded words whose concatenation is
itself a word of the corpus frequency list is counted. A pair (clitics + A, B) and the joined
word's light stem S = A + B are one family when :func:`analyzers.compounds.splits` allows the cut
(S no dictionary word, no stop word), the joined stem is used at least ``--min-variant`` times,
the pair (with any clitics on A) as often, one of them ``--min-count`` times, and the pair is
:func:`analyzers.compounds.one_word` (its rarer word seldom used apart from the other, or the
joined word far commoner). One family a line, the more used spelling first: ``فيسبوك:uses فيس_بوك:uses`` (a split written with ``_``).

    python bench/build_compound_families.py [--corpus ...] [--out ...] [--sample 40] [--index DIR]

``--sample N`` prints N families drawn at random (seed 19) to read and judge by hand;
``--index DIR`` searches both spellings of every family on a real index and counts the spellings
finding less than 90% of what their family's most-found spelling finds (issue 19's check).
"""

from __future__ import annotations

import collections
import gzip
import json
import pathlib
import re
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_variant_families import publish  # noqa: E402

from analyzers.clitics import strip_clitics  # noqa: E402
from analyzers.compounds import one_word, splits  # noqa: E402
from analyzers.normalize import TOKEN_PATTERN, normalize_word  # noqa: E402
from analyzers.stemming import lexicon, light_stem  # noqa: E402
from search.compounds import first_forms  # noqa: E402

OUT = ROOT / "tests/wordlists/compound_families.txt"
ARABIC_WORD = re.compile("[\u0600-\u06ff]+")
CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"


def pair_counts(corpus: pathlib.Path, min_variant: int) -> tuple[dict[tuple[str, str], int], dict[str, int], int]:
    """(first, second) folded adjacent words → in how many documents, for the pairs whose
    concatenation the frequency list has at least ``min_variant`` times; each folded word → in
    how many documents (what the query side reads from the index: document frequencies); and how
    many documents there are."""
    words = {w for w, n in lexicon().items() if n >= min_variant}
    folded: dict[str, str] = {}
    counts: collections.Counter = collections.Counter()
    docs: collections.Counter = collections.Counter()
    documents = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            documents += 1
            doc = json.loads(line)
            seen, together = set(), set()
            for text in (doc.get("title") or "", doc.get("body") or ""):
                tokens = [folded[t] if t in folded else folded.setdefault(t, _arabic(t))
                          for t in TOKEN_PATTERN.findall(text)]
                seen.update(tokens)
                together.update((a, b) for a, b in zip(tokens, tokens[1:], strict=False)
                                if a and b and a + b in words)
            docs.update(seen)
            counts.update(together)
    return dict(counts), dict(docs), documents


def _arabic(token: str) -> str:
    """The folded word, or "" for a token with a letter of another script or a digit."""
    word = normalize_word(token)
    return word if ARABIC_WORD.fullmatch(word) and not any(c.isdigit() for c in word) else ""


def families(pairs: dict[tuple[str, str], int], docs: dict[str, int], documents: int, min_count: int,
             min_variant: int) -> list[list[tuple[str, int]]]:
    """[(joined stem, uses), ("A_B", documents), ...] per family, the more used spelling first,
    families by use; ``docs``: each folded word's document count, of ``documents``."""
    split_uses: collections.Counter = collections.Counter()
    for (a, b), n in pairs.items():
        first = strip_clitics(a)
        stem = light_stem(a + b)
        if stem == first + b:
            split_uses[stem, first, b] += n
    counts = lexicon()
    stems: collections.Counter = collections.Counter()
    for form, n in counts.items():
        stems[light_stem(form)] += n
    # The joined stem's documents as the query side counts them, summed over its forms (an
    # article with two of them counts twice: a little over, for the one_word test's ratio only).
    stem_docs: collections.Counter = collections.Counter()
    for word, n in docs.items():
        stem_docs[light_stem(word)] += n
    out = []
    for (stem, first, second), n in split_uses.items():
        joined = stems.get(stem, 0)
        if min(n, joined) < min_variant or max(n, joined) < min_count:
            continue
        firsts = sum(docs.get(form, 0) for _clitics, form in first_forms(first))  # as the query side counts
        rarer, commoner = sorted((firsts, docs.get(second, 0)))
        if not one_word(n, rarer, stem_docs.get(stem, 0), commoner, documents):
            continue
        if (first, second) not in splits(stem, lambda a, b: True):
            continue
        family = sorted([(stem, joined), (f"{first}_{second}", n)], key=lambda e: (-e[1], e[0]))
        out.append(family)
    return sorted(out, key=lambda f: (-sum(n for _s, n in f), f))


@click.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), default=str(CORPUS), show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=str(OUT), show_default=True)
@click.option("--min-count", default=10, show_default=True, help="Uses of the commoner spelling.")
@click.option("--min-variant", default=3, show_default=True, help="Uses of the rarer spelling.")
@click.option("--sample", default=0, help="Print this many random families to judge.")
@click.option("--index", "index_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Also search each spelling on this index (the 90% check).")
def main(corpus: str, out: str, min_count: int, min_variant: int, sample: int, index_dir: str | None) -> None:
    found = families(*pair_counts(pathlib.Path(corpus), min_variant), min_count, min_variant)
    lines = [
        "# Built by bench/build_compound_families.py from the corpus; do not edit.",
        f"# Compounds written joined or split (commoner spelling ≥ {min_count} uses, rarer ≥ {min_variant}),"
        " one a line, more used first: spelling:uses (a split written A_B)",
    ]
    publish(out, lines, found, sample, index_dir)


if __name__ == "__main__":
    main()
