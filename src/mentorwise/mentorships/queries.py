"""Reads for the member pages of the lifecycle, each in a constant number of queries, all
through the privacy gate (`visible_to`)."""

from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.services import reminder_available_at, request_check, sender_check
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Role


def open_mentorship_count(role: str):
    """An annotation: the participant's established mentorships (a mentor's taken places, a
    mentee's current mentors)."""
    side = "mentor" if role == Role.MENTOR else "mentee"
    return Coalesce(
        Subquery(
            Mentorship.objects.filter(**{side: OuterRef("pk")})
            .established()
            .values(side)
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def mentors_in_organization_count():
    """An annotation: a mentee's mentors at the moment in every program of the participant's
    organization. The program's maximum of mentors per mentee counts them all, so that two
    programs do not add up to twice the maximum."""
    return Coalesce(
        Subquery(
            Mentorship.objects.filter(
                mentee__user_id=OuterRef("user_id"),
                program__organization_id=OuterRef("program__organization_id"),
            )
            .established()
            .values("mentee__user_id")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_room(queryset, role: str):
    """Annotates `open_mentorships` (for a mentee, in every program of the organization: see
    `mentors_in_organization_count`) and, for mentors, `remaining_capacity`."""
    if role == Role.MENTEE:
        return queryset.annotate(open_mentorships=mentors_in_organization_count())
    queryset = queryset.annotate(open_mentorships=open_mentorship_count(role))
    if role == Role.MENTOR:
        queryset = queryset.annotate(remaining_capacity=F("capacity") - F("open_mentorships"))
    return queryset


@dataclass
class Lifecycle:
    incoming: list = field(default_factory=list)
    outgoing: list = field(default_factory=list)
    open: list = field(default_factory=list)
    past: list = field(default_factory=list)
    past_requests: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.incoming or self.outgoing or self.open or self.past or self.past_requests)


def _annotate_request(request: MentorshipRequest, user, now) -> MentorshipRequest:
    request.is_outgoing = request.sender.user_id == user.pk
    request.other = request.recipient if request.is_outgoing else request.sender
    if request.is_pending and request.is_outgoing:
        request.reminder_at = reminder_available_at(request)
        request.can_remind = now >= request.reminder_at
    return request


def lifecycle_for(user, *, now=None) -> Lifecycle:
    """Every request and mentorship of `user`, across programs, grouped for "My mentorships"."""
    now = now or timezone.now()
    result = Lifecycle()
    requests = (
        MentorshipRequest.objects.visible_to(user)
        .select_related("program", "mentor__user", "mentee__user")
        .order_by("-created_at", "-id")
    )
    for request in requests:
        _annotate_request(request, user, now)
        if not request.is_pending:
            if request.status != MentorshipRequest.Status.ACCEPTED:
                result.past_requests.append(request)
        elif request.is_outgoing:
            result.outgoing.append(request)
        else:
            result.incoming.append(request)
    result.incoming.reverse()  # the longest-waiting first
    mentorships = (
        Mentorship.objects.visible_to(user)
        .select_related("program", "mentor__user", "mentee__user")
        .order_by("-started_on", "-id")
    )
    for mentorship in mentorships:
        mentorship.my_role = mentorship.member_role(user)
        mentorship.partner = mentorship.partner_of(user)
        (result.open if mentorship.is_open else result.past).append(mentorship)
    return result


@dataclass
class PairState:
    """What the viewer may do with one participant, and what is already going on between them."""

    sender: Participant | None = None  # the viewer's own participant record that would send
    can_send: bool = False
    why_not: str = ""
    pending: MentorshipRequest | None = None
    mentorship: Mentorship | None = None
    last_request: MentorshipRequest | None = None
    can_report: bool = False


def pair_state(viewer, participant: Participant, *, now=None) -> PairState:
    """What is going on between the viewer and `participant`, and whether the viewer may send
    a request now (`request_check`'s answer, with its reason in the viewer's words)."""
    now = now or timezone.now()
    state = PairState()
    if not viewer.is_authenticated or participant.user_id == viewer.pk:
        return state
    program = participant.program
    mine = list(Participant.objects.filter(program=program, user=viewer))
    state.can_report = bool(mine)
    sender_role = Role.MENTEE if participant.role == Role.MENTOR else Role.MENTOR
    state.sender = next((p for p in mine if p.role == sender_role), None)
    if state.sender is None:
        return state
    mentor, mentee = (
        (participant, state.sender)
        if participant.role == Role.MENTOR
        else (state.sender, participant)
    )
    state.mentorship = (
        Mentorship.objects.visible_to(viewer)
        .established()
        .filter(mentor=mentor, mentee=mentee)
        .select_related("program")
        .first()
    )
    requests = list(
        MentorshipRequest.objects.visible_to(viewer)
        .filter(mentor=mentor, mentee=mentee)
        .select_related("program", "mentor__user", "mentee__user")
        .order_by("-created_at", "-id")[:1]
    )
    if requests:
        request = _annotate_request(requests[0], viewer, now)
        if request.is_pending:
            state.pending = request
        else:
            state.last_request = request
    if state.mentorship or state.pending:
        return state
    check = request_check(viewer, participant, mine=mine)
    state.can_send, state.why_not = check.ok, check.why_not
    return state


def can_request_in(viewer, program, role: str) -> bool:
    """Whether the viewer could send requests to people of `role` in `program` (search results):
    the rules of `sender_check`, which do not depend on the person asked."""
    return sender_check(viewer, program, role).ok
