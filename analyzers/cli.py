"""``fahras analyze``: show what the index stores for a text, one token a line."""

from __future__ import annotations

import re
import sys

import click

from analyzers.pipeline import FIELD_KINDS, analyze

# Undecodable bytes on the command line arrive as lone surrogates (PEP 383); they cannot be printed,
# so each becomes U+FFFD, one character for one, which keeps every offset valid.
_SURROGATES = re.compile("[\ud800-\udfff]")


@click.command("analyze")
@click.option(
    "--field",
    type=click.Choice(FIELD_KINDS),
    default="text",
    show_default=True,
    help="text: stemmed fields; exact: folded, unstemmed; roots: the roots field.",
)
@click.argument("text")
def analyze_command(field: str, text: str) -> None:
    """Print the terms of TEXT as term<TAB>start<TAB>end (offsets into TEXT). '-' reads stdin."""
    if text == "-":
        text = sys.stdin.read()
    text = _SURROGATES.sub("\ufffd", text)
    out = [f"{term}\t{start}\t{end}" for term, start, end in analyze(text, field)]
    if out:
        click.echo("\n".join(out))


def register(group: click.Group) -> None:
    """Add ``analyze`` to the ``fahras`` group."""
    group.add_command(analyze_command)
