"""The "Recommended for you" lists: mentors with room ranked for a mentee, or mentees for a
mentor, with the reasons in plain words, and why a list is empty when it is."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorwise.core.cache import current_version, version_key
from mentorwise.core.errors import NotAllowed
from mentorwise.matching.features import build_market
from mentorwise.mentorships.models import Mentorship
from mentorwise.mentorships.queries import with_room
from mentorwise.mentorships.services import mentee_is_full, mentor_is_full
from mentorwise.profiles.models import Participant, pause_in_effect
from mentorwise.programs.models import Role

SUGGESTIONS_TTL = timedelta(minutes=15)


def _suggestions_version_key(program_pk: int) -> str:
    return version_key("suggestions", program_pk)


def suggestions_for(participant: Participant, *, limit: int = 5) -> list[dict]:
    """The ranked list of `recommendations_for`, without the reason for an empty one."""
    return recommendations_for(participant, limit=limit)["items"]


def recommendations_for(participant: Participant, *, limit: int = 5) -> dict:
    """Mentors with room ranked for a mentee (or, for a mentor with a place left, mentees below
    the program's maximum of mentors), with score and reasons: `{"items": [...], "empty":
    None}`; when there are none, `"empty"` says why as `{"code", "message"}` (see
    `_empty`). Cached per person, the reason with the list; the cache key changes whenever
    a profile, a participant's status or capacity, a mentorship in the program or the program's
    maximum of mentors changes."""
    program = participant.program
    if participant.role == Role.MENTOR and not program.mentors_can_invite:
        raise NotAllowed(_("In this program mentors do not invite mentees."), code="invites_off")
    mentee_side = participant.role == Role.MENTEE
    other_role = Role.MENTOR if mentee_side else Role.MENTEE
    accepted = Q(status=Participant.Status.ACCEPTED)
    established = Q(status__in=Mentorship.ESTABLISHED)
    # What the list and its reason depend on, read cheaply: any profile edited, anyone accepted,
    # released or giving other capacity, any mentorship started or ended, the viewer's own places
    # and the program's rules change the key.
    people = Participant.objects.filter(program=program).aggregate(
        last_profile=Max("user__profile__updated_at"),
        last_status=Max("status_changed_at"),
        places=Sum("capacity"),
        accepted=Count("pk", filter=accepted),
        others=Count("pk", filter=accepted & Q(role=other_role)),
        own_capacity=Max("capacity", filter=Q(pk=participant.pk)),
        paused=Count("pk", filter=pause_in_effect()),  # changes when a pause starts or ends
    )
    pairs = Mentorship.objects.filter(program=program).aggregate(
        last=Max("pk"),
        open=Count("pk", filter=established),
        own_open=Count(
            "pk", filter=established & Q(**{"mentee" if mentee_side else "mentor": participant})
        ),
    )
    version = current_version("suggestions", program.pk)
    state = ":".join(
        str(value.timestamp() if hasattr(value, "timestamp") else value)
        for value in (
            *people.values(),
            *pairs.values(),
            program.max_mentors_per_mentee,
            program.mentors_outside_reporting_line,
        )
    )
    key = f"recommendations:{participant.pk}:{state}:{version}:{limit}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = _recommend(
        participant,
        limit=limit,
        own_open=pairs["own_open"],
        own_capacity=people["own_capacity"] or 0,
        others=people["others"],
    )
    cache.set(key, result, SUGGESTIONS_TTL.total_seconds())
    return result


def _recommend(
    participant: Participant, *, limit: int, own_open: int, own_capacity: int, others: int
) -> dict:
    from mentorwise.matching.engine import score_matrix

    program = participant.program
    mentee_side = participant.role == Role.MENTEE
    most = program.max_mentors_per_mentee
    if mentee_side and mentee_is_full(own_open, program):
        return _empty(participant, "at_max_mentors", count=own_open)
    if not mentee_side and mentor_is_full(own_open, own_capacity):
        return _empty(participant, "no_place_left", count=own_open, capacity=own_capacity)
    if mentee_side:
        with_places = with_room(
            Participant.objects.filter(
                program=program, role=Role.MENTOR, status=Participant.Status.ACCEPTED
            ).taking_mentees(),
            Role.MENTOR,
        ).filter(remaining_capacity__gt=0)
        market = build_market(
            program,
            mentee_pks=[participant.pk],
            mentor_pks=list(with_places.values_list("pk", flat=True)),
            include_full=True,
        )
    else:
        with_room_for_more = with_room(
            Participant.objects.filter(
                program=program, role=Role.MENTEE, status=Participant.Status.ACCEPTED
            ),
            Role.MENTEE,
        ).filter(open_mentorships__lt=most)
        market = build_market(
            program,
            mentor_pks=[participant.pk],
            mentee_pks=list(with_room_for_more.values_list("pk", flat=True)),
            include_full=True,
        )
    candidates = market.mentors if mentee_side else market.mentees
    if not candidates:
        return _empty(participant, "all_full" if others else "nobody_yet")
    if not (market.mentees if mentee_side else market.mentors):  # not accepted (any more)
        return _empty(participant, "no_match")
    scores = score_matrix(market.problem)
    if mentee_side:
        row = scores[0]
        order = [j for j in row.argsort()[::-1] if row[j] > 0][:limit]
        pairs = [(0, j) for j in order]
    else:
        column = scores[:, 0]
        order = [i for i in column.argsort()[::-1] if column[i] > 0][:limit]
        pairs = [(i, 0) for i in order]
    if not pairs:
        return _why_no_match(participant, market)
    reasons = _reasons(market, pairs, viewer="mentee" if mentee_side else "mentor")
    out = []
    for (i, j), why in zip(pairs, reasons, strict=True):
        other = market.mentors[j] if mentee_side else market.mentees[i]
        out.append(
            {
                "participant_id": other.public_id,
                "name": other.user.name,
                "headline": other.user.profile.headline,
                "score": round(float(scores[i, j]), 3),
                "reasons": why,
                "remaining_capacity": getattr(other, "remaining_capacity", None),
            }
        )
    return {"items": out, "empty": None}


def _why_no_match(participant: Participant, market) -> dict:
    """Why nobody with room is compatible: the viewer (index 0 on their side) was paired with
    or keeps apart from each of them, lists no language, or shares none with any of them, or
    another of the program's rules keeps them apart."""
    mentee_side = participant.role == Role.MENTEE
    me = market.mentees[0] if mentee_side else market.mentors[0]
    others = market.mentors if mentee_side else market.mentees
    problem = market.problem
    apart = {
        (pair[1] if mentee_side else pair[0])
        for pair in (*problem.past_pairs, *problem.blocked_pairs)
        if (pair[0] if mentee_side else pair[1]) == 0
    }
    if len(apart) >= len(others):
        return _empty(participant, "all_full", other_than_partners=True)
    mine = {t.name for t in me.user.profile.languages.all()}
    if not mine:
        return _empty(participant, "profile_incomplete")
    if not any(mine & {t.name for t in p.user.profile.languages.all()} for p in others):
        return _empty(participant, "no_match", language=True)
    return _empty(participant, "no_match")


def _empty(
    participant: Participant,
    code: str,
    *,
    count: int = 0,
    capacity: int = 0,
    other_than_partners: bool = False,
    language: bool = False,
) -> dict:
    """No recommendations, and why, in words for the person reading them. Codes:
    `at_max_mentors` (a mentee already has the program's maximum of mentors), `no_place_left`
    (a mentor's places are all taken), `nobody_yet` (nobody accepted on the other side),
    `all_full` (everyone on the other side is full), `profile_incomplete` (the viewer's profile
    lacks what matching needs), `no_match` (nobody with room is compatible)."""
    mentee_side = participant.role == Role.MENTEE
    most = participant.program.max_mentors_per_mentee
    if code == "at_max_mentors":
        message = (
            ngettext(
                "You already have %(count)d mentor, and this program allows %(most)d mentor at a "
                "time. We will recommend mentors again when one of your mentorships ends.",
                "You already have %(count)d mentors, and this program allows %(most)d mentor at a "
                "time. We will recommend mentors again when one of your mentorships ends.",
                count,
            )
            if most == 1
            else ngettext(
                "You already have %(count)d mentor, and this program allows %(most)d mentors at "
                "a time. We will recommend mentors again when one of your mentorships ends.",
                "You already have %(count)d mentors, and this program allows %(most)d mentors at "
                "a time. We will recommend mentors again when one of your mentorships ends.",
                count,
            )
        ) % {"count": count, "most": most}
    elif code == "no_place_left":
        message = _(
            "All your places are taken (%(count)d of %(capacity)d), so we are not recommending "
            "mentees right now. They come back when a mentorship ends or when you raise your "
            "capacity on your profile."
        ) % {"count": count, "capacity": capacity}
    elif code == "nobody_yet":
        message = (
            _("No mentors have joined this program yet. Check back later.")
            if mentee_side
            else _("No mentees have joined this program yet. Check back later.")
        )
    elif code == "all_full" and mentee_side:
        message = (
            _(
                "Every other mentor in this program is full right now. Check back later: places "
                "open as mentorships end, and the program's administrators can add places."
            )
            if other_than_partners
            else _(
                "Every mentor in this program is full right now. Check back later: places open "
                "as mentorships end, and the program's administrators can add places."
            )
        )
    elif code == "all_full":
        message = (
            ngettext(
                "Every other mentee in this program already has %(count)d mentor, the most the "
                "program allows at a time. Check back later: places open as mentorships end.",
                "Every other mentee in this program already has %(count)d mentors, the most the "
                "program allows at a time. Check back later: places open as mentorships end.",
                most,
            )
            if other_than_partners
            else ngettext(
                "Every mentee in this program already has %(count)d mentor, the most the "
                "program allows at a time. Check back later: places open as mentorships end.",
                "Every mentee in this program already has %(count)d mentors, the most the "
                "program allows at a time. Check back later: places open as mentorships end.",
                most,
            )
        ) % {"count": most}
    elif code == "profile_incomplete":
        message = (
            _(
                "Add the languages you speak and your goals and interests to your profile, and "
                "we will suggest mentors who fit."
            )
            if mentee_side
            else _(
                "Add the languages you speak and your expertise to your profile, and we will "
                "suggest mentees who fit."
            )
        )
    elif language:
        message = (
            _(
                "None of the mentors with room right now speaks a language on your profile. If "
                "you speak another one, add it to your profile."
            )
            if mentee_side
            else _(
                "None of the mentees with room right now speaks a language on your profile. If "
                "you speak another one, add it to your profile."
            )
        )
    else:
        message = (
            _(
                "None of the mentors with room right now is a fit under the program's rules (for "
                "example, people you have worked with before or in your own reporting line). "
                "Check back later."
            )
            if mentee_side
            else _(
                "None of the mentees with room right now is a fit under the program's rules (for "
                "example, people you have worked with before or in your own reporting line). "
                "Check back later."
            )
        )
    return {"items": [], "empty": {"code": code, "message": message}}


def _reasons(market, pairs, *, viewer: str) -> list[list[str]]:
    """Plain-language reasons for the given (mentee index, mentor index) pairs, from the
    engine's own explanation, computed once on the market, addressed to `viewer` ("mentee" or
    "mentor": "Your goal ... matches Maya's expertise", "Lee's goal ... matches your
    expertise")."""
    import numpy as np

    from mentorwise.matching.engine.explain import pair_reasons
    from mentorwise.matching.engine.features import encode

    if not pairs:
        return []
    enc = encode(market.problem)
    mentee = np.array([i for i, _ in pairs], dtype=np.int64)
    mentor = np.array([j for _, j in pairs], dtype=np.int64)
    zeros = np.zeros(len(pairs), dtype=np.int64)
    return [
        list(r) for r in pair_reasons(enc, mentee, mentor, zeros, zeros.astype(bool), viewer=viewer)
    ]
