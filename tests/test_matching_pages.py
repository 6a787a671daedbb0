"""The participants' side of matching: choosing mentors in a selection round, picking mentees,
and "Recommended for you" on the search page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from mentorwise.matching.models import RoundChoice, RoundPick
from mentorwise.matching.services import (
    round_advance,
    round_choose,
    round_finish,
    round_open,
    round_pick,
    run_publish,
)
from mentorwise.profiles.services import profile_update
from tests.factories import make_member, make_mentorship, make_participant, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def round(world):
    world.program.matching_mode = "selection_round"
    world.program.save()
    return round_open(program=world.program, user=world.admin, name="Spring round", max_choices=2)


def choose_url(r):
    return reverse("matching:round-choose", args=[r.public_id])


def pick_url(r):
    return reverse("matching:round-pick", args=[r.public_id])


def rec_url(world, who="mentors"):
    return reverse("matching:recommended", args=[world.program.public_id, who])


def chosen(round, mentee):
    return list(
        RoundChoice.objects.filter(round=round, mentee=mentee)
        .order_by("rank")
        .values_list("mentor__user__name", flat=True)
    )


def to_picking(world, round, *, mentee2=True):
    round_choose(
        round=round,
        user=world.mentee1.user,
        mentor_ids=[world.mentor1.public_id, world.mentor2.public_id],
    )
    if mentee2:
        round_choose(round=round, user=world.mentee2.user, mentor_ids=[world.mentor1.public_id])
    return round_advance(round=round, user=world.admin)


# --- Access ---------------------------------------------------------------------------------


def test_mentee_sees_the_choose_page_with_mentors_scores_and_reasons(world, round, as_user):
    response = as_user(world.mentee1.user).get(choose_url(round))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose your mentors" in html
    assert "Maya Mentor" in html and "Omar Mentor" in html
    cards = response.context["cards"]
    assert cards[0].participant == world.mentor1  # best match first
    assert cards[0].score and cards[0].reasons
    assert "% match" in html
    assert f'name="rank_{world.mentor1.public_id}"' in html
    assert "Why Maya may suit you" in html


def test_choose_page_says_why_a_mentor_may_suit_the_mentee_in_her_words(world, round, as_user):
    html = as_user(world.mentee1.user).get(choose_url(round)).content.decode()
    why = html[html.index("Why Maya may suit you") :]
    mine = escape("Your interest in 'Storyboarding' matches Maya Mentor's expertise.")
    assert f"<li>{mine}</li>" in why
    assert escape("Lee Mentee's") not in html


@pytest.mark.parametrize("who", ["mentor1", "admin"])
def test_choose_page_is_403_for_members_who_are_not_mentees(world, round, as_user, who):
    user = getattr(world, who)
    user = getattr(user, "user", user)
    assert as_user(user).get(choose_url(round)).status_code == 403
    assert as_user(user).post(choose_url(round), {}).status_code == 403


@pytest.mark.parametrize("who", ["mentee1", "admin"])
def test_pick_page_is_403_for_members_who_are_not_mentors(world, round, as_user, who):
    user = getattr(world, who)
    user = getattr(user, "user", user)
    assert as_user(user).get(pick_url(round)).status_code == 403


def test_round_pages_are_404_for_outsiders(world, round, as_user):
    for user in (world.outsider.user, world.other_admin):
        client = as_user(user)
        assert client.get(choose_url(round)).status_code == 404
        assert client.get(pick_url(round)).status_code == 404
        assert client.post(choose_url(round), {}).status_code == 404
        assert client.get(rec_url(world)).status_code == 404


def test_unknown_round_is_404(world, as_user):
    client = as_user(world.mentee1.user)
    assert client.get("/rounds/nope/choose/").status_code == 404
    assert client.get("/rounds/' OR 1=1 --/pick/").status_code == 404


def test_anonymous_is_sent_to_sign_in(world, round, client):
    for url in (choose_url(round), pick_url(round), rec_url(world)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_pending_mentee_is_403(world, round, as_user):
    world.mentee1.status = "pending"
    world.mentee1.save()
    assert as_user(world.mentee1.user).get(choose_url(round)).status_code == 403


# --- Choosing -------------------------------------------------------------------------------


def test_mentee_chooses_two_mentors_in_order(world, round, as_user):
    client = as_user(world.mentee1.user)
    response = client.post(choose_url(round), ranks_of(world, 2, 1))
    assert response.status_code == 302
    assert chosen(round, world.mentee1) == ["Omar Mentor", "Maya Mentor"]
    page = client.get(choose_url(round))
    html = page.content.decode()
    assert "Your 2 choices are saved" in html
    assert html.index("Omar Mentor</a></li>") < html.index("Maya Mentor</a></li>")
    # The form shows the saved ranks.
    assert page.context["form"].initial == {
        f"rank_{world.mentor2.public_id}": 1,
        f"rank_{world.mentor1.public_id}": 2,
    }


def ranks_of(world, maya, omar):
    data = {}
    if maya is not None:
        data[f"rank_{world.mentor1.public_id}"] = str(maya)
    if omar is not None:
        data[f"rank_{world.mentor2.public_id}"] = str(omar)
    return data


def test_gaps_in_ranks_are_closed(world, round, as_user):
    round.max_choices = 3
    round.save()
    as_user(world.mentee1.user).post(choose_url(round), ranks_of(world, 3, 1))
    assert list(
        RoundChoice.objects.filter(mentee=world.mentee1).values_list("mentor__user__name", "rank")
    ) == [("Omar Mentor", 1), ("Maya Mentor", 2)]


def test_the_same_rank_twice_is_refused_and_input_kept(world, round, as_user):
    client = as_user(world.mentee1.user)
    response = client.post(choose_url(round), ranks_of(world, 1, 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "give each rank to one mentor only" in html
    assert "Your choices are not saved yet" in html
    # In the linked error summary (focused on load, "Error:" in the title), on the first of
    # the two selects, which says it is invalid and where its error is.
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    first = f"id_rank_{world.mentor1.public_id}"
    assert f'<a href="#{first}">' in summary and "give each rank to one mentor only" in summary
    assert f'<ul class="errors" id="{first}_error">' in html
    assert "<title>Error: " in html
    assert RoundChoice.objects.count() == 0
    form = response.context["form"]
    assert form[f"rank_{world.mentor1.public_id}"].value() == "1"
    assert 'value="1" selected' in html


def test_a_rank_beyond_the_maximum_is_refused(world, round, as_user):
    response = as_user(world.mentee1.user).post(choose_url(round), ranks_of(world, 3, 1))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert RoundChoice.objects.count() == 0


def test_choosing_nobody_clears_the_choices(world, round, as_user):
    client = as_user(world.mentee1.user)
    client.post(choose_url(round), ranks_of(world, 1, 2))
    assert RoundChoice.objects.count() == 2
    client.post(choose_url(round), {f"rank_{world.mentor1.public_id}": ""})
    assert RoundChoice.objects.count() == 0


def test_full_mentor_already_chosen_stays_on_the_page(world, round, as_user):
    from tests.factories import make_mentorship

    round_choose(round=round, user=world.mentee1.user, mentor_ids=[world.mentor2.public_id])
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)  # Omar is now full
    response = as_user(world.mentee1.user).get(choose_url(round))
    names = [c.participant.user.name for c in response.context["cards"]]
    assert "Omar Mentor" in names
    assert "Full right now" in response.content.decode()


def test_closed_round_shows_the_choices_read_only(world, round, as_user):
    to_picking(world, round)
    client = as_user(world.mentee1.user)
    response = client.get(choose_url(round))
    html = response.content.decode()
    assert response.status_code == 200
    assert "What you chose" in html and "Save my choices" not in html
    assert html.index("Maya Mentor") < html.index("Omar Mentor")
    response = client.post(choose_url(round), ranks_of(world, None, 1), follow=True)
    assert "Choosing mentors is closed" in response.content.decode()
    assert chosen(round, world.mentee1) == ["Maya Mentor", "Omar Mentor"]


@pytest.mark.parametrize(
    "data",
    [
        {"rank_x": "1"},
        {"rank_": "1"},
        {"rank_nobody": "999999999999999999999"},
        {"rank_\x00": "\x00"},
        "mentor1:-1",
        "mentor1:abc",
        "mentor1:1.5",
        "mentor1:" + "9" * 400,
        "mentor1:\x00",
        "mentor1:<script>",
    ],
)
def test_hostile_choices_never_500(world, round, as_user, data):
    if isinstance(data, str):
        who, value = data.split(":", 1)
        data = {f"rank_{getattr(world, who).public_id}": value}
    response = as_user(world.mentee1.user).post(choose_url(round), data)
    assert response.status_code in (200, 302)
    assert RoundChoice.objects.filter(rank__lte=0).count() == 0


def test_service_refusal_is_a_message_with_input_kept(world, round, as_user, monkeypatch):
    from mentorwise.core.errors import Conflict
    from mentorwise.matching import views

    def refuse(**kwargs):
        raise Conflict("Choosing mentors is closed for this round.", code="round_closed")

    monkeypatch.setattr(views, "round_choose", refuse)
    response = as_user(world.mentee1.user).post(choose_url(round), ranks_of(world, 2, 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choosing mentors is closed for this round." in html
    assert response.context["form"][f"rank_{world.mentor2.public_id}"].value() == "1"


# --- Picking --------------------------------------------------------------------------------


def test_mentor_waits_while_mentees_choose(world, round, as_user):
    round_choose(round=round, user=world.mentee1.user, mentor_ids=[world.mentor1.public_id])
    response = as_user(world.mentor1.user).get(pick_url(round))
    assert response.status_code == 200
    assert "Lee Mentee" not in response.content.decode()


def test_mentor_sees_who_chose_them_with_rankings(world, round, as_user):
    to_picking(world, round)
    response = as_user(world.mentor2.user).get(pick_url(round))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lee Mentee" in html and "Ana Mentee" not in html
    assert "Ranked you 2nd</strong> of 2 choices" in html
    assert reverse("directory:participant", args=[world.mentee1.public_id]) in html
    assert "You have room for 1 more mentee" in html
    response = as_user(world.mentor1.user).get(pick_url(round))
    html = response.content.decode()
    assert "Lee Mentee" in html and "Ana Mentee" in html
    assert "Ranked you 1st</strong> of 1 choice" in html


def test_mentor_picks_within_capacity(world, round, as_user):
    to_picking(world, round)
    client = as_user(world.mentor1.user)
    response = client.post(
        pick_url(round), {"mentees": [world.mentee1.public_id, world.mentee2.public_id]}
    )
    assert response.status_code == 302
    assert RoundPick.objects.filter(mentor=world.mentor1).count() == 2
    html = client.get(pick_url(round)).content.decode()
    assert "You picked 2 mentees" in html
    assert html.count("checked") == 2


def test_mentor_picking_beyond_capacity_is_refused_with_input_kept(world, round, as_user):
    to_picking(world, round)
    # Omar (capacity 1) was chosen by Lee only; Ana chooses him too.
    RoundChoice.objects.create(round=round, mentee=world.mentee2, mentor=world.mentor2, rank=2)
    response = as_user(world.mentor2.user).post(
        pick_url(round), {"mentees": [world.mentee1.public_id, world.mentee2.public_id]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<ul class="errors" id="mentees-errors">'
        "<li>You chose 2 mentees but have room for 1 more; untick 1.</li>"
    ) in html
    # The linked error summary, as on every form: it takes the focus, its link goes to the
    # group of ticks, and the title says there is an error.
    summary = html.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert (
        '<a href="#id_mentees">Mentees you pick: You chose 2 mentees but have room for 1 more; '
        "untick 1.</a>"
    ) in summary
    assert 'id="id_mentees" tabindex="-1"' in html
    assert "<title>Error: " in html
    assert "Your picks are not saved yet" in html
    assert html.count(" checked") == 2
    assert html.count('aria-describedby="mentees-errors"') == 2
    assert RoundPick.objects.count() == 0


def test_mentor_cannot_pick_someone_who_did_not_choose_them(world, round, as_user):
    to_picking(world, round, mentee2=False)
    response = as_user(world.mentor2.user).post(
        pick_url(round), {"mentees": [world.mentee2.public_id]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert RoundPick.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [{"mentees": ["x" * 500]}, {"mentees": ["\x00"]}, {"mentees": ""}, {"other": "1"}],
)
def test_hostile_picks_never_500(world, round, as_user, data):
    to_picking(world, round)
    response = as_user(world.mentor1.user).post(pick_url(round), data)
    assert response.status_code in (200, 302)


def test_picking_after_the_mentors_turn_is_refused(world, round, as_user):
    to_picking(world, round)
    round_pick(round=round, user=world.mentor1.user, mentee_ids=[world.mentee1.public_id])
    round_advance(round=round, user=world.admin)
    client = as_user(world.mentor1.user)
    response = client.post(pick_url(round), {"mentees": [world.mentee2.public_id]}, follow=True)
    html = response.content.decode()
    assert "Mentors are not choosing in this round right now" in html
    assert "You picked: " in html and "Save my picks" not in html
    assert list(RoundPick.objects.values_list("mentee__user__name", flat=True)) == ["Lee Mentee"]


def test_published_round_links_to_my_mentorships(world, round, as_user, delivered):
    to_picking(world, round)
    round_pick(round=round, user=world.mentor1.user, mentee_ids=[world.mentee1.public_id])
    round_advance(round=round, user=world.admin)
    with delivered():
        run = round_finish(round=round, user=world.admin, fill=False)
    run.refresh_from_db()
    run_publish(run=run, user=world.admin)
    html = as_user(world.mentee1.user).get(choose_url(round)).content.decode()
    assert "The pairs are published" in html and reverse("mentorships:mine") in html


def test_mentor_with_no_place_left_is_not_asked_to_pick(world, round, as_user):
    to_picking(world, round)
    # Omar (capacity 1) starts working with someone else after Lee chose him.
    other = make_participant(world.program, role="mentee")
    make_mentorship(mentor=world.mentor2, mentee=other)
    client = as_user(world.mentor2.user)
    html = client.get(pick_url(round)).content.decode()
    assert "You have no place left for another mentee" in html
    assert "Lee Mentee" in html  # who chose him is still shown
    assert 'type="checkbox"' not in html and "Save my picks" not in html
    home = client.get(reverse("home")).content.decode()
    assert "You have no place left for another mentee, so you do not pick" in home
    assert "Mentees have chosen: pick the mentees" not in home
    response = client.post(pick_url(round), {"mentees": [world.mentee1.public_id]})
    assert "have no place left for another mentee; untick it" in response.content.decode()
    assert not RoundPick.objects.exists()


# --- A mentee who already has the program's maximum of mentors ------------------------------


@pytest.fixture
def lee_is_full(world, round):
    """Lee already works with two mentors, the program's maximum at a time."""
    for name in ("Kim Mentor", "Raj Mentor"):
        mentor = make_participant(
            world.program, role="mentor", user=make_member(world.org, make_user(name=name))
        )
        make_mentorship(mentor=mentor, mentee=world.mentee1)
    return world.mentee1


