"""`fahras analyze` through click's runner and through the installed console script."""

import pathlib
import subprocess
import sys

import pytest
from click.testing import CliRunner

from fahras.cli import main


def run(*args):
    result = CliRunner().invoke(main, ["analyze", *args])
    assert result.exception is None, result.output
    assert result.exit_code == 0
    return result.output


def test_one_token_a_line_with_offsets():
    assert run("وَالكِتَابُ جديد").splitlines() == ["كتاب\t0\t11", "جديد\t12\t16"]


def test_fields():
    assert run("--field", "exact", "في الكتاب") == "في\t0\t2\nالكتاب\t3\t9\n"
    assert run("--field", "roots", "المدارس") == "درس\t0\t7\n"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "!!! ... ؟", "\x00\x01\x02", "abc كتاب 123 ٤٥٦", "\ud800broken\udcff", "ﷺ" * 10],
)
def test_bad_input_prints_nothing_or_tokens(text):
    output = run(text)
    for line in output.splitlines():
        term, start, end = line.split("\t")
        assert term and 0 <= int(start) < int(end) <= len(text)


def test_megabyte_argument_via_stdin():
    text = "الوزارات " * 120_000
    result = CliRunner().invoke(main, ["analyze", "-"], input=text)
    assert result.exit_code == 0
    assert result.output.count("\n") == 120_000


def test_installed_console_script_handles_undecodable_bytes():
    exe = pathlib.Path(sys.executable).with_name("fahras")
    assert exe.exists(), "pip install -e . installs the fahras console script beside python"
    proc = subprocess.run([str(exe), "analyze", b"\xff\xfe \xd9\x83\xd8\xaa\xd8\xa7\xd8\xa8"], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines()[-1] == "كتاب\t3\t7"
    assert b"Traceback" not in proc.stderr
