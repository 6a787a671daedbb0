"""Selection rounds: mentees choose mentors in order of preference, mentors choose among the
mentees who chose them, and the round finishes as a match run to review and publish."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorwise.core.errors import Conflict, NotAllowed, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.matching.models import (
    MatchRun,
    RoundChoice,
    RoundPick,
    SelectionRound,
)
from mentorwise.matching.services.common import _require_admin
from mentorwise.matching.services.runs import run_create
from mentorwise.mentorships.models import Mentorship
from mentorwise.mentorships.queries import with_room
from mentorwise.mentorships.services import (
    open_mentorships,
    policy_check,
)
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role


@transaction.atomic
def round_open(
    *,
    program: Program,
    user,
    name: str,
    max_choices: int = 3,
    selection_closes_on=None,
    picking_closes_on=None,
) -> SelectionRound:
    _require_admin(user, program)
    if program.matching_mode != Program.MatchingMode.SELECTION_ROUND:
        raise Conflict(_("This program does not use selection rounds."), code="not_round_program")
    if (
        SelectionRound.objects.filter(program=program)
        .exclude(status=SelectionRound.Status.PUBLISHED)
        .exists()
    ):
        raise Conflict(_("A round is already under way in this program."), code="round_open")
    name = " ".join((name or "").split())[:120]
    if not name:
        raise ValidationFailed(_("Give the round a name."), field="name")
    if not isinstance(max_choices, int) or not 1 <= max_choices <= 20:
        raise ValidationFailed(_("Mentees may choose from 1 to 20 mentors."), field="max_choices")
    today = timezone.localdate()
    for field, day in (
        ("selection_closes_on", selection_closes_on),
        ("picking_closes_on", picking_closes_on),
    ):
        if day is not None and day < today:
            raise ValidationFailed(_("This date has passed: choose today or later."), field=field)
    if selection_closes_on and picking_closes_on and picking_closes_on < selection_closes_on:
        raise ValidationFailed(
            _("Mentors choose after mentees: pick a later date."), field="picking_closes_on"
        )
    round = SelectionRound.objects.create(
        program=program,
        name=name,
        max_choices=max_choices,
        created_by=user,
        selection_closes_on=selection_closes_on,
        picking_closes_on=picking_closes_on,
    )
    audit(actor=user, action="round.open", target=round, organization_id=program.organization_id)
    # Mentees who already have the program's maximum of mentors do not choose in this round.
    mentees = (
        with_room(
            Participant.objects.filter(
                program=program, role=Role.MENTEE, status=Participant.Status.ACCEPTED
            ),
            Role.MENTEE,
        )
        .filter(open_mentorships__lt=program.max_mentors_per_mentee)
        .select_related("user")
    )
    for mentee in mentees:
        notify(
            user=mentee.user,
            kind="round_opened",
            category=Category.PROGRAM,
            context={"program": program, "round": round},
            url=reverse("matching:round-choose", args=[round.public_id]),
            summary=lambda: (
                ngettext(
                    "Choose up to %(count)d mentor.", "Choose up to %(count)d mentors.", max_choices
                )
                % {"count": max_choices}
            ),
        )
    return round


def _mentee_full_message(program: Program) -> str:
    limit = program.max_mentors_per_mentee
    return ngettext(
        "You already have %(count)d mentor, the program's maximum at a time, so you do not "
        "choose mentors in this round. When a mentorship ends you can choose in a later round.",
        "You already have %(count)d mentors, the program's maximum at a time, so you do not "
        "choose mentors in this round. When a mentorship ends you can choose in a later round.",
        limit,
    ) % {"count": limit}


def _round_for_update(round: SelectionRound) -> SelectionRound:
    return (
        SelectionRound.objects.select_for_update(of=("self",))
        .select_related("program")
        .get(pk=round.pk)
    )


def _accepted_in_round(round: SelectionRound, user, role: str, refusal: str) -> Participant:
    """The user's accepted participant of the round's program in `role`, or NotAllowed."""
    found = Participant.objects.filter(
        program=round.program, user=user, role=role, status=Participant.Status.ACCEPTED
    ).first()
    if found is None:
        raise NotAllowed(refusal)
    return found


@transaction.atomic
def round_choose(*, round: SelectionRound, user, mentor_ids: list[str]) -> list[RoundChoice]:
    """A mentee's ranked selection of mentors (replaces their earlier one). A mentee who
    already has the program's maximum of mentors may only clear her choices."""
    round = _round_for_update(round)
    mentee = _accepted_in_round(
        round, user, Role.MENTEE, _("Only accepted mentees of the program choose mentors.")
    )
    if round.status != SelectionRound.Status.SELECTING:
        raise Conflict(_("Choosing mentors is closed for this round."), code="round_closed")
    ids = [str(i) for i in mentor_ids or []]
    full = open_mentorships(mentee) >= round.program.max_mentors_per_mentee
    if ids and full:  # clearing earlier choices stays possible
        raise Conflict(_mentee_full_message(round.program), code="mentee_full")
    if len(ids) != len(set(ids)):
        raise ValidationFailed(_("Choose each mentor once."), field="mentors")
    if len(ids) > round.max_choices:
        raise ValidationFailed(
            ngettext(
                "Choose at most %(count)d mentor.",
                "Choose at most %(count)d mentors.",
                round.max_choices,
            )
            % {"count": round.max_choices},
            field="mentors",
        )
    mentors = {
        p.public_id: p
        for p in Participant.objects.filter(
            program=round.program,
            role=Role.MENTOR,
            status=Participant.Status.ACCEPTED,
            public_id__in=ids,
        ).select_related("user__profile")
    }
    if len(mentors) != len(ids):
        raise ValidationFailed(_("Choose mentors of this program."), field="mentors")
    for mentor in mentors.values():  # the program's rules on who mentors whom, as everywhere
        refusal = policy_check(mentor, mentee, acting=Role.MENTEE, program=round.program)
        if refusal is not None:
            raise refusal.error()
    RoundChoice.objects.filter(round=round, mentee=mentee).delete()
    choices = RoundChoice.objects.bulk_create(
        RoundChoice(round=round, mentee=mentee, mentor=mentors[i], rank=rank)
        for rank, i in enumerate(ids, start=1)
    )
    audit(
        actor=user,
        action="round.choose",
        target=round,
        organization_id=round.program.organization_id,
        count=len(choices),
    )
    return choices