def test_mentee_with_the_maximum_of_mentors_is_not_asked_to_choose(
    world, round, lee_is_full, as_user
):
    client = as_user(world.mentee1.user)
    html = client.get(choose_url(round)).content.decode()
    assert "You do not choose in this round" in html
    assert "You already have 2 mentors, the program&#x27;s maximum at a time" in html
    assert "Save my choices" not in html and 'name="rank_' not in html
    for url in (reverse("programs:detail", args=[world.program.public_id]), reverse("home")):
        page = client.get(url).content.decode()
        assert "Spring round" in page and "so you do not choose in this round" in page
        assert "Choose your mentors" not in page
    # Ana, with room, is still asked.
    html = as_user(world.mentee2.user).get(reverse("home")).content.decode()
    assert "Choose your mentors" in html


def test_mentee_with_the_maximum_of_mentors_cannot_post_choices(world, round, lee_is_full, as_user):
    response = as_user(world.mentee1.user).post(
        choose_url(round), {f"rank_{world.mentor1.public_id}": "1"}, follow=True
    )
    html = response.content.decode()
    assert "You already have 2 mentors, the program&#x27;s maximum at a time" in html
    assert "Choosing mentors is closed" not in html
    assert not RoundChoice.objects.exists()


def test_round_pages_breadcrumbs_lead_from_the_program_to_the_round(world, round, as_user):
    to_picking(world, round)
    program = reverse("programs:detail", args=[world.program.public_id])
    for who, url in [(world.mentee1, choose_url(round)), (world.mentor1, pick_url(round))]:
        html = as_user(who.user).get(url).content.decode()
        crumbs = html.split('aria-label="Breadcrumb">', 1)[1].split("</nav>", 1)[0]
        assert crumbs == (
            f'<a href="{program}">Story Mentoring</a> \u203a '
            '<span aria-current="page">Spring round</span>'
        )


