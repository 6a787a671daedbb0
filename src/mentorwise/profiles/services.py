"""State changes for participants and profiles."""

import datetime
import io
import secrets
import zoneinfo

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentorwise.core.errors import Conflict, NotAllowed, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.organizations.models import Membership
from mentorwise.profiles.answers import clean_answers
from mentorwise.profiles.limits import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    PHOTO_MAX_PIXELS,
    PHOTO_MAX_SIDE,
    YEARS_EXPERIENCE_MAX,
    YEARS_EXPERIENCE_MIN,
    photo_too_large_message,
)
from mentorwise.profiles.models import FifteenAnswer, Participant, Profile, Tag
from mentorwise.profiles.search import FACET_PROFILE_FIELDS, facets_changed
from mentorwise.programs.models import Program, Role

MAX_TAGS = 20


def profile_for(user) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _tags(kind: str, names) -> list[Tag]:
    if isinstance(names, str):
        names = names.split(",")
    seen: dict[str, str] = {}
    for name in names or []:
        if not isinstance(name, str):
            raise ValidationFailed(_("Tags must be text."), field=kind)
        clean, slug = Tag.normalize(name)
        if slug and slug not in seen:
            seen[slug] = clean
    if len(seen) > MAX_TAGS:
        raise ValidationFailed(_("Choose at most %(count)d.") % {"count": MAX_TAGS}, field=kind)
    existing = {t.slug: t for t in Tag.objects.filter(kind=kind, slug__in=seen)}
    missing = [Tag(kind=kind, name=n, slug=s) for s, n in seen.items() if s not in existing]
    if missing:
        Tag.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {t.slug: t for t in Tag.objects.filter(kind=kind, slug__in=seen)}
    return [existing[s] for s in seen]


def build_search_document(profile: Profile, expertise, interests) -> str:
    parts = [
        profile.user.name,
        profile.headline,
        profile.bio,
        " ".join(t.name for t in expertise),
        " ".join(t.name for t in interests),
        profile.industry,
        profile.location,
        profile.goals,
    ]
    return " ".join(p for p in parts if p).lower()[:20000]


def refresh_search_vectors(profiles) -> None:
    """Recomputes the PostgreSQL full-text vectors of these profiles from their search
    documents (one UPDATE; a no-op on other databases, which search the document itself)."""
    from django.contrib.postgres.search import SearchVector
    from django.db import connection

    if connection.vendor == "postgresql":
        profiles.update(search_vector=SearchVector("search_document", config="simple"))


