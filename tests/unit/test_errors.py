"""Error responses -> exceptions: the status table, both 422 shapes, hostile bodies, messages."""

import pickle

import pytest
from mock_api import json_response, make_client

from bemserver_api_client import exceptions as e
from bemserver_api_client.exceptions import error_for

JSON = "application/json"


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (304, e.BEMServerAPINotModified),
        (400, e.BEMServerAPIInternalError),
        (401, e.BEMServerAPIAuthenticationError),
        (403, e.BEMServerAPIAuthorizationError),
        (404, e.BEMServerAPINotFoundError),
        (405, e.BEMServerAPIInternalError),
        (409, e.BEMServerAPIConflictError),
        (412, e.BEMServerAPIPreconditionError),
        (414, e.BEMServerAPIRequestLineTooLongError),
        (422, e.BEMServerAPIValidationError),
        (428, e.BEMServerAPIPreconditionError),
        (500, e.BEMServerAPIInternalError),
        (502, e.BEMServerAPIInternalError),
        (308, e.BEMServerAPIInternalError),
    ],
)
def test_status_table(status, cls):
    error = error_for(status, b'{"code": %d}' % status, JSON, "GET", "/sites/")
    assert type(error) is cls
    assert error.status_code == status
    assert isinstance(error, e.BEMServerAPIError)


def test_a_414_says_the_request_line_was_too_long():
    """gunicorn's answer to a request line over its limit, still an InternalError (upstream's
    class for it): the message says what happened and what to do, not "Server error"."""
    html = (
        b"<html><head><title>URI Too Long</title></head><body><h1><p>URI Too Long</p></h1>"
        b"Request Line is too large (4861 &gt; 4094)</body></html>"
    )
    error = error_for(414, html, "text/html", "GET", "/timeseries_data/")
    assert isinstance(error, e.BEMServerAPIInternalError) and error.status_code == 414
    assert "Request line too long" in str(error) and "Server error" not in str(error)
    assert "fewer timeseries" in str(error) and "4861 &gt; 4094" in str(error)


def test_authentication_error_carries_the_server_code():
    body = b'{"code":401,"status":"Unauthorized","errors":{"authentication":"expired_token"}}'
    error = error_for(401, body, JSON, "GET", "/sites/")
    assert error.code == "expired_token"
    assert str(error) == "GET /sites/: 401 Authentication failed: expired_token"


def test_conflict_error_carries_the_message():
    body = b'{"code":409,"status":"Conflict","message":"Unique constraint violation"}'
    error = error_for(409, body, JSON, "POST", "/campaigns/")
    assert error.message == "Unique constraint violation"
    assert "Unique constraint violation" in str(error)


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"errors": {"json": {"name": ["Missing data for required field."]}}},
            {"name": ["Missing data for required field."]},
        ),
        (
            {"errors": {"query": {"data_state": "Not a valid integer."}, "json": {"a": ["x"]}}},
            {"data_state": "Not a valid integer.", "a": ["x"]},
        ),
        ({"errors": {"json": {"_schema": ["Bad."]}}}, {"_general": ["Bad."]}),
        ({"errors": {"json": {"timeseries": {"0": ["Bad."]}}}}, {"timeseries": {"0": ["Bad."]}}),
        ({"message": "Unknown timeseries: [9999]"}, {"_general": ["Unknown timeseries: [9999]"]}),
        ({"errors": {"json": ["Invalid JSON body."]}}, {"_general": ["Invalid JSON body."]}),
        ({"code": 422}, {}),
    ],
)
def test_validation_errors_are_normalised_like_upstream(body, errors):
    import json

    error = error_for(422, json.dumps(body).encode(), JSON, "POST", "/sites/")
    assert error.errors == errors


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
        (b'{"code": 500, "mess', JSON),  # truncated
        (b"\xff\xfe\xfa not utf-8", JSON),
        (b"[" * 100_000, JSON),  # deep nesting
        (b'{"message": NaN}', JSON),
        (b"just text", "text/plain"),
        (b'["a list"]', JSON),
    ],
)
def test_hostile_bodies_give_a_library_error_with_a_short_excerpt(content, content_type):
    error = error_for(502, content, content_type, "GET", "/sites/")
    assert isinstance(error, e.BEMServerAPIInternalError)
    text = str(error)
    assert text.startswith("GET /sites/: 502 Server error")
    assert len(text) < 400


def test_an_expected_404_is_not_logged_at_error(caplog):
    client = make_client(lambda request: json_response(404, {"code": 404, "status": "Not Found"}))
    with caplog.at_level("DEBUG"), pytest.raises(e.BEMServerAPINotFoundError) as caught:
        client.sites.getone(42)
    assert str(caught.value) == "GET /sites/42: 404 Not found"
    assert not [record for record in caplog.records if record.levelname in ("ERROR", "WARNING")]


def test_errors_pickle_with_their_attributes():
    error = error_for(422, b'{"errors": {"json": {"name": ["x"]}}}', JSON, "POST", "/sites/")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.errors, str(copy)) == (type(error), error.errors, str(error))


def test_upstream_constructors_still_work():
    assert e.BEMServerAPIConflictError("dup").message == "dup"
    assert e.BEMServerAPIValidationError({"a": ["b"]}).errors == {"a": ["b"]}
    assert e.BEMServerAPIAuthenticationError(code="invalid_token").code == "invalid_token"
    assert e.BEMServerAPIInternalError(status_code=503).status_code == 503
    assert e.BEMServerAPIPreconditionError(status_code=428).status_code == 428
    assert e.BEMServerAPINotFoundError().status_code == 404
    assert e.BEMServerAPIError().status_code == 501


def test_hierarchy_beyond_upstream():
    assert issubclass(e.BEMServerAPIVersionError, e.BEMServerAPIError)
    assert issubclass(e.BEMServerAPIClientValueError, ValueError)
    assert issubclass(e.BEMServerAPIClientValueError, e.BEMServerAPIError)
    assert issubclass(e.BEMServerAPITimeoutError, e.BEMServerAPIConnectionError)
    assert issubclass(e.BEMServerAPIConnectionError, e.BEMServerAPIInternalError)
    assert e.BEMServerAPIConnectionError().status_code == 500


def test_precondition_messages_say_what_to_do():
    assert "pass etag=" in str(error_for(428, b'{"code":428}', JSON, "PUT", "/sites/1"))
    assert "stale" in str(error_for(412, b'{"code":412}', JSON, "PUT", "/sites/1"))
