"""The ``fahras`` command: a click group; each package registers its own subcommands.

``analyzers`` (``analyze``), ``indexer`` (``index``, ``stats``, ``delete``), ``search``
(``search``), ``search.evaluation`` (``eval``), ``search.sphinx_backend`` (``cluster``) and ``web``
(``serve``) each keep their commands in their own ``cli.py`` and add them here with
``register(group)``; this module only wires them together.
"""

from __future__ import annotations

import click

import analyzers.cli
import indexer.cli
import search.cli
import search.evaluation.cli
import search.sphinx_backend.cli
import web.cli
from fahras import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="fahras", message="%(prog)s %(version)s")
def main() -> None:
    """Fahras (فهرس): full-text search for Arabic news archives."""


for package_cli in (analyzers.cli, indexer.cli, search.cli, search.evaluation.cli, search.sphinx_backend.cli,
                    web.cli):
    package_cli.register(main)
