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


def test_search_command_lists_full_matches_then_partial_ones(docs_index):
    """وزارة الصحة: d01 has both words; the articles with one of them follow, under a heading."""
    path = str(docs_index)
    runner = CliRunner()
    data = json.loads(runner.invoke(main, ["search", "وزارة الصحة", "--index", path, "--json"]).output)
    flags = [h["matched_all"] for h in data["hits"]]
    assert flags[0] and False in flags and flags == sorted(flags, reverse=True)
    assert data["total_all"] == flags.count(True) and data["total_partial"] == flags.count(False)
    assert all(h["missing"] for h in data["hits"] if not h["matched_all"])
    text = runner.invoke(main, ["search", "وزارة الصحة", "--index", path]).output
    heading = text.index("-- results with some of your words --")
    assert f"{data['total_all']} with every word" in text
    assert text.index(data["hits"][0]["id"]) < heading < text.index("missing: ")
