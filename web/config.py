"""Where the web app's settings come from: defaults < ``$FAHRAS_CONFIG`` file < environment < dict.

Every setting is named like the environment variable that sets it (``FAHRAS_INDEX``,
``FAHRAS_RATE_LIMIT``...), so one name works in a config file, in the environment and in the dict
a test passes to :func:`web.create_app`. Values from the environment are strings and are converted
to the type of the default, so ``FAHRAS_MAX_PER_PAGE=50`` is the integer 50.

The engine's settings and the request limits (``FAHRAS_INDEX``, ``FAHRAS_MAX_PER_PAGE``,
``FAHRAS_QUERY_TIME_LIMIT``, ``FAHRAS_POSTINGS_CACHE_MB``...) are defined, with their defaults and
why, in search/settings.py; the ones below are the web app's own.
"""

from __future__ import annotations

import json
import os
import pathlib
import runpy
from collections.abc import Mapping
from typing import Any

from search import CONFIG_DEFAULTS, SettingsError

DEFAULTS: dict[str, Any] = {
    **CONFIG_DEFAULTS,
    # Characters /api/v1/analyze analyses at most (400 beyond).
    "FAHRAS_MAX_ANALYZE_CHARS": 10000,
    # Requests per minute per client IP on every route but static files and /healthz, counted
    # together by all the workers of `fahras serve` (web/ratelimit.py); 0: off (the default).
    "FAHRAS_RATE_LIMIT": 0,
    # Requests a client may make at once before the per-minute rate applies (0: same as the rate).
    "FAHRAS_RATE_BURST": 0,
    # Origins allowed to call the API from a browser: a list or a comma string; "*" for any.
    "FAHRAS_CORS_ORIGINS": [],
    # Pages and JSON compressed (zstd, brotli, gzip) for clients that accept it; off (0) when a
    # proxy in front compresses (web/compression.py).
    "FAHRAS_COMPRESS": True,
    # Reverse proxies in front of the app whose X-Forwarded-For is trusted (0: none).
    "FAHRAS_PROXY_COUNT": 0,
    # Every endpoint is GET: a request body of more than this is refused with 413...
    "MAX_CONTENT_LENGTH": 64 * 1024,
    # ...and so is a query string longer than this. Large enough that every documented limit
    # (10,000 characters of analyze text, percent-encoded UTF-8: 120 KB) answers its own 400 first.
    "FAHRAS_MAX_QUERY_STRING": 256 * 1024,
}

CONFIG_ENV = "FAHRAS_CONFIG"
_KIND = {int: "a whole number", float: "a number"}


def _coerce(value: Any, like: Any) -> Any:
    """Convert a string from the environment or a file to the type of the default ``like``."""
    if not isinstance(value, str):
        return value
    if isinstance(like, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(like, int):
        return int(value)
    if isinstance(like, float):
        return float(value)
    if isinstance(like, list):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


def read_file(path: str | pathlib.Path) -> dict[str, Any]:
    """Settings from a JSON file (an object) or a Python file (its UPPER-CASE names)."""
    path = pathlib.Path(path)
    if path.suffix == ".py":
        names = runpy.run_path(str(path))
        return {k: v for k, v in names.items() if k.isupper()}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a config file holds one JSON object")
    return data


def load(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """The merged settings, each converted to its default's type."""
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    if environ.get(CONFIG_ENV):
        settings.update(read_file(environ[CONFIG_ENV]))
    settings.update({k: environ[k] for k in DEFAULTS if k.startswith("FAHRAS_") and k in environ})
    settings.update(overrides or {})
    for key, default in DEFAULTS.items():
        try:
            settings[key] = _coerce(settings[key], default)
        except ValueError:
            raise SettingsError(f"{key}={settings[key]!r} is not {_KIND.get(type(default), 'valid')}") from None
    return settings
