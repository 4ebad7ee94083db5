"""`fahras search`: text and JSON output, and its errors as one line with the right exit status."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from fahras.cli import main


def test_search_command_text_and_json(docs_index):
    path = str(docs_index)
    runner = CliRunner()
    text = runner.invoke(main, ["search", "الذهب", "--index", path])
    assert text.exit_code == 0 and "results" in text.output and "[الذهب]" in text.output
    out = runner.invoke(main, ["search", "الذهب", "--index", path, "--json", "--limit", "1",
                               "--sort", "newest", "--section", "economy", "--from", "2015-07-01", "--to", "2015-08-31"])
    data = json.loads(out.output)
    assert data["total"] == 2 and len(data["hits"]) == 1 and data["hits"][0]["id"] == "d04"
    assert data["filters"] == {"section": ["economy"]}


@pytest.mark.parametrize(
    "args, code, message",
    [(["x", "--limit", "500"], 2, "per_page"), (["x", "--from", "July"], 2, "YYYY-MM-DD"),
     (["date:2015-99"], 2, "date")],
)
def test_search_command_errors(docs_index, args, code, message):
    path = str(docs_index)
    out = CliRunner().invoke(main, ["search", *args, "--index", path])
    assert out.exit_code == code and message in out.output and "Traceback" not in out.output


def test_search_command_with_nothing_to_search_for_says_why(docs_index):
    out = CliRunner().invoke(main, ["search", "؟", "--index", str(docs_index)])
    assert out.exit_code == 0 and out.output.startswith("0 results") and "no word to search for" in out.output
    data = json.loads(CliRunner().invoke(main, ["search", "AND", "--json", "--index", str(docs_index)]).output)
    assert data["total"] == 0 and data["hits"] == [] and data["message"]