# --- The program page and the dashboard -----------------------------------------------------


def test_program_page_and_dashboard_link_to_the_open_round(world, round, as_user):
    mentee = as_user(world.mentee1.user)
    for url in (reverse("programs:detail", args=[world.program.public_id]), reverse("home")):
        html = mentee.get(url).content.decode()
        assert "Spring round" in html and choose_url(round) in html
        assert "Choose your mentors" in html
    to_picking(world, round)
    html = as_user(world.mentor1.user).get(reverse("home")).content.decode()
    assert pick_url(round) in html and "See who chose you" in html
    html = as_user(world.outsider.user).get(reverse("home")).content.decode()
    assert "Spring round" not in html


def test_dashboard_without_rounds_shows_none(world, as_user):
    html = as_user(world.mentee1.user).get(reverse("home")).content.decode()
    assert "Selection rounds" not in html


# --- Recommended for you --------------------------------------------------------------------


def search_url(world, who="mentors"):
    return reverse("directory:search", args=[world.program.public_id, who])


def test_search_page_loads_recommendations_after_rendering(world, as_user):
    html = as_user(world.mentee1.user).get(search_url(world)).content.decode()
    assert f'hx-get="{rec_url(world)}"' in html and 'hx-trigger="load"' in html
    assert "<noscript>" in html  # without JavaScript, a link to the same list


