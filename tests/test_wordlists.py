"""Conflation measured on word lists drawn by rule from the corpus (``bench/build_wordlists.py``).

Lists none chosen by the stemmer: frequent words whose first letter is radical, the sound
inflection families of dictionary nouns, pairs of different words one affix apart, and verbs' past
and imperfect families with their person and number endings. The test prints and asserts:

* radical letters kept: the term of a radical-first word still starts with that letter;
* recall of conflation: the share of same-family form pairs that share one term (and of whole
  families, and of radical-first words meeting their own clitic forms: وكمال, بكمال, الكمال);
* pairs kept apart: the share of different-word pairs that do *not* share a term;
* precision of conflation: of all pairs of listed words that share a term, the share that belong
  together (one family, or a word and its own clitic forms).

The floors sit a little under today's figures (printed by ``pytest -s``); docs/stemming.md keeps
them with their date.
"""

from __future__ import annotations

import collections
import itertools
import pathlib

import pytest

from analyzers.evidence import count
from analyzers.stemming import light_stem

LISTS = pathlib.Path(__file__).parent / "wordlists"
CLITICS = ("و", "ف", "ب", "ل", "ال", "وال", "بال", "فال")


def _read(name: str) -> list[list[str]]:
    lines = (LISTS / name).read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line and not line.startswith("#")]


RADICAL = [words[0] for words in _read("radical_first.txt")]
FAMILIES = _read("families.txt")
PAIRS = [tuple(words) for words in _read("distinct_pairs.txt")]
VERB_FAMILIES = _read("verb_families.txt")
IMPERFECT_FAMILIES = _read("imperfect_families.txt")
MAQSURA_FAMILIES = _read("maqsura_families.txt")
TAA_PAIRS = [tuple(words) for words in _read("taa_pairs.txt")]


def test_lists_are_big_enough():
    assert len(RADICAL) >= 300 and len(FAMILIES) >= 100 and len(PAIRS) >= 200
    assert len(VERB_FAMILIES) >= 500 and len(TAA_PAIRS) >= 10 and len(IMPERFECT_FAMILIES) >= 300
    assert len(MAQSURA_FAMILIES) >= 50


def _clitic_forms(word: str) -> list[str]:
    """The word's clitic forms the corpus actually has: وكمال, بكمال, الكمال …"""
    return [c + word for c in CLITICS if count(c + word) > 0]


def all_words() -> set[str]:
    """Every form the figures stem (to compare another stemmer on the same words)."""
    words = {w for fam in FAMILIES for w in fam} | {w for p in PAIRS for w in p}
    return words | {f for w in RADICAL for f in (w, *_clitic_forms(w))}


def conflation_figures(light_stem=light_stem) -> dict[str, float]:
    """The figures for ``light_stem`` (the real one, or another stemmer's results for comparison)."""
    kept = [w for w in RADICAL if light_stem(w).startswith(w[0])]
    clitic_pairs = [(w, f) for w in RADICAL for f in _clitic_forms(w)]
    clitic_met = [p for p in clitic_pairs if light_stem(p[0]) == light_stem(p[1])]

    family_pairs = [p for fam in FAMILIES for p in itertools.combinations(fam, 2)]
    family_met = [p for p in family_pairs if light_stem(p[0]) == light_stem(p[1])]
    whole_families = [fam for fam in FAMILIES if len({light_stem(f) for f in fam}) == 1]

    apart = [p for p in PAIRS if light_stem(p[0]) != light_stem(p[1])]

    # Precision over every listed word: which pairs share a term, and do they belong together?
    # A word's group: its family, or a radical-first word with its clitic forms; groups sharing a
    # word (الباحث is in both) are one group.
    groups = [list(fam) for fam in FAMILIES] + [[w, *_clitic_forms(w)] for w in RADICAL]
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = i = parent[parent[i]]
        return i

    first_group: dict[str, int] = {}
    for i, group in enumerate(groups):
        for w in group:
            parent[find(i)] = find(first_group.setdefault(w, i))
    group_of = {w: find(i) for w, i in first_group.items()}
    words = set(group_of) | {w for p in PAIRS for w in p}
    by_term: dict[str, list[str]] = collections.defaultdict(list)
    for w in words:
        by_term[light_stem(w)].append(w)
    merged = [p for ws in by_term.values() for p in itertools.combinations(sorted(ws), 2)]
    right = [p for p in merged if p[0] in group_of and group_of[p[0]] == group_of.get(p[1])]
    wrong = sorted(set(merged) - set(right))

    result = {
        "radical letter kept": len(kept) / len(RADICAL),
        "radical word meets its clitic forms": len(clitic_met) / len(clitic_pairs),
        "family pairs sharing a term (recall)": len(family_met) / len(family_pairs),
        "families with one term": len(whole_families) / len(FAMILIES),
        "different-word pairs kept apart": len(apart) / len(PAIRS),
        "precision of conflation": len(right) / len(merged),
    }
    print(f"\n{len(RADICAL)} radical-first words, {len(FAMILIES)} families "
          f"({len(family_pairs)} pairs), {len(PAIRS)} different-word pairs, {len(words)} words:")
    for name, value in result.items():
        print(f"  {name:40} {value:.3f}")
    print("  radical letter cut:", " ".join(f"{w}→{light_stem(w)}" for w in RADICAL if w not in kept))
    print("  pairs merged:", " ".join("/".join(p) for p in PAIRS if p not in apart))
    print("  wrong merges (sample):", " ".join("/".join(p) for p in wrong[:40]))
    return result


