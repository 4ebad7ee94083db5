"""Which inflections of common nouns still get a term of their own (docs/stemming.md).

The word lists (tests/wordlists) hold sound inflections drawn from a dictionary; this probe looks
wider and needs no dictionary: every common noun of the news corpus (``--min-uses`` uses or more,
taking the article) with each ending a noun takes (pronouns of every person, duals and their
construct, the feminine plural, these combined), where the corpus has the form ``--min-form``
times or more. For each ending it prints how many such forms have their noun's term, by form and
by token, and the commonest that do not. With ``--before FILE`` (saved by
``bench/lookalike_endings.py --save``) it prints the rates of that code beside the current one.

    python bench/inflection_probe.py [--before var/bench/stems-ar11.json]
"""

from __future__ import annotations

import json
import pathlib
import sys

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analyzers.evidence import lexicon, takes_article, written_maqsura  # noqa: E402
from analyzers.stemming import light_stem  # noqa: E402

# Endings after a noun in ة (written ت before them), then after any other noun.
TAA_ENDINGS = ("ته", "تها", "تهم", "تهما", "تنا", "تك", "تكم", "تي", "تا", "تين", "تان", "ات", "اته",
               "اتها", "اتهم", "اتنا", "اتي", "اتك", "اتكم", "تيه", "تيها", "تيهما")  # fmt: skip
PLAIN_ENDINGS = ("ه", "ها", "هم", "هما", "نا", "ك", "كم", "كما", "ي", "ين", "ان", "ون")


def forms(min_uses: int, min_form: int) -> dict[str, list[tuple[str, str, int]]]:
    """Ending → [(noun, form, uses of the form)] over the corpus's common nouns."""
    lex = lexicon()
    out: dict[str, list[tuple[str, str, int]]] = {e: [] for e in (*TAA_ENDINGS, *PLAIN_ENDINGS)}
    for noun, uses in lex.items():
        if uses < min_uses or len(noun) < 3 or noun.startswith("ال") or not takes_article(noun):
            continue
        taa = noun.endswith("ه") and len(noun) >= 4
        for ending in TAA_ENDINGS if taa else PLAIN_ENDINGS:
            form = (noun[:-1] if taa else noun) + ending
            if ending == "ي" and written_maqsura(form):
                continue  # ذكرى, أخرى: a word in ى, not the noun with "my" (folding wrote ى as ي)
            if lex.get(form, 0) >= min_form:
                out[ending].append((noun, form, lex[form]))
    return out


def rates(rows: list[tuple[str, str, int]], stem) -> tuple[float, float]:
    met = [r for r in rows if stem(r[1]) == stem(r[0])]
    return len(met) / len(rows), sum(r[2] for r in met) / sum(r[2] for r in rows)


@click.command()
@click.option("--min-uses", default=200, show_default=True, help="a noun's uses to be probed")
@click.option("--min-form", default=5, show_default=True, help="a form's uses to be counted")
@click.option("--before", type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path),
              help="stems saved by bench/lookalike_endings.py --save, shown beside")  # fmt: skip
def main(min_uses: int, min_form: int, before: pathlib.Path | None) -> None:
    old = json.loads(before.read_text(encoding="utf-8")) if before else None
    for ending, rows in forms(min_uses, min_form).items():
        if not rows:
            continue
        now = rates(rows, light_stem)
        line = f"{ending:6s} {len(rows):4d} forms {sum(r[2] for r in rows):7d} tokens  met {now[0]:.3f} ({now[1]:.3f})"
        if old is not None:
            was = rates(rows, lambda w: old.get(w, w))
            line += f"  before {was[0]:.3f} ({was[1]:.3f})"
        apart = sorted((r for r in rows if light_stem(r[1]) != light_stem(r[0])), key=lambda r: -r[2])
        click.echo(line + "  apart: " + " ".join(f"{f}({n})" for _, f, n in apart[:8]))


if __name__ == "__main__":
    main()
