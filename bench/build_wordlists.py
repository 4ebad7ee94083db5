"""Build the analysis word lists in ``tests/wordlists/`` from the corpus frequency list, by rule.

The light stemmer's tests need words it was not tuned on and did not choose: which first letters
are radical, which forms are one word, which look-alikes are different words. This script takes
them from two sources that know nothing of the stemmer:

* the corpus frequency list (``analyzers/data/lexicon.tsv.gz``, from ``bench/build_lexicon.py``):
  only frequent news words are taken, so the lists are what users search for;
* Arramooz (``arramooz-pysqlite``, Taha Zerrouki, **GPL**, pinned in pyproject.toml; its SQLite
  dictionary of ~30,000 nouns and ~14,000 verbs, with each entry's root and which sound endings it
  takes, opened read-only through :mod:`analyzers.dictionary`). Nothing of it is committed but the
  selected corpus words themselves.

Three lists, one word (or one group) a line, folded as the index folds them:

``radical_first.txt``
    Frequent words (≥ 30 uses) of 4+ letters starting with و ف ب ك ل that the dictionary lists
    with a root starting with that same letter (كمال: root كمل; بطولة: بطل), and not as anything
    else, *and* that the news uses as that word: what remains without the first letter is no
    dictionary word (فيصل: يصل), or the word takes the article in at least a tenth of its uses
    (كمال: الكمال). باسم is in the dictionary as "smiling", but the news writes ب+اسم (الباسم: 3
    of 2,415 uses), so it is out.
``families.txt``
    The sound inflections of a dictionary noun that takes them (masculine plural ون/ين, feminine
    ة and ات, the genitive dual ين/تين; a nisba's ي kept in all), with and without the article,
    each seen ≥ 5 times and not a stop word, none 20 times commoner than the lemma (مدينة "city"
    is not مدين "indebted" + ة): المسلم مسلم مسلمون المسلمين مسلمه … one family a line. The
    nominative dual ان is left out: most corpus forms in ان are other words (سليمان, ظهران).
``distinct_pairs.txt``
    Two frequent words (≥ 20 uses) that are both dictionary entries with *no root in common*,
    one being the other plus a clitic letter in front (مال/كمال, the longer one from
    ``radical_first``) or a plural or dual ending behind (زيت/زيتون): different words that a
    stemmer would merge by cutting the affix. (Endings ة ي ية are left out: the dictionary lists
    many feminines and nisbas as entries of their own, خاص/خاصة, with a root spelt differently.)

    python bench/build_wordlists.py [--out tests/wordlists]
"""

from __future__ import annotations

import collections
import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import dictionary  # noqa: E402
from analyzers.evidence import after_article, lexicon  # noqa: E402
from analyzers.normalize import normalize_word, strip_marks  # noqa: E402
from analyzers.stopwords import stopwords  # noqa: E402

OUT = ROOT / "tests" / "wordlists"
CLITIC_LETTERS = "وفبكل"
PAIR_ENDINGS = ("ون", "ين", "ان", "ات")
RADICAL_MIN_COUNT = 30
# The word takes the article in at least this share of its uses: it is used as a whole word.
ARTICLE_SHARE = 0.1
# A family's form seen this many times more often than its lemma is mostly another word
# (مدينة "city" beside مدين "indebted").
FORM_OVER_LEMMA = 20
FAMILY_MIN_COUNT = 5
PAIR_MIN_COUNT = 20


def _fold(vocalized_or_not: str) -> str:
    return normalize_word(strip_marks(vocalized_or_not))


def read_dictionary() -> tuple[dict[str, set[str]], list[tuple]]:
    """Folded entry → its roots (nouns and verbs), and the noun rows with their ending flags."""
    roots: dict[str, set[str]] = collections.defaultdict(set)
    nouns = []
    with dictionary.connect() as con:
        for unvocalized, root, masc_plural, feminable, fem_plural, dualable, single in con.execute(
            "select unvocalized, root, masculin_plural, feminable, feminin_plural, dualable, single from nouns"
        ):
            word = _fold(unvocalized)
            roots[word].add(_fold(root))
            if not single:  # an entry that is itself a broken plural points to its singular
                nouns.append((word, masc_plural, feminable, fem_plural, dualable))
        for unvocalized, root in con.execute("select unvocalized, root from verbs"):
            roots[_fold(unvocalized)].add(_fold(root))
    return roots, nouns


