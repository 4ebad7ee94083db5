"""What the OpenAPI checks must know beyond JSON Schema: the rules the spec states in words."""

from __future__ import annotations

from search import Limits


def documented_cross_parameter_rule(case, response) -> bool:
    """Rules JSON Schema cannot state but the spec's descriptions do (page depth, date order).

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
    if not codes:
        return False
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] in codes
    return True
