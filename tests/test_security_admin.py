"""The Django admin has no sign-in of its own: it sends people to the site's sign-in page,
which applies the rate limits and the two-factor step."""

from django.test import Client

from tests.factories import PASSWORD, make_user


def test_the_admin_login_page_sends_people_to_the_sites_sign_in(db):
    response = Client().get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert "django-admin" in response["Location"]


def test_the_admin_login_page_does_not_render_djangos_own_form(db):
    response = Client().get("/django-admin/login/", follow=True)
    assert response.redirect_chain
    html = response.content.decode()
    assert 'name="username"' not in html
    assert 'id="login-form"' not in html
    assert 'name="login"' in html  # allauth's sign-in form


def test_posting_a_password_to_the_admin_login_signs_no_one_in(db):
    staff = make_user(email="staff@example.org")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = Client()
    response = client.post("/django-admin/login/", {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/django-admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_signed_in_member_who_is_not_staff_is_refused_at_the_admin_login(world, as_user):
    assert as_user(world.mentee1.user).get("/django-admin/login/").status_code == 403


def test_signed_in_staff_go_on_to_the_admin(db):
    staff = make_user(email="staff@example.org")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client = Client()
    client.force_login(staff)
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302 and response["Location"] == "/django-admin/"
    assert client.get("/django-admin/").status_code == 200


def test_a_password_set_in_the_admin_revokes_the_persons_tokens(world, delivered):
    from mentorwise.accounts.models import ApiToken
    from mentorwise.accounts.services import TokenVia, api_token_create
    from mentorwise.core.models import AuditEntry
    from mentorwise.notifications.models import OutboxEmail

    staff = make_user(email="staff@example.org")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    person = world.mentor1.user
    _, raw = api_token_create(user=person, via=TokenVia.API)
    api_token_create(user=person, via=TokenVia.ACCOUNT_PAGE)
    client = Client()
    client.force_login(staff)
    with delivered():
        response = client.post(
            f"/django-admin/accounts/user/{person.pk}/password/",
            {"password1": "a-new-long-passphrase-42", "password2": "a-new-long-passphrase-42"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.check_password("a-new-long-passphrase-42")
    assert not ApiToken.objects.filter(user=person).exists()
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    (email,) = OutboxEmail.objects.filter(kind="api_tokens_revoked", to_email=person.email)
    assert "password of your account was changed" in email.body_text
    entry = AuditEntry.objects.get(action="api_token.revoke_all")
    assert entry.actor_id == staff.pk


def test_a_refused_password_in_the_admin_revokes_nothing(world):
    from mentorwise.accounts.models import ApiToken
    from mentorwise.accounts.services import TokenVia, api_token_create

    staff = make_user(email="staff@example.org")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    person = world.mentor1.user
    api_token_create(user=person, via=TokenVia.API)
    client = Client()
    client.force_login(staff)
    response = client.post(
        f"/django-admin/accounts/user/{person.pk}/password/",
        {"password1": "a-new-long-passphrase-42", "password2": "something else"},
    )
    assert response.status_code == 200
    assert ApiToken.objects.filter(user=person).count() == 1
