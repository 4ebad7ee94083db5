"""Fixtures shared by every test module: the shared corpus, the sample archive, the small index.

Tests that need ``../shared`` (the real corpus, the relevance data, the real article) take it
through :func:`corpus_path`, :func:`eval_dir` or :func:`fixture_article`, or keep a path into it
at module level: they are marked ``corpus`` automatically (``make test-fast`` leaves them out) and skip with a clear reason when it
is absent; CI always has it. Helpers (data to index, servers, the CLI) are in ``support/``.
"""

from __future__ import annotations

import collections
import pathlib

import pytest
from support.articles import engine_at, write_index

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
FIXTURE_ARTICLE = SHARED / "fixtures" / "albayan-qayyara.txt"
EVAL_DIR = SHARED / "eval" / "dev"
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"
# The fixtures that read ../shared: a test using any of them is a `corpus` test.
SHARED_FIXTURES = frozenset({"corpus_path", "fixture_article", "eval_dir"})


# Not trylast: pytest deselects by mark (-m) in its own hook, which runs after this one only while
# this one is an ordinary hook. The tests/sphinx and tests/browser conftests, registered later,
# still run theirs (cluster, browser marks) before this one.
def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if SHARED_FIXTURES & fixtures or _names_shared(getattr(item, "module", None)):
            item.add_marker(pytest.mark.corpus)
    _heavy_groups_first(items)


# Tests sharing session fixtures dearer than their own run (searchd clusters with 2,000 imported
# articles, one chromium) stay on one pytest-xdist worker; every other module stays whole on one
# worker so that its module fixtures (a corpus index, mined families) are built once.
SHARED_SESSIONS = ("sphinx", "browser")


def worker_group(nodeid: str) -> str:
    """The group of tests one pytest-xdist worker runs together: a directory of
    :data:`SHARED_SESSIONS`, else the test's file."""
    path = nodeid.split("::", 1)[0]
    parts = pathlib.PurePosixPath(path).parts
    return parts[1] if len(parts) > 2 and parts[0] == "tests" and parts[1] in SHARED_SESSIONS else path


# What a test weighs when the groups are ordered: the workers take the heaviest groups first, so
# that a long one does not start last while the other worker has nothing left to do.
WEIGHTS = {"slow": 10, "cluster": 3, "corpus": 3, "browser": 1}


def _heavy_groups_first(items: list) -> None:
    weight: collections.Counter[str] = collections.Counter()
    for item in items:
        weight[worker_group(item.nodeid)] += max((w for mark, w in WEIGHTS.items() if item.get_closest_marker(mark)),
                                               default=0)
    items.sort(key=lambda item: -weight[worker_group(item.nodeid)])  # stable: a file keeps its order


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``make test`` runs ``--dist loadfile``; this groups as :func:`worker_group` says instead
    (``--dist loadgroup`` would need an ``xdist_group`` mark on each test, and pytest 9.2 drops
    the node-id suffix it works by: pytest-dev/pytest-xdist#1386)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False  # the collection order is heaviest first already

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    return ByGroup(config, log)


def _names_shared(module) -> bool:
    """Whether a test module keeps a path into ../shared of its own (and reads it directly)."""
    return any(isinstance(value, pathlib.PurePath) and value.is_relative_to(SHARED)
               for value in vars(module).values()) if module is not None else False


def _need(path: pathlib.Path) -> pathlib.Path:
    if not path.exists():
        pytest.skip(f"needs {path} (../shared is present in CI; not on this machine)")
    return path


@pytest.fixture(scope="session")
def corpus_path() -> pathlib.Path:
    """The SaudiNewsNet corpus (31,030 real articles), or a skip with the reason."""
    return _need(CORPUS)


@pytest.fixture(scope="session")
def fixture_article() -> str:
    """The text of the real Al-Bayan article in ../shared/fixtures."""
    return _need(FIXTURE_ARTICLE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def eval_dir() -> pathlib.Path:
    return _need(EVAL_DIR)


@pytest.fixture(scope="session")
def sample_path() -> pathlib.Path:
    """The bundled sample archive (data/sample/articles.jsonl)."""
    assert SAMPLE.exists(), "data/sample/articles.jsonl is part of the repository"
    return SAMPLE


@pytest.fixture(scope="session")
def bench_module():
    """Imports a ``bench/`` script as a module by name (its measuring functions serve tests too)."""
    import importlib
    import sys

    def load(name: str):
        sys.path.insert(0, str(ROOT / "bench"))
        try:
            return importlib.import_module(name)
        finally:
            sys.path.remove(str(ROOT / "bench"))

    return load


@pytest.fixture(scope="session")
def docs_index(tmp_path_factory) -> pathlib.Path:
    """The index of :data:`support.articles.DOCS`, built once; tests only read it."""
    return write_index(tmp_path_factory.mktemp("docs") / "index")


@pytest.fixture(scope="session")
def engine(docs_index):
    """The engine on :func:`docs_index` (a module with an index of its own defines its own
    ``engine``)."""
    e = engine_at(docs_index)
    yield e
    e.close()
