from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "core/403.html", {"exception": exception}, status=403)
