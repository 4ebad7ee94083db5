"""The engine's settings and the request limits, built once from the configuration.

One source for every limit: the engine validates requests against :class:`Limits`, and the web
app's parameter parsing and its OpenAPI spec read the very same object, so a configured
``FAHRAS_MAX_PER_PAGE`` is the maximum everywhere. Each setting is named like the environment
variable that sets it; :data:`CONFIG_DEFAULTS` gives the defaults the web configuration starts
from (``web/config.py``), and :meth:`EngineSettings.from_config` reads a configuration mapping.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class SettingsError(ValueError):
    """A configured value that cannot be used (``FAHRAS_MAX_PER_PAGE=many``); the message names it."""


@dataclass(frozen=True)
class Limits:
    """What one request may ask for; beyond it the answer is a 400 that names the limit."""

    max_query_chars: int = 2000  # a query (or a prefix to complete), in characters
    default_per_page: int = 10
    max_per_page: int = 100  # hits on one page
    # Page depth: page * per_page at most this (the engine ranks that many documents to page).
    max_depth: int = 1000
    # Values one facet filter may list (section=a&section=b...).
    max_filter_values: int = 20
    # Completions (/suggest) and similar articles one request may ask for (``limit``).
    max_list: int = 20

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Limits:
        return cls(**{f.name: _read(config, f.name, int, f.default) for f in dataclasses.fields(cls)})


@dataclass(frozen=True)
class EngineSettings:
    """Which index, on which backend, with which time limits and memory."""

    index: str = "var/index"
    # The engine behind the index: "whoosh" (search/whoosh_backend/) or "sphinx"
    # (search/sphinx_backend/); see search/engine.py.
    backend: str = "whoosh"
    # The sphinx backend's cluster: a directory made by `fahras cluster start`, or host:port.
    cluster: str = ""
    # Seconds one search may take in all; past it the answer is what was found by then, marked
    # "timed_out" (search/deadline.py). None (0 in the configuration) turns the limit off.
    query_time_limit: float | None = 3.0
    # Seconds facet counting may take before the page renders with partial counts.
    facet_time_limit: float = 0.5
    # Megabytes per serving process for decoded posting lists of common words (Whoosh backend:
    # search/whoosh_backend/postings_cache.py). 0 turns it off.
    postings_cache_mb: float = 128.0
    # A JSON file of display names for facet values ({"source": {"okaz": "عكاظ"}}: search/labels.py);
    # empty: values are shown as stored.
    labels: str = ""
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> EngineSettings:
        """Settings from a configuration mapping (``FAHRAS_*`` keys, values typed or strings as
        in the environment; missing keys: defaults)."""
        values = {name: _read(config, name, convert) for name, convert in _CONVERT.items() if _key(name) in config}
        return cls(**values, limits=Limits.from_config(config))


# How a configured value becomes a setting (0 turns the query time limit off).
_CONVERT = {
    "index": str,
    "backend": str,
    "cluster": str,
    "query_time_limit": lambda v: float(v) or None,
    "facet_time_limit": float,
    "postings_cache_mb": float,
    "labels": str,
}


def _key(name: str) -> str:
    """The configuration key of a setting: ``max_per_page`` → ``FAHRAS_MAX_PER_PAGE``."""
    return f"FAHRAS_{name.upper()}"


def _read(config: Mapping[str, Any], name: str, convert, default: Any = None) -> Any:
    """``config``'s value of a setting, converted (the default when it is absent)."""
    if _key(name) not in config:
        return default
    value = config[_key(name)]
    try:
        return convert(value)
    except (TypeError, ValueError):
        kind = "a whole number" if convert is int else "a number"
        raise SettingsError(f"{_key(name)}={value!r} is not {kind}") from None


def _defaults() -> dict[str, Any]:
    settings = EngineSettings()
    out = {_key(f.name): getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name != "limits"}
    out[_key("query_time_limit")] = settings.query_time_limit or 0.0
    out.update({_key(f.name): getattr(settings.limits, f.name) for f in dataclasses.fields(Limits)})
    return out


# Every engine setting's configuration key and default (FAHRAS_INDEX, FAHRAS_MAX_PER_PAGE, ...).
CONFIG_DEFAULTS: dict[str, Any] = _defaults()
