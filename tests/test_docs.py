"""The user documentation keeps up with the code: every CLI option is in the README, every word of
the query language in docs/query-language.md."""

from __future__ import annotations

import pathlib

import click

from fahras.cli import main
from search import query_language

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_the_readme_lists_every_option_of_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts + param.secondary_opts:
                    if f"`{opt}" not in readme and f" {opt}" not in readme and f"[{opt}" not in readme:
                        missing.append(f"{name} {opt}")
    assert missing == []


def test_the_query_language_page_names_every_field_and_operator_word():
    page = (ROOT / "docs" / "query-language.md").read_text(encoding="utf-8")
    language = query_language()
    for names in language["fields"].values():
        for name in names:
            assert f"`{name}:" in page, name
    for word in language["or"] + language["not"] + language["and"]:
        assert word.replace("|", "\\|") in page, word
