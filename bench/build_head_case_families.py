"""Mine names whose head the corpus writes in more than one case, by rule: ``tests/wordlists/head_case_families.txt``.

A name led by ابو or ذو takes the case of its place in the sentence: «ابو بكر», «ان ابا بكر», «مسجد
ابي بكر»; «ذو الحجة», «شهر ذي الحجة» (:data:`analyzers.compounds.HEAD_CASES`). The test list must
not be hand-picked: the corpus is read once and every word written right after a case form of a
head (with any clitics on the head, as the query side looks for it) is counted in documents, per
case. A word with two cases or more, each in at least ``--min-variant`` documents, the commonest in
``--min-count``, is a family: ``ابو_بكر:166 ابي_بكر:41 ابا_بكر:4`` (documents, commonest first).

    python bench/build_head_case_families.py [--corpus ...] [--out ...] [--sample 30] [--index DIR]

``--sample N`` prints N families drawn at random (seed 19) to read and judge by hand; ``--index
DIR`` searches every spelling on a real index and counts those finding less than 90% of what their
family's most-found spelling finds (issue 19's check).
"""

from __future__ import annotations

import collections
import gzip
import json
import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_variant_families import publish  # noqa: E402

from analyzers.clitics import strip_clitics  # noqa: E402
from analyzers.compounds import HEAD_CASES, nominative  # noqa: E402
from analyzers.normalize import TOKEN_PATTERN, normalize_word  # noqa: E402
from analyzers.stopwords import stopwords  # noqa: E402

OUT = ROOT / "tests/wordlists/head_case_families.txt"
CORPUS = ROOT.parent / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"
CASE_FORMS = frozenset(form for forms in HEAD_CASES.values() for form in forms)


def case_counts(corpus: pathlib.Path) -> dict[tuple[str, str], collections.Counter]:
    """(nominative head, the word after it) → documents per case form written, over the corpus."""
    counts: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    stops = stopwords()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            seen = set()
            for text in (doc.get("title") or "", doc.get("body") or ""):
                words = [normalize_word(t) for t in TOKEN_PATTERN.findall(text)]
                for a, b in zip(words, words[1:], strict=False):
                    head = strip_clitics(a)
                    if head in CASE_FORMS and b and b not in stops and b.isalpha():
                        seen.add((nominative(head), b, head))
            for head, name, case in seen:
                counts[head, name][case] += 1
    return counts


def families(counts: dict[tuple[str, str], collections.Counter], min_count: int,
             min_variant: int) -> list[list[tuple[str, int]]]:
    """[("HEAD_NAME", documents), ...] per family, the commonest case first, families by use."""
    out = []
    for (_head, name), cases in counts.items():
        written = {case: n for case, n in cases.items() if n >= min_variant}
        if len(written) < 2 or max(written.values()) < min_count:
            continue
        out.append(sorted(((f"{case}_{name}", n) for case, n in written.items()), key=lambda e: (-e[1], e[0])))
    return sorted(out, key=lambda f: (-sum(n for _s, n in f), f))


@click.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), default=str(CORPUS), show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), default=str(OUT), show_default=True)
@click.option("--min-count", default=10, show_default=True, help="Documents of the commonest case.")
@click.option("--min-variant", default=3, show_default=True, help="Documents of each other case.")
@click.option("--sample", default=0, help="Print this many random families to judge.")
@click.option("--index", "index_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Also search each spelling on this index (the 90% check).")
def main(corpus: str, out: str, min_count: int, min_variant: int, sample: int, index_dir: str | None) -> None:
    found = families(case_counts(pathlib.Path(corpus)), min_count, min_variant)
    lines = [
        "# Built by bench/build_head_case_families.py from the corpus; do not edit.",
        f"# Names whose head is written in two cases or more (commonest ≥ {min_count} documents, each other"
        f" ≥ {min_variant}), one a line, commonest first: HEAD_NAME:documents",
    ]
    publish(out, lines, found, sample, index_dir)


if __name__ == "__main__":
    main()
