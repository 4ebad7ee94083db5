"""Where the Sphinx import's CPU goes: every Python process of the import sampled, stage by stage.

``bench/sphinx_import.py`` says how many CPU seconds the whole import takes (parent, pool,
build); this says where inside them. It runs that import under ``py-spy record --subprocesses``
(every process of the tree sampled from outside, so the workers need no profiler of their own;
py-spy pauses a process for a moment at each sample, a little CPU, not a distortion by function) and sums the samples into the import's stages: the pool's field terms
(the per-token dictionary reads), the words new to a worker rule by rule (exact forms, light stem,
root, the caches' bookkeeping), the near-duplicate keys step by step, the Sphinx fields, the
rows' packing; the parent's reading, validation, side-store writes, stories and pool traffic; the
build's feed. ``indexer`` (C++) is not sampled: its share is the build's CPU less the feed's.

Shares are of the samples, which py-spy takes of a process whenever it is not idle: on a loaded
machine a process waiting for a core counts as running, so read the shares, not seconds, and
compare two profiles taken side by side. py-spy is a development tool, not a dependency
(``pip install py-spy``; it reads other processes' memory, which a container may forbid).

    python bench/import_profile.py SOURCE --cluster var/bench/p31k --shards 1 --procs 2 --port-base 9800
    python bench/import_profile.py --raw var/bench/p31k.txt   # summarise a recorded profile again
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# (stage, what a stack must hold to be in it), first match wins; within the process kinds below.
WORKER_STAGES = (
    ("new word: root", ("_Filling.__missing__", "_computed_root")),
    ("new word: light stem", ("_Filling.__missing__", "light_stem")),
    ("new word: exact forms", ("_Filling.__missing__", "_exact_forms_of_token")),
    ("new word: caches' bookkeeping", ("_Filling.__missing__", "MemoCache.add")),
    ("new word: other", ("_Filling.__missing__",)),
    ("near keys: shingle values (word hashes)", ("near_of_words", "shingle_values")),
    ("near keys: MinHash permutations", ("near_of_words", "_signature")),
    ("near keys: bands, sketch", ("near_of_words",)),
    ("field terms (known words: regex, dict reads)", ("field_terms",)),
    ("to_fields (cleaning, dates, ids)", ("to_fields",)),
    ("Sphinx fields (assemble)", ("assemble",)),
    ("row packing (JSON, deflate)", ("packed",)),
    ("pool traffic (pickling, pipes)", ("_sendback_result",)),
    ("pool traffic (pickling, pipes)", ("_ConnectionBase",)),
)
PARENT_STAGES = (
    ("reading (gzip, JSON)", ("read_source",)),
    ("validation (cleaning)", ("admit",)),
    ("side-store writes (SQLite)", ("write_packed",)),
    ("stories: stored keys looked up", ("_stored_stories",)),
    ("stories: loose keys' sketches looked up", ("_stored_sketches",)),
    ("stories: assigned, rows re-packed", ("_in_story",)),
    ("stories: assigned, rows re-packed", ("Stories",)),
    ("tables loaded before the fork", ("load_tables",)),
    ("pool traffic (pickling, pipes)", ("Queue._feed",)),
    ("pool traffic (pickling, pipes)", ("_ExecutorManagerThread",)),
    ("build: vocabulary, global IDF, reload", ("build",)),
)
_LOCATION = re.compile(r" \([^()]*\)$")


def stage_of(stack: list[str]) -> tuple[str, str]:
    """(process kind, stage) of one sampled stack (``process …`` entries first, then frames)."""
    processes = [f for f in stack if f.startswith("process ")]
    frames = [_LOCATION.sub("", f) for f in stack if not f.startswith("process ")]
    if "search.sphinx_backend.feed" in processes[-1]:
        return "build", "feed (inflate, JSON, XML)"
    kind, stages = ("pool", WORKER_STAGES) if "_process_worker" in frames else ("parent", PARENT_STAGES)
    for stage, needles in stages:
        if all(any(n == f or n in f.split(".") for f in frames) for n in needles):
            return kind, stage
    return kind, "other"


def summarise(raw: pathlib.Path) -> None:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        if stack and n.isdigit():
            counts[stage_of(stack.split(";"))] += int(n)
    total = sum(counts.values())
    kinds: collections.Counter[str] = collections.Counter()
    for (kind, _stage), n in counts.items():
        kinds[kind] += n
    print(f"{total} samples of the import's Python processes ({raw})")
    for kind, n in kinds.most_common():
        print(f"\n{kind:<48} {100 * n / total:5.1f}%")
        for (k, stage), m in sorted(counts.items(), key=lambda item: -item[1]):
            if k == kind:
                print(f"  {stage:<46} {100 * m / total:5.1f}%")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="*")
    ap.add_argument("--raw", type=pathlib.Path, help="py-spy's raw output: written by a run, or read alone")
    ap.add_argument("--rate", type=int, default=50, help="samples a second per process")
    ap.add_argument("--cluster", default="var/bench/p31k")
    ap.add_argument("--shards", type=int, default=1)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--port-base", type=int, default=9800)
    args = ap.parse_args()
    if args.source:
        spy = shutil.which("py-spy") or str(pathlib.Path(sys.executable).parent / "py-spy")
        raw = args.raw or pathlib.Path(f"{args.cluster}.txt")
        raw.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([spy, "record", "--subprocesses", "--rate", str(args.rate), "--format", "raw",
                        "-o", str(raw), "--", sys.executable, str(ROOT / "bench" / "sphinx_import.py"),
                        *args.source, "--cluster", args.cluster, "--shards", str(args.shards),
                        "--procs", str(args.procs), "--port-base", str(args.port_base)], check=True)
        args.raw = raw
    if args.raw is None:
        ap.error("give a SOURCE to import, or --raw FILE to summarise")
    summarise(args.raw)


if __name__ == "__main__":
    main()
