from mentorwise.organizations.models import Membership


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_is_admin": False}
    return {
        "nav_is_admin": Membership.objects.filter(
            user=user, role=Membership.Role.ADMIN, is_blocked=False
        ).exists()
    }
