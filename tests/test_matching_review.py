"""What an administrator's changes to a match run do, and what publishing makes of them: a
locked pair is kept by a re-run even when the algorithm cannot consider it, a pair keeps where it
came from and its warnings, a mentee whose pair is removed is listed as unpaired and told, a
published run makes every older proposal of the program out of date, and two people already
paired in another program of the organization are not proposed again."""

import pytest

from mentorwise.core.errors import Conflict
from mentorwise.matching.models import MatchRun
from mentorwise.matching.services import (
    proposal_add,
    proposal_remove,
    proposal_swap,
    run_create,
    run_execute,
    run_publish,
    run_rerun,
)
from mentorwise.matching.services.reasons import say_all
from mentorwise.notifications.models import Notification
from tests.factories import make_mentorship, make_participant, make_program

pytestmark = pytest.mark.django_db


def _run(world, delivered, **kwargs) -> MatchRun:
    with delivered():
        run = run_create(program=world.program, user=world.admin, **kwargs)
    run.refresh_from_db()
    assert run.status == "done"
    return run


def _pairs(run) -> set[tuple[str, str]]:
    return {(p.mentee.user.name, p.mentor.user.name) for p in run.proposals.all()}


def test_rerun_keeps_a_locked_pair_the_algorithm_cannot_consider(world, delivered):
    # Omar (capacity 1) is full; the administrator still locks Ana with him.
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    run = _run(world, delivered)
    added = proposal_add(run=run, user=world.admin, mentee=world.mentee2, mentor=world.mentor2)
    assert "Omar Mentor has no place left." in added.warnings
    with delivered():
        again = run_rerun(run=run, user=world.admin)
    again.refresh_from_db()
    kept = again.proposals.get(mentee=world.mentee2, mentor=world.mentor2)
    assert kept.locked and kept.source == "manual"
    assert "Omar Mentor has no place left." in kept.warnings
    assert not again.unpaired.filter(mentee=world.mentee2).exists()
    warnings = say_all(again.totals["warnings"])  # stored as data, said in the language
    assert any("Ana Mentee and Omar Mentor is kept" in w for w in warnings)
    assert again.totals["matched"] == again.proposals.count()


def test_rerun_keeps_where_a_pair_came_from_and_its_warnings(world, delivered):
    run = _run(world, delivered)
    added = proposal_add(run=run, user=world.admin, mentee=world.mentee2, mentor=world.mentor2)
    assert "They share no language." in added.warnings
    with delivered():
        again = run_rerun(run=run, user=world.admin)
    again.refresh_from_db()
    kept = again.proposals.get(mentee=world.mentee2, mentor=world.mentor2)
    assert kept.source == "manual" and kept.locked
    assert "They share no language." in kept.warnings


def test_a_pair_made_by_hand_is_scored_and_explained_like_any_other(world, delivered):
    run = _run(world, delivered)
    proposal_remove(proposal=run.proposals.get(mentee=world.mentee1, mentor=world.mentor2),
                    user=world.admin)  # fmt: skip
    added = proposal_add(run=run, user=world.admin, mentee=world.mentee2, mentor=world.mentor2)
    # no shared language is a rule it breaks (a warning), not a zero compatibility
    assert 0 < added.score <= 1
    assert added.reasons and all("administrator" not in r for r in added.reasons)
    # and nothing said in its favour contradicts the warning
    assert "They share no language." in added.warnings
    assert not any("language" in r.lower() for r in added.reasons)


def test_removing_a_mentees_only_pair_lists_them_and_publishing_tells_them(world, delivered):
    run = _run(world, delivered)
    ana = run.proposals.get(mentee=world.mentee2)
    before = run.totals["unmatched"]
    proposal_remove(proposal=ana, user=world.admin)
    run.refresh_from_db()
    unpaired = run.unpaired.get(mentee=world.mentee2)
    assert unpaired.code == "removed" and "Maya Mentor" in unpaired.reason
    assert run.totals["matched"] == 2 and run.totals["mentees_matched"] == 1
    assert run.totals["unmatched"] == before + 1
    with delivered():
        result = run_publish(run=run, user=world.admin)
    assert result["priority_given"] == 1
    world.mentee2.refresh_from_db()
    assert world.mentee2.priority
    assert Notification.objects.filter(user=world.mentee2.user, kind="round_unpaired").exists()


