"""Mine the house-spelling pairs of an index: dictionary words whose rule spellings the sources split.

Every term of the index vocabulary in at least ``--min-docs`` documents, paired with each of its
rule spellings (:func:`analyzers.house_spellings.candidates`, the dictionary ignored) in as many,
when at least one of the two is a dictionary word (the others are the spelling-variant rules'
own business). For each pair, through the engine interface only (so it runs on either backend):
the documents per source of each spelling (``facet_counts``), the documents having both
(``count``), and the data test's two signals. Written as TSV, most used pairs first::

    python bench/mine_house_spellings.py --index /work/idx/w31k-ar7 --out var/house-pairs.tsv
    python bench/mine_house_spellings.py --index ... --sample 60   # pairs drawn at random (seed 19)

Also the family list the tests use: ``--families tests/wordlists/house_families.txt`` writes the
pairs the data test accepts (with ``--min-family-docs``), one a line, ``stem:documents ...``.
"""

from __future__ import annotations

import pathlib
import random
import sys
from collections import Counter

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.house_spellings import candidates, cooccurrence, house_pair, source_purity  # noqa: E402
from analyzers.spelling_variants import is_native  # noqa: E402
from indexer.schema import BODY, TITLE  # noqa: E402
from search.analysis import terms  # noqa: E402
from search.backend import Searcher  # noqa: E402
from search.deadline import Deadline  # noqa: E402
from search.engine import open_backend  # noqa: E402
from search.expansion import documents_with_both, per_source  # noqa: E402
from search.settings import EngineSettings  # noqa: E402

FACET_SECONDS = 60.0


def vocabulary(s: Searcher, min_docs: int) -> dict[str, int]:
    """Stem → documents (title or body), for the stems in at least ``min_docs``."""
    out: dict[str, int] = {}
    for field in (BODY, TITLE):
        for term in s.expand_prefix(field, ""):
            if term not in out:
                n = max(s.doc_frequency(BODY, term), s.doc_frequency(TITLE, term))
                if n >= min_docs:
                    out[term] = n
    return out


def pairs(vocab: dict[str, int]) -> list[tuple[str, str]]:
    """Unordered pairs of vocabulary stems one rule apart, at least one a dictionary word."""
    found: set[tuple[str, str]] = set()
    for term in vocab:
        for other in candidates(term, vocab.__contains__):
            if is_native(term) or is_native(other):
                found.add((min(term, other), max(term, other)))
    return sorted(found, key=lambda p: (-(vocab[p[0]] + vocab[p[1]]), p))


def measure(s: Searcher, a: str, b: str, counts: dict[str, Counter]) -> tuple[Counter, Counter, int] | None:
    """(documents per source of ``a``, of ``b``, documents with both), or None when a stem does
    not analyse to itself (it cannot be searched as a word)."""
    if terms("text", a) != [a] or terms("text", b) != [b]:
        return None
    for t in (a, b):
        if t not in counts:
            counts[t] = per_source(s, t, FACET_SECONDS) or Counter()
    return counts[a], counts[b], documents_with_both(s, a, b)


@click.command()
@click.option("--index", "index_dir", required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="TSV of every pair and its signals.")
@click.option("--min-docs", default=5, show_default=True, help="Documents of each spelling of a pair.")
@click.option("--sample", default=0, help="Print this many random pairs (seed 19), accepted ones first.")
@click.option("--families", type=click.Path(dir_okay=False), default=None,
              help="Write the accepted pairs as a family list for the tests.")
@click.option("--min-family-docs", default=20, show_default=True,
              help="Documents of a family's commoner spelling to list it.")
def main(index_dir: str, out: str | None, min_docs: int, sample: int, families: str | None,
         min_family_docs: int) -> None:
    backend = open_backend(EngineSettings(index=index_dir))
    with backend.searcher(Deadline(None)) as s:
        documents = int(backend.stats()["documents"])
        vocab = vocabulary(s, min_docs)
        found = pairs(vocab)
        counts: dict[str, Counter] = {}
        rows = []
        for a, b in found:
            m = measure(s, a, b, counts)
            if m is None:
                continue
            ca, cb, both = m
            na, nb = sum(ca.values()), sum(cb.values())
            rows.append((a, b, na, nb, both, source_purity(ca, cb), cooccurrence(na, nb, both, documents),
                         house_pair(ca, cb, both, documents), is_native(a), is_native(b)))
    accepted = [r for r in rows if r[7]]
    print(f"{len(vocab)} stems in ≥ {min_docs} documents; {len(found)} rule pairs with a dictionary word; "
          f"{len(rows)} searchable; {len(accepted)} pass the data test")
    if out:
        lines = ["a\tb\tdocs_a\tdocs_b\tboth\tpurity\tcooccurrence\thouse\tnative_a\tnative_b"]
        lines += ["\t".join(f"{x:.3f}" if isinstance(x, float) else str(x) for x in r) for r in rows]
        pathlib.Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if sample:
        rng = random.Random(19)
        for label, group in (("accepted", accepted), ("refused", [r for r in rows if not r[7]])):
            print(f"-- {label}: {min(sample, len(group))} of {len(group)}")
            for r in sorted(rng.sample(group, min(sample, len(group))), key=lambda r: -(r[2] + r[3])):
                print(f"{r[0]} / {r[1]}  {r[2]} / {r[3]}  both {r[4]}  purity {r[5]:.2f}  co {r[6]:.2f}")
    if families:
        kept = [r for r in accepted if max(r[2], r[3]) >= min_family_docs]
        lines = [
            "# Built by bench/mine_house_spellings.py from the 31k index; do not edit.",
            f"# House-spelling pairs (each spelling ≥ {min_docs} documents, the commoner ≥ {min_family_docs}), "
            "commoner first: stem:documents",
        ]
        lines += [" ".join(f"{t}:{n}" for t, n in sorted(((r[0], r[2]), (r[1], r[3])), key=lambda x: -x[1]))
                  for r in kept]
        pathlib.Path(families).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(kept)} families written to {families}")


if __name__ == "__main__":
    main()