@transaction.atomic
def round_advance(*, round: SelectionRound, user, from_status: str | None = None) -> SelectionRound:
    """Selecting → mentors choosing (the chosen mentors with a place left are told) → ready to
    fill and publish. With `from_status` (the step the administrator confirmed), nothing
    happens unless the round is still at that step: a confirmation sent twice moves it once."""
    round = _round_for_update(round)
    _require_admin(user, round.program)
    if from_status is not None and round.status != from_status:
        raise Conflict(
            _("This round has already moved on: it is at “%(status)s” now. Nothing was changed.")
            % {"status": round.get_status_display()},
            code="round_state",
        )
    if round.status == SelectionRound.Status.SELECTING:
        round.status = SelectionRound.Status.PICKING
        mentor_ids = set(round.choices.values_list("mentor_id", flat=True))
        mentors = (
            with_room(Participant.objects.filter(pk__in=mentor_ids), Role.MENTOR)
            .filter(remaining_capacity__gt=0)
            .select_related("user")
        )
        for mentor in mentors:
            notify(
                user=mentor.user,
                kind="round_picking",
                category=Category.PROGRAM,
                context={"program": round.program, "round": round},
                url=reverse("matching:round-pick", args=[round.public_id]),
                summary=lambda: _("See who chose you and pick your mentees."),
            )
    elif round.status == SelectionRound.Status.PICKING:
        round.status = SelectionRound.Status.REVIEW
    else:
        raise Conflict(_("This round has no next step; fill and publish it."), code="round_state")
    round.save(update_fields=["status"])
    audit(
        actor=user,
        action="round.advance",
        target=round,
        organization_id=round.program.organization_id,
        status=round.status,
    )
    return round


@transaction.atomic
def round_pick(*, round: SelectionRound, user, mentee_ids: list[str]) -> list[RoundPick]:
    """A mentor's choice among the mentees who selected them, up to their places left."""
    round = _round_for_update(round)
    mentor = _accepted_in_round(
        round, user, Role.MENTOR, _("Only accepted mentors of the program choose mentees.")
    )
    if round.status != SelectionRound.Status.PICKING:
        raise Conflict(_("Mentors are not choosing in this round right now."), code="round_closed")
    ids = list(dict.fromkeys(str(i) for i in mentee_ids or []))
    chose_me = {
        c.mentee.public_id: c.mentee
        for c in RoundChoice.objects.filter(round=round, mentor=mentor).select_related(
            "mentee__user__profile"
        )
    }
    if any(i not in chose_me for i in ids):
        raise ValidationFailed(_("Choose among the mentees who selected you."), field="mentees")
    for i in ids:  # the program's rules on who mentors whom, as everywhere
        refusal = policy_check(mentor, chose_me[i], acting=Role.MENTOR, program=round.program)
        if refusal is not None:
            raise refusal.error()
    open_count = Mentorship.objects.filter(mentor=mentor, status__in=Mentorship.ESTABLISHED).count()
    room = max(mentor.capacity - open_count, 0)
    if len(ids) > room:
        raise ValidationFailed(_too_many_picks(len(ids), room), field="mentees")
    RoundPick.objects.filter(round=round, mentor=mentor).delete()
    picks = RoundPick.objects.bulk_create(
        RoundPick(round=round, mentor=mentor, mentee=chose_me[i]) for i in ids
    )
    audit(
        actor=user,
        action="round.pick",
        target=round,
        organization_id=round.program.organization_id,
        count=len(picks),
    )
    return picks


def _too_many_picks(chose: int, room: int) -> str:
    """What happened and what to do: "You chose 3 mentees but have room for 1 more; untick 2." """
    if room <= 0:
        return ngettext(
            "You chose %(count)d mentee but have no place left for another mentee; untick it, "
            "or end a mentorship or raise your capacity first.",
            "You chose %(count)d mentees but have no place left for another mentee; untick "
            "them, or end a mentorship or raise your capacity first.",
            chose,
        ) % {"count": chose}
    return ngettext(
        "You chose %(count)d mentee but have room for %(room)d more; untick %(extra)d.",
        "You chose %(count)d mentees but have room for %(room)d more; untick %(extra)d.",
        chose,
    ) % {"count": chose, "room": room, "extra": chose - room}


def round_finish(*, round: SelectionRound, user, fill: bool) -> MatchRun:
    """Turns the mentors' choices into a proposal: with `fill`, the engine fills the remaining
    places around them (mentees' preferences count); without, the proposal is the choices."""
    round = SelectionRound.objects.select_related("program").get(pk=round.pk)
    _require_admin(user, round.program)
    if round.status != SelectionRound.Status.REVIEW:
        raise Conflict(_("Close the mentors' choosing first."), code="round_state")
    picks = list(round.picks.values_list("mentee_id", "mentor_id"))
    return run_create(
        program=round.program, user=user, round=round, locked=picks, only_locked=not fill
    )
