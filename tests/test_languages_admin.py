"""The administration area and the matching's reasons in the administrator's language, and
notices said in their recipient's language whoever caused them."""

import datetime

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from mentorwise.matching.services import run_create
from mentorwise.matching.services.reasons import say
from mentorwise.mentorships.services import mentorship_extend
from mentorwise.notifications.models import Notification
from tests.factories import make_mentorship


def _speaks(user, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])


def test_an_administrator_who_chose_spanish_reads_the_manage_pages_in_spanish(world, as_user):
    _speaks(world.admin, "es")
    client = as_user(world.admin)
    home = client.get(reverse("manage:home")).content.decode()
    assert "<h1>Administrar</h1>" in home
    assert "Código de acceso" in home and "Compartir o regenerar" in home
    participants = client.get(
        reverse("manage:participants", args=[world.program.public_id])
    ).content.decode()
    assert "Filtrar participantes" in participants
    assert "Administración del programa" in participants  # the program's tabs
    assert "Participants" not in participants.split("<main", 1)[1]
    matching = client.get(reverse("manage:matching", args=[world.program.public_id]))
    assert "Ejecutar el emparejamiento" in matching.content.decode()


def test_a_match_runs_reasons_are_shown_in_the_administrators_language(world, as_user, delivered):
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    run.refresh_from_db()
    proposals = list(run.proposals.all())
    assert proposals and all(p.reasons for p in proposals)
    _speaks(world.admin, "es")
    page = as_user(world.admin).get(reverse("manage:run", args=[run.public_id]))
    html = page.content.decode()
    assert "Parejas propuestas" in html
    with translation.override("es"):
        spanish = [say(r) for p in proposals for r in p.reasons]
    english = [str(r) for p in proposals for r in p.reasons]
    assert all(escape(text) in html for text in spanish)
    assert any(es != en for es, en in zip(spanish, english, strict=True))
    assert not any(escape(en) in html for es, en in zip(spanish, english, strict=True) if es != en)


def test_a_notice_is_said_in_its_recipients_language_not_the_actors(world):
    _speaks(world.mentee1.user, "es")
    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    with translation.override("en"):  # the administrator's request is in English
        mentorship_extend(
            mentorship=mentorship,
            user=world.admin,
            until=mentorship.planned_end_on + datetime.timedelta(days=30),
        )
    by_user = {n.user_id: n.body for n in Notification.objects.filter(kind="mentorship_extended")}
    assert by_user[world.mentee1.user.pk] == "Ampliada por Ada Admin."
    assert by_user[world.mentor1.user.pk] == "Extended by Ada Admin."


def test_a_runs_notes_are_written_in_the_language_of_who_started_it(world, delivered):
    _speaks(world.admin, "es")
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    run.refresh_from_db()
    assert run.status == "done"
    assert run.progress_note == "Lista para revisar"
