"""Match runs, selection rounds and suggestions through the services."""

import pytest
from django.core import mail

from mentorwise.core.errors import Conflict, NotAllowed, ValidationFailed
from mentorwise.matching.models import MatchRun, Proposal
from mentorwise.matching.services import (
    proposal_add,
    proposal_remove,
    recommendations_for,
    round_advance,
    round_choose,
    round_finish,
    round_open,
    round_pick,
    run_create,
    run_publish,
    run_rerun,
    suggestions_for,
)
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Notification
from tests.factories import make_mentorship, make_participant, make_program

pytestmark = pytest.mark.django_db


def test_admin_runs_the_engine_and_publishes(world, delivered):
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    run.refresh_from_db()
    assert run.status == "done" and run.progress == 100
    pairs = {(p.mentee.user.name, p.mentor.user.name) for p in run.proposals.all()}
    # Every place is used (Maya 2, Omar 1; mentees may take 2 mentors); Ana speaks only
    # Spanish, so never Omar (English, French).
    assert pairs == {
        ("Lee Mentee", "Maya Mentor"),
        ("Ana Mentee", "Maya Mentor"),
        ("Lee Mentee", "Omar Mentor"),
    }
    for proposal in run.proposals.all():
        assert proposal.reasons and 0 < proposal.score <= 1
    result = run_publish(run=run, user=world.admin)
    assert result["created"] == 3
    assert Mentorship.objects.filter(origin="match_run").count() == 3
    run.refresh_from_db()
    assert run.status == "published"
    with pytest.raises(Conflict):
        run_publish(run=run, user=world.admin)


def test_only_admins_run_and_one_run_at_a_time(world):
    with pytest.raises(NotAllowed):
        run_create(program=world.program, user=world.mentor1.user)
    run_create(program=world.program, user=world.admin)  # queued (no commit in this test)
    with pytest.raises(Conflict):
        run_create(program=world.program, user=world.admin)


def test_hard_rules_hold_no_shared_language(world, delivered):
    from mentorwise.profiles.services import profile_update

    profile_update(user=world.mentee2.user, languages=["Klingon"])
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    run.refresh_from_db()
    assert not run.proposals.filter(mentee=world.mentee2).exists()
    unpaired = run.unpaired.get(mentee=world.mentee2)
    assert "language" in unpaired.reason.lower()


def test_manual_pair_is_warned_and_rerun_keeps_locks(world, delivered):
    from mentorwise.profiles.services import profile_update

    profile_update(user=world.mentee2.user, languages=["Klingon"])
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    run.refresh_from_db()
    proposal = proposal_add(run=run, user=world.admin, mentee=world.mentee2, mentor=world.mentor2)
    assert any("language" in w for w in proposal.warnings)
    assert proposal.locked
    first = run.proposals.exclude(pk=proposal.pk).first()
    proposal_remove(proposal=first, user=world.admin)
    with delivered():
        again = run_rerun(run=run, user=world.admin)
    again.refresh_from_db()
    assert again.status == "done"
    assert again.proposals.filter(mentee=world.mentee2, mentor=world.mentor2, locked=True).exists()
    assert not again.proposals.filter(mentee=first.mentee, mentor=first.mentor).exists()


def test_selection_round_end_to_end(world, delivered):
    program = world.program
    program.matching_mode = "selection_round"
    program.save()
    with delivered():
        round = round_open(program=program, user=world.admin, name="Spring", max_choices=2)
    assert Notification.objects.filter(user=world.mentee1.user, kind="round_opened").exists()
    round_choose(
        round=round,
        user=world.mentee1.user,
        mentor_ids=[world.mentor2.public_id, world.mentor1.public_id],
    )
    round_choose(round=round, user=world.mentee2.user, mentor_ids=[world.mentor2.public_id])
    with pytest.raises(ValidationFailed):
        round_choose(round=round, user=world.mentee2.user, mentor_ids=[world.mentor1.public_id] * 2)
    with pytest.raises(Conflict):
        round_pick(round=round, user=world.mentor2.user, mentee_ids=[world.mentee1.public_id])
    round_advance(round=round, user=world.admin)
    assert Notification.objects.filter(user=world.mentor2.user, kind="round_picking").exists()
    with pytest.raises(ValidationFailed):  # capacity 1
        round_pick(
            round=round,
            user=world.mentor2.user,
            mentee_ids=[world.mentee1.public_id, world.mentee2.public_id],
        )
    round_pick(round=round, user=world.mentor2.user, mentee_ids=[world.mentee2.public_id])
    round_advance(round=round, user=world.admin)
    with delivered():
        run = round_finish(round=round, user=world.admin, fill=False)
    run.refresh_from_db()
    assert [(p.mentee, p.mentor) for p in run.proposals.all()] == [(world.mentee2, world.mentor2)]
    with delivered():
        run_publish(run=run, user=world.admin)
    world.mentee1.refresh_from_db()
    assert world.mentee1.priority is True
    assert Notification.objects.filter(user=world.mentee1.user, kind="round_unpaired").exists()
    round.refresh_from_db()
    assert round.status == "published"


