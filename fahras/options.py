"""What every ``fahras`` command shares: the ``--index``, ``--backend`` and ``--cluster`` options and
one error convention.

A leaf module (click and the standard library only), so that each package's ``cli.py`` can use it
without importing the packages above it.

Errors: a user-facing failure is one line on stderr, ``fahras: error: <what to do>``, never a
traceback, and the exit status says whose move it is: 1 (:data:`EXIT_PROBLEM`) when the index or
the files cannot be used as they are, 2 (:data:`EXIT_USAGE`, as click's own usage errors) when the
command line or the input must change.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import NoReturn

import click
from click.core import ParameterSource

INDEX_ENV = "FAHRAS_INDEX"
DEFAULT_INDEX = "var/index"
BACKEND_ENV = "FAHRAS_BACKEND"
CLUSTER_ENV = "FAHRAS_CLUSTER"
DEFAULT_BACKEND = "whoosh"
EXIT_PROBLEM = 1
EXIT_USAGE = 2
PREFIX = "fahras: "


def default_index() -> str:
    """The index directory when none is given: ``$FAHRAS_INDEX``, else ``var/index``."""
    return os.environ.get(INDEX_ENV) or DEFAULT_INDEX


def index_option(f=None, *, help: str = f"Index directory (or ${INDEX_ENV})."):
    """``--index DIR`` (parameter ``index_dir``), from ``$FAHRAS_INDEX`` or ``var/index``."""

    def decorate(func):
        return click.option("--index", "index_dir", envvar=INDEX_ENV, default=DEFAULT_INDEX,
                            show_default=True, metavar="DIR", help=help)(func)

    return decorate if f is None else decorate(f)


def backend_options(func):
    """``--backend NAME`` (``$FAHRAS_BACKEND``, default ``whoosh``) and ``--cluster DIR|HOST:PORT``
    (``$FAHRAS_CLUSTER``: the sphinx backend's cluster); parameters ``backend`` and ``cluster``."""
    func = click.option("--cluster", envvar=CLUSTER_ENV, default="", metavar="DIR|HOST:PORT",
                        help=f"The sphinx backend's cluster: a directory made by `fahras cluster start` "
                             f"(or ${CLUSTER_ENV}); docs/scaling.md says how to use one run elsewhere.")(func)
    return click.option("--backend", envvar=BACKEND_ENV, default=DEFAULT_BACKEND, show_default=True,
                        metavar="NAME", help=f"Search backend: whoosh or sphinx (or ${BACKEND_ENV}).")(func)


def backend_config(backend: str, cluster: str) -> dict[str, str]:
    """The engine configuration keys of ``--backend``/``--cluster``."""
    return {BACKEND_ENV: backend, CLUSTER_ENV: cluster}


def given(name: str) -> bool:
    """Whether the option of parameter ``name`` was typed on the command line."""
    return click.get_current_context().get_parameter_source(name) is ParameterSource.COMMANDLINE


def index_given() -> bool:
    """Whether ``--index`` was typed on the command line (not taken from the environment or the
    default): ``serve`` then lets the configuration file choose, ``eval`` a comparison's folder."""
    return given("index_dir")


def note(message: str) -> None:
    """A line for the user on stderr that is not a failure (a reject, a stale lock cleared)."""
    click.echo(f"{PREFIX}{message}", err=True)


def fail(message: str, code: int = EXIT_PROBLEM) -> NoReturn:
    """Print ``fahras: error: message`` on stderr and exit with ``code``."""
    click.echo(f"{PREFIX}error: {message}", err=True)
    sys.exit(code)


@contextlib.contextmanager
def reported(*, usage: tuple[type[BaseException], ...] = (),
             problems: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Turn the errors a user can act on into one line and an exit status: ``usage`` errors exit
    2, ``problems`` (and any ``OSError``: a missing file, a full disk) exit 1."""
    try:
        yield
    except usage as err:
        fail(str(err), EXIT_USAGE)
    except problems as err:
        fail(str(err), EXIT_PROBLEM)
    except OSError as err:
        fail(f"{err.filename or ''}: {err.strerror or err}".lstrip(": "), EXIT_PROBLEM)
