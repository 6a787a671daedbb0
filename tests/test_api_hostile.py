"""Whatever a client throws at the API, the answer is a 4xx with the JSON error shape, never a
500: wrong types, huge strings, missing fields, bodies that are not JSON, other organizations'
identifiers, odd identifiers and query strings."""

import json

import pytest
from django.test import Client

from mentorwise.accounts.models import User
from mentorwise.profiles.models import Profile

API = "/api/v1"
HUGE = "x" * 100_000

WRONG_BODIES = [
    b"",
    b"{",
    b"not json at all",
    b"\xff\xfe\x00garbage",
    b"[]",
    b"[1, 2, 3]",
    b"123",
    b'"a string"',
    b"null",
    b"true",
    b"{}",
    json.dumps({"unknown": 1}).encode(),
    json.dumps({"email": HUGE, "password": HUGE, "name": HUGE, "join_code": HUGE}).encode(),
    json.dumps({"email": 1, "password": [], "name": {}, "join_code": None}).encode(),
    json.dumps({"role": 5, "answers": "x", "capacity": "many"}).encode(),
    json.dumps({"role": "mentor", "answers": {"q": {"nested": HUGE}}, "capacity": 10**30}).encode(),
    json.dumps({"role": "admin"}).encode(),
    json.dumps({"role": "mentor", "answers": [1, 2], "capacity": True}).encode(),
    json.dumps({"role": "mentee", "answers": {str(i): "x" for i in range(1000)}}).encode(),
    json.dumps({"headline": HUGE, "bio": HUGE, "name": HUGE}).encode(),
    json.dumps({"expertise": "not a list", "languages": [1, 2], "interests": [HUGE] * 50}).encode(),
    json.dumps({"years_experience": -5, "work_mode": "underwater", "capacity": -1}).encode(),
    json.dumps({"name": "   ", "time_zone": "../../etc/passwd"}).encode(),
    json.dumps({"fifteen_questions": {"1": HUGE}}).encode(),
    json.dumps({"fifteen_questions": {"abc": "x", "0": None}}).encode(),
    json.dumps({"capacity": 1.5}).encode(),
]

ODD_IDS = ["doesnotexist", HUGE, "%00", "..%2F..%2Fetc", "123", "ünïcödé", "'; DROP TABLE x;--"]


def _paths(world):
    own = world.mentor1.public_id
    return {
        "signup": ("POST", "/auth/signup"),
        "token": ("POST", "/auth/token"),
        "join": ("POST", f"/programs/{world.program.public_id}/participants"),
        "join_other_org": ("POST", f"/programs/{world.other_program.public_id}/participants"),
        "patch_own": ("PATCH", f"/participants/{own}"),
        "patch_other_org": ("PATCH", f"/participants/{world.outsider.public_id}"),
    }


def _assert_4xx(response, label):
    assert 400 <= response.status_code < 500, (label, response.status_code, response.content[:300])
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"], label
    assert isinstance(body["code"], str) and body["code"], label
    if "errors" in body:
        assert all(isinstance(v, list) for v in body["errors"].values()), label


def test_wrong_bodies_at_every_write_endpoint_are_4xx(world, as_user):
    client = as_user(world.mentor1.user)
    anonymous = Client()
    users_before = User.objects.count()
    for name, (method, path) in _paths(world).items():
        for body in WRONG_BODIES:
            for who, c in (("member", client), ("anonymous", anonymous)):
                response = c.generic(method, API + path, body, content_type="application/json")
                if response.status_code < 400:
                    # an empty or partial PATCH by the owner is allowed; nothing else is
                    assert name == "patch_own" and who == "member" and body in (b"{}", b""), (
                        name,
                        body[:60],
                        response.status_code,
                    )
                    continue
                _assert_4xx(response, (name, who, body[:60]))
    assert User.objects.count() == users_before


def test_other_content_types_are_4xx(world, as_user):
    client = as_user(world.mentor1.user)
    for method, path in _paths(world).values():
        for content_type, body in [
            ("application/x-www-form-urlencoded", b"role=mentor&capacity=2"),
            ("multipart/form-data; boundary=xyz", b"--xyz--"),
            ("text/plain", b"hello"),
        ]:
            response = client.generic(method, API + path, body, content_type=content_type)
            _assert_4xx(response, (path, content_type))


@pytest.mark.parametrize("odd", ODD_IDS)
def test_odd_and_foreign_identifiers_are_404_everywhere(world, as_user, odd):
    client = as_user(world.mentor1.user)
    for method, template in [
        ("GET", "/programs/{}"),
        ("GET", "/programs/{}/mentors"),
        ("GET", "/programs/{}/mentees"),
        ("POST", "/programs/{}/participants"),
        ("GET", "/participants/{}"),
        ("PATCH", "/participants/{}"),
    ]:
        body = json.dumps({"role": "mentee"} if method == "POST" else {"headline": "x"})
        response = client.generic(
            method, API + template.format(odd), body, content_type="application/json"
        )
        _assert_4xx(response, (method, template, odd[:20]))


def test_other_organizations_ids_are_404_at_every_endpoint(world, as_user):
    client = as_user(world.mentor1.user)
    other = world.other_program.public_id
    for method, path in [
        ("GET", f"/programs/{other}"),
        ("GET", f"/programs/{other}/mentors"),
        ("GET", f"/programs/{other}/mentees"),
        ("POST", f"/programs/{other}/participants"),
        ("GET", f"/participants/{world.outsider.public_id}"),
        ("PATCH", f"/participants/{world.outsider.public_id}"),
    ]:
        body = json.dumps({"role": "mentee"} if method == "POST" else {"headline": "x"})
        response = client.generic(method, API + path, body, content_type="application/json")
        assert response.status_code == 404, (method, path)
        assert response.json()["code"] == "not_found"
    assert world.other_program.participants.count() == 1


