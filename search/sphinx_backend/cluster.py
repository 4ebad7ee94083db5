"""Local Sphinx clusters for development and tests: N shard nodes and one coordinator on loopback.

``fahras cluster start --shards N --dir DIR`` lays out ``DIR``::

    DIR/cluster.json                 shards, ports, roles (what every other command reads)
    DIR/global.idf                   document frequencies over all shards (indextool --buildidf)
    DIR/coordinator/sphinx.conf      a distributed index ``fahras`` over the shards
    DIR/shardK/sphinx.conf           plain indexes ``main`` + ``delta``
    DIR/shardK/store.sqlite          originals and analysed tokens (search.sphinx_backend.store)
    DIR/shardK/data/                 index files; searchd.pid, searchd.log, query.log

starts one ``searchd`` per node on 127.0.0.1, waits until each answers SphinxQL, and stops them by
the pid each wrote. A cluster can also be the ``host:port`` of a coordinator someone else runs
(:func:`locate`): search needs only that address.
"""

from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
import signal
import subprocess
import time
from dataclasses import asdict, dataclass, field

from indexer.errors import IndexProblem
from indexer.lock import pid_alive
from search.sphinx_backend import client, config
from search.sphinx_backend.config import DEFAULT_PORT_BASE

MANIFEST = "cluster.json"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0


class ClusterError(IndexProblem):
    """A cluster that cannot be set up, started or found; the message is one line for the user
    (an index problem: exit 1 on the CLI, 503 on the web)."""


@dataclass
class Node:
    name: str  # coordinator, shard0, shard1, ...
    role: str  # coordinator | shard
    port: int  # SphinxQL
    api_port: int | None = None  # Sphinx's binary API, which the coordinator's agents speak


