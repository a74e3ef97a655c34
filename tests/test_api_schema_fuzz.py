"""The API fuzzed against its own OpenAPI schema (issue 22): schemathesis sends each operation
requests made from the schema, valid ones and invalid ones, through the whole portal as a
WSGI application; no answer may be a server error, and every answer must be what the schema
says (status code, content type, headers, body). A few examples per operation, so that the
run takes seconds."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.config import SchemathesisConfig

from .api_helpers import catalogue

SCHEMA = "/api/v1/schema/"


# A request the schema allows may still name a funder, a region or a forum that does not
# exist: the API answers it with a 400 that names the parameter, as it does a value of the
# wrong form, rather than with an empty list that would hide a mistyped slug.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "400", "404", "429"],
            }
        }
    }
)
# Read from the portal when the tests are collected: the schema is made from the code alone.
schema = schemathesis.openapi.from_wsgi(
    SCHEMA, get_wsgi_application(), config=CONFIG, headers={"Accept": "application/json"}
)


@pytest.fixture
def data(db, settings):
    """A catalogue to find things in, and no limit on requests (the limit itself is tested in
    test_api_http.py). As Django's test client does, the requests keep the test's database
    connection open at their end: inside the test's transaction, it would be closed."""
    settings.RATELIMIT_ENABLE = False
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield catalogue()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=12,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case, data):
    case.call_and_validate()


def test_the_schema_is_served_as_json_and_yaml(client):
    as_json = client.get(SCHEMA, HTTP_ACCEPT="application/json")
    as_yaml = client.get(SCHEMA)

    assert as_json.status_code == as_yaml.status_code == 200
    assert as_json.json()["openapi"].startswith("3.")
    assert as_json.json()["info"]["license"]["name"] == "CC BY 4.0"
    assert as_yaml.content.startswith(b"openapi: 3.")
    paths = set(as_json.json()["paths"])
    for name in ("projects", "organisations", "funders", "programmes", "themes", "regions"):
        assert {f"/api/v1/{name}/", f"/api/v1/{name}/{{slug}}/"} <= paths
    assert {"/api/v1/forums/", "/api/v1/meetings/", "/api/v1/meetings/{id}/"} <= paths
