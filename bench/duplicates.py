"""Near-duplicate stories on a corpus: how many clusters the ``near`` keys find, a random sample of
them to read (precision is judged by a person reading it), and what the keys cost at import,
measured side by side in one run.

    nice .venv/bin/python bench/duplicates.py ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz \
        --sample 50 --sample-file var/duplicates-sample.txt --import-docs 3000

Clusters: articles sharing a strict key are joined (union-find: every article linked to a story through
any chain of shared keys). With ``--index DIR`` (an index of the corpus), the stories stored at
import (indexer/stories.py: an article joins one story, none is merged after the fact) are read
from it, with each article's keys, and compared with those joined clusters; the sample to read is
then of stored stories. Import cost: the same records imported into two fresh indexes, once as
``fahras index`` does and once with the keys left out (so no story is shared), alternating, best
of ``--rounds``.

    nice .venv/bin/python bench/duplicates.py ../shared/corpora/saudinewsnet/saudinewsnet.jsonl.gz \
        --index var/w31k --sample 50 --import-docs 0
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict

sys.path.insert(0, ".")

from indexer import documents  # noqa: E402
from indexer.importer import import_records  # noqa: E402
from indexer.nearduplicates import near_keys  # noqa: E402
from indexer.sources import Invalid, Raw, read_source, validate  # noqa: E402


def records(path: str) -> tuple[list[dict], list[dict]]:
    """(validated records, the same records as read: what an import takes)."""
    out, raws = [], []
    for raw in read_source(path):
        if raw.error:
            continue
        try:
            out.append(validate(raw.record))
        except Invalid:
            continue
        raws.append(raw.record)
    return out, raws


def clusters(recs: list[dict]) -> tuple[list[list[int]], float]:
    """Groups of record indexes sharing a key (only groups of two or more), and the seconds the
    keys took."""
    started = time.perf_counter()
    keys = [near_keys(r.get("title", ""), r.get("body", "")) for r in recs]
    return joined(keys), time.perf_counter() - started


def joined(keys: list[list[str]]) -> list[list[int]]:
    """Groups of positions linked through shared keys, any chain of them (two or more each)."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[str, int] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            if k in by_key:
                parent[find(i)] = find(by_key[k])
            else:
                by_key[k] = i
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        groups[find(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


def stored_stories(index_dir: str) -> tuple[list[dict], list[list[str]], list[list[int]]]:
    """(each article's stored fields, its keys, the stored stories of two or more articles) of an
    index."""
    from indexer.nearduplicates import is_loose
    from indexer.schema import NEAR, STORY
    from indexer.store import open_index

    ix = open_index(index_dir)
    try:
        with ix.searcher() as s:
            recs = list(s.reader().all_stored_fields())
    finally:
        ix.close()
    by_story: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(recs):
        by_story[r.get(STORY) or r["id"]].append(i)
    keys = [[key for key in (r.get(NEAR) or "").split() if not is_loose(key)] for r in recs]
    return recs, keys, [g for g in by_story.values() if len(g) > 1]


def import_cost(recs: list[dict], rounds: int) -> tuple[float, float]:
    """Best seconds to import ``recs`` (as read) with and without the near-duplicate keys."""
    real = documents.near_keys
    best = {True: float("inf"), False: float("inf")}
    for _ in range(rounds):
        for with_keys in (True, False):
            documents.near_keys = real if with_keys else (lambda title, body: [])
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                summary = import_records(tmp + "/index", (Raw("bench", i, r) for i, r in enumerate(recs)))
                assert summary.indexed == len(recs), summary
                best[with_keys] = min(best[with_keys], time.perf_counter() - started)
    documents.near_keys = real
    return best[True], best[False]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--sample-file", default="var/duplicates-sample.txt")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--import-docs", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--skip-clusters", action="store_true", help="measure the import cost only")
    ap.add_argument("--index", help="an index of the corpus: report its stored stories")
    args = ap.parse_args()

    if args.index:
        report_stories(args)
    recs, raws = records(args.corpus) if args.import_docs or not (args.index or args.skip_clusters) else ([], [])
    if not (args.index or args.skip_clusters):
        report_clusters(recs, args)
    if args.import_docs:
        with_keys, without = import_cost(raws[: args.import_docs], args.rounds)
        n = min(args.import_docs, len(recs))
        print(f"import_{n}_with_keys_s\t{with_keys:.2f}")
        print(f"import_{n}_without_keys_s\t{without:.2f}")
        print(f"import_cost_ratio\t{with_keys / without:.3f}")


def report_clusters(recs: list[dict], args: argparse.Namespace) -> None:
    groups, seconds = clusters(recs)
    in_groups = sum(len(g) for g in groups)
    sizes = sorted((len(g) for g in groups), reverse=True)
    print(f"articles\t{len(recs)}")
    print(f"keys_seconds\t{seconds:.1f}\t({1000 * seconds / len(recs):.2f} ms an article)")
    print(f"clusters\t{len(groups)}")
    print(f"articles_in_clusters\t{in_groups}\t({100 * in_groups / len(recs):.1f}%)")
    print(f"hits_saved\t{in_groups - len(groups)}")
    print(f"largest_clusters\t{sizes[:10]}")
    cross = sum(1 for g in groups if len({recs[i].get('source') for i in g}) > 1)
    print(f"clusters_across_sources\t{cross}")

    write_sample(recs, groups, args)


def report_stories(args: argparse.Namespace) -> None:
    """The stories stored at import against the clusters joined through any chain of keys."""
    recs, keys, stories = stored_stories(args.index)
    components = joined(keys)
    component_of = {i: n for n, g in enumerate(components) for i in g}
    in_stories = sum(len(g) for g in stories)
    in_components = sum(len(g) for g in components)
    split = defaultdict(set)
    for n, g in enumerate(stories):
        split[component_of.get(g[0], -1)].add(n)
    print(f"articles\t{len(recs)}")
    print(f"stories_of_2_or_more\t{len(stories)}\tholding {in_stories} articles ({100 * in_stories / len(recs):.1f}%)")
    print(f"hits_saved\t{in_stories - len(stories)}")
    print(f"joined_clusters\t{len(components)}\tholding {in_components} articles")
    print(f"joined_hits_saved\t{in_components - len(components)}")
    # A joined cluster that the stored stories cut in several pieces (or leave partly alone).
    cut = sum(1 for n, g in enumerate(components) if len(split.get(n, ())) != 1
              or sum(len(stories[m]) for m in split[n]) != len(g))
    print(f"joined_clusters_cut\t{cut}")
    sizes = sorted((len(g) for g in stories), reverse=True)
    print(f"largest_stories\t{sizes[:10]}")
    cross = sum(1 for g in stories if len({recs[i].get('source') for i in g}) > 1)
    print(f"stories_across_sources\t{cross}")
    print(f"story_lookup_ms_an_article\t{lookup_ms(args.index, keys):.2f}")
    write_sample(recs, stories, args)


def lookup_ms(index_dir: str, keys: list[list[str]]) -> float:
    """What deciding a story costs an import against this index, milliseconds an article: the
    lookup of each of its keys among the committed articles (indexer/stories.py), best of 3."""
    from indexer.store import open_index
    from indexer.stories import index_stories

    ix = open_index(index_dir)
    try:
        with ix.searcher() as s:
            stories = index_stories(s)
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                for ks in keys:
                    for k in ks:
                        stories(k)
                best = min(best, time.perf_counter() - started)
    finally:
        ix.close()
    return 1000 * best / len(keys)


def write_sample(recs: list[dict], groups: list[list[int]], args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    with open(args.sample_file, "w", encoding="utf-8") as out:
        for n, g in enumerate(rng.sample(groups, min(args.sample, len(groups))), 1):
            out.write(f"## cluster {n} ({len(g)} articles)\n")
            for i in g[:6]:
                r = recs[i]
                date = r["date"].date().isoformat() if r.get("date") else ""
                out.write(f"- {r['id']} | {r.get('source')} | {date} | {r.get('title', '')[:90]}\n")
                out.write(f"    {r.get('body', '')[:160].replace(chr(10), ' ')}\n")
            out.write("\n")
    print(f"sample\t{args.sample_file}")


if __name__ == "__main__":
    main()
