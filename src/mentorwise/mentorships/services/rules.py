"""Who may ask whom for a mentorship, each rule stated once.

`request_check` answers "may this person send this request now, and if not, why?" in words
addressed to the person who would send it. The services enforce it (under the row locks, so
that two tabs cannot both pass); the pages and the API ask it before anyone writes a message,
so that a form is never offered when it cannot succeed. `pair_check` holds the rules every new
mentorship obeys whatever started it (a request, a selection round, a match run).
"""

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorwise.core.errors import Conflict, DomainError, NotAllowed, ValidationFailed
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.services.common import open_mentorships
from mentorwise.organizations.models import Membership
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role


@dataclass(frozen=True)
class Refusal:
    """Why something cannot be done: a machine code, a sentence for the person, and the kind of
    error (403, 409 or 400) that the services raise for it."""

    code: str
    message: str
    kind: type[DomainError] = Conflict

    def error(self) -> DomainError:
        return self.kind(self.message, code=self.code)


@dataclass
class RequestCheck:
    """The answer of `request_check`: the sender's participant record (when there is one) and,
    when the request cannot be sent, the refusal."""

    sender: Participant | None = None
    refusal: Refusal | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None

    @property
    def why_not(self) -> str:
        return self.refusal.message if self.refusal else ""

    @property
    def code(self) -> str:
        return self.refusal.code if self.refusal else ""

    def enforce(self) -> Participant:
        """The sender, or the refusal raised as its domain error."""
        if self.refusal is not None:
            raise self.refusal.error()
        return self.sender


def sender_role_towards(role: str) -> str:
    """The role that sends a request to someone of `role`: mentees ask mentors, mentors invite
    mentees."""
    return Role.MENTEE if role == Role.MENTOR else Role.MENTOR


def mentee_is_full(open_count: int, program: Program) -> bool:
    """A mentee with the program's maximum of mentors at a time takes no other."""
    return open_count >= program.max_mentors_per_mentee


def mentor_is_full(open_count: int, capacity: int) -> bool:
    """A mentor with as many open mentorships as their capacity takes no other mentee."""
    return open_count >= capacity


def _max_mentors_sentence(subject: str | None, limit: int) -> str:
    if subject is None:
        return ngettext(
            "You already have %(limit)s mentor, the program's maximum at a time.",
            "You already have %(limit)s mentors, the program's maximum at a time.",
            limit,
        ) % {"limit": limit}
    return ngettext(
        "%(name)s already has %(limit)s mentor, the program's maximum at a time.",
        "%(name)s already has %(limit)s mentors, the program's maximum at a time.",
        limit,
    ) % {"name": subject, "limit": limit}


def _same(a: str | None, b: str | None) -> bool:
    """Two labels name the same department or line: both given, equal but for case and spaces
    (as the matching engine compares them)."""
    a, b = (a or "").strip().casefold(), (b or "").strip().casefold()
    return bool(a) and a == b


def _profile(participant: Participant):
    try:
        return participant.user.profile
    except ObjectDoesNotExist:
        return None


def policy_check(
    mentor: Participant, mentee: Participant, *, acting: str | None, program: Program | None = None
) -> Refusal | None:
    """The program's rule on who may mentor whom: with `mentors_outside_reporting_line`, never
    two people of the same department or the same reporting line (the profile's `department`
    and `reports_to`). `acting` as for `pair_check`; `program` when the caller has it."""
    program = program or mentor.program
    if not program.mentors_outside_reporting_line:
        return None
    mine, theirs = _profile(mentor), _profile(mentee)
    if mine is None or theirs is None:
        return None
    if acting is None:
        who = {"people": _("%(a)s and %(b)s") % {"a": mentee.user.name, "b": mentor.user.name}}
    else:
        other = mentee if acting == Role.MENTOR else mentor
        who = {"people": _("You and %(name)s") % {"name": other.user.name}}
    if _same(mine.department, theirs.department):
        return Refusal(
            "same_department",
            _(
                "%(people)s work in the same department; this program pairs people from "
                "different departments."
            )
            % who,
        )
    if _same(mine.reports_to, theirs.reports_to):
        return Refusal(
            "same_reporting_line",
            _(
                "%(people)s are in the same reporting line; this program pairs people from "
                "different reporting lines."
            )
            % who,
        )
    return None


def pause_check(mentor: Participant, *, acting: str | None) -> Refusal | None:
    """A mentor who paused ("not taking mentees now") is not asked, matched or paired until
    the return date (the pause ends by itself that day). The mentor's own acts (an invitation,
    an acceptance) are theirs to make."""
    if acting == Role.MENTOR or not mentor.is_paused():
        return None
    if mentor.paused_until is None:
        message = _("%(name)s is not taking new mentees right now.") % {"name": mentor.user.name}
    else:
        message = _("%(name)s is not taking new mentees until %(date)s.") % {
            "name": mentor.user.name,
            "date": date_format(mentor.paused_until, "j F Y"),
        }
    return Refusal("mentor_paused", message)


def _blocked_check(
    mentor: Participant, mentee: Participant, *, acting: str | None
) -> Refusal | None:
    """Nobody whom the organization blocked is paired, on either side."""
    blocked = set(
        Membership.objects.filter(
            organization_id=mentee.program.organization_id,
            user_id__in=[mentor.user_id, mentee.user_id],
            is_blocked=True,
        ).values_list("user_id", flat=True)
    )
    if not blocked:
        return None
    me = None if acting is None else (mentor if acting == Role.MENTOR else mentee)
    if me is not None and me.user_id in blocked:
        return Refusal(
            "blocked", _("Your access to this organization has been suspended."), NotAllowed
        )
    other = mentor if mentor.user_id in blocked else mentee
    return Refusal(
        "blocked",
        _("%(name)s is not taking part in the program right now.") % {"name": other.user.name},
    )


