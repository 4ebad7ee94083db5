"""The import rules that keep the packages layered, checked by reading every module's imports.

From the bottom up: ``fahras.options`` (the CLI's shared pieces, a leaf) < ``analyzers`` <
``indexer`` < ``search`` < ``web`` and ``search.evaluation`` < ``fahras.cli`` (the command, which
gathers them all). Writing never depends on reading or HTTP; the web app sees only the search
façade; the runtime never loads the evaluation; shared search code knows no engine; only the Whoosh
backend's postings adapter reads Whoosh's private state.
"""

from __future__ import annotations

import ast
import pathlib
import sys

import pytest

from search.whoosh_backend.postings import PRIVATE_API

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("fahras", "analyzers", "indexer", "search", "web")

# package (or module) -> the project packages it must never import
FORBIDDEN = {
    "fahras.options": {"analyzers", "indexer", "search", "web", "whoosh"},
    "analyzers": {"indexer", "search", "web", "fahras.cli"},
    "indexer": {"search", "web", "fahras.cli"},
    "search": {"web", "search.evaluation", "fahras.cli"},
    "search.evaluation": {"web", "fahras.cli"},
    "web": {"whoosh", "analyzers", "indexer", "search.evaluation", "fahras.cli"},
}


def modules() -> list[tuple[str, pathlib.Path]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.append((".".join(p for p in parts if p != "__init__"), path))
    return found


def imports(path: pathlib.Path) -> set[str]:
    """Every module name an ``import`` or ``from ... import`` of the file names (at any depth)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def rule_for(module: str) -> set[str]:
    for owner in sorted(FORBIDDEN, key=len, reverse=True):
        if _under(module, owner):
            return FORBIDDEN[owner]
    return set()


@pytest.mark.parametrize("module, path", modules(), ids=lambda v: v if isinstance(v, str) else "")
def test_no_module_imports_a_layer_above_it(module, path):
    broken = sorted(name for name in imports(path) for banned in rule_for(module) if _under(name, banned))
    assert not broken, f"{module} ({path.relative_to(ROOT)}) imports {broken}: against the layers"


def test_shared_search_code_knows_no_engine():
    """Only search/whoosh_backend/ imports whoosh; the rest of search/ is what every backend shares.
    The evaluation's comparison indexes are Whoosh indexes on purpose (other analyses measured under
    one ranking, whichever backend serves), and it sits beside the runtime, never loaded by it."""
    exempt = ("search.whoosh_backend", "search.evaluation")
    offenders = {module: sorted(n for n in imports(path) if _under(n, "whoosh"))
                 for module, path in modules()
                 if _under(module, "search") and not any(_under(module, e) for e in exempt)}
    assert not {m: names for m, names in offenders.items() if names}


def test_only_the_postings_adapter_reads_whooshs_private_state():
    private = {attr for attrs in PRIVATE_API.values() for attr in attrs}
    readers = {}
    for module, path in modules():
        if module == "search.whoosh_backend.postings":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)} & private
        if used:
            readers[module] = sorted(used)
    assert not readers, f"Whoosh private attributes read outside postings.py: {readers}"


def test_the_console_script_is_the_fahras_package():
    tomllib = pytest.importorskip("tomllib") if sys.version_info >= (3, 11) else pytest.importorskip("tomli")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["fahras"] == "fahras.cli:main"
    assert not (ROOT / "indexer" / "cli.py").read_text(encoding="utf-8").count("click.group")


def test_no_test_module_imports_another():
    """Tests share helpers through tests/support/ and fixtures through conftest.py, never by
    importing each other (which runs the other module's collection-time code twice)."""
    tests = ROOT / "tests"
    test_modules = {p.stem for p in tests.rglob("test_*.py")}
    offenders = {str(p.relative_to(ROOT)): sorted(n for n in imports(p) if n.split(".")[0] in test_modules)
                 for p in tests.rglob("*.py")}
    assert not {path: names for path, names in offenders.items() if names}