@pytest.mark.parametrize(
    "query",
    [
        "?page=-1&page_size=-5",
        "?page=abc",
        "?page_size=1e9",
        "?page=99999999999999999999999999999",
        "?page_size=99999999999999999999999",
        f"?q={HUGE}",
        f"?expertise={HUGE}&language={HUGE}&industry={HUGE}",
        f"?timezone={HUGE}&location={HUGE}",
        "?available=maybe",
        "?remote=sometimes",
        "?sort=DROP",
        "?q=%00%01%02",
        "?q=" + "%F0%9F%98%80" * 50,
        "?expertise=&language=&q=&sort=",
        "?work_mode=underwater",
        "?q=a&q=b&page=1&page=2",
    ],
)
def test_hostile_query_strings_on_searches_and_lists_are_never_500(world, as_user, query):
    client = as_user(world.mentor1.user)
    for path in [
        f"/programs/{world.program.public_id}/mentors",
        f"/programs/{world.program.public_id}/mentees",
        "/programs",
    ]:
        response = client.get(API + path + query)
        if response.status_code == 200:
            assert {"items", "count", "page", "pages"} <= set(response.json())
        else:
            _assert_4xx(response, (path, query[:40]))


def test_wrong_methods_are_4xx(world, as_user):
    client = as_user(world.mentor1.user)
    for method, path in [
        ("PUT", "/me"),
        ("DELETE", "/programs"),
        ("POST", "/me"),
        ("PUT", f"/participants/{world.mentor1.public_id}"),
    ]:
        response = client.generic(method, API + path, "{}", content_type="application/json")
        assert 400 <= response.status_code < 500, (method, path)


def test_huge_and_odd_authorization_headers_are_401(world):
    for header in ["Bearer " + HUGE, "Bearer \x00", "Basic Zm9vOmJhcg==", "Bearer a b c", HUGE]:
        response = Client().get(API + "/me", HTTP_AUTHORIZATION=header)
        _assert_4xx(response, header[:20])
        assert response.status_code == 401


LONE = "x\\ud800y"  # a JSON escape of half a surrogate pair: not Unicode text


@pytest.mark.parametrize(
    "body",
    [
        f'{{"headline": "{LONE}"}}',
        f'{{"expertise": ["{LONE}"]}}',
        f'{{"interests": ["fine", "{LONE}"]}}',
        f'{{"languages": ["{LONE}"]}}',
        f'{{"fifteen_questions": {{"1": "{LONE}"}}}}',
        f'{{"fifteen_questions": {{"{LONE}": "an answer"}}}}',
        f'{{"answers": {{"q": ["{LONE}"]}}}}',
    ],
)
def test_lone_surrogates_anywhere_in_a_profile_edit_are_422_and_change_nothing(
    world, as_user, body
):
    participant = world.mentee1
    profile = Profile.objects.get(user=participant.user)
    before = (profile.headline, sorted(profile.expertise.values_list("name", flat=True)))
    response = as_user(participant.user).patch(
        f"{API}/participants/{participant.public_id}", body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    data = response.json()
    assert data["code"] == "invalid"
    field = next(iter(json.loads(body.replace("\\ud800", ""))))
    assert "not valid Unicode" in data["errors"][field][0]
    profile.refresh_from_db()
    assert (profile.headline, sorted(profile.expertise.values_list("name", flat=True))) == before


def test_a_paired_surrogate_is_an_ordinary_character_and_is_kept(world, as_user):
    participant = world.mentee1
    response = as_user(participant.user).patch(
        f"{API}/participants/{participant.public_id}",
        '{"expertise": ["Story \\ud83c\\udfac"]}',
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["expertise"] == ["Story \U0001f3ac"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/requests", f'{{"to": "abc", "message": "{LONE}"}}'),
        (
            "/auth/signup",
            f'{{"email": "a@b.org", "password": "p", "name": "{LONE}", "join_code": "x"}}',
        ),
        ("/programs/{program}/participants", f'{{"role": "mentee", "answers": {{"q": "{LONE}"}}}}'),
    ],
)
def test_lone_surrogates_are_refused_by_every_input_not_only_profiles(world, as_user, path, body):
    response = as_user(world.mentee2.user).post(
        API + path.format(program=world.program.public_id), body, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert "not valid Unicode" in json.dumps(response.json()["errors"])


def test_unknown_paths_answer_the_apis_json_404_with_any_method_and_a_token(world):
    from django.test import Client

    from mentorwise.accounts.services import TokenVia, api_token_create

    _, token = api_token_create(user=world.mentee1.user, label="script", via=TokenVia.ACCOUNT_PAGE)
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")
    for method, path in (
        ("post", f"/api/v1/programs/{world.program.public_id}/events"),
        ("put", "/api/v1/nothing/here"),
        ("delete", "/api/v1/nothing"),
        ("get", "/api/v1/nothing"),
    ):
        if method == "get":
            response = client.get(path)
        else:
            response = getattr(client, method)(path, "{}", content_type="application/json")
        assert response.status_code == 404, (method, path)
        assert response["Content-Type"] == "application/json"
        assert response.json()["code"] == "not_found"
