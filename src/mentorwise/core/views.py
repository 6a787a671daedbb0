from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def forbidden(request, exception=None):
    suspension = getattr(exception, "suspension", None)  # organizations.permissions.Suspended
    if suspension is not None:
        return render(
            request, "organizations/suspended.html", {"suspension": suspension}, status=403
        )
    return render(request, "core/403.html", {"exception": exception}, status=403)
