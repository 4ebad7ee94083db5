"""``fahras cluster start|status|stop``: local Sphinx clusters (:mod:`search.sphinx_backend.cluster`).

Errors a user can act on (Sphinx not installed, a port taken, no cluster in DIR) print one line on
stderr and exit 1, never a traceback (:mod:`fahras.options`). The cluster code (and its SphinxQL
client, the ``sphinx`` extra) loads only when a ``cluster`` command runs.
"""

from __future__ import annotations

import json
import sys

import click

from fahras.options import reported
from indexer.errors import IndexProblem
from search.sphinx_backend.config import DEFAULT_PORT_BASE


def _user_errors():
    return reported(problems=(IndexProblem,))


_dir_option = click.option("--dir", "directory", required=True, metavar="DIR",
                           type=click.Path(file_okay=False), help="The cluster's directory.")


@click.group("cluster")
def cluster_group() -> None:
    """Local Sphinx clusters: N shard nodes and a coordinator on 127.0.0.1."""


@cluster_group.command("start")
@click.option("--shards", required=True, type=click.IntRange(1, 64), help="Shard nodes.")
@_dir_option
@click.option("--port-base", default=DEFAULT_PORT_BASE, show_default=True,
              type=click.IntRange(1024, 65000),
              help="The coordinator's port; shard K answers SphinxQL on P+1+K and its agent "
                   "protocol on P+1+N+K.")
def start_command(shards: int, directory: str, port_base: int) -> None:
    """Create the cluster in DIR if need be, start its nodes and print the coordinator's host:port."""
    from search.sphinx_backend import cluster as cluster_mod

    with _user_errors():
        cluster = cluster_mod.start(directory, shards, port_base)
    click.echo(cluster.address)


@cluster_group.command("status")
@_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object.")
def status_command(directory: str, as_json: bool) -> None:
    """Each node's role, port, pid and documents (exit 1 when a node is down)."""
    from search.sphinx_backend import cluster as cluster_mod

    with _user_errors():
        status = cluster_mod.status(directory)
    if as_json:
        click.echo(json.dumps(status, indent=2))
    else:
        click.echo(f"coordinator  {status['address']}")
        click.echo(f"{'node':<12} {'role':<12} {'port':>6} {'pid':>8} {'documents':>10}")
        for n in status["nodes"]:
            docs = "down" if n["documents"] is None else n["documents"]
            click.echo(f"{n['name']:<12} {n['role']:<12} {n['port']:>6} {n['pid'] or '-':>8} {docs:>10}")
    if not all(n["running"] for n in status["nodes"]):
        sys.exit(1)


@cluster_group.command("stop")
@_dir_option
@click.option("--node", "nodes", multiple=True, metavar="NAME",
              help="Stop only this node (coordinator, shard0, ...); repeat for several.")
def stop_command(directory: str, nodes: tuple[str, ...]) -> None:
    """Stop the cluster's nodes by the pids they wrote."""
    from search.sphinx_backend import cluster as cluster_mod

    with _user_errors():
        stopped = cluster_mod.stop(directory, list(nodes) or None)
    click.echo(f"stopped {len(stopped)}" + (f": {', '.join(stopped)}" if stopped else ""))


def register(group: click.Group) -> None:
    """Add ``cluster`` to the ``fahras`` group."""
    group.add_command(cluster_group)
