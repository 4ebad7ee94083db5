"""The `fahras` command itself: its version, its commands, one error convention for all of them."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.cli import clean_failure, fahras

from fahras import __version__

COMMANDS = ("analyze", "index", "search", "serve", "stats", "delete", "eval")


def test_version():
    result = fahras("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"fahras {__version__}"
    module = subprocess.run([sys.executable, "-m", "fahras", "--version"], capture_output=True, text=True)
    assert module.stdout == result.stdout


def test_every_package_registers_its_commands():
    listed = fahras("--help").stdout
    for name in COMMANDS:
        assert f"  {name} " in listed, name


@pytest.mark.parametrize("command", ["search x", "stats", "delete x", "serve --port 1"])
def test_a_missing_index_is_one_line_and_status_1_for_every_command(tmp_path, command):
    clean_failure(fahras(*command.split(), "--index", tmp_path / "none"), "no Fahras index", code=1)


def test_a_bad_setting_is_a_usage_error(tmp_path):
    result = fahras("search", "x", "--index", tmp_path, env={"FAHRAS_MAX_PER_PAGE": "many"})
    clean_failure(result, "FAHRAS_MAX_PER_PAGE='many' is not a whole number", code=2)


def test_an_unknown_backend_is_named(tmp_path):
    result = fahras("search", "x", "--index", tmp_path, env={"FAHRAS_BACKEND": "nope"})
    clean_failure(result, "unknown search backend 'nope'", code=1)


def test_serve_refuses_a_bad_setting_in_one_line(tmp_path):
    result = fahras("serve", "--index", tmp_path, "--port", "1", env={"FAHRAS_RATE_LIMIT": "lots"})
    clean_failure(result, "FAHRAS_RATE_LIMIT='lots' is not a whole number", code=2)
