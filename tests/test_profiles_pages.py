"""Joining a program, editing a profile, the participant page and the 15 Questions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mentorwise.profiles.models import FifteenAnswer, Participant
from mentorwise.programs.services import question_save
from tests.factories import make_member, make_mentorship, make_user

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def questions(world):
    return {
        "why": question_save(
            program=world.program,
            actor=world.admin,
            label="Why join?",
            kind="long_text",
            required=True,
        ),
        "disc": question_save(
            program=world.program,
            actor=world.admin,
            label="Discipline",
            kind="single_choice",
            choices=["Story", "Rigging"],
            required=True,
        ),
        "hours": question_save(
            program=world.program,
            actor=world.admin,
            label="Hours a month",
            kind="number",
            audience="mentor",
        ),
    }


def test_member_joins_program_as_mentee_through_application_form(world, questions, as_user):
    user = make_member(world.org, make_user(name="New Person"))
    client = as_user(user)
    page = client.get(f"/programs/{world.program.public_id}/apply/mentee/")
    html = page.content.decode()
    assert "Why join?" in html and "Discipline" in html
    assert "Hours a month" not in html  # mentor-only question
    response = client.post(
        f"/programs/{world.program.public_id}/apply/mentee/",
        {questions["why"].public_id: "To learn story", questions["disc"].public_id: "Story"},
    )
    assert response.status_code == 302
    participant = Participant.objects.get(user=user, program=world.program)
    assert participant.role == "mentee"
    assert participant.status == Participant.Status.ACCEPTED
    assert participant.answers == {
        questions["why"].public_id: "To learn story",
        questions["disc"].public_id: "Story",
    }


def test_missing_required_answer_rerenders_with_input_kept(world, questions, as_user):
    user = make_member(world.org, make_user())
    response = as_user(user).post(
        f"/programs/{world.program.public_id}/apply/mentee/",
        {questions["why"].public_id: "Kept text"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kept text" in html
    assert "This field is required" in html
    assert not Participant.objects.filter(user=user).exists()


def test_mentor_application_asks_capacity(world, questions, as_user):
    user = make_member(world.org, make_user())
    response = as_user(user).post(
        f"/programs/{world.program.public_id}/apply/mentor/",
        {
            questions["why"].public_id: "Give back",
            questions["disc"].public_id: "Rigging",
            questions["hours"].public_id: "3",
            "capacity": "3",
        },
    )
    assert response.status_code == 302
    participant = Participant.objects.get(user=user)
    assert participant.capacity == 3
    assert participant.answers[questions["hours"].public_id] == 3


def test_program_requiring_approval_puts_applicant_in_applied(world, as_user):
    world.program.requires_approval = True
    world.program.save()
    user = make_member(world.org, make_user())
    as_user(user).post(f"/programs/{world.program.public_id}/apply/mentee/", {})
    assert Participant.objects.get(user=user).status == Participant.Status.APPLIED


def test_outsider_cannot_see_or_apply_to_other_organizations_program(world, as_user):
    client = as_user(world.outsider.user)
    assert client.get(f"/programs/{world.program.public_id}/").status_code == 404
    assert client.post(f"/programs/{world.program.public_id}/apply/mentee/", {}).status_code == 404


def test_profile_edit_saves_everything(world, as_user):
    user = world.mentee1.user
    client = as_user(user)
    photo = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    response = client.post(
        "/profile/",
        {
            "name": "Lee Changed",
            "pronouns": "they/them",
            "headline": "Story artist",
            "bio": "Hello",
            "expertise": "Drawing, Layout",
            "interests": "Storyboarding, Pitching",
            "goals": "Portfolio",
            "industry": "Animation",
            "department": "Story",
            "reports_to": "Head of Story",
            "years_experience": "2",
            "location": "Lyon",
            "time_zone": "Europe/Paris",
            "languages": "French, English",
            "work_mode": "remote",
            "availability": "Evenings",
            "photo": photo,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    profile = user.profile
    assert user.name == "Lee Changed"
    assert sorted(t.name for t in profile.interests.all()) == ["Pitching", "Storyboarding"]
    assert sorted(t.name for t in profile.languages.all()) == ["English", "French"]
    assert profile.time_zone == "Europe/Paris"
    assert profile.photo.name.startswith("photos/")
    assert "pitching" in profile.search_document


def test_profile_edit_rejects_non_image_and_keeps_input(world, as_user):
    client = as_user(world.mentee1.user)
    fake = SimpleUploadedFile("me.png", b"not an image at all", content_type="image/png")
    response = client.post(
        "/profile/",
        {"name": "Lee", "headline": "Kept headline", "work_mode": "either", "photo": fake},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kept headline" in html
    assert "image" in html.lower()


def test_profile_edit_rejects_oversized_photo(world, as_user, settings):
    settings.PHOTO_MAX_BYTES = 1000
    client = as_user(world.mentee1.user)
    big = SimpleUploadedFile("big.png", png_bytes((400, 400)), content_type="image/png")
    response = client.post("/profile/", {"name": "Lee", "work_mode": "either", "photo": big})
    assert response.status_code == 200
    assert "the limit is" in response.content.decode()


def test_profile_edit_rejects_unknown_time_zone(world, as_user):
    response = as_user(world.mentee1.user).post(
        "/profile/", {"name": "Lee", "work_mode": "either", "time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_mentor_sets_capacity_on_profile(world, as_user):
    client = as_user(world.mentor1.user)
    response = client.post(
        "/profile/",
        {"name": "Maya Mentor", "work_mode": "either", f"capacity_{world.mentor1.public_id}": "4"},
    )
    assert response.status_code == 302
    world.mentor1.refresh_from_db()
    assert world.mentor1.capacity == 4


def test_participant_page_visible_to_program_participants(world, as_user):
    response = as_user(world.mentee1.user).get(f"/people/{world.mentor1.public_id}/")
    assert response.status_code == 200
    assert "Maya Mentor" in response.content.decode()


def test_participant_page_hidden_from_outsider(world, as_user):
    response = as_user(world.outsider.user).get(f"/people/{world.mentor1.public_id}/")
    assert response.status_code == 404


def test_participant_page_forbidden_to_member_not_in_program(world, as_user):
    member = make_member(world.org, make_user())
    response = as_user(member).get(f"/people/{world.mentor1.public_id}/")
    assert response.status_code == 403


def _answer(participant, text="My secret boundaries"):
    question = participant.program.fifteen_questions.first()
    FifteenAnswer.objects.create(participant=participant, question=question, answer=text)


@pytest.mark.parametrize("viewer", ["mentee2", "mentor2", "admin"])
def test_fifteen_answers_hidden_without_established_mentorship(world, as_user, viewer):
    _answer(world.mentor1)
    user = getattr(world, viewer)
    user = user if viewer == "admin" else user.user
    html = as_user(user).get(f"/people/{world.mentor1.public_id}/").content.decode()
    assert "My secret boundaries" not in html
    assert "private" in html


def test_fifteen_answers_visible_to_partner_in_active_mentorship(world, as_user):
    _answer(world.mentor1)
    make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    html = as_user(world.mentee1.user).get(f"/people/{world.mentor1.public_id}/").content.decode()
    assert "My secret boundaries" in html
    # ...and to no one else.
    other = as_user(world.mentee2.user).get(f"/people/{world.mentor1.public_id}/").content.decode()
    assert "My secret boundaries" not in other


def test_fifteen_answers_hidden_again_after_mentorship_ends(world, as_user):
    _answer(world.mentor1)
    make_mentorship(mentor=world.mentor1, mentee=world.mentee1, status="completed")
    html = as_user(world.mentee1.user).get(f"/people/{world.mentor1.public_id}/").content.decode()
    assert "My secret boundaries" not in html


def test_author_edits_own_fifteen_answers(world, as_user):
    client = as_user(world.mentee1.user)
    questions = list(world.program.fifteen_questions.all())
    assert len(questions) == 15
    response = client.post(
        f"/people/{world.mentee1.public_id}/15-questions/",
        {f"q{questions[0].pk}": "First answer", f"q{questions[12].pk}": "Boundaries answer"},
    )
    assert response.status_code == 302
    answers = {a.question_id: a.answer for a in world.mentee1.fifteen_answers.all()}
    assert answers[questions[0].pk] == "First answer"
    assert answers[questions[12].pk] == "Boundaries answer"


def test_nobody_else_edits_fifteen_answers(world, as_user):
    url = f"/people/{world.mentee1.public_id}/15-questions/"
    assert as_user(world.mentee2.user).get(url).status_code == 403
    assert as_user(world.admin).get(url).status_code == 403
    assert as_user(world.outsider.user).get(url).status_code == 404


def test_fifteen_answer_too_long_is_refused_and_kept(world, as_user):
    question = world.program.fifteen_questions.first()
    response = as_user(world.mentee1.user).post(
        f"/people/{world.mentee1.public_id}/15-questions/", {f"q{question.pk}": "x" * 3001}
    )
    assert response.status_code == 200
    assert "3,000" in response.content.decode()
    assert not world.mentee1.fifteen_answers.exists()


def test_too_many_tags_is_refused_with_message_and_input_kept(world, as_user):
    tags = ", ".join(f"t{i}" for i in range(25))
    response = as_user(world.mentee1.user).post(
        "/profile/", {"name": "Lee", "work_mode": "either", "expertise": tags}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose at most 20" in html
    assert "t24" in html
    assert world.mentee1.user.profile.expertise.count() == 0


def test_removing_a_fifteen_question_keeps_other_answers_with_their_questions(world):
    from mentorwise.programs.services import fifteen_questions_set

    questions = list(world.program.fifteen_questions.order_by("position"))
    for q in questions:
        FifteenAnswer.objects.create(participant=world.mentee1, question=q, answer=f"A{q.position}")
    texts = [""] + [q.text for q in questions[1:]]  # the administrator empties the first box
    fifteen_questions_set(program=world.program, actor=world.admin, texts=texts)
    remaining = list(world.program.fifteen_questions.order_by("position"))
    assert [q.position for q in remaining] == list(range(1, 15))
    for q in remaining:
        answer = FifteenAnswer.objects.get(participant=world.mentee1, question=q)
        assert q.text == questions[int(answer.answer[1:]) - 1].text


def test_photo_is_reencoded_small_and_without_metadata(
    world, as_user, django_capture_on_commit_callbacks
):
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make; GPS works the same way
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), (200, 50, 50)).save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("me.jpg", buffer.getvalue(), content_type="image/jpeg")
    client = as_user(world.mentee1.user)
    with django_capture_on_commit_callbacks(execute=True):  # the file is written on commit
        client.post("/profile/", {"name": "Lee", "work_mode": "either", "photo": upload})
    profile = world.mentee1.user.profile
    profile.refresh_from_db()
    first = profile.photo.name
    with profile.photo.open("rb") as f, Image.open(f) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 512
        assert not stored.getexif()
    again = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):  # the old file goes after commit
        client.post("/profile/", {"name": "Lee", "work_mode": "either", "photo": again})
    profile.refresh_from_db()
    assert profile.photo.name != first
    assert not profile.photo.storage.exists(first)
