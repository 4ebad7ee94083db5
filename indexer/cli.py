"""The ``fahras`` command: a click group gathering each package's subcommands.

Each subcommand is a small function in its own package (``analyzers/cli.py``, ``indexer/``,
``search/``, ``web/``) that calls the library; this module only wires them together.
"""

from __future__ import annotations

import click

from analyzers.cli import analyze_command
from indexer.commands import delete_command, index_command, stats_command
from search.cli import eval_command, search_command
from web.cli import serve_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fahras")
def main() -> None:
    """Fahras (فهرس): full-text search for Arabic news archives."""


main.add_command(analyze_command)
main.add_command(search_command)
main.add_command(eval_command)
main.add_command(index_command)
main.add_command(stats_command)
main.add_command(delete_command)
main.add_command(serve_command)
