"""What the past-tense person endings rule changes (docs/stemming.md, "Verb endings").

Every lexicon form (``analyzers/data/lexicon.tsv.gz``: folded forms seen ≥ 3 times, stop words
left out as the index leaves them out) is stemmed with the rule (``verbs.VERB_ENDINGS``) and
without it; the forms whose term changes are counted (forms and tokens) and a seeded sample of
them is printed to read, with the Arramooz verdict as a first, noisy label: ``V`` when what the
rule cut the form to is a verb past in the dictionary, ``-`` otherwise (passives, hollow and
defective pasts are spelt otherwise there, so ``-`` is no proof of a wrong cut).

``--grid`` recounts the rule under the evidence variants it was chosen from (the article test, the
attested ratio, the company needed), each against the dictionary labels.

    python bench/verb_endings.py [--sample 100 --seed 19] [--grid]
"""

from __future__ import annotations

import collections
import pathlib
import random
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers import dictionary, evidence, stemming, verbs  # noqa: E402
from analyzers.evidence import count, known, lexicon, takes_article  # noqa: E402
from analyzers.limits import MIN_STEM  # noqa: E402
from analyzers.normalize import normalize_word, strip_marks  # noqa: E402
from analyzers.stopwords import stopwords  # noqa: E402

SHIPPED = verbs.VERB_ENDINGS


def _stems(endings: tuple[str, ...]) -> dict[str, str]:
    """Every lexicon form's stem with ``endings`` as the verb endings (the cut, and the
    preposition test of :func:`analyzers.clitics.strip_clitics`: بحثت keeps its ب)."""
    verbs.VERB_ENDINGS = endings
    stemming.light_stem.cache.clear()
    stops = stopwords()
    return {w: stemming.light_stem(w) for w in lexicon() if w not in stops}


def dictionary_verbs() -> frozenset[str]:
    """Arramooz's verb pasts (GPL, read at run time only), folded as the index folds."""
    with dictionary.connect() as con:
        return frozenset(normalize_word(strip_marks(u)) for (u,) in con.execute("select unvocalized from verbs"))


def changed() -> list[tuple[str, str, str]]:
    """(form, stem before, stem after) for every lexicon form the rule changes."""
    before, after = _stems(()), _stems(SHIPPED)
    return [(w, before[w], after[w]) for w in before if before[w] != after[w]]


def grid(verbs: frozenset[str]) -> None:
    """The candidates (stem without the rule ends in ت or وا) under each evidence variant."""
    stems = _stems(())
    candidates: dict[str, list] = {}
    for w, s in stems.items():
        for ending in ("وا", "ت", "تم", "تن", "تا"):
            if s.endswith(ending) and len(s) - len(ending) >= MIN_STEM:
                entry = candidates.setdefault(s, [ending, s[: -len(ending)], 0])
                entry[2] += count(w)
                break
    click.echo("ending  article-test  ratio  company    stems cut (tokens)   base a dictionary verb   not")
    for ending in ("ت", "وا", "تم", "تن", "تا"):
        rows = [(s, b, n) for s, (e, b, n) in candidates.items() if e == ending]
        company_of = "وا" if ending != "وا" else "ت"
        for article in (True, False):
            for ratio in (0, 0.05, 0.2, 1):
                for company in ("none", "imperfect", "either"):
                    cut = [
                        (s, b, n) for s, b, n in rows
                        if not (article and takes_article(s)) and known(b) > 0 and known(b) >= ratio * count(s)
                        and (company == "none"
                             or any(count(f) for f in evidence.imperfects(b))
                             or (company == "either" and count(b + company_of) > 0))
                    ]
                    good = sum(b in verbs for _, b, _ in cut)
                    click.echo(f"{ending:6}  {article!s:12}  {ratio:<5}  {company:9}  {len(cut):5} ({sum(n for *_, n in cut):7})"
                               f"   {good:5}   {len(cut) - good:5}")


@click.command()
@click.option("--sample", default=100, show_default=True)
@click.option("--seed", default=19, show_default=True)
@click.option("--grid", "show_grid", is_flag=True, help="count the evidence variants too")
def main(sample: int, seed: int, show_grid: bool) -> None:
    verbs = dictionary_verbs()
    if show_grid:
        grid(verbs)
    rows = changed()
    by_ending = collections.Counter(next((e for e in SHIPPED if b.endswith(e)), "other")
                                    for _, b, _ in rows)
    click.echo(f"{len(lexicon())} lexicon forms; the rule changes {len(rows)} forms, "
               f"{sum(count(w) for w, _, _ in rows)} tokens; by the ending cut: {dict(by_ending)}")
    for w, b, a in sorted(random.Random(seed).sample(rows, min(sample, len(rows)))):
        click.echo(f"{w}\t{count(w)}\t{b} → {a}\t{'V' if a in verbs else '-'}")


if __name__ == "__main__":
    main()
