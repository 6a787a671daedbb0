"""Small helpers shared by the API tests: JSON requests and the error-body assertion."""

import json

API = "/api/v1"
HUGE = "x" * 100_000


def post(client, path, body=None, **extra):
    """POSTs `body` as JSON (an empty body when None) to API + path."""
    data = "" if body is None else json.dumps(body)
    return client.post(API + path, data, content_type="application/json", **extra)


def assert_error(response, status, code=None):
    """The response is the API's error body with this status (and machine code)."""
    assert response.status_code == status, response.content[:400]
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    if code:
        assert body["code"] == code, body
    return body
