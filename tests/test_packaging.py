"""What `fahras serve` runs on is installed by `pip install .` alone, not by the test extras.

gunicorn's gevent worker imports ``packaging``, which gunicorn declares only under its ``gevent``
extra; the test extras brought it in (pytest needs it), so every test passed while ``make run``
from a fresh clone failed. Here each worker class's imports are checked against the runtime
requirements of the installed ``fahras`` and everything they require in turn.
"""

from __future__ import annotations

import ast
import importlib.util
import pathlib
import sys
from importlib import metadata

import pytest
from packaging.requirements import Requirement

from web.cli import WORKER_CLASSES

WORKER_MODULES = {"gevent": "gunicorn.workers.ggevent", "gthread": "gunicorn.workers.gthread",
                  "sync": "gunicorn.workers.sync"}


def runtime_closure(dist: str, extras: frozenset[str] = frozenset()) -> set[str]:
    """The normalised names of ``dist`` and every distribution its runtime requirements (with
    ``extras``) pull in, as installed here."""
    seen: set[str] = set()
    todo = [(dist, extras)]
    while todo:
        name, wanted = todo.pop()
        key = name.lower().replace("_", "-")
        if (key, wanted) in seen:
            continue
        seen.add((key, wanted))
        for line in metadata.requires(name) or []:
            req = Requirement(line)
            if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in wanted | {""}):
                todo.append((req.name, frozenset(req.extras)))
    return {key for key, _extras in seen}


def third_party_imports(module: str) -> set[str]:
    """The top-level packages ``module`` imports anywhere in its source, the standard library left
    out (gunicorn's gevent worker imports ``packaging`` inside a ``try``)."""
    tree = ast.parse(pathlib.Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names}


@pytest.mark.parametrize("worker_class", WORKER_CLASSES)
def test_every_worker_class_runs_on_the_runtime_requirements(worker_class):
    installed = runtime_closure("fahras")
    providers = metadata.packages_distributions()
    for package in third_party_imports(WORKER_MODULES[worker_class]):
        dists = {d.lower().replace("_", "-") for d in providers.get(package, [package])}
        assert dists & installed, f"{worker_class}: {package} is not a runtime requirement of fahras"