@dataclass
class Cluster:
    """A cluster directory, or (``directory`` None) a coordinator someone else runs."""

    host: str
    coordinator_port: int
    directory: pathlib.Path | None = None
    nodes: list[Node] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.coordinator_port}"

    @property
    def shards(self) -> list[Node]:
        return [n for n in self.nodes if n.role == "shard"]

    def node_dir(self, node: Node) -> pathlib.Path:
        assert self.directory is not None
        return self.directory / node.name

    def conf(self, node: Node) -> pathlib.Path:
        return self.node_dir(node) / "sphinx.conf"

    def store_path(self, node: Node) -> pathlib.Path:
        return self.node_dir(node) / "store.sqlite"

    @property
    def global_idf(self) -> pathlib.Path:
        assert self.directory is not None
        return self.directory / "global.idf"

    def pid(self, node: Node) -> int | None:
        """The pid of the node's searchd when it is running, else None."""
        try:
            pid = int((self.node_dir(node) / "searchd.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if pid_alive(pid) else None


def load(directory: str | pathlib.Path) -> Cluster:
    directory = pathlib.Path(directory)
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClusterError(
            f"{directory} holds no cluster: create one with `fahras cluster start --shards N --dir {directory}`"
        ) from None
    except (OSError, ValueError) as err:
        raise ClusterError(f"{directory / MANIFEST} cannot be read ({err})") from None
    nodes = [Node(**n) for n in data["nodes"]]
    coordinator = next(n for n in nodes if n.role == "coordinator")
    return Cluster(data["host"], coordinator.port, directory.resolve(), nodes)


def locate(spec: str) -> Cluster:
    """A cluster from ``--cluster``/``$FAHRAS_CLUSTER``: a directory made by ``cluster start``, or
    the ``host:port`` of a coordinator."""
    path = pathlib.Path(spec)
    if (path / MANIFEST).exists() or path.is_dir():
        return load(path)
    host, sep, port = spec.rpartition(":")
    if sep and host and port.isdigit():
        return Cluster(host, int(port))
    raise ClusterError(f"--cluster {spec!r} is neither a cluster directory nor host:port")


def tools() -> None:
    """Raise a clear error when Sphinx's programs are not installed."""
    missing = [t for t in ("searchd", "indexer", "indextool") if shutil.which(t) is None]
    if missing:
        raise ClusterError(
            f"{', '.join(missing)} not found: install Sphinx (`apt-get install sphinxsearch`, "
            "or `make sphinx-deps`)"
        )


def create(directory: str | pathlib.Path, shards: int, port_base: int = DEFAULT_PORT_BASE) -> Cluster:
    """Write the layout of a new cluster (or return the existing one if it matches, its nodes'
    configuration written again: a cluster made by an older Fahras runs with this one's settings)."""
    directory = pathlib.Path(directory).resolve()
    if (directory / MANIFEST).exists():
        cluster = load(directory)
        if len(cluster.shards) != shards:
            raise ClusterError(
                f"{directory} already holds a cluster of {len(cluster.shards)} shards, not {shards}"
            )
        write_configs(cluster)
        return cluster
    if shards < 1:
        raise ClusterError("a cluster needs at least one shard")
    nodes = [Node("coordinator", "coordinator", port_base)]
    nodes += [Node(f"shard{k}", "shard", port_base + 1 + k, port_base + 1 + shards + k) for k in range(shards)]
    cluster = Cluster(config.HOST, port_base, directory, nodes)
    directory.mkdir(parents=True, exist_ok=True)
    for node in nodes:
        (directory / node.name / "data").mkdir(parents=True, exist_ok=True)
    write_configs(cluster)
    manifest = {"version": 1, "host": config.HOST, "nodes": [asdict(n) for n in nodes]}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return cluster


def write_configs(cluster: Cluster) -> None:
    api_ports = [n.api_port for n in cluster.shards]
    for node in cluster.nodes:
        node_dir = cluster.node_dir(node)
        if node.role == "coordinator":
            text = config.coordinator_config(node_dir, node.port, api_ports)
        else:
            text = config.shard_config(node_dir, node.port, node.api_port, cluster.global_idf)
        cluster.conf(node).write_text(text, encoding="utf-8")


def _index_files_exist(cluster: Cluster, node: Node, name: str) -> bool:
    data = cluster.node_dir(node) / "data"
    return (data / f"{name}.sph").exists() or (data / f"{name}.new.sph").exists()


def prepare(cluster: Cluster) -> None:
    """Before a start: build the (empty) indexes a new shard lacks, promote index files an import
    left for a searchd that was not running, and write the global IDF."""
    from search.sphinx_backend import importer

    for node in cluster.shards:
        _promote_new(cluster.node_dir(node) / "data")
        for name in config.INDEXES:
            if not _index_files_exist(cluster, node, name):
                importer.run_indexer(cluster, node, [name], rotate=False)
    if not cluster.global_idf.exists():
        importer.build_global_idf(cluster)


def _promote_new(data: pathlib.Path) -> None:
    """``indexer --rotate`` writes ``NAME.new.*`` for searchd to pick up; a searchd that is not
    running never does, so a start does it first."""
    for new in data.glob("*.new.*"):
        new.replace(new.with_name(new.name.replace(".new.", ".", 1)))


def start(directory: str | pathlib.Path, shards: int, port_base: int = DEFAULT_PORT_BASE) -> Cluster:
    """Create the cluster if need be and start every node that is not running; returns it once
    every node answers."""
    tools()
    cluster = create(directory, shards, port_base)
    prepare(cluster)
    for node in cluster.shards + [n for n in cluster.nodes if n.role == "coordinator"]:
        start_node(cluster, node)
    from search.sphinx_backend import importer

    importer.resume(cluster)  # what a stopped import committed is indexed now
    return cluster


def start_node(cluster: Cluster, node: Node) -> int:
    """Start one node's searchd (if not running) and wait until it answers; its pid."""
    pid = cluster.pid(node)
    if pid is not None and client.answers(cluster.host, node.port):
        return pid
    if client.answers(cluster.host, node.port):
        raise ClusterError(f"port {node.port} is taken by another program: choose another --port-base")
    if node.role == "shard":
        _promote_new(cluster.node_dir(node) / "data")
    log = cluster.node_dir(node) / "start.log"
    with open(log, "w") as out:
        done = subprocess.run(["searchd", "--config", str(cluster.conf(node))], stdout=out,
                              stderr=subprocess.STDOUT, timeout=START_TIMEOUT)
    if done.returncode != 0:
        raise ClusterError(f"searchd of {node.name} did not start: see {log}")
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        pid = cluster.pid(node)
        if pid is not None and client.answers(cluster.host, node.port):
            return pid
        time.sleep(0.05)
    raise ClusterError(f"searchd of {node.name} did not answer on port {node.port} within "
                       f"{START_TIMEOUT:.0f} s: see {cluster.node_dir(node) / 'searchd.log'}")


def stop(directory: str | pathlib.Path, names: list[str] | None = None) -> list[str]:
    """Stop the nodes (all, or those named) by pid; the names of those that were running."""
    cluster = load(directory)
    stopped = []
    for node in cluster.nodes:
        if names and node.name not in names:
            continue
        if stop_node(cluster, node):
            stopped.append(node.name)
    return stopped


def stop_node(cluster: Cluster, node: Node, sig: int = signal.SIGTERM) -> bool:
    pid = cluster.pid(node)
    if pid is None:
        return False
    # Either kill may find the process gone: it can exit between a look and the signal (a
    # searchd slow to stop on a loaded machine ended just before its SIGKILL).
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline and pid_alive(pid):
        time.sleep(0.05)
    if pid_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        while pid_alive(pid):
            time.sleep(0.05)
    with contextlib.suppress(OSError):
        (cluster.node_dir(node) / "searchd.pid").unlink()
    return True


def node_documents(cluster: Cluster, node: Node) -> int | None:
    """Documents a node serves (the coordinator: over all shards that answer), None when down."""
    index = config.DISTRIBUTED if node.role == "coordinator" else ",".join(config.INDEXES)
    try:
        with client.connect(cluster.host, node.port, timeout=5) as conn:
            conn.execute(f"SELECT id FROM {index} LIMIT 0")
            return int(conn.meta().get("total_found", 0))
    except client.EngineUnavailable:
        return None


def status(directory: str | pathlib.Path) -> dict:
    """``{"nodes": [{"name", "role", "port", "pid", "running", "documents"}]}``."""
    cluster = load(directory)
    nodes = []
    for node in cluster.nodes:
        pid = cluster.pid(node)
        nodes.append({
            "name": node.name,
            "role": node.role,
            "port": node.port,
            "pid": pid,
            "running": pid is not None,
            "documents": node_documents(cluster, node) if pid is not None else None,
        })
    return {"address": cluster.address, "nodes": nodes}
