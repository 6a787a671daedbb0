"""Access helpers for the lifecycle pages: someone who is not a member of the object gets 404
(administrators included: they use the administration area); a member without the right gets
403 (raised by the services as NotAllowed)."""

from django.http import Http404

from mentorwise.mentorships.models import Mentorship, MentorshipRequest


def _not_blocked(qs, user):
    return qs.filter(
        program__organization__memberships__user=user,
        program__organization__memberships__is_blocked=False,
    )


def get_mentorship_for_member_or_404(user, public_id: str) -> Mentorship:
    if not user.is_authenticated:
        raise Http404
    mentorship = (
        _not_blocked(Mentorship.objects.involving_user(user), user)
        .select_related("program", "program__organization", "mentor__user", "mentee__user")
        .filter(public_id=public_id)
        .first()
    )
    if mentorship is None:
        raise Http404
    return mentorship


def get_request_for_party_or_404(user, public_id: str) -> MentorshipRequest:
    if not user.is_authenticated:
        raise Http404
    request = (
        _not_blocked(MentorshipRequest.objects.involving_user(user), user)
        .select_related("program", "mentor__user", "mentee__user")
        .filter(public_id=public_id)
        .first()
    )
    if request is None:
        raise Http404
    return request
