"""`manage.py create_organization --name "…" --admin-email …`: the first step on a new site.

Creates the organization (with its guides and a join code) and makes the person its program
administrator, creating their account if needed (they set a password through "forgot
password", or pass --admin-password).
"""

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from mentorwise.accounts.models import User
from mentorwise.organizations.services import normalize_join_code, organization_create


class Command(BaseCommand):
    help = "Create an organization and its first program administrator."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", default="")
        parser.add_argument("--admin-password", default=None)
        parser.add_argument("--join-code", default=None, help="default: a random code")

    @transaction.atomic
    def handle(self, *args, name, admin_email, admin_name, admin_password, join_code, **options):
        name = " ".join(name.split())
        if not name:
            raise CommandError("Give the organization a name.")
        email = admin_email.strip().lower()
        try:
            validate_email(email)
        except Exception:
            raise CommandError(f"{admin_email!r} is not a valid e-mail address.") from None
        if join_code and not normalize_join_code(join_code):
            raise CommandError("The join code cannot be blank.")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=admin_password, name=admin_name or email.split("@")[0]
            )
            if not admin_password:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            self.stdout.write(f"Created the account {email}.")
        organization = organization_create(name=name, admin=user, join_code=join_code)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {organization.name} with join code {organization.join_code}; "
                f"{email} is its program administrator."
            )
        )
        if not admin_password and not user.has_usable_password():
            self.stdout.write("They can set a password with 'Forgot your password?' on sign-in.")
