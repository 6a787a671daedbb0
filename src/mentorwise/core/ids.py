"""Opaque public identifiers: short random strings, never sequential ids."""

import secrets

ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def new_public_id(length: int = 12) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_join_code() -> str:
    """A join code people can read aloud: four letters, a dash, four digits-or-letters."""
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    tail = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return (
        "".join(secrets.choice(letters) for _ in range(4))
        + "-"
        + "".join(secrets.choice(tail) for _ in range(4))
    )
