"""``bench/inflection_probe.py``: the probe runs, and the inflections fixed in ``fahras-ar-12`` to
``fahras-ar-14`` stay fixed over the corpus's common nouns (docs/stemming.md, "The second person",
"The first person plural, an imperfect's plurals and its future", "An imperfect's object and dual,
a plural with my")."""

from __future__ import annotations

from click.testing import CliRunner

from analyzers.stemming import light_stem


def test_the_construct_and_the_second_person_of_common_nouns_meet_them(bench_module):
    probe = bench_module("inflection_probe")
    rows = probe.forms(200, 5)
    for ending in ("تي", "تك", "تكم", "تين", "ته", "تها", "نا"):
        assert len(rows[ending]) >= 5, ending
        by_form, by_token = probe.rates(rows[ending], light_stem)
        assert by_form >= 0.95 and by_token >= 0.95, (ending, by_form, by_token)
    for ending in ("ك", "كم"):  # homographs (سيرك, حالك) and verbs (أملك) stay apart
        assert probe.rates(rows[ending], light_stem)[0] >= 0.75, ending
    # ar-14: a plural with "my" meets the plural (قدراتي); the nisba اماراتي stays apart
    assert probe.rates(rows["اتي"], light_stem)[0] >= 0.7


def test_the_probe_prints_a_row_per_ending(bench_module):
    result = CliRunner().invoke(bench_module("inflection_probe").main, ["--min-uses", "2000"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines and all(" forms " in line and " met " in line for line in lines)
    assert any(line.startswith("تي ") for line in lines)
