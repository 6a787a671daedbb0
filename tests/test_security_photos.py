"""Profile photos: a huge image is refused from its header, and a refused form changes no file."""

import io
import os
import resource
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mentorwise.core.errors import ValidationFailed
from mentorwise.profiles.limits import PHOTO_MAX_PIXELS
from mentorwise.profiles.services import normalize_photo

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def huge_png(width=13_000, height=13_000) -> bytes:
    """A valid PNG of a few hundred bytes whose header claims width * height RGB pixels (the
    first rows are there; decoding it would still need width * height * 3 bytes)."""
    rows = zlib.compress(b"\x00" + b"\x00" * width * 3, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def png_bytes(size=(40, 40), colour=(30, 90, 140)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def media_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(root)
        for name in names
    )


def test_huge_png_is_small_on_disk_but_over_the_pixel_limit():
    data = huge_png()
    assert len(data) < 100_000
    with Image.open(io.BytesIO(data)) as image:
        assert image.size[0] * image.size[1] > PHOTO_MAX_PIXELS


def test_profile_page_refuses_a_huge_image_from_its_header(world, as_user, settings):
    client = as_user(world.mentee1.user)
    upload = SimpleUploadedFile("huge.png", huge_png(), content_type="image/png")
    before = max_rss_mb()
    response = client.post("/profile/", {"name": "Lee", "work_mode": "either", "photo": upload})
    assert max_rss_mb() - before < 200  # decoding it would take about 500 MB
    assert response.status_code == 200
    assert "13000 by 13000 pixels; the limit is 40 megapixels" in response.content.decode()
    world.mentee1.user.profile.refresh_from_db()
    assert not world.mentee1.user.profile.photo
    assert media_files(settings) == []


def test_service_refuses_a_huge_image_before_decoding_it():
    before = max_rss_mb()
    with pytest.raises(ValidationFailed) as refused:
        normalize_photo(io.BytesIO(huge_png()))
    assert max_rss_mb() - before < 200
    assert refused.value.field == "photo"
    assert "megapixels" in refused.value.message


def test_large_photo_within_the_limit_is_shrunk_and_turned_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to show
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1000), (10, 200, 10)).save(buffer, format="JPEG", exif=exif)
    content = normalize_photo(io.BytesIO(buffer.getvalue()))
    with Image.open(io.BytesIO(content.read())) as stored:
        assert stored.size == (171, 512)  # upright: taller than wide
        assert not stored.getexif()


@pytest.fixture
def with_photo(world, as_user, settings, django_capture_on_commit_callbacks):
    """mentee1 has a photo on disk; returns (client, its name)."""
    client = as_user(world.mentee1.user)
    upload = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/profile/", {"name": "Lee", "work_mode": "either", "photo": upload})
    assert response.status_code == 302
    profile = world.mentee1.user.profile
    profile.refresh_from_db()
    assert media_files(settings) == [profile.photo.name]
    return client, profile.photo.name


TOO_MANY_TAGS = ", ".join(f"topic {i}" for i in range(21))  # the form takes it, the service not


def test_refused_profile_form_leaves_no_new_photo_and_keeps_the_old(
    world, with_photo, settings, django_capture_on_commit_callbacks
):
    client, old = with_photo
    upload = SimpleUploadedFile("new.png", png_bytes(colour=(1, 2, 3)), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/profile/",
            {"name": "Lee", "work_mode": "either", "expertise": TOO_MANY_TAGS, "photo": upload},
        )
    assert response.status_code == 200
    assert "Choose at most 20" in response.content.decode()
    profile = world.mentee1.user.profile
    profile.refresh_from_db()
    assert profile.photo.name == old
    assert media_files(settings) == [old]  # the old file is there, no orphan new one


def test_clearing_the_photo_with_a_refused_form_keeps_the_file(
    world, with_photo, settings, django_capture_on_commit_callbacks
):
    client, old = with_photo
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/profile/",
            {"name": "Lee", "work_mode": "either", "expertise": TOO_MANY_TAGS, "photo-clear": "on"},
        )
    assert response.status_code == 200
    profile = world.mentee1.user.profile
    profile.refresh_from_db()
    assert profile.photo.name == old
    assert media_files(settings) == [old]


def test_clearing_the_photo_deletes_the_file_on_commit(
    world, with_photo, settings, django_capture_on_commit_callbacks
):
    client, _old = with_photo
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/profile/", {"name": "Lee", "work_mode": "either", "photo-clear": "on"}
        )
    assert response.status_code == 302
    profile = world.mentee1.user.profile
    profile.refresh_from_db()
    assert not profile.photo
    assert media_files(settings) == []


def test_a_new_photo_replaces_the_old_file_on_commit(
    world, with_photo, settings, django_capture_on_commit_callbacks
):
    client, old = with_photo
    upload = SimpleUploadedFile("new.png", png_bytes(colour=(1, 2, 3)), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/profile/", {"name": "Lee", "work_mode": "either", "photo": upload})
    assert response.status_code == 302
    profile = world.mentee1.user.profile
    profile.refresh_from_db()
    assert profile.photo.name != old
    assert media_files(settings) == [profile.photo.name]