def test_removing_one_of_two_pairs_leaves_the_mentee_paired(world, delivered):
    run = _run(world, delivered)
    proposal_remove(proposal=run.proposals.get(mentee=world.mentee1, mentor=world.mentor2),
                    user=world.admin)  # fmt: skip
    assert not run.unpaired.filter(mentee=world.mentee1).exists()


def test_swapped_pairs_get_their_own_score_and_reasons(world, delivered):
    program = make_program(world.org, actor=world.admin, name="Swap program")
    english = {"languages": ["English"], "interests": ["Drawing"]}
    expert = {"languages": ["English"], "expertise": ["Drawing"]}
    mentees = [make_participant(program, role="mentee", profile=english) for _ in range(2)]
    mentors = [make_participant(program, role="mentor", capacity=1, profile=expert) for _ in range(2)]  # fmt: skip
    with delivered():
        run = run_create(program=program, user=world.admin)
    first, second = run.proposals.all()
    made = proposal_swap(first=first, second=second, user=world.admin)
    assert {(p.mentee_id, p.mentor_id) for p in made} == {
        (first.mentee_id, second.mentor_id),
        (second.mentee_id, first.mentor_id),
    }
    for proposal in made:
        assert proposal.score > 0 and proposal.reasons
        assert not any("administrator" in r for r in proposal.reasons)
    assert {p.mentee_id for p in made} == {m.pk for m in mentees}
    assert {p.mentor_id for p in made} == {m.pk for m in mentors}


def test_publishing_makes_older_proposals_out_of_date(world, delivered):
    first = _run(world, delivered)
    with delivered():
        second = run_rerun(run=first, user=world.admin)
    with delivered():
        run_publish(run=second, user=world.admin)
    first.refresh_from_db()
    assert first.status == "discarded" and first.totals["replaced_by"] == second.public_id
    with pytest.raises(Conflict):
        run_publish(run=first, user=world.admin)


def test_a_run_that_finishes_after_a_publication_is_out_of_date(world, delivered):
    published = _run(world, delivered)
    late = run_create(program=world.program, user=world.admin)  # queued, not yet run
    with delivered():
        run_publish(run=published, user=world.admin)
    run_execute(late.pk)
    late.refresh_from_db()
    assert late.status == "discarded" and late.totals["replaced_by"] == published.public_id


def test_a_run_started_after_a_publication_can_be_published(world, delivered):
    first = _run(world, delivered)
    with delivered():
        run_publish(run=first, user=world.admin)
    newcomer = make_participant(world.program, role="mentee", profile={"languages": ["English"]})
    later = _run(world, delivered)
    assert later.proposals.filter(mentee=newcomer).exists() or later.unpaired.filter(
        mentee=newcomer
    )
    with delivered():
        run_publish(run=later, user=world.admin)
    later.refresh_from_db()
    assert later.status == "published"


def test_a_pair_that_already_exists_is_skipped_in_the_administrators_words(world, delivered):
    run = _run(world, delivered)
    make_mentorship(mentor=world.mentor1, mentee=world.mentee1)  # made meanwhile
    with delivered():
        result = run_publish(run=run, user=world.admin)
    skipped = {(s["mentee"], s["mentor"]): s["reason"] for s in result["skipped"]}
    assert skipped[("Lee Mentee", "Maya Mentor")] == "They already have a mentorship together."
    world.mentee1.refresh_from_db()
    assert not world.mentee1.priority  # Lee has his mentorships


def test_a_mentee_whose_pairs_cannot_be_created_is_told_and_gets_priority(world, delivered):
    run = _run(world, delivered)
    # Maya fills up before publishing: Ana's only pair (with Maya) cannot be created.
    for _ in range(2):
        make_mentorship(mentor=world.mentor1, mentee=make_participant(world.program, role="mentee"))
    with delivered():
        result = run_publish(run=run, user=world.admin)
    assert ("Ana Mentee", "Maya Mentor") in {(s["mentee"], s["mentor"]) for s in result["skipped"]}
    world.mentee2.refresh_from_db()
    assert world.mentee2.priority
    assert Notification.objects.filter(user=world.mentee2.user, kind="round_unpaired").exists()


