"""Minority spellings the context test cannot judge: how far a few places can be trusted (issue 19).

The context test (:mod:`analyzers.context_spellings`) judges a rule pair only when its rarer
spelling is seen in :data:`~analyzers.context_spellings.MIN_CONTEXTS` places; below that it says
nothing (بوتين / بوتن, فيروس / فايروس). This bench measures, on an index, the signals that could
judge such pairs:

* **noise at few places**: the pairs the shipped test judges (both spellings in 15 places or more)
  with their rarer spelling's places sub-sampled to n (4 … 12), 30 draws each: how high two
  different words' cosine reaches at n places, and how many one-word draws pass a bar;
* **nearest**: whether the dictionary spelling is, of all the dictionary words the mining measured,
  the one whose neighbours are most like the rare spelling's (its rank; 0 is nearest);
* the pairs below the floor that a bar and the nearest test would accept, written as TSV to read;
* ``--parallel-forms``: the pairs whose two spellings both have nisba forms in the body's exact
  forms (أوربا: الأوربية, أوروبا: الأوروبية), in 3 documents or more each, with their cosine;
* ``--cut-native``: the candidates widened to rare spellings the dictionary knows only once an
  affix is cut (بوتن: بوت+ن, كارتون: كارت+ون), which the mining leaves out.

::

    python bench/scattered_spellings.py --index /work/idx/w31k-ar7 --out var/scattered.tsv
    python bench/scattered_spellings.py --index ... --show اوربا --show فايروس --show بوتن
    python bench/scattered_spellings.py --index ... --cut-native --out var/scattered-cut.tsv

Labels: the shipped test's own (accepted: one word, refused: two), less the refused pairs read as
one word (``--one-word``, the docs' list). Figures and the pairs read: docs/relevance.md,
"Minority spellings below the context test's floor".
"""

from __future__ import annotations

import itertools
import pathlib
import random
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import context_spellings as cs  # noqa: E402
from analyzers.house_spellings import candidates  # noqa: E402
from analyzers.spelling_variants import MIN_LENGTH, is_listed, is_native  # noqa: E402
from indexer.context_spellings import vocabulary  # noqa: E402
from indexer.schema import BODY, BODY_EXACT, TITLE  # noqa: E402
from indexer.store import open_index  # noqa: E402

# Refused pairs (both spellings in 15 places or more) read as one word on the 31k index: not
# counted among the two-word pairs.
READ_ONE_WORD = ("اوربا", "فولكلور", "تليسكوب", "شواطيء", "المونيوم")
SIZES = (4, 6, 8, 10, 12)
DRAWS = 30
BARS = (0.4, 0.45, 0.5, 0.55)

Occurrence = list[str]  # the stems within WINDOW places of one occurrence
NISBA_ENDINGS = ("ي", "يه", "يين", "يون", "يات")  # folded: ة is ه


def nisba_forms(stem: str) -> list[str]:
    """The nisba forms of ``stem`` as the exact field holds them, with and without the article
    (اوروبا: اوروبي, الاوروبيه…)."""
    base = stem[:-1] if stem.endswith("ا") else stem
    return [f"{article}{base}{ending}" for ending in NISBA_ENDINGS for article in ("", "ال")]


def occurrences(chains: Iterable[list[str]], targets: set[str], into: dict[str, list[Occurrence]]) -> None:
    """Each occurrence of a ``targets`` stem in ``chains``, as its neighbours (as
    :func:`analyzers.context_spellings.add_contexts` counts them, one list per place)."""
    w = cs.WINDOW
    for chain in chains:
        for i, stem in enumerate(chain):
            if stem in targets:
                into.setdefault(stem, []).append(chain[max(0, i - w) : i] + chain[i + 1 : i + 1 + w])


def counts(places: Iterable[Occurrence]) -> Counter:
    return Counter(t for place in places for t in place)


