"""Reads for the participants' round pages: a constant number of queries whatever the size of
the program (one per kind of data), scores from the engine's own scoring."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorwise.matching.features import build_market
from mentorwise.matching.models import RoundChoice, RoundPick, SelectionRound
from mentorwise.mentorships.queries import open_mentorship_count, with_room
from mentorwise.profiles.models import Participant, Tag
from mentorwise.programs.models import Role


@dataclass
class Card:
    """One person on a round page, with what the viewer needs to decide."""

    participant: Participant
    score: float | None = None  # None: a matching rule keeps the two apart
    reasons: list[str] = field(default_factory=list)
    rank: int | None = None  # the viewer's rank for this mentor / the mentee's rank for them
    choices_made: int = 0  # how many mentors that mentee chose in all
    picked: bool = False

    @property
    def percent(self) -> int | None:
        return None if self.score is None else round(self.score * 100)

    @property
    def profile(self):
        return self.participant.user.profile


def _scores(market, mentee_side: bool) -> dict[int, float | None]:
    """Participant pk → score against the single person on the other side of `market`."""
    from mentorwise.matching.engine import score_matrix

    if not market.mentees or not market.mentors:
        return {}
    matrix = score_matrix(market.problem)
    people = market.mentors if mentee_side else market.mentees
    values = matrix[0] if mentee_side else matrix[:, 0]
    return {
        p.pk: (round(float(v), 3) if v > 0 else None) for p, v in zip(people, values, strict=True)
    }


def current_choices(round: SelectionRound, mentee: Participant) -> list[RoundChoice]:
    return list(
        RoundChoice.objects.filter(round=round, mentee=mentee)
        .select_related("mentor__user")
        .order_by("rank")
    )


def mentor_cards(
    round: SelectionRound, mentee: Participant, chosen: list[RoundChoice], suggestions: list[dict]
) -> list[Card]:
    """The program's accepted mentors with room (and any the mentee already chose), best match
    first, with scores for this mentee and the reasons of the top suggestions."""
    program = round.program
    with_places = with_room(
        Participant.objects.filter(
            program=program, role=Role.MENTOR, status=Participant.Status.ACCEPTED
        ).taking_mentees(),
        Role.MENTOR,
    ).filter(remaining_capacity__gt=0)
    pks = set(with_places.values_list("pk", flat=True)) | {c.mentor_id for c in chosen}
    market = build_market(
        program, mentee_pks=[mentee.pk], mentor_pks=sorted(pks), include_full=True
    )
    scores = _scores(market, mentee_side=True)
    reasons = {s["participant_id"]: s["reasons"] for s in suggestions}
    ranks = {c.mentor_id: c.rank for c in chosen}
    cards = [
        Card(
            participant=m,
            score=scores.get(m.pk),
            reasons=reasons.get(m.public_id, []),
            rank=ranks.get(m.pk),
        )
        for m in market.mentors
    ]
    cards.sort(key=lambda c: (c.score is None, -(c.score or 0), c.participant.user.name.lower()))
    return cards


def mentee_cards(round: SelectionRound, mentor: Participant) -> list[Card]:
    """The mentees who selected `mentor` in the round, with how they ranked the mentor, how
    many mentors they chose, whether the mentor picked them, and the pair's score."""
    tags = Tag.objects.order_by("name")
    choices = list(
        RoundChoice.objects.filter(round=round, mentor=mentor)
        .select_related("mentee__user__profile")
        .prefetch_related(
            Prefetch("mentee__user__profile__interests", queryset=tags),
            Prefetch("mentee__user__profile__languages", queryset=tags),
        )
        .order_by("rank", "mentee__user__name")
    )
    ids = [c.mentee_id for c in choices]
    made = dict(
        RoundChoice.objects.filter(round=round, mentee_id__in=ids)
        .values("mentee_id")
        .annotate(n=Count("pk"))
        .values_list("mentee_id", "n")
    )
    picked = set(
        RoundPick.objects.filter(round=round, mentor=mentor).values_list("mentee_id", flat=True)
    )
    scores = {}
    if ids:
        market = build_market(
            round.program, mentee_pks=ids, mentor_pks=[mentor.pk], include_full=True
        )
        scores = _scores(market, mentee_side=False)
    return [
        Card(
            participant=c.mentee,
            score=scores.get(c.mentee_id),
            rank=c.rank,
            choices_made=made.get(c.mentee_id, 0),
            picked=c.mentee_id in picked,
        )
        for c in choices
    ]


