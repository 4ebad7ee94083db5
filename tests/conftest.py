"""Fixtures shared by every test module: where the shared corpus and the sample archive live.

Tests that need ``../shared`` (the real corpus, the relevance data) skip with a clear reason when it
is absent; CI always has it.
"""

from __future__ import annotations

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpora" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
FIXTURE_ARTICLE = SHARED / "fixtures" / "albayan-qayyara.txt"
EVAL_DIR = SHARED / "eval" / "dev"
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"


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

