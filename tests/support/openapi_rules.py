"""What the OpenAPI checks must know beyond JSON Schema: the rules the spec states in words."""

from __future__ import annotations

from indexer.hijri import hijri_bound
from search import Limits


def _hijri_ok(value) -> bool:
    try:
        hijri_bound(str(value or ""))
    except ValueError:
        return False
    return True


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
        page, per_page = int(query.get("page", 1)), int(query.get("per_page", 10))
    except (TypeError, ValueError):
        return False
    codes = set()
    if page * per_page > Limits().max_depth:
        codes.add("page_too_deep")
    if query.get("from") and query.get("to") and str(query["from"]) > str(query["to"]):
        codes.add("bad_date_range")
    if not all(_hijri_ok(query.get(name)) for name in ("hijri_from", "hijri_to")):
        codes.add("bad_query")  # a Hijri date outside the Umm al-Qura tables (the spec says 1343-1500)
    if not codes:
        return False
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] in codes
    return True
