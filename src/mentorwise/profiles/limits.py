"""The limits on what a person says about themselves, defined once: the profile page's form,
the services and the API's schemas all read them, so a page and the API accept the same values
(and the OpenAPI document states them)."""

from django.utils.translation import gettext as _

YEARS_EXPERIENCE_MIN = 0
YEARS_EXPERIENCE_MAX = 70

CAPACITY_MIN = 1  # mentees a mentor takes at a time
CAPACITY_MAX = 50

# A photo is refused before it is decoded when its header claims more pixels than this: a small
# compressed file can claim a huge canvas, and decoding it would take gigabytes of memory.
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_MAX_SIDE = 512  # stored photos fit in this square


def photo_too_large_message(size: tuple[int, int]) -> str:
    return _(
        "This image is %(width)s by %(height)s pixels; the limit is %(limit)s megapixels. "
        "Upload a smaller image."
    ) % {"width": size[0], "height": size[1], "limit": PHOTO_MAX_PIXELS // 1_000_000}
