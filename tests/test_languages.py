"""Each person in their language: the browser's before signing in, their own choice after, and
e-mails in the recipient's language."""

import pytest
from django.core.management import call_command
from django.test import Client

from mentorwise.accounts.models import ApiToken
from mentorwise.agreements.services import agreement_save
from mentorwise.core.management.commands.check_translations import missing_tools
from mentorwise.mentorships.services import request_create
from mentorwise.notifications.models import OutboxEmail
from tests.factories import make_mentorship

SPANISH_MONTHS = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
]  # fmt: skip


def spanish_date(day) -> str:
    return f"{day.day} de {SPANISH_MONTHS[day.month - 1]} de {day.year}"


def test_the_browsers_language_is_used_before_signing_in(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9").content.decode()
    assert '<html lang="es">' in page
    assert "Idioma" in page


def test_the_footer_switch_remembers_the_choice_on_the_account(world, as_user):
    client = as_user(world.mentee1.user)
    response = client.post("/language/", {"language": "es", "next": "/mentorships/"})
    assert response.status_code == 302 and response["Location"] == "/mentorships/"
    world.mentee1.user.refresh_from_db()
    assert world.mentee1.user.language == "es"
    # Signed in, the account's choice wins over the browser's.
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="es">' in page


def test_the_switch_refuses_unknown_languages_and_foreign_redirects(world, as_user):
    client = as_user(world.mentee1.user)
    response = client.post("/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    world.mentee1.user.refresh_from_db()
    assert world.mentee1.user.language == ""


def test_e_mails_are_written_in_the_recipients_language(world):
    world.mentor1.user.language = "es"
    world.mentor1.user.save()
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    agreement_save(mentorship=pair, user=world.mentee1.user, values={"cadence": "Weekly"})
    email = OutboxEmail.objects.get(kind="agreement_changed")
    assert email.subject.endswith("Lee Mentee cambió el acuerdo: léelo y confírmalo")


def test_a_spanish_speaker_reads_their_mentorships_and_dates_in_spanish(world, as_user):
    world.mentee1.user.language = "es"
    world.mentee1.user.save()
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    page = as_user(world.mentee1.user).get("/mentorships/").content.decode()
    assert "<h1>Mis mentorías</h1>" in page
    assert "Mentorado de Maya Mentor" in page
    assert f"desde el {spanish_date(pair.started_on)}" in page
    assert "My mentorships</h1>" not in page


def test_english_stays_the_default_with_english_dates(world, as_user):
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    page = as_user(world.mentee1.user).get("/mentorships/").content.decode()
    assert "<h1>My mentorships</h1>" in page
    assert f"since {pair.started_on.day} {pair.started_on:%B %Y}" in page


def test_a_request_received_is_e_mailed_in_spanish_in_both_parts(world):
    world.mentor1.user.language = "es"
    world.mentor1.user.save()
    request_create(user=world.mentee1.user, to=world.mentor1, message="¡Hola!")
    email = OutboxEmail.objects.get(kind="request_received")
    assert email.subject.endswith("A Lee Mentee le gustaría que fueras su mentor")
    for part in (email.body_text, email.body_html):
        assert "Hola, Maya:" in part
        assert "Lee Mentee te envió una solicitud de mentoría en Story Mentoring." in part
        assert "Responder a la solicitud" in part
        assert "Their message" not in part and "Please accept" not in part


def test_the_api_answers_errors_in_the_browsers_language(world):
    response = Client().get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Inicia sesión primero")
    assert response.json()["code"] == "not_authenticated"


def test_the_api_answers_a_token_owner_in_their_own_language(world):
    world.mentee1.user.language = "es"
    world.mentee1.user.save()
    _, raw = ApiToken.issue(user=world.mentee1.user)
    response = Client().post(
        "/api/v1/participants/" + world.mentor1.public_id + "/concerns",
        '{"text": ""}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Describe qué pasó."  # the account's language wins


@pytest.mark.skipif(
    bool(missing_tools()), reason="the GNU gettext tools (apt-get install gettext) are missing"
)
def test_the_spanish_catalogue_has_no_untranslated_entry():
    call_command("check_translations")  # raises CommandError, listing them, when incomplete
