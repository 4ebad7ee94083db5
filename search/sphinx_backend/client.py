"""SphinxQL over the MySQL protocol with PyMySQL, and the errors Fahras turns it into.

Why PyMySQL: pure Python (no libmysqlclient to build), maintained, and a SphinxQL round trip is
dominated by the engine, not the driver (docs/scaling.md). Sphinx 2.2.11 speaks an old dialect:
no transactions, no server-side prepared statements, ``SHOW META`` after a ``SELECT`` for its
totals and warnings; PyMySQL's client-side parameter quoting is what we use.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import pymysql
from pymysql.constants import CLIENT

from indexer.errors import IndexProblem

CONNECT_TIMEOUT = 2.0


class EngineUnavailable(IndexProblem):
    """A node that cannot be reached or answered with an error Fahras cannot act on.

    ``str(err)`` is one line for the user; the web layer answers 503 ``index_unavailable``.
    ``hung``: the node took the connection but did not answer in time, or (``agents_late``) it
    answered that its agents did not.
    """

    hung = False
    agents_late = False  # the coordinator answered: every agent it asked ran out of time


class Connection:
    """One SphinxQL connection to ``host:port`` (not thread-safe: one per thread or per request)."""

    def __init__(self, host: str, port: int, timeout: float | None = None) -> None:
        self.host, self.port = host, port
        try:
            self._conn = pymysql.connect(
                host=host, port=port, user="", password="", charset="utf8", autocommit=True,
                connect_timeout=CONNECT_TIMEOUT, read_timeout=timeout, write_timeout=timeout,
                client_flag=CLIENT.MULTI_STATEMENTS,
            )
        except pymysql.err.MySQLError as err:
            raise EngineUnavailable(f"searchd at {host}:{port} does not answer ({_reason(err)})") from None

    def execute(self, sql: str, args: Sequence[Any] | None = None) -> list[tuple]:
        """Rows of one statement (none for statements without a result set)."""
        try:
            with self._conn.cursor() as cur:
                cur.execute(sql, args)
                return list(cur.fetchall())
        except pymysql.err.MySQLError as err:
            raise _classify(err, self) from None

    def batch(self, statements: list[tuple[str, Sequence[Any] | None]]) -> list[list[tuple]]:
        """Several ``SELECT`` statements in one round trip (Sphinx runs them as a batch, sharing
        work between queries with the same full-text part); one list of rows each."""
        sql = ";\n".join(self._conn.cursor().mogrify(s, a) for s, a in statements)
        out: list[list[tuple]] = []
        try:
            with self._conn.cursor() as cur:
                cur.execute(sql)
                out.append(list(cur.fetchall()))
                while cur.nextset():
                    out.append(list(cur.fetchall()))
        except pymysql.err.MySQLError as err:
            raise _classify(err, self) from None
        return out

    def meta(self) -> dict[str, str]:
        """``SHOW META`` of the last query: totals, time, warnings."""
        return {row[0]: row[1] for row in self.execute("SHOW META")}

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()


class EngineQueryError(Exception):
    """searchd refused a statement (a query Fahras compiled that the engine cannot run)."""


def _classify(err: pymysql.err.MySQLError, conn: Connection) -> Exception:
    """A lost connection or agents that all failed → :class:`EngineUnavailable`; anything else
    searchd refused → :class:`EngineQueryError`."""
    reason = _reason(err)
    if isinstance(err, (pymysql.err.OperationalError, pymysql.err.InterfaceError)) or "agent" in reason:
        out = EngineUnavailable(f"searchd at {conn.host}:{conn.port}: {reason}")
        out.hung = "timed out" in reason
        out.agents_late = out.hung and "agent" in reason and not isinstance(err, pymysql.err.InterfaceError)
        return out
    return EngineQueryError(reason)


def _reason(err: pymysql.err.MySQLError) -> str:
    args = getattr(err, "args", ())
    return (str(args[1]) if len(args) > 1 else str(err)).rstrip("\x00").replace("\n", " ")


@contextlib.contextmanager
def connect(host: str, port: int, timeout: float | None = None) -> Iterator[Connection]:
    conn = Connection(host, port, timeout)
    try:
        yield conn
    finally:
        conn.close()


def answers(host: str, port: int) -> bool:
    """True when a searchd answers SphinxQL at ``host:port``."""
    try:
        with connect(host, port, timeout=CONNECT_TIMEOUT) as conn:
            conn.execute("SHOW STATUS")
        return True
    except EngineUnavailable:
        return False