def subsampled(rare: Sequence[Occurrence], common: Counter, leave_out: set[str], n: int,
               draws: int, rng: random.Random) -> list[float]:
    """The cosine of ``n`` places of the rare spelling drawn at random, ``draws`` times."""
    return [cs.cosine(counts(rng.sample(list(rare), n)), common, leave_out) for _ in range(draws)]


def nearest_rank(rare: Counter, partner: str, others: Mapping[str, Counter], leave_out: set[str]) -> int:
    """How many of ``others`` (stem → neighbour counts) are at least as alike to ``rare`` as
    ``partner`` is (0: the partner is the nearest). Each comparison leaves out its own stems."""
    mine = cs.cosine(rare, others[partner], leave_out)
    return sum(1 for stem, vec in others.items()
               if stem != partner and stem not in leave_out and cs.cosine(rare, vec, leave_out | {stem}) >= mine)


def cut_native_pairs(vocab: Mapping[str, int], min_docs: int) -> list[tuple[str, str]]:
    """(rare, listed) as :func:`analyzers.context_spellings.candidate_pairs` pairs them, but for a
    rare spelling that the dictionary lists only once an affix is cut."""
    found = []
    for term, n in vocab.items():
        if n < min_docs or len(term) < MIN_LENGTH or is_listed(term) or not is_native(term):
            continue
        for other in candidates(term, lambda t: vocab.get(t, 0) >= min_docs):
            if is_native(other) and not cs.plural_pair(term, other):
                found.append((term, other))
    return found