def test_recommendations_for_a_mentee_have_scores_reasons_and_links(world, as_user):
    response = as_user(world.mentee1.user).get(rec_url(world), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Recommended for you" in html
    assert "<html" not in html  # a fragment
    assert html.index("Maya Mentor") < html.index("Omar Mentor")
    assert reverse("directory:participant", args=[world.mentor1.public_id]) in html
    assert "% match" in html
    suggestion = response.context["suggestions"][0]
    assert suggestion["reasons"]
    assert all(escape(r) + "." in html for r in suggestion["reasons"])


def test_recommendations_page_without_javascript(world, as_user):
    response = as_user(world.mentee1.user).get(rec_url(world))
    assert response.status_code == 200
    assert "<html" in response.content.decode() and "Maya Mentor" in response.content.decode()


def test_recommendations_leave_out_full_mentors(world, as_user):
    from tests.factories import make_mentorship

    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    html = as_user(world.mentee1.user).get(rec_url(world), HTTP_HX_REQUEST="true")
    assert "Omar Mentor" not in html.content.decode()


def test_mentor_gets_recommended_mentees_where_invites_are_allowed(world, as_user):
    client = as_user(world.mentor1.user)
    html = client.get(rec_url(world, "mentees"), HTTP_HX_REQUEST="true").content.decode()
    assert "Recommended for you" in html and "Lee Mentee" in html
    # Browsing mentors, a mentor (not a mentee) gets nothing.
    html = client.get(rec_url(world, "mentors"), HTTP_HX_REQUEST="true").content.decode()
    assert html.strip() == ""
    world.program.mentors_can_invite = False
    world.program.save()
    assert client.get(rec_url(world, "mentees")).status_code == 403


def test_a_mentees_recommendations_speak_to_her(world, as_user):
    client = as_user(world.mentee1.user)
    html = client.get(rec_url(world), HTTP_HX_REQUEST="true").content.decode()
    assert escape("Your interest in 'Storyboarding' matches Maya Mentor's expertise.") in html
    assert "You both speak English." in html
    assert escape("Lee Mentee's") not in html and "Both speak" not in html


def test_a_mentors_recommendations_speak_to_her(world, as_user):
    client = as_user(world.mentor1.user)
    html = client.get(rec_url(world, "mentees"), HTTP_HX_REQUEST="true").content.decode()
    assert escape("Lee Mentee's interest in 'Storyboarding' matches your expertise.") in html
    assert "You both speak Spanish." in html  # with Ana
    assert escape("Maya Mentor's") not in html


def test_admin_and_wrong_roles_get_no_recommendations(world, as_user):
    html = as_user(world.admin).get(rec_url(world), HTTP_HX_REQUEST="true").content.decode()
    assert html.strip() == ""
    assert as_user(world.mentee1.user).get(rec_url(world, "mentees")).status_code == 403
    assert as_user(world.mentee1.user).get(rec_url(world, "nobody")).status_code == 404
    stranger = make_member(world.org, make_user(name="Sam Stranger"))
    assert as_user(stranger).get(rec_url(world)).status_code == 403


# --- Recommended for you: why the list is empty ------------------------------------------------


def every_mentor_full(world):
    """Maya (one place) and Omar (one place) both mentor Ana."""
    world.mentor1.capacity = 1
    world.mentor1.save()
    make_mentorship(mentor=world.mentor1, mentee=world.mentee2)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)


