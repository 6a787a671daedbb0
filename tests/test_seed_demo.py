"""`manage.py seed_demo`: the demo organization, its logins, and the larger runs for scale."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from mentorwise.accounts.models import User
from mentorwise.demo.seed import DEMO_JOIN_CODE, DEMO_PASSWORD, PeopleGenerator
from mentorwise.directory.search import search_participants
from mentorwise.organizations.models import GuidePage, Membership, Organization
from mentorwise.organizations.services import organization_create, organization_for_join_code
from mentorwise.profiles.models import FifteenAnswer, Participant, Profile, Tag
from mentorwise.profiles.search import SearchParams
from mentorwise.profiles.services import build_search_document
from mentorwise.programs.models import Program, Role

pytestmark = pytest.mark.django_db

MENTOR_EMAILS = {f"mentor{n}@demo.mentorwise.org" for n in range(1, 21)}
MENTEE_EMAILS = {f"mentee{n}@demo.mentorwise.org" for n in range(1, 41)}
ADMIN_EMAIL = "admin@demo.mentorwise.org"


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organization,
            User,
            EmailAddress,
            Membership,
            Program,
            Participant,
            Profile,
            Tag,
            FifteenAnswer,
            GuidePage,
        )
    }


def test_if_empty_on_an_empty_database_creates_the_documented_accounts():
    output = seed("--if-empty")

    org = Organization.objects.get()
    assert org.name == "Animation Mentors Guild (demo)"
    assert org.is_demo
    assert org.join_code == DEMO_JOIN_CODE == "DEMO-2026"
    assert organization_for_join_code("demo-2026") == org
    assert set(User.objects.values_list("email", flat=True)) == (
        {ADMIN_EMAIL} | MENTOR_EMAILS | MENTEE_EMAILS
    )
    assert Membership.objects.filter(organization=org).count() == 61
    admin = Membership.objects.get(organization=org, role=Membership.Role.ADMIN)
    assert admin.user.email == ADMIN_EMAIL
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 61
    assert set(GuidePage.objects.filter(organization=org).values_list("kind", flat=True)) == set(
        GuidePage.Kind.values
    )

    one = Program.objects.get(organization=org, name="One-on-one mentoring")
    spring = Program.objects.get(organization=org, name="Spring selection round")
    assert one.matching_mode == Program.MatchingMode.SELF_SERVICE
    assert one.partnership_months == 6
    assert spring.matching_mode == Program.MatchingMode.SELECTION_ROUND
    assert {one.status, spring.status} == {Program.Status.OPEN}
    for program in (one, spring):
        labels = set(program.questions.values_list("label", flat=True))
        assert {
            "What do you most want to learn?",
            "Which discipline?",
            "Hours per month you can give",
        } <= labels
        mentors = program.participants.filter(role=Role.MENTOR)
        assert set(mentors.values_list("user__email", flat=True)) == MENTOR_EMAILS
        assert all(1 <= p.capacity <= 3 for p in mentors)
        assert program.fifteen_questions.count() == 15
    assert set(one.participants.mentees().values_list("user__email", flat=True)) == MENTEE_EMAILS
    assert spring.participants.mentees().count() == 20

    learn = one.questions.get(label="What do you most want to learn?")
    mentee1 = one.participants.get(user__email="mentee1@demo.mentorwise.org")
    assert mentee1.answers[learn.public_id]
    assert mentee1.fifteen_answers.count() == 15
    mentor1 = Profile.objects.get(user__email="mentor1@demo.mentorwise.org")
    assert mentor1.headline and mentor1.bio and mentor1.location and mentor1.time_zone
    assert mentor1.expertise.count() >= 3 and mentor1.languages.exists()
    assert Profile.objects.filter(user__email__startswith="mentee", goals="").count() == 0

    for expected in (
        ADMIN_EMAIL,
        "mentor1@demo.mentorwise.org",
        "mentor20@demo.mentorwise.org",
        "mentee40@demo.mentorwise.org",
        DEMO_PASSWORD,
        DEMO_JOIN_CODE,
    ):
        assert expected in output


def test_demo_mentor_can_sign_in_with_the_demo_password():
    seed("--if-empty")

    assert Client().login(email="mentor1@demo.mentorwise.org", password=DEMO_PASSWORD)
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": "mentor1@demo.mentorwise.org", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="mentor1@demo.mentorwise.org").pk
    )


def test_demo_accounts_can_sign_in_where_e_mail_verification_is_mandatory(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    seed("--if-empty")

    for email in (ADMIN_EMAIL, "mentee40@demo.mentorwise.org"):
        client = Client()
        response = client.post(
            reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302
        assert "confirm-email" not in response["Location"]
        assert "_auth_user_id" in client.session


def test_running_if_empty_twice_keeps_the_data_and_creates_nothing_new():
    seed("--if-empty")
    before = snapshot()
    ids = set(User.objects.values_list("public_id", flat=True))

    output = seed("--if-empty")

    assert snapshot() == before
    assert set(User.objects.values_list("public_id", flat=True)) == ids
    assert "already has organizations" in output
    assert "mentor1@demo.mentorwise.org" in output


def test_if_empty_does_nothing_when_another_organization_exists():
    organization_create(name="Real Studio Guild", join_code="REAL-2026")
    before = snapshot()

    output = seed("--if-empty")

    assert snapshot() == before
    assert not User.objects.filter(email__endswith="@demo.mentorwise.org").exists()
    assert not Organization.objects.filter(join_code__iexact=DEMO_JOIN_CODE).exists()
    assert "already has organizations" in output
    assert DEMO_PASSWORD not in output


def test_seed_demo_refuses_a_database_with_organizations_unless_forced():
    organization_create(name="Real Studio Guild", join_code="REAL-2026")

    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not User.objects.filter(email__endswith="@demo.mentorwise.org").exists()

    seed("--force", "--mentors", "2", "--mentees", "3")
    assert Organization.objects.count() == 2
    assert User.objects.filter(email__endswith="@demo.mentorwise.org").count() == 6

    with pytest.raises(CommandError, match="already exists"):
        seed("--force")


@pytest.mark.parametrize("count", ["0", "-3", "many"])
def test_seed_demo_rejects_counts_that_are_not_positive_numbers(count):
    with pytest.raises(CommandError):
        seed("--mentors", count)
    assert not Organization.objects.exists()


def test_scaled_run_creates_that_many_searchable_participants():
    output = seed("--mentors", "50", "--mentees", "100")

    assert "mentor50@demo.mentorwise.org" in output
    assert "mentee100@demo.mentorwise.org" in output
    assert User.objects.count() == 151
    one = Program.objects.get(name="One-on-one mentoring")
    spring = Program.objects.get(name="Spring selection round")
    everyone = SearchParams()
    assert search_participants(program=one, role=Role.MENTOR, params=everyone).count() == 50
    assert search_participants(program=spring, role=Role.MENTOR, params=everyone).count() == 50
    assert search_participants(program=one, role=Role.MENTEE, params=everyone).count() == 100
    assert search_participants(program=spring, role=Role.MENTEE, params=everyone).count() == 50

    # Search documents hold what profile_update would have put there (tag order aside).
    for profile in Profile.objects.select_related("user").filter(user__email__startswith="mentor")[
        :10
    ]:
        expected = build_search_document(profile, profile.expertise.all(), profile.interests.all())
        assert sorted(profile.search_document.split()) == sorted(expected.split())

    mentor = Participant.objects.select_related("user__profile").get(
        program=one, user__email="mentor7@demo.mentorwise.org"
    )
    last_name = mentor.user.name.split()[-1]
    expertise = mentor.user.profile.expertise.order_by("name").first()
    found = search_participants(program=one, role=Role.MENTOR, params=SearchParams(q=last_name))
    assert mentor in found
    by_tag = search_participants(
        program=one, role=Role.MENTOR, params=SearchParams(expertise=expertise.slug)
    )
    assert mentor in by_tag


def test_people_are_generated_deterministically_from_the_seed():
    first = [PeopleGenerator(7).person(Role.MENTOR, n) for n in range(1, 4)]
    again = [PeopleGenerator(7).person(Role.MENTOR, n) for n in range(1, 4)]
    other = [PeopleGenerator(8).person(Role.MENTOR, n) for n in range(1, 4)]

    assert [(p.name, p.profile, p.expertise) for p in first] == [
        (p.name, p.profile, p.expertise) for p in again
    ]
    assert [p.name for p in first] != [p.name for p in other]


def test_demo_has_pairs_and_requests_that_respect_the_rules():
    from mentorwise.mentorships.models import Mentorship, MentorshipRequest
    from mentorwise.mentorships.services import open_mentorships

    seed("--if-empty")
    one = Program.objects.get(matching_mode=Program.MatchingMode.SELF_SERVICE)
    spring = Program.objects.get(matching_mode=Program.MatchingMode.SELECTION_ROUND)
    assert not spring.mentors_can_invite
    assert Mentorship.objects.filter(
        program=one,
        status="active",
        mentor__user__email="mentor1@demo.mentorwise.org",
        mentee__user__email="mentee1@demo.mentorwise.org",
    ).exists()
    assert Mentorship.objects.filter(status="completed").exists()
    assert MentorshipRequest.objects.filter(status="pending").count() >= 6
    assert MentorshipRequest.objects.filter(status="pending", initiated_by="mentor").exists()
    for mentor in Participant.objects.filter(program=one, role=Role.MENTOR):
        assert open_mentorships(mentor) <= mentor.capacity
    for mentee in Participant.objects.filter(program=one, role=Role.MENTEE):
        assert open_mentorships(mentee) <= one.max_mentors_per_mentee


def test_the_demos_requests_and_last_active_dates_look_real():
    import datetime

    from django.utils import timezone

    from mentorwise.mentorships.models import Mentorship, MentorshipRequest

    seed("--if-empty")
    requests = list(MentorshipRequest.objects.select_related("mentor__user", "mentee__user"))
    messages = [r.message for r in requests if r.message]
    assert len(set(messages)) == len(messages) >= 7  # no message repeated
    for r in requests:
        # The sender was active when sending; whoever answered, when answering.
        assert r.sender.user.last_active_at >= r.created_at
        if r.responded_at:
            assert r.created_at < r.responded_at <= timezone.now()
            assert r.recipient.user.last_active_at >= r.responded_at
    recently = timezone.now() - datetime.timedelta(days=10, minutes=1)
    for m in Mentorship.objects.filter(status__in=Mentorship.ESTABLISHED).select_related(
        "mentor__user", "mentee__user"
    ):
        assert m.mentor.user.last_active_at >= recently
        assert m.mentee.user.last_active_at >= recently


def test_several_demo_pairs_have_a_lived_in_workspace_and_the_youngest_is_fresh():
    from mentorwise.agreements.models import Agreement
    from mentorwise.mentorships.models import Mentorship

    seed("--if-empty")
    pairs = list(Mentorship.objects.established().order_by("started_on", "pk"))
    with_agreement = Agreement.objects.filter(mentorship__in=pairs)
    assert with_agreement.count() == len(pairs) - 1 >= 4
    assert not Agreement.objects.filter(mentorship=pairs[-1]).exists()
    assert with_agreement.filter(mentor_confirmed_at__isnull=True).exists()  # one still to confirm
    assert len({a.cadence for a in with_agreement}) > 1
    first = Mentorship.objects.get(
        mentee__user__email="mentee1@demo.mentorwise.org", status="active"
    )
    assert Agreement.objects.get(mentorship=first).mentee_confirmed_at is not None


def test_the_demo_pairs_have_goals_meetings_and_a_thread():
    from mentorwise.conversations.models import Message
    from mentorwise.goals.models import Goal
    from mentorwise.meetings.models import Meeting
    from mentorwise.mentorships.models import Mentorship

    seed("--if-empty")
    first = Mentorship.objects.get(
        mentee__user__email="mentee1@demo.mentorwise.org", status="active"
    )
    goals = Goal.objects.filter(mentorship=first)
    assert {"achieved", "in_progress", "not_started"} <= set(goals.values_list("status", flat=True))
    meetings = Meeting.objects.filter(mentorship=first)
    assert (
        meetings.filter(status="held").count() >= 3 and meetings.filter(status="planned").exists()
    )
    assert Message.objects.filter(mentorship=first).count() >= 5
