"""Each person's time zone: times are stored in UTC and shown in the viewer's zone (activated
per request by `UserTimeZoneMiddleware`), e-mails and calendar files in the recipient's.

The zone lives on the person's profile (`Profile.time_zone`, an IANA name); read here through
the user's reverse relation, so that any layer may ask without importing the profiles app.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import formats, timezone

SESSION_KEY = "mentorwise_time_zone"


def zone_named(name: str | None) -> ZoneInfo:
    """The zone called `name`, or the site's default (settings.TIME_ZONE) when it is empty or
    unknown."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return ZoneInfo(settings.TIME_ZONE)


def zone_name_of(user) -> str:
    """The IANA name of `user`'s zone as their profile gives it ("" when none)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    profile = getattr(user, "profile", None)  # RelatedObjectDoesNotExist is an AttributeError
    return getattr(profile, "time_zone", "") or ""


def zone_of(user) -> ZoneInfo:
    return zone_named(zone_name_of(user))


def today_for(user, *, now: datetime | None = None) -> date:
    """ "Today" where `user` is."""
    return timezone.localtime(now or timezone.now(), zone_of(user)).date()


def label(value: datetime, zone: ZoneInfo | None = None) -> str:
    """A moment in `zone` (the active zone by default) with the zone named, for example
    "Tue 8 Dec 2026, 14:30 (Asia/Kolkata)"."""
    zone = zone or timezone.get_current_timezone()
    local = timezone.localtime(value, zone)
    return f"{formats.date_format(local, 'MOMENT_FORMAT')} ({zone.key})"


class UserTimeZoneMiddleware:
    """Activates the signed-in person's zone for the request (kept in the session, so it costs no
    query after the first page; the profile form refreshes it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session is not None:
            name = session.get(SESSION_KEY)
            if name is None:
                name = zone_name_of(user)
                session[SESSION_KEY] = name
            timezone.activate(zone_named(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def remember_zone(request, name: str) -> None:
    """Call after the person changes their zone: the next pages use it."""
    if getattr(request, "session", None) is not None:
        request.session[SESSION_KEY] = name or ""
