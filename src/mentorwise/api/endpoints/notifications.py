"""The signed-in user's in-app notifications (the bell), marking them read, and how they want
to hear about each category (e-mail at once, a daily digest, or in the app only)."""

from ninja import Body, Query, Router

from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import Error
from mentorwise.api.schemas_lifecycle import (
    NotificationFilters,
    NotificationPage,
    PreferencesIn,
    PreferencesOut,
    ReadIn,
    ReadOut,
)
from mentorwise.api.serialize_lifecycle import notification_out
from mentorwise.notifications.models import Category, Notification
from mentorwise.notifications.services import (
    mark_read,
    preference_modes,
    preferences_set,
    unread_count,
)

router = Router(tags=["notifications"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


@router.get("", response={200: NotificationPage, **ERRORS}, summary="Your notifications")
def notification_list(request, filters: Query[NotificationFilters], paging: Query[PageParams]):
    """Newest first, with `unread`: how many of yours are unread in all. `unread=true` lists the
    unread ones only."""
    user = request.auth
    rows = Notification.objects.filter(user=user)
    if filters.unread is not None:
        rows = rows.filter(read_at__isnull=filters.unread)
    page = paginate(rows.order_by("-created_at", "-id"), paging, notification_out)
    page["unread"] = unread_count(user)
    return page


@router.post("/read", response={200: ReadOut, **ERRORS}, summary="Mark notifications read")
def notification_read(request, data: ReadIn | None = Body(None)):  # noqa: B008
    """`{"ids": [...]}` marks those (ids that are not yours, or unknown, are ignored);
    `{}`, `null` or an empty body marks all of yours. Answers with how many changed and how
    many stay unread."""
    user = request.auth
    ids = data.ids if data is not None else None
    marked = mark_read(user=user, public_ids=ids)
    return {"marked": marked, "unread": unread_count(user)}


def _preferences(user) -> dict:
    modes = preference_modes(user)
    return {
        "modes": modes,
        "categories": [
            {
                "category": value,
                "label": str(label),
                "mode": modes[value],
                "can_change": value != Category.SECURITY,
            }
            for value, label in Category.choices
        ],
    }


@router.get(
    "/preferences", response={200: PreferencesOut, **ERRORS}, summary="Your e-mail preferences"
)
def preferences_get(request):
    """Per category: `immediate` (an e-mail at once), `digest` (one e-mail a day) or `off` (in
    the app only). Security e-mails are always sent at once."""
    return _preferences(request.auth)


@router.put(
    "/preferences", response={200: PreferencesOut, **ERRORS}, summary="Change e-mail preferences"
)
def preferences_put(request, data: PreferencesIn):
    """Send the categories to change (`{"requests": "digest"}`); the others keep their mode."""
    changes = {k: v for k, v in data.model_dump(exclude_none=True).items() if k != "security"}
    preferences_set(user=request.auth, modes=changes)
    return _preferences(request.auth)