@pytest.fixture
def full_people(world):
    """A selection-round program where a mentee may have one mentor at a time: Lee already
    works with Omar, so Lee has the maximum of mentors and Omar (capacity 1) no place left."""
    world.program.matching_mode = "selection_round"
    world.program.max_mentors_per_mentee = 1
    world.program.save()
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    return world


def test_opening_a_round_does_not_invite_mentees_who_have_the_maximum_of_mentors(
    full_people, delivered
):
    world = full_people
    with delivered():
        round_open(program=world.program, user=world.admin, name="Spring", max_choices=2)
    invited = set(
        Notification.objects.filter(kind="round_opened").values_list("user__email", flat=True)
    )
    assert invited == {world.mentee2.user.email}
    assert {m.to[0] for m in mail.outbox} == {world.mentee2.user.email}


def test_a_mentee_with_the_maximum_of_mentors_cannot_choose_but_can_clear(full_people):
    world = full_people
    round = round_open(program=world.program, user=world.admin, name="Spring", max_choices=2)
    with pytest.raises(Conflict) as refused:
        round_choose(round=round, user=world.mentee1.user, mentor_ids=[world.mentor1.public_id])
    assert refused.value.code == "mentee_full"
    assert refused.value.message.startswith(
        "You already have 1 mentor, the program's maximum at a time, so you do not choose"
    )
    assert not round.choices.exists()
    assert round_choose(round=round, user=world.mentee1.user, mentor_ids=[]) == []


def test_closing_the_mentees_choosing_asks_only_mentors_with_a_place_left(full_people):
    world = full_people
    round = round_open(program=world.program, user=world.admin, name="Spring", max_choices=2)
    round_choose(
        round=round,
        user=world.mentee2.user,
        mentor_ids=[world.mentor2.public_id, world.mentor1.public_id],
    )
    round_advance(round=round, user=world.admin)
    asked = set(
        Notification.objects.filter(kind="round_picking").values_list("user__email", flat=True)
    )
    assert asked == {world.mentor1.user.email}


def test_a_confirmed_step_moves_the_round_only_once(world):
    world.program.matching_mode = "selection_round"
    world.program.save()
    round = round_open(program=world.program, user=world.admin, name="Spring", max_choices=2)
    round_advance(round=round, user=world.admin, from_status="selecting")
    with pytest.raises(Conflict) as refused:
        round_advance(round=round, user=world.admin, from_status="selecting")
    assert "already moved on" in refused.value.message
    round.refresh_from_db()
    assert round.status == "picking"


@pytest.mark.parametrize(
    "capacity, taken, ticked, message",
    [
        (1, 0, 2, "You chose 2 mentees but have room for 1 more; untick 1."),
        (3, 2, 3, "You chose 3 mentees but have room for 1 more; untick 2."),
        (1, 1, 1, "You chose 1 mentee but have no place left for another mentee; untick it, or "),
        (2, 2, 2, "You chose 2 mentees but have no place left for another mentee; untick them, "),
    ],
)
def test_picking_more_mentees_than_places_says_how_many_to_untick(
    world, capacity, taken, ticked, message
):
    world.program.matching_mode = "selection_round"
    world.program.save()
    round = round_open(program=world.program, user=world.admin, name="Spring", max_choices=2)
    mentees = [world.mentee1, world.mentee2] + [
        make_participant(world.program, role="mentee") for _ in range(ticked - 2)
    ]
    for mentee in mentees[:ticked]:
        round_choose(round=round, user=mentee.user, mentor_ids=[world.mentor1.public_id])
    round_advance(round=round, user=world.admin)
    world.mentor1.capacity = capacity
    world.mentor1.save()
    for _ in range(taken):
        make_mentorship(mentor=world.mentor1, mentee=make_participant(world.program, role="mentee"))
    with pytest.raises(ValidationFailed) as refused:
        round_pick(
            round=round,
            user=world.mentor1.user,
            mentee_ids=[m.public_id for m in mentees[:ticked]],
        )
    assert refused.value.message.startswith(message)
    assert refused.value.field == "mentees"


