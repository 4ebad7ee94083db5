"""Replicated corpora for archive-scale benchmarks (100k and 1M articles from the 31k one).

Why replication: there is no bigger Arabic news archive we may use here, and what the scale
benchmarks measure (index size, posting-list length, facet counting, memory) grows with the
number of documents, not with their novelty. Copy ``k`` of every article gets the id
``<id>~r<k>``, its date shifted back by ``k`` years (so year facets and date sorts see a longer
archive) and an unchanged text. Caveat, stated in docs/benchmarks.md: the vocabulary does not
grow with replication, so term dictionaries are smaller than a real 1M archive's, and every
posting list is ``k`` times longer than at 31k (which is the pessimistic side for query cost).

    python bench/scale.py replicate --docs 100000 --out var/bench/corpus-100k.jsonl.gz
"""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import click

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz"


def shift_date(value: str | None, years: int) -> str | None:
    if not value or not years:
        return value
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return value
    try:
        return dt.replace(year=dt.year - years).isoformat()
    except ValueError:  # 29 February
        return dt.replace(year=dt.year - years, day=28).isoformat()


def replicated(source: Path, docs: int):
    """Yield ``docs`` records: the source, then copies 1, 2, ... with new ids and shifted dates."""
    made = 0
    copy = 0
    while made < docs:
        with (gzip.open if str(source).endswith(".gz") else open)(source, "rt", encoding="utf-8") as f:
            for line in f:
                if made >= docs:
                    return
                rec = json.loads(line)
                if copy:
                    rec["id"] = f"{rec['id']}~r{copy}"
                    rec["date"] = shift_date(rec.get("date"), copy)
                yield rec
                made += 1
        copy += 1


def write_corpus(out: Path, docs: int, source: Path = CORPUS) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    opener = gzip.open if out.suffix == ".gz" else open
    with opener(out, "wt", encoding="utf-8") as f:
        for rec in replicated(source, docs):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


@click.group()
def main() -> None:
    """Scale corpora for the benchmarks."""


@main.command("replicate")
@click.option("--docs", type=int, required=True, help="Number of articles to write.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=CORPUS, show_default=True)
def replicate_command(docs: int, out: Path, source: Path) -> None:
    """Write DOCS articles replicated from SOURCE (new ids, dates shifted by whole years)."""
    n = write_corpus(out, docs, source)
    click.echo(f"wrote {n} articles to {out}")


def stack_index(src: Path, dest: Path, times: int) -> int:
    """A read-only index listing every segment of ``src`` ``times`` times (files hard-linked).

    Why: a 100k-article Fahras index takes 20-30 minutes to build on 2 idle cores (hours when
    the machine is shared), but query cost and a worker's memory depend on how many documents
    and postings the searcher walks, which stacking multiplies exactly. Ids repeat (look-ups by
    id find the first copy) and dates are not shifted; segments are not merged, so per-segment
    overheads are counted ``times`` times (the pessimistic side). For timing only.

    Each copy of a segment gets its own segment id (its files hard-linked under the new names), as
    every segment of a real index has: anything keyed by segment id, such as the postings cache
    (search/whoosh_backend/postings_cache.py), must not find one copy's entries for another.
    """
    import copy
    import os
    import shutil

    from whoosh import index as whoosh_index
    from whoosh.filedb.filestore import FileStorage

    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    ix = whoosh_index.open_dir(str(src))
    toc = ix._read_toc()
    for f in src.iterdir():
        if f.is_file() and not f.name.endswith(".toc") and f.name not in ("fahras.lock", "MAIN_WRITELOCK"):
            os.link(f, dest / f.name)
    segments = list(toc.segments)
    for _ in range(times - 1):
        for seg in toc.segments:
            twin = copy.copy(seg)
            twin.segid = seg._random_id()
            old_prefix, new_prefix = seg.segment_id(), twin.segment_id()
            for f in src.glob(old_prefix + ".*"):
                os.link(f, dest / (new_prefix + f.name[len(old_prefix):]))
            segments.append(twin)
    whoosh_index.TOC(toc.schema, segments, toc.generation).write(FileStorage(str(dest)), "MAIN")
    return sum(seg.doc_count_all() for seg in segments)


@main.command("stack")
@click.option("--index", "src", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--times", type=click.IntRange(2), required=True)
def stack_command(src: Path, out: Path, times: int) -> None:
    """A TIMES-bigger read-only index of INDEX's segments (timing only: see stack_index)."""
    click.echo(f"{out}: {stack_index(src, out, times)} documents")


def merge_index(src: Path, dest: Path) -> int:
    """A copy of ``src`` with all its segments merged into one (plain segment files).

    Why: stacking an index of 16 segments ten times gives 160 segments, while a real 1M-article
    index, built in batches and merged by Whoosh's policy, has a few tens of larger ones; the
    per-segment cost of a query (a term look-up and a posting read each) is then overcounted.
    Merging copies postings and stored fields, with no analysis: minutes, not the hours a 1M
    build takes.
    """
    import shutil

    from whoosh import index as whoosh_index

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("fahras.lock", "MAIN_WRITELOCK"))
    ix = whoosh_index.open_dir(str(dest))
    writer = ix.writer(compound=False)  # plain files: see decompound_index
    writer.commit(optimize=True)
    return ix.doc_count_all()


@main.command("merge")
@click.option("--index", "src", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
def merge_command(src: Path, out: Path) -> None:
    """Copy INDEX with its segments merged into one (to stack a realistic 1M; see merge_index)."""
    click.echo(f"{out}: {merge_index(src, out)} documents")


def decompound_index(src: Path, dest: Path) -> int:
    """A copy of ``src`` whose compound ``.seg`` segment files are written out as plain files.

    Why (measured, docs/benchmarks.md): whoosh opens a sub-file of a compound segment as
    ``BytesIO(buf)``, which *copies* the whole postings, terms and columns into each process's
    heap: a gunicorn worker on the 31k index held 413 MB anonymous + 310 MB mapped; on the same
    index with plain segment files, 114 MB + 10 MB. The real fix is for the writer to commit
    non-compound segments (``compound=False``); this converts an existing index to measure it.
    """
    import os
    import shutil

    from whoosh import index as whoosh_index
    from whoosh.filedb.filestore import FileStorage

    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    storage = FileStorage(str(src))
    toc = whoosh_index.open_dir(str(src))._read_toc()
    for f in src.iterdir():
        if f.is_file() and f.suffix not in (".toc", ".seg") and f.name not in ("fahras.lock", "MAIN_WRITELOCK"):
            os.link(f, dest / f.name)
    for seg in toc.segments:
        if seg.is_compound():
            compound = seg.open_compound_file(storage)
            for name in compound.list():
                with compound.open_file(name) as inp, open(dest / name, "wb") as out:
                    out.write(inp.read())
            compound.close()
            seg.compound = False
    whoosh_index.TOC(toc.schema, toc.segments, toc.generation).write(FileStorage(str(dest)), "MAIN")
    return sum(seg.doc_count_all() for seg in toc.segments)


@main.command("decompound")
@click.option("--index", "src", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
def decompound_command(src: Path, out: Path) -> None:
    """Copy INDEX with its compound segments written out as plain files (see decompound_index)."""
    click.echo(f"{out}: {decompound_index(src, out)} documents")


if __name__ == "__main__":
    main()
