"""Opaque identifiers for rows that have no public id column (notifications).

The primary key is run through a keyed four-round Feistel permutation of 64 bits (the key is
derived from SECRET_KEY) and written in base 32: a 13-character string that reveals neither the
key nor how many rows exist, and that decodes back to the key only with SECRET_KEY. It is a
stand-in until such models get a `public_id` column; clients must treat ids as opaque strings.
"""

import base64
import binascii

from django.utils.crypto import salted_hmac

_MASK = 0xFFFFFFFF
_ROUNDS = 4
_LENGTH = 13  # base32 of 8 bytes, without padding


def _round(value: int, index: int, salt: str) -> int:
    digest = salted_hmac(salt, f"{index}:{value}", algorithm="sha256").digest()
    return int.from_bytes(digest[:4], "big")


def encode(pk: int, *, salt: str) -> str:
    left, right = (pk >> 32) & _MASK, pk & _MASK
    for i in range(_ROUNDS):
        left, right = right, left ^ _round(right, i, salt)
    raw = ((left << 32) | right).to_bytes(8, "big")
    return base64.b32encode(raw).decode().rstrip("=").lower()


def decode(value: str, *, salt: str) -> int | None:
    """The primary key behind `value`, or None when it is not one of our identifiers."""
    if not isinstance(value, str) or len(value) != _LENGTH:
        return None
    try:
        raw = base64.b32decode(value.upper() + "===", casefold=False)
    except (ValueError, binascii.Error):
        return None
    if len(raw) != 8:
        return None
    number = int.from_bytes(raw, "big")
    left, right = number >> 32, number & _MASK
    for i in reversed(range(_ROUNDS)):
        left, right = right ^ _round(left, i, salt), left
    pk = (left << 32) | right
    return pk if 0 < pk < 2**63 else None
