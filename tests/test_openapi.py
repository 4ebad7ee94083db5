"""The OpenAPI spec against the server: schemathesis generates requests from ``/api/v1/openapi.json``
and checks every response (no 5xx, documented status codes and content types, bodies that match
their schemas, valid input accepted, invalid input refused).

In-process (WSGI) for speed; a bounded number of examples per operation keeps it under a minute.
"""

from __future__ import annotations

import shutil
import tempfile

import pytest
import schemathesis
from browser.webcorpus import build_index
from hypothesis import HealthCheck, settings

from web import create_app

EXAMPLES = 75

# schemathesis needs the schema at collection time (its fixture-based loader does not work with
# pytest 9), so the app is made here; it opens the index only on the first search, and the fixture
# below builds the index before any test runs.
_TMP = tempfile.mkdtemp(prefix="fahras-openapi-")
APP = create_app({"FAHRAS_INDEX": f"{_TMP}/index"})
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _index():
    build_index(f"{_TMP}/index")
    yield
    shutil.rmtree(_TMP, ignore_errors=True)


@pytest.fixture
def web_app():
    return APP


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
    if page * per_page > 1000:
        codes.add("page_too_deep")
    if query.get("from") and query.get("to") and str(query["from"]) > str(query["to"]):
        codes.add("bad_date_range")
    if not codes:
        return False
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] in codes
    return True


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_openapi_spec(case):
    response = case.call()
    if documented_cross_parameter_rule(case, response):
        return
    case.validate_response(response)


def test_spec_lists_every_api_route(web_app):
    spec = web_app.test_client().get("/api/v1/openapi.json").get_json()
    routes = {
        rule.rule.replace("<doc_id>", "{doc_id}")
        for rule in web_app.url_map.iter_rules()
        if rule.rule.startswith("/api/") or rule.rule == "/healthz"
    }
    assert routes == set(spec["paths"])
