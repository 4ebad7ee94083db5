"""Measuring one build in a child process, and builds side by side in rounds.

Why one module: ``bench/peers.py`` (Fahras beside FTS5 and tantivy) and ``bench/index.py`` (Fahras
beside plain Whoosh) time builds the same way, and their figures are only comparable if they are
taken the same way: wall time; CPU time and peak RSS of the whole process tree from ``os.wait4``
(a child's rusage includes the children it reaped, such as ``--procs`` workers); the peak PSS
summed over the tree, sampled, since forked workers share pages that summed RSS would count twice;
and rounds in alternating order, the fastest run of each build kept, so a burst of someone else's
load on this shared machine does not land on one build only.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import click


def _tree(root: int) -> list[int]:
    """``root`` and every live descendant, from ``/proc/*/stat`` (no psutil needed for this)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            # The command name may hold spaces and parentheses: the fields start after the last ')'.
            parents[int(entry.name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return tree


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process tree until stopped; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kb = pid, every, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.every):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _tree(self.pid)))

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak_kb


@dataclass
class Child:
    """What one child process cost, and what it printed."""

    seconds: float
    cpu_s: float
    peak_rss_mb: float  # the largest process of the tree (ru_maxrss, KiB on Linux)
    peak_tree_pss_mb: float  # every process of the tree, summed
    stdout: str


def run_child(cmd: list[str], what: str) -> Child:
    """Run ``cmd`` to its end and measure it; a failure is a ClickException naming ``what``."""
    # Output goes to files, not pipes: a child that printed more than a pipe holds would block.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        memory = TreeMemory(proc.pid)
        memory.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        peak_tree_kb = memory.stop()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if status != 0:
        raise click.ClickException(f"{what} build failed: {stderr.strip()[-2000:]}")
    return Child(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                 peak_tree_kb / 1024, stdout)


def in_rounds(names: list[str], rounds: int,
              build: Callable[[str], dict]) -> tuple[list[dict], dict[str, dict]]:
    """Every run of every build (order reversed each round) and the fastest run of each build."""
    runs: list[dict] = []
    for r in range(rounds):
        for name in names if r % 2 == 0 else names[::-1]:
            result = build(name) | {"round": r + 1}
            runs.append(result)
            click.echo(json.dumps(result, ensure_ascii=False), err=True)
    best: dict[str, dict] = {}
    for result in runs:
        if result["engine"] not in best or result["seconds"] < best[result["engine"]]["seconds"]:
            best[result["engine"]] = result
    return runs, best
