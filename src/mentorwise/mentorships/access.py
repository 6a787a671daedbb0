"""The privacy gate: who may read a mentorship, a request, or what a pair wrote.

Every read of a pair's content starts from an object fetched here, by the pages, the API and
the services alike; nothing else decides "who may see this". The rules:

- A mentorship and a request are readable by their two people only, while they are members in
  good standing of the organization (`visible_to` on the querysets). Anyone else — other
  participants, administrators, other organizations, anonymous visitors — gets 404: an
  outsider never learns that a private thing exists.
- The organization's administrators manage a mentorship (end, extend, pause) and read its
  metadata through `get_mentorship_for_admin`: 404 outside their organizations, 403 for a
  member who is not an administrator. They never read what the pair wrote.
- The 15 Questions answers are readable by their author and by the people with whom the
  author has an established mentorship.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.organizations.permissions import fetch_for_admin, is_org_admin
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Role

MEMBER_RELATED = ("program", "program__organization", "mentor__user", "mentee__user")
REQUEST_RELATED = ("program", "program__organization", "mentor__user", "mentee__user")
NOT_ADMIN = "Only the organization's program administrators can use this page."


def get_mentorship(user, public_id: str, *, related=MEMBER_RELATED) -> Mentorship:
    """One of `user`'s mentorships; 404 for everyone else, administrators included."""
    mentorship = (
        Mentorship.objects.visible_to(user)
        .select_related(*related)
        .filter(public_id=public_id)
        .first()
    )
    if mentorship is None:
        raise Http404
    mentorship.gated_for = (user.pk, related)  # see `through_gate`
    return mentorship


def through_gate(user, mentorship: Mentorship) -> Mentorship:
    """`mentorship` as `get_mentorship` gives it to `user`: the same object when it came through
    the gate for them in this request (a panel of the page that fetched it), else fetched again."""
    if getattr(mentorship, "gated_for", None) == (user.pk, MEMBER_RELATED):
        return mentorship
    return get_mentorship(user, mentorship.public_id)


def get_mentorship_to_manage(user, public_id: str) -> Mentorship:
    """A mentorship to end or extend: its members, and the administrators of its organization
    (the services tell which of the two acted); 404 for everyone else."""
    try:
        return get_mentorship(user, public_id)
    except Http404:
        pass
    try:
        return get_mentorship_for_admin(user, public_id)
    except PermissionDenied:  # a member of the organization, not of the pair: not revealed
        raise Http404 from None


def get_mentorship_for_admin(user, public_id: str) -> Mentorship:
    """A mentorship's metadata for its organization's administrators: 404 outside the viewer's
    organizations, 403 for a member who is not an administrator."""
    return fetch_for_admin(
        user,
        Mentorship.objects.select_related(
            "program__organization", "mentor__user", "mentee__user", "ended_by"
        ),
        "program__organization",
        lambda m: m.program.organization_id,
        NOT_ADMIN,
        public_id=public_id,
    )


def get_request(user, public_id: str) -> MentorshipRequest:
    """A request `user` sent or received; 404 for everyone else. Between the two people, what
    each may do with it is the services' business (403 for the wrong one)."""
    request = (
        MentorshipRequest.objects.visible_to(user)
        .select_related(*REQUEST_RELATED)
        .filter(public_id=public_id)
        .first()
    )
    if request is None:
        raise Http404
    return request


def member_or_admin(mentorship: Mentorship, user) -> str | None:
    """The role in which `user` may act on the mentorship: "mentor" or "mentee" for the pair,
    "admin" for the organization's administrators, None for anyone else."""
    return mentorship.member_role(user) or (
        "admin" if is_org_admin(user, mentorship.program.organization_id) else None
    )


def can_read_fifteen_answers(viewer, participant: Participant) -> bool:
    """The 15 Questions answers are readable by their author and by the people with whom the
    author has an established (active or paused) mentorship, through the gate. Nobody else:
    not administrators, not other participants, not staff."""
    if not viewer.is_authenticated:
        return False
    if participant.user_id == viewer.pk:
        return True
    side, other = ("mentor", "mentee") if participant.role == Role.MENTOR else ("mentee", "mentor")
    return (
        Mentorship.objects.visible_to(viewer)
        .established()
        .filter(**{side: participant, f"{other}__user": viewer})
        .exists()
    )