def verb_figures(light_stem=light_stem) -> dict[str, float]:
    """A verb past meeting its person-ending forms (قبض/قبضت/قبضوا/قبضنا), and nouns in a radical ت
    kept apart from the word without it (بنت/بن, سبت/سب)."""
    pairs = [(fam[0], form) for fam in VERB_FAMILIES for form in fam[1:]]
    met = [p for p in pairs if light_stem(p[0]) == light_stem(p[1])]
    by_ending = {
        ending: [p for p in pairs if p[1] == p[0] + ending] for ending in ("ت", "وا", "نا", "ني", "تني")
    }
    by_ending["وا and a pronoun (وه وها وهم)"] = [p for p in pairs if p[1] in (p[0] + "وه", p[0] + "وها", p[0] + "وهم")]
    maqsura_pairs = [(fam[0], form) for fam in MAQSURA_FAMILIES for form in fam[1:]]
    maqsura_met = [p for p in maqsura_pairs if light_stem(p[0]) == light_stem(p[1])]
    whole = [fam for fam in VERB_FAMILIES if len({light_stem(f) for f in fam}) == 1]
    apart = [p for p in TAA_PAIRS if light_stem(p[0]) != light_stem(p[1])]
    imperfect_pairs = [(fam[0], form) for fam in IMPERFECT_FAMILIES for form in fam[1:]]
    imperfect_met = {p for p in imperfect_pairs if light_stem(p[0]) == light_stem(p[1])}
    future = [p for p in imperfect_pairs if p[1].startswith("س" + p[0])]
    # The same verb after ي and after ت where both have a family: يعمل/تعمل, يتوقع/تتوقع.
    singulars = {fam[0] for fam in IMPERFECT_FAMILIES}
    persons = [(s, "ت" + s[1:]) for s in sorted(singulars) if s[0] == "ي" and "ت" + s[1:] in singulars]
    persons_met = {p for p in persons if light_stem(p[0]) == light_stem(p[1])}
    result = {
        "verb forms meeting their past (recall)": len(met) / len(pairs),
        **{f"  of them + {e}": sum(p in met for p in ps) / len(ps) for e, ps in by_ending.items()},
        "verb families with one term": len(whole) / len(VERB_FAMILIES),
        "radical-ت pairs kept apart": len(apart) / len(TAA_PAIRS),
        "imperfect forms meeting their singular": len(imperfect_met) / len(imperfect_pairs),
        **{
            f"  imperfect + {e}": sum(p in imperfect_met for p in ps) / len(ps)
            for e in ("ون", "وا", "ان", "ني", "ك", "كم")
            for ps in [[p for p in imperfect_pairs if p[1] == p[0] + e]]
        },
        "  imperfect after the future's س": sum(p in imperfect_met for p in future) / len(future),
        "imperfect after ي meeting it after ت": len(persons_met) / len(persons),
        "words in ى meeting their forms before a pronoun": len(maqsura_met) / len(maqsura_pairs),
        "imperfect families with one term": sum(
            len({light_stem(f) for f in fam}) == 1 for fam in IMPERFECT_FAMILIES
        ) / len(IMPERFECT_FAMILIES),
    }
    print(f"\n{len(VERB_FAMILIES)} verb families ({len(pairs)} past/form pairs), {len(TAA_PAIRS)} radical-ت pairs, "
          f"{len(IMPERFECT_FAMILIES)} imperfect families ({len(imperfect_pairs)} pairs), "
          f"{len(MAQSURA_FAMILIES)} words in ى ({len(maqsura_pairs)} pairs):")
    for name, value in result.items():
        print(f"  {name:40} {value:.3f}")
    print("  verb forms apart (sample):", " ".join([f"{a}/{b}" for a, b in pairs if (a, b) not in met][:40]))
    print("  ت pairs merged:", " ".join("/".join(p) for p in TAA_PAIRS if p not in apart))
    print("  imperfect forms apart:", " ".join(f"{a}/{b}" for a, b in imperfect_pairs if (a, b) not in imperfect_met))
    print("  persons apart:", " ".join(f"{a}/{b}" for a, b in persons if (a, b) not in persons_met))
    print("  forms in ى apart:", " ".join(f"{a}/{b}" for a, b in maqsura_pairs if (a, b) not in maqsura_met))
    return result


@pytest.fixture(scope="module")
def verbs() -> dict[str, float]:
    return verb_figures()


@pytest.mark.parametrize(
    "name, floor",
    [
        ("verb forms meeting their past (recall)", 0.85),
        ("verb families with one term", 0.75),
        ("radical-ت pairs kept apart", 1.0),
        ("imperfect forms meeting their singular", 0.97),
        ("imperfect families with one term", 0.95),
        ("imperfect after ي meeting it after ت", 0.9),
        ("words in ى meeting their forms before a pronoun", 0.75),
    ],
)
def test_verb_inflections_meet_and_radical_taa_stays(verbs, name, floor):
    assert verbs[name] >= floor, f"{name}: {verbs[name]:.3f} < {floor}"


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    return conflation_figures()


@pytest.mark.parametrize(
    "name, floor",
    [
        ("radical letter kept", 0.98),
        ("radical word meets its clitic forms", 0.98),
        ("family pairs sharing a term (recall)", 0.97),
        ("families with one term", 0.94),
        ("different-word pairs kept apart", 0.88),
        ("precision of conflation", 0.90),
    ],
)
def test_conflation_on_corpus_word_lists(figures, name, floor):
    assert figures[name] >= floor, f"{name}: {figures[name]:.3f} < {floor}"
