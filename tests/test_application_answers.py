"""Participants read and change their application answers on the site, and are asked for a
required question the program adds after they joined."""

from html import unescape

from mentorwise.programs.models import ApplicationQuestion


def _add_question(program, *, required=True):
    return ApplicationQuestion.objects.create(
        program=program,
        label="Which studio do you work at?",
        kind=ApplicationQuestion.Kind.SHORT_TEXT,
        required=required,
    )


def test_a_new_required_question_is_asked_on_the_home_page_and_answered(world, as_user):
    question = _add_question(world.program)
    client = as_user(world.mentee1.user)
    home = unescape(client.get("/").content.decode())
    assert "The program has added a question to its form." in home
    url = f"/programs/{world.program.public_id}/answers/mentee/"
    assert url in home
    page = unescape(client.get(url).content.decode())
    assert "Which studio do you work at?" in page and "please answer it" in page
    refused = client.post(url, {})
    assert refused.status_code == 200  # required: the form keeps the page with the error
    response = client.post(url, {question.public_id: "Moonlight Animation"})
    assert response.status_code == 302
    world.mentee1.refresh_from_db()
    assert world.mentee1.answers[question.public_id] == "Moonlight Animation"
    assert "The program has added" not in unescape(client.get("/").content.decode())
    assert 'value="Moonlight Animation"' in client.get(url).content.decode()


def test_only_the_participant_opens_their_answers(world, as_user):
    _add_question(world.program, required=False)
    url = f"/programs/{world.program.public_id}/answers/mentor/"
    assert as_user(world.mentee1.user).get(url).status_code == 404  # not a mentor there
    assert as_user(world.outsider.user).get(url).status_code == 404
    assert as_user(world.mentor1.user).get(url).status_code == 200


def test_the_home_page_asks_in_a_constant_number_of_queries(world, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(world.mentee1.user)
    client.get("/")
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        counts.append(len(queries))
        for _ in range(5):
            _add_question(world.program)
    assert counts[0] == counts[1], counts
