"""Fixtures of the sphinx backend's tests: real searchd clusters on loopback, stopped by pid.

Every test here needs Debian's ``sphinxsearch`` (``make sphinx-deps``; ``make test`` installs it)
and PyMySQL (the ``sphinx`` extra); without them they skip, saying so.
"""

from __future__ import annotations

import itertools
import os
import pathlib
import shutil
import socket

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "articles.jsonl"


# The fixtures that start searchd: a test using any of them is a `cluster` test (make test-fast
# leaves them out: a cluster costs seconds to start and index).
CLUSTER_FIXTURES = frozenset({"import_file", "make_cluster", "sample_cluster"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if CLUSTER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.cluster)


def _need_sphinx() -> None:
    missing = [t for t in ("searchd", "indexer", "indextool") if shutil.which(t) is None]
    if missing:
        pytest.skip(f"needs Debian's sphinxsearch ({', '.join(missing)} missing): `make sphinx-deps`")
    pytest.importorskip("pymysql", reason="needs PyMySQL: pip install -e '.[sphinx]'")


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


# Each pytest-xdist worker (gw0, gw1 ...) counts in ports of its own, so two never race for one.
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
_next_base = itertools.count(21400 + 2000 * _WORKER, 20)


def _free_port_base(nodes: int) -> int:
    """A port base with ``nodes`` free ports after it (other searchds may be running here)."""
    for base in _next_base:
        if all(_free(base + i) for i in range(nodes)):
            return base
    raise AssertionError("unreachable")


def _import(cluster, path, **kwargs):
    from indexer.sources import read_sources
    from search.sphinx_backend import importer

    return importer.import_records(cluster, read_sources([str(path)]), **kwargs)


@pytest.fixture(scope="session")
def import_file():
    """``import_file(cluster, path, **options)``: the Sphinx import of one source file."""
    _need_sphinx()
    return _import


@pytest.fixture
def make_cluster(tmp_path):
    """``make_cluster(shards=2)``: a started cluster in a fresh directory; every node is stopped by
    its pid when the test ends."""
    from search.sphinx_backend import cluster as cl

    _need_sphinx()
    started = []

    def make(shards: int = 2, name: str = "cluster"):
        directory = tmp_path / name
        started.append(directory)
        return cl.start(directory, shards, _free_port_base(1 + 2 * shards))

    yield make
    for directory in started:
        cl.stop(directory)


@pytest.fixture(scope="session")
def sample_cluster(tmp_path_factory):
    """A 2-shard cluster holding the bundled sample (read-only: tests must not change it)."""
    from search.sphinx_backend import cluster as cl

    _need_sphinx()
    directory = tmp_path_factory.mktemp("sample-cluster")
    cluster = cl.start(directory, 2, _free_port_base(5))
    try:
        summary = _import(cluster, SAMPLE)
        assert summary.indexed == len(SAMPLE.read_text(encoding="utf-8").splitlines())
        yield cluster
    finally:
        cl.stop(directory)


@pytest.fixture(scope="session")
def sample_whoosh(tmp_path_factory):
    """A Whoosh index of the same sample, for side-by-side comparisons."""
    from indexer.importer import import_records
    from indexer.sources import read_sources

    index_dir = tmp_path_factory.mktemp("sample-whoosh") / "ix"
    import_records(index_dir, read_sources([str(SAMPLE)]))
    return index_dir


@pytest.fixture
def both_engines(make_cluster, import_file, tmp_path):
    """``both_engines(records, **settings)``: (a Whoosh engine, a Sphinx engine on a new 2-shard
    cluster), each holding ``records``, no time limit; closed when the test ends."""
    from support.articles import engine_at, import_jsonl, write_jsonl

    opened = []

    def make(records: list[dict], **settings):
        path = write_jsonl(tmp_path / "records.jsonl", records)
        import_jsonl(tmp_path / "whoosh", path)
        cluster = make_cluster()
        import_file(cluster, path)
        opened.append(engine_at(tmp_path / "whoosh", query_time_limit=None, **settings))
        opened.append(engine_at(tmp_path / "unused", backend="sphinx", cluster=str(cluster.directory),
                                query_time_limit=None, **settings))
        return opened[-2], opened[-1]

    yield make
    for engine in opened:
        engine.close()
