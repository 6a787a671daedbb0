"""How the API knows who is calling: a personal access token or the browser session.

`Authorization: Bearer <token>` wins when present (an invalid token is a 401, never a silent
fall-back to the session). Without it, the Django session is used, and unsafe methods
(POST, PUT, PATCH, DELETE) must then carry the CSRF token like any form of the site.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from mentorwise.accounts.models import ApiToken

MAX_TOKEN_LENGTH = 200
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class CsrfFailed(HttpError):
    def __init__(self) -> None:
        super().__init__(
            403,
            "The CSRF check failed. Send the X-CSRFToken header with the value of the csrftoken "
            "cookie, or use a personal access token instead of the session.",
        )


class TokenAuth(HttpBearer):
    """`Authorization: Bearer mw_…` — a personal access token (accounts.models.ApiToken)."""

    def __call__(self, request: HttpRequest):
        header = request.headers.get(self.header)
        if not header:
            return None
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str):
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise AuthenticationError(401, _("That access token is not valid."))
        user = ApiToken.authenticate(token)
        if user is None:
            raise AuthenticationError(401, _("That access token is not valid or has been revoked."))
        request.user = user  # so that middleware (last active) and helpers see the caller
        if user.language:  # the caller's own language wins over Accept-Language, as on pages
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        request.api_token = user._api_token
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; CSRF-checked for unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request):
            raise CsrfFailed()
        request.api_token = None
        return user

    def authenticate(self, request: HttpRequest, key):  # pragma: no cover - __call__ decides
        return None


token_auth = TokenAuth()
session_auth = SessionAuth()
API_AUTH = [token_auth, session_auth]