def test_people_paired_in_another_program_are_not_proposed_again(world, delivered):
    other = make_program(world.org, actor=world.admin, name="Leadership circle")
    lee = make_participant(other, role="mentee", user=world.mentee1.user)
    maya = make_participant(other, role="mentor", user=world.mentor1.user, capacity=1)
    make_mentorship(mentor=maya, mentee=lee)
    run = _run(world, delivered)
    assert ("Lee Mentee", "Maya Mentor") not in _pairs(run)
    proposal = proposal_add(run=run, user=world.admin, mentee=world.mentee1, mentor=world.mentor1)
    assert "They already have a mentorship together in Leadership circle." in proposal.warnings


def test_pairs_in_another_organization_do_not_count(world, delivered):
    # The same two people paired elsewhere, in an organization of their own, do not count.
    program = world.other_program
    lee = make_participant(program, role="mentee", user=world.mentee1.user)
    maya = make_participant(program, role="mentor", user=world.mentor1.user, capacity=1)
    make_mentorship(mentor=maya, mentee=lee)
    assert ("Lee Mentee", "Maya Mentor") in _pairs(_run(world, delivered))


def test_a_mentors_choice_of_someone_they_already_mentor_is_flagged_on_its_row(world, delivered):
    # In a round the mentors' choices are kept as they are; one with someone the mentor already
    # mentors in another program is said so on its row (and so on the publishing page).
    other = make_program(world.org, actor=world.admin, name="Leadership circle")
    lee = make_participant(other, role="mentee", user=world.mentee1.user)
    maya = make_participant(other, role="mentor", user=world.mentor1.user, capacity=1)
    make_mentorship(mentor=maya, mentee=lee)
    with delivered():
        run = run_create(
            program=world.program, user=world.admin, locked=[(world.mentee1.pk, world.mentor1.pk)]
        )
    run.refresh_from_db()
    kept = run.proposals.get(mentee=world.mentee1, mentor=world.mentor1)
    assert kept.locked
    assert "They already have a mentorship together in Leadership circle." in kept.warnings


def test_a_kept_pairs_warnings_are_as_of_the_rerun(world, delivered):
    # Omar was full when Ana was added with him; one of his mentorships ends before the re-run.
    ending = make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    run = _run(world, delivered)
    added = proposal_add(run=run, user=world.admin, mentee=world.mentee2, mentor=world.mentor2)
    assert "Omar Mentor has no place left." in added.warnings
    ending.status = "completed"
    ending.save()
    with delivered():
        again = run_rerun(run=run, user=world.admin)
    again.refresh_from_db()
    kept = again.proposals.get(mentee=world.mentee2, mentor=world.mentor2)
    assert "Omar Mentor has no place left." not in kept.warnings
    assert "They share no language." in kept.warnings


def test_a_mentee_who_has_a_mentor_is_not_told_they_were_not_paired(world, delivered):
    # Lee already has Omar and could take a second mentor; this run gives him none.
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    run = _run(world, delivered)
    for proposal in run.proposals.filter(mentee=world.mentee1):
        proposal_remove(proposal=proposal, user=world.admin)
    with delivered():
        run_publish(run=run, user=world.admin)
    world.mentee1.refresh_from_db()
    assert not world.mentee1.priority
    assert not Notification.objects.filter(user=world.mentee1.user, kind="round_unpaired").exists()


def test_checking_many_kept_pairs_costs_the_queries_of_one(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mentorwise.matching.services.runs import pairs_warnings

    one = [(world.mentee1, world.mentor1)]
    many = [(e, m) for e in (world.mentee1, world.mentee2) for m in (world.mentor1, world.mentor2)]
    with CaptureQueriesContext(connection) as first:
        pairs_warnings(world.program, one)
    with CaptureQueriesContext(connection) as second:
        said = pairs_warnings(world.program, many)
    assert len(second) == len(first)
    assert "They share no language." in said[3]  # Ana and Omar
