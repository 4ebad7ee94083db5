"""`fahras search`: text and JSON output, and its errors as one line with the right exit status."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from support.cli import fahras
from support.webcorpus import build_index

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
    months = runner.invoke(main, ["search", "الذهب", "--index", path, "--json", "--limit", "1",
                                  "--sort", "newest", "--section", "economy", "--from", "2015-07", "--to", "2015-08"])
    assert json.loads(months.output) | {"took_ms": 0} == data | {"took_ms": 0}  # whole months: the same days


def test_one_result_is_singular_and_a_page_past_the_end_says_where_they_end(docs_index):
    path = str(docs_index)
    runner = CliRunner()
    one = runner.invoke(main, ["search", "السويس", "--index", path])  # d05 only
    assert one.exit_code == 0 and one.output.startswith("1 result (showing 1-1)"), one.output
    past = runner.invoke(main, ["search", "الذهب", "--index", path, "--page", "9"])
    assert past.exit_code == 0, past.output
    assert past.output.splitlines()[:2] == ["2 results", "there is no page 9: the results end on page 1"]


@pytest.mark.parametrize(
    "args, code, message",
    [(["x", "--limit", "500"], 2, "--limit must be between 1 and 100"), (["x", "--limit", "0"], 2, "--limit must"),
     (["x", "--page", "0"], 2, "--page must be a whole number"), (["x", "--from", "July"], 2, "YYYY-MM-DD, YYYY-MM or YYYY"),
     (["x", "--to", "2015-02-29"], 2, "--to '2015-02-29' is not a date"),
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


def test_a_query_may_start_with_a_minus_and_run_over_several_words(docs_index):
    path = str(docs_index)
    every = json.loads(CliRunner().invoke(main, ["search", "--index", path, "--json", "--limit", "50", "-النفط"]).output)
    assert every["total"] == 9 and "d09" not in {h["id"] for h in every["hits"]}
    both = CliRunner().invoke(main, ["search", "الذهب", "-النفط", "--index", path, "--json"])
    assert both.exit_code == 0 and [h["id"] for h in json.loads(both.output)["hits"]] == ["d04"]
    assert json.loads(both.output)["query"] == "الذهب -النفط"


def test_a_mistyped_option_is_not_taken_for_the_query(docs_index):
    out = CliRunner().invoke(main, ["search", "--limt", "3", "النفط", "--index", str(docs_index)])
    assert out.exit_code == 2 and "no such option: --limt" in out.output


def test_help_shows_the_operators_in_both_languages_and_the_arabic_field_names():
    out = CliRunner().invoke(main, ["search", "--help"])
    assert out.exit_code == 0
    for shown in ("-النفط", "NOT النفط", "ليس النفط", "الذهب أو النفط", "OR", '"قناة السويس"', "كتا*", "~2",
                  "عنوان", "نص", "مصدر", "قسم", "كاتب", "جذر", "تاريخ", "وسم", "date:"):
        assert shown in out.output, shown


def test_the_console_script_takes_a_query_starting_with_a_minus(docs_index):
    out = fahras("search", "-النفط", "--index", docs_index)
    assert out.returncode == 0 and out.stdout.startswith("9 results"), out.stderr


def test_a_misspelt_query_shows_the_corrections_results_unless_told_not_to(tmp_path):
    index = str(build_index(tmp_path / "index"))
    out = CliRunner().invoke(main, ["search", "التعلبم", "--index", index])
    assert out.exit_code == 0 and out.output.startswith("24 results")
    assert "showing results for: التعليم (nothing found for: التعلبم)" in out.output
    typed = CliRunner().invoke(main, ["search", "التعلبم", "--no-autocorrect", "--json", "--index", index])
    assert json.loads(typed.output)["total"] == 0
    # a word the news writes (learning) is no slip of التعليم: offered, not searched in its place
    word = json.loads(CliRunner().invoke(main, ["search", "التعلم", "--json", "--index", index]).output)
    assert (word["total"], word["corrected_query"], word["suggestion"]) == (0, None, "التعليم")


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