def radical_first(roots: dict[str, set[str]], counts: dict[str, int]) -> list[str]:
    stops = stopwords()
    words = []
    for word, n in counts.items():
        if n < RADICAL_MIN_COUNT or len(word) < 4 or word[0] not in CLITIC_LETTERS or word in stops:
            continue
        entry_roots = roots.get(word)
        if not entry_roots or any(r[:1] != word[0] for r in entry_roots):
            continue
        if word[1:] not in roots or after_article(word) >= ARTICLE_SHARE * n:
            words.append(word)
    return sorted(words, key=lambda w: (-counts[w], w))


def _inflections(lemma: str, masc_plural: int, feminable: int, fem_plural: int, dualable: int) -> set[str]:
    if lemma.endswith("ه"):  # وزارة: its plural and dual are built on the stem without ة
        stem = lemma[:-1]
        forms = {lemma}
        if fem_plural:
            forms.add(stem + "ات")
        if dualable:
            forms.add(stem + "تين")
        return forms
    forms = {lemma}
    if masc_plural:
        forms |= {lemma + "ون", lemma + "ين"}
    if feminable:
        forms.add(lemma + "ه")
        if fem_plural:
            forms.add(lemma + "ات")
    if dualable:
        # The genitive dual only: Arramooz marks nearly every noun dualable, and most corpus
        # forms in ان are other words (سليمان beside سليم, ظهران beside ظهر, نيران beside نير).
        forms.add(lemma + "ين")
    return forms


def families(nouns: list[tuple], counts: dict[str, int]) -> list[list[str]]:
    stops = stopwords()
    by_lemma: dict[str, set[str]] = collections.defaultdict(set)
    for lemma, *flags in nouns:
        if len(lemma) >= 3:
            by_lemma[lemma] |= _inflections(lemma, *flags)
    found: dict[frozenset[str], list[str]] = {}
    for lemma, forms in by_lemma.items():
        lemma_count = counts.get(lemma, 0) + counts.get("ال" + lemma, 0)
        if lemma in stops or lemma_count < FAMILY_MIN_COUNT:
            continue
        seen = {
            f
            for form in forms
            for f in (form, "ال" + form)
            if FAMILY_MIN_COUNT <= counts.get(f, 0) <= FORM_OVER_LEMMA * lemma_count and f not in stops
        }
        if len({f.removeprefix("ال") for f in seen}) >= 3:  # the lemma and two inflections at least
            found[frozenset(seen)] = sorted(seen, key=lambda f: (-counts[f], f))
    # A family inside another (two entries of one lemma) is listed once, as the larger.
    kept = [fam for key, fam in found.items() if not any(key < other for other in found)]
    kept.sort(key=lambda fam: (-sum(counts[f] for f in fam), fam))
    return kept


def distinct_pairs(
    roots: dict[str, set[str]], counts: dict[str, int], radical: list[str]
) -> list[tuple[str, str]]:
    stops = stopwords()
    frequent = {w for w, n in counts.items() if n >= PAIR_MIN_COUNT and w in roots and w not in stops}
    radical_set = set(radical)
    pairs = set()
    for longer in frequent:
        candidates = [longer[1:]] if longer in radical_set else []
        candidates += [longer[: -len(e)] for e in PAIR_ENDINGS if longer.endswith(e)]
        for shorter in candidates:
            if len(shorter) >= 3 and shorter in frequent and not roots[shorter] & roots[longer]:
                pairs.add((shorter, longer))
    return sorted(pairs, key=lambda p: (-min(counts[p[0]], counts[p[1]]), p))


def _write(path: pathlib.Path, header: str, lines: list[str]) -> None:
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    click.echo(f"{len(lines):5d} lines -> {path.relative_to(ROOT)}")


@click.command()
@click.option("--out", type=click.Path(path_type=pathlib.Path), default=OUT)
def main(out: pathlib.Path) -> None:
    counts = lexicon()
    roots, nouns = read_dictionary()
    out.mkdir(parents=True, exist_ok=True)
    note = "# Built by bench/build_wordlists.py from the corpus frequency list and Arramooz; do not edit.\n"
    radical = radical_first(roots, counts)
    _write(out / "radical_first.txt", note + "# Frequent words whose first letter (و ف ب ك ل) is radical.\n",
           radical)
    _write(out / "families.txt", note + "# One word's sound inflections, one family a line.\n",
           [" ".join(f) for f in families(nouns, counts)])
    _write(out / "distinct_pairs.txt", note + "# Different words (no root in common) one affix apart.\n",
           [" ".join(p) for p in distinct_pairs(roots, counts, radical)])


if __name__ == "__main__":
    main()
