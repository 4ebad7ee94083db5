"""``create_app(config)``: a new Flask app each call (no module-level app), so tests and the
server each make their own with their own index."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask, abort, request
from werkzeug.middleware.proxy_fix import ProxyFix

from web import backend, compression, errors, params, presenters, ratelimit, security
from web import config as settings


def create_app(
    config: Mapping[str, Any] | None = None,
    engine_factory: Callable[[dict], Any] | None = None,
) -> Flask:
    """Build the app. Settings: defaults < ``$FAHRAS_CONFIG`` < environment < ``config``.

    ``engine_factory(config)`` makes the search engine (default: :func:`search.open_engine` on the
    configured index and backend); tests pass another one to reach failures a real index never
    shows.
    """
    app = Flask(__name__)
    app.config.update(settings.load(config))
    app.json.ensure_ascii = False  # Arabic as Arabic, not \\u escapes
    app.json.sort_keys = False
    app.jinja_env.finalize = presenters.displayed  # no bidi control reaches a page
    # The Hijri date fields' pattern is the parameter parser's own (Arabic-Indic and Persian digits
    # too): a form the browser lets through is one the server reads, and the other way round.
    app.jinja_env.globals["hijri_pattern"] = params.DATE_PATTERN
    # No route answers a doubled slash with a redirect: Werkzeug spells that redirect absolute,
    # from the request's Host (or X-Forwarded-Host), so `//` paths were an open redirect.
    app.url_map.merge_slashes = False
    if app.config["FAHRAS_PROXY_COUNT"]:
        count = app.config["FAHRAS_PROXY_COUNT"]
        # The client's address and scheme from the proxies; never their Host: no page needs it
        # (every link is relative) and a forwarded one is the client's to choose.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0)

    compression.install(app)  # first: its after-request hook then runs last
    backend.install(app, engine_factory)
    # Made here, in gunicorn's master before it forks: the workers share its table.
    bucket = None
    if app.config["FAHRAS_RATE_LIMIT"]:
        bucket = ratelimit.TokenBucket(app.config["FAHRAS_RATE_LIMIT"], app.config["FAHRAS_RATE_BURST"])

    @app.before_request
    def _rate_limit() -> None:
        if bucket is not None and request.method != "OPTIONS" \
                and request.endpoint not in ratelimit.UNLIMITED_ENDPOINTS:
            ratelimit.check(bucket, request.remote_addr or "unknown")

    @app.before_request
    def _refuse_oversized() -> None:
        # Every route is GET: a body or a query string this large is an abuse, not a search.
        too_long = len(request.query_string) > app.config["FAHRAS_MAX_QUERY_STRING"]
        if (request.content_length or 0) > app.config["MAX_CONTENT_LENGTH"] or too_long:
            abort(413)

    @app.before_request
    def _refuse_repeats() -> None:
        params.refuse_bad_encoding(request.query_string)
        params.refuse_repeats(request.args)

    from web.api import api, health
    from web.pages import pages

    app.register_blueprint(api)
    app.register_blueprint(health)
    app.register_blueprint(pages)
    errors.register(app)
    security.install(app)
    return app
