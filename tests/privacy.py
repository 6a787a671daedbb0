"""The roles of the privacy matrix tests, and a signed-in test client for each.

The pair is Lee (mentee1) and her mentor; another pair's member is Ana (mentee2); the program's
administrator; another organization's administrator; nobody signed in; and Lee again after her
organization blocked her (who must lose the pair everywhere alike)."""

from django.test import Client

ROLES = ["pair", "other_pair", "admin", "other_admin", "anonymous", "blocked"]


def client_as(world, role: str) -> Client:
    user = {
        "pair": world.mentee1.user,
        "other_pair": world.mentee2.user,
        "admin": world.admin,
        "other_admin": world.other_admin,
        "anonymous": None,
        "blocked": world.mentee1.user,
    }[role]
    if role == "blocked":
        user.memberships.update(is_blocked=True)
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