def empty_panel(client, world, who="mentors"):
    response = client.get(rec_url(world, who), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.context["suggestions"] == []
    return response.context["empty"]["code"], response.content.decode()


PROFILE_HINT = "Add the languages you speak"


def test_a_mentee_is_told_when_every_mentor_is_full(world, as_user):
    every_mentor_full(world)
    code, html = empty_panel(as_user(world.mentee1.user), world)
    assert code == "all_full"
    assert "Every mentor in this program is full right now." in html
    assert "Check back later" in html and "administrators can add places" in html
    assert PROFILE_HINT not in html  # Lee's profile is not the cause


def test_a_mentee_whose_profile_lacks_languages_is_asked_to_add_them(world, as_user):
    profile_update(user=world.mentee1.user, languages=[])
    code, html = empty_panel(as_user(world.mentee1.user), world)
    assert code == "profile_incomplete"
    assert PROFILE_HINT in html and reverse("profiles:edit") in html


def test_a_mentee_who_shares_no_language_with_any_mentor_is_told_so(world, as_user):
    kai = make_participant(
        world.program,
        role="mentee",
        user=make_member(world.org, make_user(name="Kai Mentee")),
        profile={"goals": "Storyboarding", "interests": ["Storyboarding"], "languages": ["German"]},
    )
    code, html = empty_panel(as_user(kai.user), world)
    assert code == "no_match"
    assert "None of the mentors with room right now speaks a language on your profile." in html
    assert PROFILE_HINT not in html


def test_a_mentee_with_the_programs_maximum_of_mentors_is_told_so(world, as_user):
    make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    code, html = empty_panel(as_user(world.mentee1.user), world)
    assert code == "at_max_mentors"
    assert "You already have 2 mentors, and this program allows 2 mentors at a time." in html


def test_a_full_mentor_gets_no_recommendations_and_no_invite_buttons(world, as_user):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)  # Omar's only place
    code, html = empty_panel(as_user(world.mentor2.user), world, "mentees")
    assert code == "no_place_left"
    assert "All your places are taken (1 of 1)" in html
    assert "Lee Mentee" not in html and "Invite" not in html
    page = as_user(world.mentor2.user).get(rec_url(world, "mentees")).content.decode()
    assert "All your places are taken" in page and "Lee Mentee" not in page


