"""What the OpenAPI checks must know beyond JSON Schema: the rules the spec states in words."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import jsonschema_rs  # schemathesis's own validator (installed with it)
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection

from indexer.hijri import hijri_bound
from search import Limits, parse_day

_INTEGER = re.compile(r"-?[0-9]+")
_BOOLEAN = {"true": True, "false": False}


def _hijri_ok(value) -> bool:
    try:
        hijri_bound(str(value or ""))
    except ValueError:
        return False
    return True


def _day(value, end: bool):
    """A Gregorian bound as the server reads it: a day, None when empty, False when unreadable."""
    if not value:
        return None
    try:
        return parse_day(str(value), end)
    except ValueError:
        return False


def _hijri_reversed(low, high) -> bool:
    if not low or not high:
        return False
    start, end = hijri_bound(str(low)), hijri_bound(str(high), True)
    return start is not None and end is not None and start >= end


def documented_cross_parameter_rule(case, response) -> bool:
    """Rules JSON Schema cannot state but the spec's descriptions do (page depth, date order,
    the Hijri tables' range).

    Schema-valid requests that break them get a 400 with the named code; that is correct, so such
    a case is checked here and not handed to the "valid data is accepted" check.
    """
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return False
    query = case.query or {}
    try:
        page, per_page = int(query.get("page") or 1), int(query.get("per_page") or 10)  # empty: absent
    except (TypeError, ValueError):
        return False
    codes = set()
    if page * per_page > Limits().max_depth:
        codes.add("page_too_deep")
    days = {name: _day(query.get(name), name == "to") for name in ("from", "to")}
    unreadable_days = {f"bad_{name}" for name, day in days.items() if day is False}
    if unreadable_days:
        codes |= unreadable_days  # a year 0000, a month 13 or a 30 February matches the pattern
    elif days["from"] and days["to"] and days["from"] > days["to"]:
        codes.add("bad_date_range")
    unreadable = {f"bad_{name}" for name in ("hijri_from", "hijri_to") if not _hijri_ok(query.get(name))}
    if unreadable:
        codes |= unreadable  # a Hijri date outside the Umm al-Qura tables (the spec says 1343-1500)
    elif _hijri_reversed(query.get("hijri_from"), query.get("hijri_to")):
        codes.add("bad_date_range")
    if not codes:
        return False
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] in codes
    return True


def _typed(text: str, schema: dict):
    """A query string's value as the type its schema names (form style: ``5``, ``true``); the
    text itself when it is not one (then the schema check fails on it, as the server's does)."""
    kinds = {option.get("type") for option in schema.get("anyOf", [schema])}  # "integer or empty"
    if "integer" in kinds and _INTEGER.fullmatch(text):
        return int(text)
    if "boolean" in kinds and text in _BOOLEAN:
        return _BOOLEAN[text]
    return text


def _conforms(value, schema: dict) -> bool:
    return jsonschema_rs.validator_for(schema, validate_formats=True).is_valid(value)


def query_as_sent_conforms(url: str, parameters: list[dict]) -> bool:
    """Whether the query string actually sent satisfies the operation's query parameters.

    schemathesis's negative mode mutates values before they are serialized, and some mutations do
    not survive it: an object given for a repeated (array) parameter goes out as its keys, each a
    valid string (``section=a&section=b``); an empty array or object goes out as nothing. The
    request then breaks nothing and a 200 is the right answer, though the case is marked negative
    (the class of schemathesis issue #4600, seen here for array parameters). Read back from the
    URL, each declared parameter is checked as a server reads it; undeclared ones are ignored,
    as schemathesis ignores them (its #2312)."""
    sent = parse_qs(urlsplit(url).query, keep_blank_values=True)
    for param in parameters:
        if param.get("in") != "query":
            continue
        values, schema = sent.get(param["name"], []), param.get("schema", {})
        if not values:
            if param.get("required"):
                return False
            continue
        if schema.get("type") == "array":
            items = schema.get("items", {})
            typed = [_typed(v, items) for v in values]
            if not _conforms(typed, schema):
                return False
        elif len(values) > 1 or not _conforms(_typed(values[0], schema), schema):
            return False
    return True


def negative_case_sent_valid(case, response) -> bool:
    """A negative case whose only broken parts were query parameters, answered 2xx, that on the
    wire broke nothing (:func:`query_as_sent_conforms`): not a failure to reject bad data."""
    meta = case.meta
    if meta is None or meta.generation.mode.is_positive or not 200 <= response.status_code < 300:
        return False
    negative = {location for location, info in meta.components.items() if not info.mode.is_positive}
    if negative != {ParameterLocation.QUERY}:
        return False
    return query_as_sent_conforms(response.request.url, case.operation.definition.raw.get("parameters", []))


def check_response(case, response) -> None:
    """The checks every OpenAPI test makes of a response: the spec's worded rules
    (:func:`documented_cross_parameter_rule`), then schemathesis's own checks — all of them, but
    "invalid data is rejected" for a negative case whose request, as sent, was valid
    (:func:`negative_case_sent_valid`)."""
    if documented_cross_parameter_rule(case, response):
        return
    if negative_case_sent_valid(case, response):
        case.validate_response(response, excluded_checks=[negative_data_rejection])
        return
    case.validate_response(response)
