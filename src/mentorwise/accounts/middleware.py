from datetime import timedelta

from django.utils import timezone, translation

from mentorwise.accounts.models import User

LAST_ACTIVE_RESOLUTION = timedelta(minutes=5)


class LastActiveMiddleware:
    """Keeps `User.last_active_at` fresh (at most one write per user every five minutes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now()
            last = user.last_active_at
            if last is None or now - last > LAST_ACTIVE_RESOLUTION:
                User.objects.filter(pk=user.pk).update(last_active_at=now)
        return response


class UserLanguageMiddleware:
    """A signed-in person's chosen language wins over the browser's (LocaleMiddleware has
    picked that one, from the language cookie or Accept-Language, before sign-in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if language and user.is_authenticated:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