def test_a_mentor_is_never_recommended_a_mentee_at_her_maximum(world, as_user):
    world.program.max_mentors_per_mentee = 1
    world.program.save()
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)  # Lee is at the maximum
    html = as_user(world.mentor1.user).get(rec_url(world, "mentees"), HTTP_HX_REQUEST="true")
    assert "Ana Mentee" in html.content.decode() and "Lee Mentee" not in html.content.decode()


def test_search_page_query_count_stays_constant_with_the_panel(world, as_user):
    client = as_user(world.mentee1.user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(search_url(world)).status_code == 200
        return len(ctx)

    count()
    before = count()
    add_mentors(world, 15)
    assert count() == before


def add_mentors(world, n, start=0):
    for i in range(start, start + n):
        make_participant(
            world.program,
            role="mentor",
            capacity=2,
            user=make_member(world.org, make_user(name=f"Extra Mentor {i}")),
            profile={
                "expertise": [f"Skill {i}", "Storyboarding"],
                "languages": ["English"],
                "headline": "mentor",
            },
        )


def test_recommendations_query_count_does_not_grow_with_data(world, as_user):
    client = as_user(world.mentee1.user)
    add_mentors(world, 6)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(rec_url(world), HTTP_HX_REQUEST="true").status_code == 200
        return len(ctx)

    count()
    before = count()
    add_mentors(world, 20, start=100)
    assert count() == before


def test_choose_and_pick_pages_query_counts_do_not_grow_with_data(world, round, as_user):
    mentee, mentor = as_user(world.mentee1.user), as_user(world.mentor1.user)

    def count(client, url):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    add_mentors(world, 6)
    count(mentee, choose_url(round))
    before = count(mentee, choose_url(round))
    add_mentors(world, 20, start=100)
    assert count(mentee, choose_url(round)) == before

    to_picking(world, round)
    count(mentor, pick_url(round))
    before = count(mentor, pick_url(round))
    for i in range(10):
        extra = make_participant(
            world.program,
            role="mentee",
            user=make_member(world.org, make_user(name=f"Extra Mentee {i}")),
            profile={"interests": ["Storyboarding"], "languages": ["English"]},
        )
        RoundChoice.objects.create(round=round, mentee=extra, mentor=world.mentor1, rank=1)
    assert count(mentor, pick_url(round)) == before
