"""Refuses NUL characters at the door: in a path (404: no identifier contains one), in a query
string or JSON body of an API request (400, in the API's error shape).

PostgreSQL cannot store or compare NUL in text, and no legitimate client sends one; refusing
them here keeps the "4xx, never 500" promise without checks in every view and endpoint. Page
forms reject NUL in their fields themselves.
"""

import json

from django.http import HttpResponseNotFound, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control

API_PREFIX = "/api/"


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_api = request.path.startswith(API_PREFIX)
        if "\x00" in request.path:
            if is_api:
                return JsonResponse(
                    {"detail": "There is no such resource.", "code": "not_found"}, status=404
                )
            return HttpResponseNotFound("Not found.")
        if is_api and self._contains_nul(request):
            return JsonResponse(
                {
                    "detail": "Text may not contain NUL (\\u0000) characters.",
                    "code": "invalid_characters",
                },
                status=400,
            )
        return self.get_response(request)

    @staticmethod
    def _contains_nul(request) -> bool:
        if any(
            _has_nul(k) or _has_nul(v) for k, values in request.GET.lists() for v in [*values, k]
        ):
            return True
        body = request.body
        if b"\x00" in body:
            return True
        if b"\\u0000" in body:
            try:
                return _has_nul(json.loads(body))
            except ValueError:
                return False
        return False


class RequestLanguageScopeMiddleware:
    """Outermost: the language a request activated (the browser's, or the person's) ends with
    the request, so that work done afterwards in the same thread — a task, a test — starts
    from the site's default again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            translation.deactivate()


class NoStorePersonalMiddleware:
    """Answers that may carry personal data are not kept by browsers or proxies.

    Any answer to a signed-in person (a session), to a request with credentials (an API token),
    and every API answer gets `Cache-Control: private, no-store`, unless the view set its own
    Cache-Control. Static files (served before this by WhiteNoise) and the public pages seen
    signed out keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if (
            (user is not None and user.is_authenticated)
            or "HTTP_AUTHORIZATION" in request.META
            or request.path.startswith(API_PREFIX)
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