def normalize_photo(upload) -> ContentFile:
    """Re-encodes an uploaded photo as a JPEG of at most 512 by 512 pixels, upright, without its
    metadata (EXIF can carry the place a photo was taken). Raises ValidationFailed if it is no
    image, or if its header claims more than PHOTO_MAX_PIXELS: that is read before anything is
    decoded (Image.open only reads the header), so a small file claiming a huge canvas costs
    nothing. The image is shrunk before it is turned upright, which is cheap on a small one."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > PHOTO_MAX_PIXELS:
                raise ValidationFailed(photo_too_large_message(image.size), field="photo")
            # JPEG can decode straight at a reduced scale; other formats ignore the hint.
            image.draft("RGB", (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            image = ImageOps.exif_transpose(image)
            if image.mode != "RGB":
                background = Image.new("RGB", image.size, (255, 255, 255))
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationFailed(_("Upload a JPEG, PNG or WebP image."), field="photo") from None
    return ContentFile(out.getvalue(), name="photo.jpg")


def _photo_replace(profile: Profile, content: ContentFile | None) -> None:
    """Points the profile at a new photo (or at none) and changes the files only once the
    transaction commits: the new file is written then, the old one deleted then. A transaction
    that fails leaves the files exactly as they were, matching the database."""
    storage = profile.photo.storage
    old_name = profile.photo.name
    if content is not None:
        name = storage.get_available_name(
            f"photos/{profile.user.public_id}-{secrets.token_hex(4)}.jpg"
        )
        profile.photo.name = name

        def write(name=name, content=content):
            stored = storage.save(name, content)
            if stored != name:  # taken in between, which the random part makes unlikely
                Profile.objects.filter(pk=profile.pk, photo=name).update(photo=stored)

        transaction.on_commit(write)
    else:
        profile.photo.name = ""
    if old_name:
        transaction.on_commit(lambda: storage.delete(old_name))


PROFILE_FIELDS = {
    "pronouns",
    "headline",
    "bio",
    "goals",
    "industry",
    "department",
    "reports_to",
    "years_experience",
    "location",
    "time_zone",
    "work_mode",
    "availability",
}


@transaction.atomic
def profile_update(
    *,
    user,
    actor=None,
    name: str | None = None,
    expertise=None,
    interests=None,
    languages=None,
    photo=None,
    remove_photo: bool = False,
    **fields,
) -> Profile:
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise ValidationFailed(
            _("Unknown field: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    profile = Profile.objects.select_for_update().get(pk=profile_for(user).pk)
    if name is not None:
        name = " ".join(str(name).split())
        if not name or len(name) > 150:
            raise ValidationFailed(_("A name of 1 to 150 characters is needed."), field="name")
        user.name = name
        user.save(update_fields=["name"])
        Participant.objects.filter(user=user).update(sort_name=name)
    tz = fields.get("time_zone")
    if tz:
        try:
            zoneinfo.ZoneInfo(tz)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationFailed(
                _("Choose a time zone from the list."), field="time_zone"
            ) from None
    years = fields.get("years_experience")
    if years is not None and not _whole_number_in(
        years, YEARS_EXPERIENCE_MIN, YEARS_EXPERIENCE_MAX
    ):
        raise ValidationFailed(
            _("Years of experience must be a whole number from %(min)s to %(max)s.")
            % {"min": YEARS_EXPERIENCE_MIN, "max": YEARS_EXPERIENCE_MAX},
            field="years_experience",
        )
    for field, value in fields.items():
        setattr(profile, field, "" if value is None and field != "years_experience" else value)
    if photo is not None:
        _photo_replace(profile, normalize_photo(photo))
    elif remove_photo and profile.photo:
        _photo_replace(profile, None)
    try:
        profile.full_clean(exclude=["user", "photo"])
    except Exception as exc:  # django ValidationError → domain error with field messages
        errors = getattr(exc, "message_dict", {"__all__": [str(exc)]})
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(first, errors=errors) from None
    tags = {}
    for kind, names, tag_kind in (
        ("expertise", expertise, Tag.Kind.TOPIC),
        ("interests", interests, Tag.Kind.TOPIC),
        ("languages", languages, Tag.Kind.LANGUAGE),
    ):
        if names is not None:
            tags[kind] = _tags(tag_kind, names)
            getattr(profile, kind).set(tags[kind])
    profile.search_document = build_search_document(
        profile,
        tags.get("expertise", profile.expertise.all()),
        tags.get("interests", profile.interests.all()),
    )
    profile.save()
    refresh_search_vectors(Profile.objects.filter(pk=profile.pk))
    if FACET_PROFILE_FIELDS & {*fields, *tags}:
        facets_changed(
            Participant.objects.filter(user=user, status=Participant.Status.ACCEPTED).values_list(
                "program__public_id", flat=True
            )
        )
    audit(actor=actor or user, action="profile.update", target=profile, fields=sorted(fields))
    return profile


def _whole_number_in(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _refuse_mentee_capacity(capacity) -> None:
    if capacity is not None:
        raise ValidationFailed(
            _("Only mentors have a capacity: leave it out for a mentee."), field="capacity"
        )


def _check_capacity(capacity) -> None:
    if not _whole_number_in(capacity, CAPACITY_MIN, CAPACITY_MAX):
        raise ValidationFailed(
            _("Capacity must be a whole number from %(min)s to %(max)s.")
            % {"min": CAPACITY_MIN, "max": CAPACITY_MAX},
            field="capacity",
        )


@transaction.atomic
def participant_join(
    *, user, program: Program, role: str, answers=None, capacity: int | None = None
) -> Participant:
    """Adds `user` to `program` as a mentor or a mentee, with answers to its application form."""
    if role not in Role.values:
        raise ValidationFailed(_("Choose mentor or mentee."), field="role")
    membership = Membership.objects.filter(
        organization_id=program.organization_id, user=user
    ).first()
    if membership is None:
        raise NotAllowed(_("Join the organization with its join code first."), code="not_member")
    if membership.is_blocked:
        raise NotAllowed(_("Your access to this organization has been suspended."), code="blocked")
    if not program.accepts_applications:
        raise Conflict(_("This program is not taking applications."), code="program_closed")
    today = timezone.localdate()
    if program.application_opens_on and today < program.application_opens_on:
        raise Conflict(
            _("Applications open on %(date)s.")
            % {"date": date_format(program.application_opens_on, "DATE_FORMAT")},
            code="not_open_yet",
        )
    if program.application_closes_on and today > program.application_closes_on:
        raise Conflict(_("Applications for this program have closed."), code="applications_closed")
    existing = Participant.objects.filter(program=program, user=user, role=role).first()
    if existing is not None:
        raise Conflict(
            (
                _("You are already in this program as a mentor (%(status)s).")
                if role == Role.MENTOR
                else _("You are already in this program as a mentee (%(status)s).")
            )
            % {"status": existing.get_status_display().lower()},
            code="already_participant",
        )
    cleaned = clean_answers(program.questions.all(), role, answers)
    if role == Role.MENTOR:
        capacity = program.default_mentor_capacity if capacity is None else capacity
        _check_capacity(capacity)
    else:
        _refuse_mentee_capacity(capacity)
        capacity = 0
    status = (
        Participant.Status.APPLIED if program.requires_approval else Participant.Status.ACCEPTED
    )
    profile_for(user)
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                program=program,
                user=user,
                role=role,
                capacity=capacity,
                answers=cleaned,
                status=status,
            )
    except IntegrityError:
        raise Conflict(
            _("You are already in this program in that role."), code="already_participant"
        ) from None
    if status == Participant.Status.ACCEPTED:
        facets_changed([program.public_id])
    audit(
        actor=user,
        action="participant.join",
        target=participant,
        organization_id=program.organization_id,
        role=role,
    )
    return participant


@transaction.atomic
def participant_pause(
    *, participant: Participant, actor, paused: bool, until: datetime.date | None = None
) -> Participant:
    """A mentor stops taking new mentees for now ("not taking mentees now"), until `until` if
    given (the pause ends by itself that day), or resumes. While paused they are left out of
    search results, recommendations and matching, and requests to them are refused with the
    return date; their mentorships go on."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.user_id != getattr(actor, "pk", None):
        raise NotAllowed(_("Only the mentor can pause taking mentees."), code="not_yours")
    if participant.role != Role.MENTOR:
        raise ValidationFailed(_("Only mentors pause taking mentees."), field="paused")
    until = until if paused else None
    if until is not None and until <= timezone.localdate():
        raise ValidationFailed(
            _("Choose a return date after today, or leave it empty."), field="paused_until"
        )
    participant.paused, participant.paused_until = paused, until
    participant.save(update_fields=["paused", "paused_until"])
    audit(
        actor=actor,
        action="participant.pause" if paused else "participant.resume",
        target=participant,
        organization_id=participant.program.organization_id,
        until=until.isoformat() if until else None,
    )
    return participant