def pair_check(mentor: Participant, mentee: Participant, *, acting: str | None) -> Refusal | None:
    """The rules every new mentorship obeys, whatever started it (a request, an invitation, a
    selection round, a match run, a pair made by hand): both active, not already paired, the
    program's department and reporting-line rule, the mentor taking mentees (not paused) and
    with room, the mentee under the program's maximum. `acting` is the role of the person who
    would start it (the sender or the one accepting), so that the sentence speaks to them; None
    for the program (a round, a run, an administrator), which is told in the third person."""
    if mentor.status != Participant.Status.ACCEPTED or mentee.status != Participant.Status.ACCEPTED:
        return Refusal("not_active", _("Both people must be active participants of the program."))
    refusal = _blocked_check(mentor, mentee, acting=acting)
    if refusal is not None:
        return refusal
    if Mentorship.objects.filter(mentor=mentor, mentee=mentee).established().exists():
        if acting is None:
            return Refusal("already_paired", _("They already have a mentorship together."))
        return Refusal("already_paired", _("You already have a mentorship together."))
    refusal = policy_check(mentor, mentee, acting=acting) or pause_check(mentor, acting=acting)
    if refusal is not None:
        return refusal
    if mentor_is_full(open_mentorships(mentor), mentor.capacity):
        if acting == Role.MENTOR:
            message = _(
                "You have no room for another mentee right now. End a mentorship or raise your "
                "capacity on your profile first."
            )
        else:
            message = _("%(name)s has no room for another mentee right now.") % {
                "name": mentor.user.name
            }
        return Refusal("mentor_full", message)
    if mentee_is_full(open_mentorships(mentee), mentee.program):
        subject = None if acting == Role.MENTEE else mentee.user.name
        return Refusal(
            "mentee_full", _max_mentors_sentence(subject, mentee.program.max_mentors_per_mentee)
        )
    return None


def sender_check(user, program: Program, to_role: str, *, mine=None) -> RequestCheck:
    """Whether `user` may send requests to people of `to_role` in `program` at all: the rules
    that do not depend on who receives it. `mine` may carry the user's participant records in
    the program when the caller has them already."""
    if not user.is_authenticated:
        return RequestCheck(refusal=Refusal("not_signed_in", _("Sign in first."), NotAllowed))
    role = sender_role_towards(to_role)
    if mine is None:
        mine = list(Participant.objects.filter(program=program, user=user))
    sender = next((p for p in mine if p.role == role), None)
    if sender is None:
        role_word = _("mentee") if role == Role.MENTEE else _("mentor")
        return RequestCheck(
            refusal=Refusal(
                "not_participant",
                _("Join %(program)s as a %(role)s to send this request.")
                % {"program": program.name, "role": role_word},
                NotAllowed,
            )
        )
    check = RequestCheck(sender=sender)
    if Membership.objects.filter(
        organization_id=program.organization_id, user=user, is_blocked=True
    ).exists():
        check.refusal = Refusal(
            "blocked", _("Your access to this organization has been suspended."), NotAllowed
        )
    elif sender.status != Participant.Status.ACCEPTED:
        check.refusal = Refusal(
            "not_active",
            _(
                "You can send requests once your place in the program is accepted (it is "
                "%(status)s)."
            )
            % {"status": sender.get_status_display().lower()},
            NotAllowed,
        )
    elif not program.is_self_service:
        check.refusal = Refusal(
            "requests_closed",
            _(
                "In this program pairs are formed by the program's selection round or matching, "
                "not by requests."
            ),
        )
    elif role == Role.MENTOR and not program.mentors_can_invite:
        check.refusal = Refusal(
            "invites_off",
            _("In this program mentees ask mentors; mentors cannot invite."),
            NotAllowed,
        )
    return check


def request_check(user, to: Participant, *, mine=None) -> RequestCheck:
    """Whether `user` may ask `to` for a mentorship now; if not, why, in words for `user`.

    Read without locks it explains; the services call it again with the two participants
    locked, where its answer is final."""
    if to.user_id == user.pk:
        return RequestCheck(
            refusal=Refusal(
                "self_request", _("You cannot send a request to yourself."), ValidationFailed
            )
        )
    program = to.program
    check = sender_check(user, program, to.role, mine=mine)
    if not check.ok:
        return check
    sender = check.sender
    if to.status != Participant.Status.ACCEPTED:
        check.refusal = Refusal(
            "not_active",
            _("%(name)s is not taking requests right now.") % {"name": to.user.name},
        )
        return check
    mentor, mentee = (to, sender) if to.role == Role.MENTOR else (sender, to)
    if MentorshipRequest.objects.pending().filter(mentor=mentor, mentee=mentee).exists():
        check.refusal = Refusal(
            "duplicate", _("There is already a request waiting between the two of you.")
        )
        return check
    check.refusal = pair_check(mentor, mentee, acting=sender.role)
    if check.refusal is not None:
        return check
    open_sent = (
        MentorshipRequest.objects.pending()
        .filter(**{sender.role: sender}, initiated_by=sender.role)
        .count()
    )
    if open_sent >= program.open_request_cap:
        check.refusal = Refusal(
            "open_request_cap",
            _(
                "You already have %(count)s requests waiting for an answer, the most this "
                "program allows at once. Withdraw one or wait for answers."
            )
            % {"count": open_sent},
        )
    return check
