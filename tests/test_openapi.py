"""The OpenAPI spec against the server: schemathesis generates requests from ``/api/v1/openapi.json``
and checks every response (no 5xx, documented status codes and content types, bodies that match
their schemas, valid input accepted, invalid input refused).

In-process (WSGI) for speed; a bounded number of examples per operation keeps it under a minute.
"""

from __future__ import annotations

import pathlib
import shutil
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from support.openapi_rules import check_response
from support.webcorpus import build_index

from search import SearchRequest
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


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_openapi_spec(case):
    # schemathesis's WSGI transport offers gzip and never decodes it: the bodies are checked
    # plain here, compression in tests/test_web_compression.py.
    check_response(case, case.call(headers={"Accept-Encoding": "identity"}))


def test_spec_lists_every_api_route(web_app):
    spec = web_app.test_client().get("/api/v1/openapi.json").get_json()
    routes = {
        rule.rule.replace("<doc_id>", "{doc_id}")
        for rule in web_app.url_map.iter_rules()
        if rule.rule.startswith("/api/") or rule.rule == "/healthz"
    }
    assert routes == set(spec["paths"])


def test_result_objects_send_exactly_the_keys_their_schemas_list(engine):
    """The component schemas are generated from the dataclasses; ``to_dict`` is written by hand:
    each object sends every property its schema lists, and no other."""
    from search import component_schemas

    schemas = component_schemas()
    result = engine.search(SearchRequest(q="الذهب", filters={"section": ["economy"]}))
    assert set(result.to_dict()) == set(schemas["SearchResult"]["properties"])
    assert set(result.hits[0].to_dict()) == set(schemas["Hit"]["properties"])
    assert set(result.facets["section"][0].__dict__) == set(schemas["FacetValue"]["properties"])
    assert set(engine.document("d04").to_dict()) == set(schemas["Document"]["properties"])
    served = APP.test_client().get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert {name: served[name] for name in schemas} == schemas


def test_the_api_page_is_rendered_from_the_spec():
    """docs/api.md is what ``python -m web.apidoc`` renders now (run it after changing the API)."""
    from web.apidoc import default_page

    committed = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    assert committed == default_page(), "docs/api.md is stale: run `python -m web.apidoc > docs/api.md`"


def test_the_one_value_parameters_are_the_specs_scalars():
    """Every parameter the spec lists as one value is refused when repeated, and only those."""
    from search import FILTER_FIELDS
    from web.params import ONE_VALUE

    spec = APP.test_client().get("/api/v1/openapi.json").get_json()
    scalars, arrays = set(), set()
    for operation in (op for path in spec["paths"].values() for op in path.values()):
        for param in operation.get("parameters", []):
            if param["in"] == "query":
                (arrays if param["schema"].get("type") == "array" else scalars).add(param["name"])
    assert scalars == ONE_VALUE and arrays == set(FILTER_FIELDS)
