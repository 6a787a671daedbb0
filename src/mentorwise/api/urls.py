from functools import wraps

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from mentorwise.api.routes import api


def _json_method_not_allowed(view):
    """ninja answers a wrong method with a plain-text 405; give it the API's error shape."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            json_response = JsonResponse(
                {
                    "detail": _("%(method)s is not allowed here. Allowed: %(allowed)s.")
                    % {"method": request.method, "allowed": allowed},
                    "code": "method_not_allowed",
                },
                status=405,
            )
            json_response["Allow"] = allowed
            return json_response
        return response

    return wrapper


@csrf_exempt  # it changes nothing; a POST with a token must get this 404, not a CSRF page
def not_found(request, rest=""):
    """Any other path under /api/v1/, with any method: the JSON 404 of the API, not the site's
    HTML page (nor Django's CSRF page for a POST)."""
    return JsonResponse(
        {"detail": "There is no such endpoint. See /api/v1/docs.", "code": "not_found"},
        status=404,
    )


# Not `app_name`/`namespace` at module level: include() would read them from this module.
patterns, _app_name, _namespace = api.urls
for pattern in patterns:
    pattern.callback = _json_method_not_allowed(pattern.callback)

urlpatterns = [
    path(
        "",
        (
            [*patterns, re_path(r"^(?P<rest>.*)$", not_found, name="not-found")],
            _app_name,
            _namespace,
        ),
    ),
]
