"""The ``fahras`` console script as a user runs it: in its own process, judged by its output."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

from web.supervise import fahras_command

FAHRAS = shutil.which("fahras", path=str(pathlib.Path(sys.executable).parent)) or "fahras"


def fahras(*args, env=None, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """Run ``fahras ARGS...`` (``env`` added to this environment; ``cwd``, ``input``... passed on)."""
    return subprocess.run([*fahras_command(), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, **kwargs)


def clean_failure(result: subprocess.CompletedProcess, *fragments: str, code: int | None = None) -> str:
    """A non-zero exit (``code`` when given) with one line on stderr, ``fahras: error: ...``, no
    traceback, saying one of ``fragments``."""
    assert result.returncode != 0 if code is None else result.returncode == code, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.strip().splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("fahras: error: "), result.stderr
    assert any(f.lower() in lines[0].lower() for f in fragments), lines[0]
    return lines[0]
