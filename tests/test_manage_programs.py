"""Creating and editing programs, the application form editor and the 15 Questions editor."""

import pytest
from django import forms
from django.urls import reverse

from mentorwise.administration.forms import ProgramForm
from mentorwise.core.models import AuditEntry
from mentorwise.profiles.models import FifteenAnswer
from mentorwise.programs.models import ApplicationQuestion, Program
from mentorwise.programs.services import question_save


def form_data(program: Program | None = None, **overrides) -> dict:
    """What the browser sends for the program form as it is first shown, with `overrides`."""
    form = ProgramForm(instance=program or Program())
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    for name, value in overrides.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    return data


# Creating and editing programs


def test_new_program_form_shows_every_policy_with_its_default(world, as_user):
    response = as_user(world.admin).get(
        reverse("manage:program-create", args=[world.org.public_id])
    )
    html = response.content.decode()
    for name in ProgramForm.Meta.fields:
        assert f'name="{name}"' in html, name
    assert 'name="partnership_months" value="6"' in html
    assert 'name="request_expiry_days" value="14"' in html
    assert "Not a job interview" in html  # the default "what it is not" text
    assert "Requests and inactive profiles" in html  # a fieldset legend


def test_administrator_creates_a_program(world, as_user):
    url = reverse("manage:program-create", args=[world.org.public_id])
    data = form_data(
        name="Cohort 2027",
        summary="A one-month cohort.",
        matching_mode="admin_matched",
        partnership_months="1",
        auto_close_months="2",
        application_opens_on="2027-01-01",
        application_closes_on="2027-01-31",
        requires_approval=True,
        mentors_can_invite=False,
        expected_hours_per_month="5.5",
    )
    response = as_user(world.admin).post(url, data, follow=True)
    program = Program.objects.get(name="Cohort 2027")
    assert response.redirect_chain[-1][0] == reverse("manage:questions", args=[program.public_id])
    assert "is created" in response.content.decode()
    assert program.organization == world.org
    assert program.matching_mode == "admin_matched"
    assert program.partnership_months == 1
    assert program.requires_approval is True
    assert program.mentors_can_invite is False
    assert str(program.expected_hours_per_month) == "5.5"
    assert str(program.application_closes_on) == "2027-01-31"
    assert program.fifteen_questions.count() == 15
    assert AuditEntry.objects.filter(action="program.create", target_id=program.public_id).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"application_opens_on": "2027-02-01", "application_closes_on": "2027-01-01"},
            "application_closes_on",
            "Applications cannot close before they open.",
        ),
        (
            {"starts_on": "2027-06-01", "ends_on": "2027-05-01"},
            "ends_on",
            "The program cannot end before it starts.",
        ),
        (
            {"request_reminder_days": "10", "request_expiry_days": "5"},
            "request_expiry_days",
            "A request cannot expire before the reminder is due",
        ),
        (
            {"partnership_months": "12", "auto_close_months": "6"},
            "auto_close_months",
            "Partnerships would be closed before they end",
        ),
        ({"partnership_months": "99"}, "partnership_months", "less than or equal to 36"),
        ({"name": ""}, "name", "This field is required."),
        ({"status": "bogus"}, "status", "Select a valid choice."),
    ],
)
def test_invalid_program_is_not_created_and_the_input_is_kept(
    world, as_user, overrides, field, message
):
    before = Program.objects.count()
    url = reverse("manage:program-create", args=[world.org.public_id])
    data = form_data(**{"name": "Kept Name 42", "summary": "Kept summary", **overrides})
    response = as_user(world.admin).post(url, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert message in html
    assert "Nothing was saved" in html
    assert 'value="Kept summary"' in html
    if field != "name":
        assert 'value="Kept Name 42"' in html
    assert Program.objects.count() == before


def test_administrator_edits_a_program(world, as_user):
    url = reverse("manage:program-edit", args=[world.program.public_id])
    client = as_user(world.admin)
    assert 'value="Story Mentoring"' in client.get(url).content.decode()
    data = form_data(
        world.program, name="Story Mentoring 2", max_mentors_per_mentee="1", status="running"
    )
    response = client.post(url, data, follow=True)
    assert "is saved" in response.content.decode()
    world.program.refresh_from_db()
    assert world.program.name == "Story Mentoring 2"
    assert world.program.max_mentors_per_mentee == 1
    assert world.program.status == "running"
    entry = AuditEntry.objects.filter(action="program.update").latest("created_at")
    assert entry.data["fields"] == ["max_mentors_per_mentee", "name", "status"]


def test_saving_an_unchanged_program_says_so(world, as_user):
    url = reverse("manage:program-edit", args=[world.program.public_id])
    response = as_user(world.admin).post(url, form_data(world.program), follow=True)
    assert "Nothing has changed." in response.content.decode()
    assert not AuditEntry.objects.filter(action="program.update").exists()


def test_invalid_edit_keeps_the_input_and_saves_nothing(world, as_user):
    url = reverse("manage:program-edit", args=[world.program.public_id])
    data = form_data(
        world.program, name="Renamed", request_reminder_days="30", request_expiry_days="7"
    )
    response = as_user(world.admin).post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "A request cannot expire before the reminder is due" in html
    assert 'value="Renamed"' in html
    assert 'name="request_reminder_days" value="30"' in html
    world.program.refresh_from_db()
    assert world.program.name == "Story Mentoring"
    assert world.program.request_expiry_days == 14


def test_program_of_another_organization_cannot_be_edited(world, as_user):
    url = reverse("manage:program-edit", args=[world.program.public_id])
    data = form_data(world.program, name="Taken over")
    assert as_user(world.other_admin).post(url, data).status_code == 404
    world.program.refresh_from_db()
    assert world.program.name == "Story Mentoring"


# The application form


def question_data(**overrides):
    data = {"kind": "short_text", "audience": "both", "label": "Which team are you in?"}
    data.update(overrides)
    return data


def test_administrator_adds_a_question(world, as_user):
    url = reverse("manage:question-create", args=[world.program.public_id])
    data = question_data(help_text="For example: Layout", required="on", used_for_matching="on")
    response = as_user(world.admin).post(url, data, follow=True)
    assert "The question is added" in response.content.decode()
    q = world.program.questions.get()
    assert (q.label, q.help_text, q.required, q.used_for_matching) == (
        "Which team are you in?",
        "For example: Layout",
        True,
        True,
    )
    assert "Which team are you in?" in response.content.decode()


def test_choice_question_keeps_one_choice_per_line(world, as_user):
    url = reverse("manage:question-create", args=[world.program.public_id])
    data = question_data(
        kind="multiple_choice", audience="mentee", label="Topics", choices="Story\r\nLayout\n\n"
    )
    as_user(world.admin).post(url, data)
    q = world.program.questions.get()
    assert q.choices == ["Story", "Layout"]
    assert q.audience == "mentee"


def test_choice_question_with_fewer_than_two_choices_is_refused(world, as_user):
    url = reverse("manage:question-create", args=[world.program.public_id])
    data = question_data(kind="single_choice", label="Pick one", choices="Only one")
    response = as_user(world.admin).post(url, data)
    assert response.status_code == 200
    assert "A choice question needs at least two choices." in response.content.decode()
    assert response.context["form"].errors["choices"]
    assert 'value="Pick one"' in response.content.decode()
    assert not world.program.questions.exists()


def test_question_without_a_label_is_refused(world, as_user):
    url = reverse("manage:question-create", args=[world.program.public_id])
    response = as_user(world.admin).post(url, question_data(label=""))
    assert "This field is required." in response.content.decode()
    assert not world.program.questions.exists()


def test_administrator_edits_a_question(world, as_user):
    q = question_save(program=world.program, actor=world.admin, label="Old label")
    url = reverse("manage:question-edit", args=[q.public_id])
    client = as_user(world.admin)
    assert 'value="Old label"' in client.get(url).content.decode()
    data = question_data(label="New label", kind="single_choice", choices="Yes\nNo")
    response = client.post(url, data, follow=True)
    assert "The question is saved." in response.content.decode()
    q.refresh_from_db()
    assert (q.label, q.kind, q.choices) == ("New label", "single_choice", ["Yes", "No"])


def test_editing_a_question_into_a_choice_without_choices_is_refused(world, as_user):
    q = question_save(program=world.program, actor=world.admin, label="Old label")
    url = reverse("manage:question-edit", args=[q.public_id])
    response = as_user(world.admin).post(url, question_data(label="New", kind="single_choice"))
    assert "at least two choices" in response.content.decode()
    q.refresh_from_db()
    assert (q.label, q.kind) == ("Old label", "short_text")


def test_administrator_deletes_a_question_after_confirming(world, as_user):
    q = question_save(program=world.program, actor=world.admin, label="Doomed")
    url = reverse("manage:question-delete", args=[q.public_id])
    client = as_user(world.admin)
    assert "Delete “Doomed”?" in client.get(url).content.decode()
    assert ApplicationQuestion.objects.filter(pk=q.pk).exists()  # GET deletes nothing
    response = client.post(url, follow=True)
    assert "is removed from the form" in response.content.decode()
    assert not ApplicationQuestion.objects.filter(pk=q.pk).exists()


def test_administrator_reorders_questions(world, as_user):
    a, b, c = (question_save(program=world.program, actor=world.admin, label=x) for x in "ABC")
    client = as_user(world.admin)

    def order():
        return list(
            world.program.questions.order_by("position", "id").values_list("label", flat=True)
        )

    client.post(reverse("manage:question-move", args=[c.public_id]), {"direction": "up"})
    assert order() == ["A", "C", "B"]
    client.post(reverse("manage:question-move", args=[a.public_id]), {"direction": "down"})
    assert order() == ["C", "A", "B"]
    client.post(reverse("manage:question-move", args=[c.public_id]), {"direction": "up"})
    assert order() == ["C", "A", "B"]  # already first
    response = client.post(
        reverse("manage:question-move", args=[b.public_id]), {"direction": "sideways"}, follow=True
    )
    assert "Move a question up or down." in response.content.decode()
    assert order() == ["C", "A", "B"]


def test_moving_a_question_only_accepts_posts(world, as_user):
    q = question_save(program=world.program, actor=world.admin, label="A")
    url = reverse("manage:question-move", args=[q.public_id])
    assert as_user(world.admin).get(url).status_code == 405


def test_preview_shows_the_form_as_each_role_sees_it(world, as_user):
    question_save(program=world.program, actor=world.admin, label="Mentor only?", audience="mentor")
    question_save(
        program=world.program,
        actor=world.admin,
        label="Pick a topic",
        audience="mentee",
        kind="single_choice",
        choices=["Story", "Layout"],
    )
    url = reverse("manage:questions", args=[world.program.public_id])
    client = as_user(world.admin)
    mentee = client.get(url, {"preview": "mentee"}).context["preview"]
    mentor = client.get(url, {"preview": "mentor"}).context["preview"]
    assert [f.label for f in mentee] == ["Pick a topic"]
    assert [f.label for f in mentor] == ["Mentor only?"]
    assert "Layout" in client.get(url).content.decode()


# The 15 Questions


def fifteen_data(program, changes=None):
    texts = list(program.fifteen_questions.order_by("position").values_list("text", flat=True))
    data = {f"q{i}": text for i, text in enumerate(texts, start=1)}
    data.update(changes or {})
    return data


def test_fifteen_questions_editor_shows_the_current_questions(world, as_user):
    url = reverse("manage:fifteen-questions", args=[world.program.public_id])
    html = as_user(world.admin).get(url).content.decode()
    first = world.program.fifteen_questions.order_by("position").first()
    assert first.text.replace("'", "&#x27;") in html
    assert 'name="q18"' in html  # three empty boxes to add more


def test_editing_the_fifteen_questions_keeps_answers_of_unchanged_positions(world, as_user):
    questions = list(world.program.fifteen_questions.order_by("position"))
    FifteenAnswer.objects.create(participant=world.mentee1, question=questions[0], answer="Mine")
    FifteenAnswer.objects.create(participant=world.mentee1, question=questions[1], answer="Two")
    url = reverse("manage:fifteen-questions", args=[world.program.public_id])
    data = fifteen_data(
        world.program, {"q2": "What is your favourite film?", "q16": "One more question?"}
    )
    response = as_user(world.admin).post(url, data, follow=True)
    assert "The 15 Questions are saved." in response.content.decode()
    texts = list(
        world.program.fifteen_questions.order_by("position").values_list("text", flat=True)
    )
    assert len(texts) == 16
    assert texts[1] == "What is your favourite film?"
    assert texts[15] == "One more question?"
    assert (
        FifteenAnswer.objects.get(participant=world.mentee1, question=questions[0]).answer == "Mine"
    )
    assert FifteenAnswer.objects.filter(question=questions[1]).exists()  # same position, kept


def test_emptying_a_box_removes_that_question(world, as_user):
    url = reverse("manage:fifteen-questions", args=[world.program.public_id])
    as_user(world.admin).post(url, fifteen_data(world.program, {"q15": ""}))
    assert world.program.fifteen_questions.count() == 14


def test_the_fifteen_questions_cannot_all_be_removed(world, as_user):
    url = reverse("manage:fifteen-questions", args=[world.program.public_id])
    data = {f"q{i}": "" for i in range(1, 19)}
    response = as_user(world.admin).post(url, data)
    assert "Keep at least one question." in response.content.decode()
    assert world.program.fifteen_questions.count() == 15


def test_group_program_needs_groups_of_two_or_more(world):
    from mentorwise.core.errors import ValidationFailed
    from mentorwise.programs.services import program_update

    with pytest.raises(ValidationFailed) as exc:
        program_update(program=world.program, actor=world.admin, format="group", group_size=1)
    assert "group_size" in exc.value.errors
    program_update(program=world.program, actor=world.admin, format="group", group_size=4)