def test_round_fill_uses_the_engine_around_mentor_picks(world, delivered):
    program = world.program
    program.matching_mode = "selection_round"
    program.save()
    round = round_open(program=program, user=world.admin, name="Spring", max_choices=2)
    round_choose(round=round, user=world.mentee2.user, mentor_ids=[world.mentor2.public_id])
    round_choose(round=round, user=world.mentee1.user, mentor_ids=[world.mentor1.public_id])
    round_advance(round=round, user=world.admin)
    round_pick(round=round, user=world.mentor2.user, mentee_ids=[world.mentee2.public_id])
    round_advance(round=round, user=world.admin)
    with delivered():
        run = round_finish(round=round, user=world.admin, fill=True)
    run.refresh_from_db()
    picked = run.proposals.get(mentee=world.mentee2, mentor=world.mentor2)
    assert picked.locked and picked.source == "pick"
    # Lee chose Maya but was not picked: the algorithm gives her one mentor; Ana, picked, no more.
    assert run.proposals.filter(mentee=world.mentee1, mentor=world.mentor1).exists()
    assert run.proposals.count() == 2


def test_round_fill_passes_the_engine_only_choices_ranked_from_one(world, delivered):
    # A choice stored with rank 0 (older data, or written around the service) is left out of
    # the run instead of earning more than a first choice, or failing it.
    from mentorwise.matching.models import RoundChoice
    from mentorwise.matching.services.runs import _round_pairs

    program = world.program
    program.matching_mode = "selection_round"
    program.save()
    round = round_open(program=program, user=world.admin, name="Spring", max_choices=2)
    round_choose(round=round, user=world.mentee1.user,
                 mentor_ids=[world.mentor1.public_id, world.mentor2.public_id])  # fmt: skip
    RoundChoice.objects.filter(round=round, mentor=world.mentor2).update(rank=0)
    choices, picks = _round_pairs(round)
    assert choices == [(world.mentee1.pk, world.mentor1.pk, 1)] and picks == []
    round_advance(round=round, user=world.admin)
    round_advance(round=round, user=world.admin)
    with delivered():
        run = round_finish(round=round, user=world.admin, fill=True)
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert run.proposals.filter(mentee=world.mentee1).exists()


def test_suggestions_rank_mentors_with_room_and_explain(world):
    suggestions = suggestions_for(world.mentee1)
    assert suggestions[0]["name"] == "Maya Mentor"
    assert suggestions[0]["reasons"]
    assert all(0 < s["score"] <= 1 for s in suggestions)
    extra = make_participant(
        world.program,
        role="mentor",
        capacity=1,
        profile={"expertise": ["Storyboarding"], "languages": ["English"]},
    )
    assert extra.public_id in {s["participant_id"] for s in suggestions_for(world.mentee1)}
    assert MatchRun.objects.count() == 0 and Proposal.objects.count() == 0


def test_suggestions_follow_places_taken_and_freed_at_once(world, delivered):
    # Cached, but a mentor whose last place is taken leaves the list on the next request, and
    # comes back when the mentorship ends; so does a mentor who is released.
    from mentorwise.mentorships.services import mentorship_end
    from mentorwise.profiles.services import participant_set_status
    from tests.factories import make_mentorship

    world.mentor1.capacity = 1
    world.mentor1.save()
    first = {s["participant_id"] for s in suggestions_for(world.mentee1)}
    assert world.mentor1.public_id in first
    assert suggestions_for(world.mentee1) == suggestions_for(world.mentee1)  # from the cache
    taken = make_mentorship(mentor=world.mentor1, mentee=world.mentee2)
    assert world.mentor1.public_id not in {
        s["participant_id"] for s in suggestions_for(world.mentee1)
    }
    with delivered():
        mentorship_end(mentorship=taken, user=world.mentee2.user, outcome="completed", confirm=True)
    assert world.mentor1.public_id in {s["participant_id"] for s in suggestions_for(world.mentee1)}
    with delivered():
        participant_set_status(participant=world.mentor1, status="released", actor=world.admin)
    assert world.mentor1.public_id not in {
        s["participant_id"] for s in suggestions_for(world.mentee1)
    }


def test_mentors_are_not_suggested_mentees_who_are_full(world):
    from tests.factories import make_mentorship

    world.program.max_mentors_per_mentee = 1
    world.program.save()
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    names = {s["name"] for s in suggestions_for(world.mentor1)}
    assert "Lee Mentee" not in names


