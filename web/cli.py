"""``fahras serve``: the web app behind gunicorn, the production server, started from Python.

gunicorn's ``BaseApplication`` is used instead of its command line so that the app comes from
``create_app`` with the options given here and nothing is read from ``sys.argv``. The app is built
in the master and the index opened lazily in each worker after the fork (a Whoosh searcher must not
be shared across processes).
"""

from __future__ import annotations

import os
import socket
import sys

import click

from fahras.options import (
    EXIT_PROBLEM,
    backend_config,
    backend_options,
    fail,
    given,
    index_given,
    index_option,
    reported,
)
from search import IndexProblem, SettingsError, open_engine, preload

# gunicorn worker classes ``fahras serve`` offers, the first the default. gevent because a sync
# worker (or a gthread thread) is held by a client that sends half a request and stalls: two such
# sockets took the sample site down, while a gevent worker reads each request in a greenlet of its
# own and gives the application only whole requests (bench/slow_sockets.py: docs/reliability.md).
WORKER_CLASSES = ("gevent", "gthread", "sync")
# Seconds an idle keep-alive connection is kept open (gunicorn's default, 2, for every class).
KEEPALIVE = 2
# Connections one gevent worker holds at once (stalled ones included) before it stops accepting.
WORKER_CONNECTIONS = 1000
# Threads of one gthread worker.
THREADS = 4


def gunicorn_options(host: str, port: int, workers: int, access_log: bool,
                     worker_class: str = WORKER_CLASSES[0]) -> dict:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": worker_class,
        "worker_connections": WORKER_CONNECTIONS,
        "threads": THREADS if worker_class == "gthread" else 1,
        "keepalive": KEEPALIVE,
        "timeout": 60,
        "graceful_timeout": 10,
        # The app limits the query itself (400 with a clear message); gunicorn's default request
        # line of 4 KiB would cut a long Arabic query (6 bytes a letter, percent-encoded) first.
        "limit_request_line": 0,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "proc_name": "fahras",
        # gunicorn 25+ opens a control socket at one path per user ($HOME/.gunicorn/gunicorn.ctl),
        # so a second `fahras serve` took the first one's: a `gunicornc shutdown` meant for one
        # stopped the other. Each server is stopped by its own pid (docs/reliability.md).
        "control_socket_disable": True,
    }


@click.command("serve")
@index_option(help="Index directory [$FAHRAS_INDEX, the config file's FAHRAS_INDEX, or var/index].")
@backend_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Worker processes [$WEB_CONCURRENCY or 2].")
@click.option("--worker-class", type=click.Choice(WORKER_CLASSES), default=WORKER_CLASSES[0],
              show_default=True, envvar="FAHRAS_WORKER_CLASS",
              help="gunicorn worker class [$FAHRAS_WORKER_CLASS]; gevent keeps answering while "
                   "clients stall mid-request (docs/reliability.md).")
@click.option("--access-log/--no-access-log", default=True, show_default=True)
def serve_command(index_dir: str, backend: str, cluster: str, host: str, port: int, workers: int | None,
                  worker_class: str,
                  access_log: bool) -> None:
    """Serve the search site and the JSON API with gunicorn."""
    from web import create_app
    from web.backend import settings_of
    from web.server import FahrasServer

    with reported(usage=(SettingsError,), problems=(IndexProblem,)):
        # The environment and $FAHRAS_CONFIG are the app's own configuration: only a typed
        # --index, --backend or --cluster overrides them.
        typed = {key: value for key, value in backend_config(backend, cluster).items()
                 if given(key.removeprefix("FAHRAS_").lower())}
        app = create_app({**({"FAHRAS_INDEX": index_dir} if index_given() else {}), **typed})
        # The tables every worker reads, loaded here before the fork and not in a thread
        # (search.preload); then fail now, with the way out, rather than on every request.
        # Each worker opens its own engine.
        preload()
        open_engine(settings_of(app)).close()
    index = app.config["FAHRAS_INDEX"]
    if app.config["FAHRAS_BACKEND"] != "whoosh":
        index = f"the {app.config['FAHRAS_BACKEND']} cluster {app.config['FAHRAS_CLUSTER']}"
    workers = workers or int(os.environ.get("WEB_CONCURRENCY", "2"))
    shown = f"[{host}]" if ":" in host else host
    if (taken := _address_in_use(host, port)) is not None:
        fail(f"cannot listen on http://{shown}:{port}: {taken}; stop what listens there or give --port",
             EXIT_PROBLEM)
    click.echo(f"Fahras: serving {index} on http://{shown}:{port} ({workers} {worker_class} workers)")
    sys.stdout.flush()
    FahrasServer(app, gunicorn_options(host, port, workers, access_log, worker_class)).run()


def _address_in_use(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (in use, no such address), or None: asked before
    gunicorn, which retries for seconds and then prints its own log lines rather than one error."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
            probe.bind((host, port))
    except OSError as err:
        return err.strerror or str(err)
    return None


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``fahras`` group."""
    group.add_command(serve_command)
