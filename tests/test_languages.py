"""Each person in their language: the browser's before signing in, their own choice after, and
e-mails in the recipient's language."""

from mentorwise.agreements.services import agreement_save
from mentorwise.notifications.models import OutboxEmail
from tests.factories import make_mentorship


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
    assert email.subject.endswith("Lee Mentee cambió vuestro acuerdo: léelo y confírmalo")