@transaction.atomic
def participant_update(
    *, participant: Participant, actor, capacity=None, answers=None
) -> Participant:
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.role == Role.MENTOR:
        if capacity is not None:
            _check_capacity(capacity)
            participant.capacity = capacity
    else:
        _refuse_mentee_capacity(capacity)
    if answers is not None:
        participant.answers = clean_answers(
            participant.program.questions.all(), participant.role, answers
        )
    participant.save(update_fields=["capacity", "answers"])
    audit(
        actor=actor,
        action="participant.update",
        target=participant,
        organization_id=participant.program.organization_id,
    )
    return participant


ALLOWED_STATUS_CHANGES = {
    Participant.Status.APPLIED: {
        Participant.Status.ACCEPTED,
        Participant.Status.WAITLISTED,
        Participant.Status.RELEASED,
    },
    Participant.Status.WAITLISTED: {Participant.Status.ACCEPTED, Participant.Status.RELEASED},
    Participant.Status.ACCEPTED: {Participant.Status.WAITLISTED, Participant.Status.RELEASED},
    Participant.Status.RELEASED: {Participant.Status.ACCEPTED, Participant.Status.WAITLISTED},
}


@transaction.atomic
def participant_set_status(*, participant: Participant, status: str, actor) -> Participant:
    """An administrator accepts, wait-lists, releases or reinstates a participant."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if status not in Participant.Status.values:
        raise ValidationFailed(_("Unknown status."), field="status")
    if status == participant.status:
        return participant
    if status not in ALLOWED_STATUS_CHANGES[participant.status]:
        raise Conflict(
            _("A participant who is %(before)s cannot become %(after)s.")
            % {
                "before": participant.get_status_display().lower(),
                "after": Participant.Status(status).label.lower(),
            },
            code="invalid_transition",
        )
    previous = participant.status
    participant.status = status
    participant.status_changed_at = timezone.now()
    participant.release_warned_at = None  # a new status starts a new release window
    participant.save(update_fields=["status", "status_changed_at", "release_warned_at"])
    if Participant.Status.ACCEPTED in (previous, status):
        facets_changed([participant.program.public_id])
    audit(
        actor=actor,
        action="participant.set_status",
        target=participant,
        organization_id=participant.program.organization_id,
        previous=previous,
        status=status,
    )
    program = participant.program
    notify(
        user=participant.user,
        kind="participant_status",
        category=Category.PROGRAM,
        context={"participant": participant, "program": program, "previous": previous},
        url=reverse("programs:detail", args=[program.public_id]),
        summary=lambda: (
            _("Your place in %(program)s: %(status)s.")
            % {"program": program.name, "status": participant.get_status_display().lower()}
        ),
    )
    return participant


@transaction.atomic
def fifteen_answers_save(*, participant: Participant, actor, answers: dict) -> None:
    """Saves the author's own answers to the program's 15 Questions (keyed by question id)."""
    if participant.user_id != actor.pk:
        raise NotAllowed(_("Only the author can edit these answers."))
    if not isinstance(answers, dict):
        raise ValidationFailed(_("Answers must be an object keyed by question number."))
    questions = {q.pk: q for q in participant.program.fifteen_questions.all()}
    existing = {a.question_id: a for a in participant.fifteen_answers.all()}
    for key, text in answers.items():
        try:
            qid = int(key)
        except (TypeError, ValueError):
            raise ValidationFailed(_("Unknown question.")) from None
        if qid not in questions:
            raise ValidationFailed(_("Unknown question."))
        text = "" if text is None else str(text)
        if "\x00" in text:
            raise ValidationFailed(_("Answers may not contain NUL characters."), field=str(qid))
        if len(text) > 3000:
            raise ValidationFailed(_("Keep each answer under 3,000 characters."), field=str(qid))
        if qid in existing:
            if existing[qid].answer != text:
                existing[qid].answer = text
                existing[qid].save(update_fields=["answer", "updated_at"])
        else:
            FifteenAnswer.objects.create(participant=participant, question_id=qid, answer=text)
