"""The JSON API of API.md, mounted at /api/v1/: the NinjaAPI, its error handlers, its routers.

Every error is a JSON body {"detail": "...", "code": "...", "errors": {field: [...]}} (errors
only when fields are at fault). Nothing a client sends should ever produce a 500.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from mentorwise.agreements import api as agreements_api
from mentorwise.api.auth import API_AUTH, CsrfFailed
from mentorwise.api.endpoints import (
    auth,
    concerns,
    matching,
    me,
    mentorships,
    notifications,
    participants,
    programs,
    rematch,
    requests,
)
from mentorwise.conversations import api as conversations_api
from mentorwise.core.errors import DomainError
from mentorwise.goals import api as goals_api
from mentorwise.meetings import api as meetings_api
from mentorwise.workspace import api as workspace_api

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title=_("Mentorwise API"),
    version="1",
    description="The JSON API of Mentorwise. See docs/api.md for authentication, errors and "
    "pagination.",
    urls_namespace="api",
    auth=API_AUTH,
)


def error(request, status: int, detail: str, code: str, errors: dict | None = None):
    body = {"detail": detail, "code": code}
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    response = error(request, exc.status_code, exc.message, exc.code, exc.errors)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(int(retry_after))
    return response


def _field_name(loc) -> str:
    # ("body", "payload", "answers", "x") → "answers.x"; ("query", "page") → "page"
    parts = [str(p) for p in loc[1:]]
    if parts and parts[0] in {"payload", "data", "filters", "params", "paging"} and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        msg = item.get("msg", _("Invalid value."))
        if item.get("type") == "missing":
            msg = _("This field is required.")
        elif item.get("type") == "extra_forbidden":
            msg = _("This field is not known.")
        errors.setdefault(_field_name(item.get("loc", ())), []).append(msg)
    if set(errors) == {"__all__"} or not errors:
        detail = _("The request body must be a JSON object with the documented fields.")
    else:
        detail = _("Some fields need your attention: %(fields)s.") % {
            "fields": ", ".join(sorted(errors))
        }
    return error(request, 422, detail, "invalid", errors)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error(
        request, 404, _("Not found, or not visible to you. Check the identifier."), "not_found"
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    detail = str(exc) or _("You are signed in but not allowed to do that.")
    return error(request, 403, detail, "forbidden")


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    detail = (
        exc.message
        if exc.message != "Unauthorized"
        else _("Sign in first: use the browser session or send Authorization: Bearer <token>.")
    )
    response = error(request, 401, detail, "not_authenticated")
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if isinstance(exc, CsrfFailed):
        return error(request, 403, exc.message, "csrf_failed")
    if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
        return error(request, 400, _("The request body is not valid JSON."), "malformed_json")
    code = {
        400: "bad_request",
        401: "not_authenticated",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
        429: "throttled",
    }.get(exc.status_code, "error")
    return error(request, exc.status_code, str(exc), code)


@api.exception_handler(Exception)
def on_unexpected(request, exc):
    logger.exception("Unexpected error in the API", exc_info=exc)
    return error(
        request, 500, _("Something went wrong on our side. Please try again later."), "server_error"
    )


api.add_router("/auth", auth.router)
api.add_router("", me.router)
api.add_router("/programs", programs.router)
api.add_router("/participants", participants.router)
api.add_router("/participants", concerns.router)
api.add_router("/requests", requests.router)
api.add_router("/mentorships", mentorships.router)
api.add_router("/notifications", notifications.router)
api.add_router("", matching.router)
api.add_router("", rematch.router)
# The pair's workspace: each app's router, its paths written in full (API.md).
api.add_router("", agreements_api.router)
api.add_router("", goals_api.router)
api.add_router("", meetings_api.router)
api.add_router("", conversations_api.router)
api.add_router("", workspace_api.router)