@click.command()
@click.option("--index", "index_dir", required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--min-docs", default=3, show_default=True, help="documents each spelling is in, at least")
@click.option("--min-places", default=4, show_default=True, help="places of the rarer spelling, at least")
@click.option("--out", type=click.Path(dir_okay=False), help="the pairs below the floor, as TSV")
@click.option("--show", multiple=True, help="a stem whose pairs to print whatever they score")
@click.option("--parallel-forms", is_flag=True, help="the pairs both of whose spellings have nisba forms")
@click.option("--cut-native", is_flag=True, help="also rare spellings the dictionary lists only once an affix is cut")
@click.option("--one-word", multiple=True, default=READ_ONE_WORD, show_default=True,
              help="refused pairs read as one word (their unlisted stem)")
def main(index_dir: str, min_docs: int, min_places: int, out: str | None, show: tuple[str, ...],
         parallel_forms: bool, cut_native: bool, one_word: tuple[str, ...]) -> None:
    ix = open_index(index_dir)
    with ix.reader() as reader:
        vocab = vocabulary(reader, min_docs)
        pairs = cs.candidate_pairs(vocab, min_docs)
        if cut_native:
            pairs += cut_native_pairs(vocab, min_docs)
        wanted: dict[int, set[str]] = {}
        for stem in sorted({s for p in pairs for s in p}):
            for field in (BODY, TITLE):
                if (field, stem) in reader:
                    for doc in itertools.islice(reader.postings(field, stem).all_ids(), cs.SAMPLE_DOCS):
                        wanted.setdefault(doc, set()).add(stem)
                    break
        nisba = {}
        if parallel_forms:
            nisba = {s: sum(reader.doc_frequency(BODY_EXACT, f) for f in nisba_forms(s))
                     for s in {s for p in pairs for s in p}}
        places: dict[str, list[Occurrence]] = {}
        for doc, stems in wanted.items():
            stored = reader.stored_fields(doc)
            occurrences(cs.stems_of_texts((stored.get(TITLE) or "", stored.get(BODY) or "")), stems, places)
    ix.close()
    vec = {s: counts(p) for s, p in places.items()}
    empty: Counter = Counter()
    rows = []
    for u, li in pairs:
        n = min(len(places.get(u, ())), len(places.get(li, ())))
        sim = cs.cosine(vec.get(u, empty), vec.get(li, empty), {u, li})
        rows.append((u, li, n, sim, cs.pattern_pair(u, li)))
    print(f"{len(pairs)} candidate pairs (both spellings in >= {min_docs} documents)")
    if cut_native:
        cut = set(cut_native_pairs(vocab, min_docs))
        for u, li, n, sim, pattern in rows:
            if (u, li) in cut and cs.same_word(n, sim, pattern):
                print(f"cut-native pair the full test accepts: {u} {li} {vocab[u]} {vocab[li]} places {n} cosine {sim:.3f}")

    if parallel_forms:
        both = [r for r in rows if min(nisba[r[0]], nisba[r[1]]) >= 3]
        print(f"{len(both)} pairs with nisba forms of both spellings in >= 3 documents each:")
        for u, li, n, sim, pattern in sorted(both, key=lambda r: -r[3]):
            print(f"  {u} {li} {vocab[u]} {vocab[li]} nisba {nisba[u]} {nisba[li]} places {n} cosine {sim:.3f}"
                  f" accepted {int(cs.same_word(n, sim, pattern))}")

    # Noise at few places, on the pairs the shipped test judges.
    judged = [r for r in rows if r[2] >= cs.MIN_CONTEXTS and not (r[4] and r[3] < cs.PATTERN_COSINE)]
    one = [r for r in judged if cs.same_word(r[2], r[3], r[4]) or r[0] in one_word]
    two = [r for r in judged if r not in one]
    print(f"judged by the shipped test (not pattern pairs under {cs.PATTERN_COSINE}): {len(one)} one word, {len(two)} two")
    rng = random.Random(19)
    for size in SIZES:
        got = {}
        for name, group in (("one", one), ("two", two)):
            got[name] = sorted(v for u, li, *_ in group
                               for rare, common in [sorted((u, li), key=lambda s: len(places[s]))]
                               for v in subsampled(places[rare], vec[common], {u, li}, size, DRAWS, rng))
        two_v, one_v = got["two"], got["one"]
        line = f"n={size:2d}: two words max {two_v[-1]:.3f}, q99.9 {two_v[int(0.999 * (len(two_v) - 1))]:.3f}"
        for bar in BARS:
            line += (f" | >={bar}: two {sum(v >= bar for v in two_v) / len(two_v):.4f}"
                     f" one {sum(v >= bar for v in one_v) / len(one_v):.2f}")
        print(line)

    # The pairs below the floor: each one's nearest rank among the dictionary words measured.
    # as the mining compares them (analyzers.context_spellings.nearest): every stem seen in
    # MIN_CONTEXTS places or more
    measured = {s: v for s, v in vec.items() if len(places[s]) >= cs.MIN_CONTEXTS}
    below = [r for r in rows if min_places <= r[2] < cs.MIN_CONTEXTS and r[3] >= min(BARS)]
    below += [r for r in rows if r[0] in show or r[1] in show]
    lines = ["unlisted\tlisted\tdocs_unlisted\tdocs_listed\tplaces\tcosine\tpattern\tnearest_rank"]
    for u, li, n, sim, pattern in sorted(set(below), key=lambda r: -r[3]):
        rare, common = sorted((u, li), key=lambda s: len(places.get(s, ())))
        rank = nearest_rank(vec.get(rare, empty), common, measured, {u, li}) if common in measured else -1
        line = f"{u}\t{li}\t{vocab[u]}\t{vocab[li]}\t{n}\t{sim:.3f}\t{int(pattern)}\t{rank}"
        lines.append(line)
        if u in show or li in show:
            print("show:", line.replace("\t", " "))
    print(f"{len(below)} pairs with {min_places}-{cs.MIN_CONTEXTS - 1} places and cosine >= {min(BARS)}")
    fields = [x.split("\t") for x in lines[1:]]
    for bar in BARS:
        ok = [f for f in fields if int(f[4]) < cs.MIN_CONTEXTS
              and float(f[5]) >= (cs.PATTERN_COSINE if f[6] == "1" else bar)]
        print(f"bar {bar}: {len(ok)} pass, {sum(f[7] == '0' for f in ok)} of them nearest")
    if out:
        pathlib.Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