def test_mentors_stop_being_suggested_mentees_when_the_program_lowers_its_maximum(world):
    # The tester's case: the cached list kept a mentee who had just reached the new maximum.
    from mentorwise.programs.services import program_update
    from tests.factories import make_mentorship

    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    assert "Lee Mentee" in {s["name"] for s in suggestions_for(world.mentor1)}
    program_update(program=world.program, actor=world.admin, max_mentors_per_mentee=1)
    assert "Lee Mentee" not in {s["name"] for s in suggestions_for(world.mentor1)}
    assert recommendations_for(world.mentee1)["empty"]["code"] == "at_max_mentors"


def test_a_full_mentor_gets_no_suggestions_until_a_place_opens(world):
    from mentorwise.profiles.services import participant_update
    from tests.factories import make_mentorship

    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    full = recommendations_for(world.mentor2)
    assert full["items"] == [] and full["empty"]["code"] == "no_place_left"
    participant_update(participant=world.mentor2, actor=world.mentor2.user, capacity=2)
    more = recommendations_for(world.mentor2)
    assert [s["name"] for s in more["items"]] == ["Lee Mentee"] and more["empty"] is None


def test_the_empty_reason_is_cached_and_follows_a_place_freed(world, delivered):
    from mentorwise.mentorships.services import mentorship_end
    from tests.factories import make_mentorship

    world.mentor1.capacity = 1
    world.mentor1.save()
    make_mentorship(mentor=world.mentor1, mentee=world.mentee2)
    omars = make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    full = recommendations_for(world.mentee1)
    assert full["empty"]["code"] == "all_full"
    assert recommendations_for(world.mentee1) == full  # from the cache
    with delivered():
        mentorship_end(mentorship=omars, user=world.mentee2.user, outcome="completed", confirm=True)
    freed = recommendations_for(world.mentee1)
    assert freed["empty"] is None and [s["name"] for s in freed["items"]] == ["Omar Mentor"]


def test_the_empty_reason_follows_the_profile_as_it_is_edited(world):
    from mentorwise.profiles.services import profile_update

    profile_update(user=world.mentee1.user, languages=[])
    assert recommendations_for(world.mentee1)["empty"]["code"] == "profile_incomplete"
    profile_update(user=world.mentee1.user, languages=["German"])
    assert recommendations_for(world.mentee1)["empty"]["code"] == "no_match"
    profile_update(user=world.mentee1.user, languages=["English"])
    back = recommendations_for(world.mentee1)
    assert back["items"] and back["empty"] is None


def test_a_mentor_hears_when_every_mentee_has_the_maximum_of_mentors(world):
    from tests.factories import make_mentorship

    world.program.max_mentors_per_mentee = 1
    world.program.save()
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    make_mentorship(mentor=world.mentor1, mentee=world.mentee2)
    empty = recommendations_for(world.mentor1)["empty"]
    assert empty["code"] == "all_full"
    assert empty["message"].startswith("Every mentee in this program already has 1 mentor,")
    newcomer = make_participant(world.program, role="mentee", profile={"languages": ["English"]})
    assert [s["participant_id"] for s in suggestions_for(world.mentor1)] == [newcomer.public_id]


def test_the_first_mentee_of_a_program_hears_that_no_mentor_has_joined_yet(world):
    program = make_program(world.org, actor=world.admin, name="New")
    first = make_participant(program, role="mentee", profile={"languages": ["English"]})
    empty = recommendations_for(first)["empty"]
    assert empty["code"] == "nobody_yet"
    assert empty["message"] == "No mentors have joined this program yet. Check back later."


def test_a_mentee_whose_only_mentor_with_room_is_her_own_hears_the_others_are_full(world):
    from tests.factories import make_mentorship

    make_mentorship(mentor=world.mentor1, mentee=world.mentee1)  # Maya keeps one place
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)  # Omar is full
    empty = recommendations_for(world.mentee1)["empty"]
    assert empty["code"] == "all_full"
    assert empty["message"].startswith("Every other mentor in this program is full")


def test_a_round_cannot_close_in_the_past(world):
    import datetime

    world.program.matching_mode = "selection_round"
    world.program.save()
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    for field in ("selection_closes_on", "picking_closes_on"):
        with pytest.raises(ValidationFailed) as refused:
            round_open(program=world.program, user=world.admin, name="Late", **{field: yesterday})
        assert refused.value.errors == {field: ["This date has passed: choose today or later."]}
