"""Reads for the member pages of the lifecycle, each in a constant number of queries."""

from dataclasses import dataclass, field

from django.utils import timezone

from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.services import reminder_available_at
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Role


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
        MentorshipRequest.objects.involving_user(user)
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
        Mentorship.objects.involving_user(user)
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
        Mentorship.objects.filter(mentor=mentor, mentee=mentee, status__in=Mentorship.ESTABLISHED)
        .select_related("program")
        .first()
    )
    requests = list(
        MentorshipRequest.objects.filter(mentor=mentor, mentee=mentee)
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
    if not program.is_self_service:
        state.why_not = "In this program pairs are formed by the program, not by requests."
    elif sender_role == Role.MENTOR and not program.mentors_can_invite:
        state.why_not = "In this program mentees ask mentors; mentors cannot invite."
    elif state.sender.status != Participant.Status.ACCEPTED:
        state.why_not = "You can send requests once your place in the program is accepted."
    elif participant.status != Participant.Status.ACCEPTED:
        state.why_not = f"{participant.user.name} is not taking requests right now."
    else:
        state.can_send = True
    return state


def can_request_in(viewer, program, role: str) -> bool:
    """Whether the viewer could send requests to people of `role` in `program` (search results)."""
    if not viewer.is_authenticated or not program.is_self_service:
        return False
    sender_role = Role.MENTEE if role == Role.MENTOR else Role.MENTOR
    if sender_role == Role.MENTOR and not program.mentors_can_invite:
        return False
    return Participant.objects.filter(
        program=program, user=viewer, role=sender_role, status=Participant.Status.ACCEPTED
    ).exists()