def places_left(mentor: Participant) -> int:
    room = with_room(Participant.objects.filter(pk=mentor.pk), Role.MENTOR).first()
    return max(room.remaining_capacity, 0) if room else 0


def mentee_is_full(mentee: Participant, program) -> bool:
    """Whether the mentee already has the program's maximum of mentors at a time."""
    found = with_room(Participant.objects.filter(pk=mentee.pk), Role.MENTEE).first()
    return found is not None and found.open_mentorships >= program.max_mentors_per_mentee


def is_full(participant: Participant, program) -> bool:
    """A mentee with the program's maximum of mentors, or a mentor with no place left."""
    if participant.role == Role.MENTEE:
        return mentee_is_full(participant, program)
    return places_left(participant) <= 0


def open_rounds_for(user) -> list[dict]:
    """For the dashboard: each open round of a program where the viewer is an accepted mentee
    or mentor, with what they can do now."""
    if not user.is_authenticated:
        return []
    mine = list(
        Participant.objects.filter(
            user=user,
            status=Participant.Status.ACCEPTED,
            # in good standing: an organization that blocked the person offers no round
            program__organization__memberships__user=user,
            program__organization__memberships__is_blocked=False,
        )
        .annotate(
            as_mentor=open_mentorship_count(Role.MENTOR),
            as_mentee=open_mentorship_count(Role.MENTEE),
        )
        .values_list("program_id", "role", "capacity", "as_mentor", "as_mentee")
    )
    if not mine:
        return []
    rounds = SelectionRound.objects.filter(
        program_id__in={p for p, *_ in mine}, status__in=SelectionRound.OPEN
    ).select_related("program")
    by_program = {r.program_id: r for r in rounds}
    out = []
    for program_id, role, capacity, as_mentor, as_mentee in mine:
        round = by_program.get(program_id)
        if round is not None:
            full = (
                as_mentee >= round.program.max_mentors_per_mentee
                if role == Role.MENTEE
                else as_mentor >= capacity
            )
            out.append(round_action(round, role, full=full))
    return out


def round_action(round: SelectionRound, role: str, *, full: bool = False) -> dict:
    """What a participant in `role` does in the round now: a sentence and a link name. `full`:
    a mentee with the program's maximum of mentors does not choose, a mentor with no place left
    does not pick."""
    S = SelectionRound.Status
    turn = S.SELECTING if role == Role.MENTEE else S.PICKING
    if full and round.status == turn:
        if role == Role.MENTEE:
            limit = round.program.max_mentors_per_mentee
            text = ngettext(
                "You already have %(count)d mentor, the program's maximum at a time, so you do "
                "not choose in this round",
                "You already have %(count)d mentors, the program's maximum at a time, so you do "
                "not choose in this round",
                limit,
            ) % {"count": limit}
            action, link = "choose", _("See the round")
        else:
            text = _("You have no place left for another mentee, so you do not pick in this round")
            action, link = "pick", _("See who chose you")
        return {
            "round": round,
            "role": role,
            "action": action,
            "text": text,
            "link": link,
            "your_turn": False,
            "full": True,
        }
    if role == Role.MENTEE:
        action = "choose"
        if round.status == S.SELECTING:
            text = ngettext(
                "Choose up to %(count)d mentor in order of preference",
                "Choose up to %(count)d mentors in order of preference",
                round.max_choices,
            ) % {"count": round.max_choices}
            link = _("Choose your mentors")
        else:
            text = {
                S.PICKING: _("Mentors are choosing among the mentees who selected them"),
                S.REVIEW: _("The program is putting the pairs together"),
                S.PUBLISHED: _("The pairs are published"),
            }[round.status]
            link = _("See your choices")
    else:
        action = "pick"
        if round.status == S.PICKING:
            text = _("Mentees have chosen: pick the mentees you will mentor")
            link = _("See who chose you")
        elif round.status == S.SELECTING:
            text = _("Mentees are choosing their mentors; you will be told when it is your turn")
            link = _("See the round")
        else:
            text = {
                S.REVIEW: _("The program is putting the pairs together"),
                S.PUBLISHED: _("The pairs are published"),
            }[round.status]
            link = _("See your picks")
    return {
        "round": round,
        "role": role,
        "action": action,
        "text": text,
        "link": link,
        "your_turn": round.status == turn,
        "full": False,
    }
