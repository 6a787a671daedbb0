"""Model rows → plain dicts shaped like the response schemas. Nothing here queries the
database on its own: callers select and prefetch what is read."""

from mentorwise.profiles.models import Participant, Profile
from mentorwise.programs.models import Program, Role

POLICY_FIELDS = [
    "format", "matching_mode", "status", "application_opens_on", "application_closes_on",
    "starts_on", "ends_on", "requires_approval", "mentors_can_invite",
    "mentors_outside_reporting_line", "partnership_months", "max_mentors_per_mentee",
    "default_mentor_capacity", "group_size", "request_reminder_days", "request_expiry_days",
    "open_request_cap", "profile_release_days", "auto_close_months", "expected_hours_per_month",
    "goals_due_days",
]  # fmt: skip


def user_brief(user) -> dict:
    return {
        "id": user.public_id,
        "email": user.email,
        "name": user.name,
        "date_joined": user.date_joined,
        "last_active_at": user.last_active_at,
    }


def participant_ref(p: Participant) -> dict:
    return {
        "id": p.public_id,
        "program_id": p.program.public_id,
        "role": p.role,
        "status": p.status,
        "capacity": p.capacity,
        "created_at": p.created_at,
    }


def policies(program: Program) -> dict:
    from mentorwise.matching.services.criteria import match_importance

    data = {field: getattr(program, field) for field in POLICY_FIELDS}
    data["expected_hours_per_month"] = float(program.expected_hours_per_month)
    data["match_importance"] = match_importance(program)
    return data


def program_summary(program: Program, my_roles: list[str]) -> dict:
    return {
        "id": program.public_id,
        "name": program.name,
        "summary": program.summary,
        "organization": {"id": program.organization.public_id, "name": program.organization.name},
        "format": program.format,
        "matching_mode": program.matching_mode,
        "status": program.status,
        "accepts_applications": program.accepts_applications,
        "starts_on": program.starts_on,
        "ends_on": program.ends_on,
        "my_roles": sorted(my_roles),
        "created_at": program.created_at,
    }


def program_detail(program: Program, mine: list[Participant]) -> dict:
    data = program_summary(program, [p.role for p in mine])
    rules = policies(program)
    data.update(rules)
    data.update(
        what_it_is=program.what_it_is,
        what_it_is_not=program.what_it_is_not,
        policies=rules,
        questions=[
            {
                "id": q.public_id,
                "label": q.label,
                "help_text": q.help_text,
                "kind": q.kind,
                "audience": q.audience,
                "choices": list(q.choices or []),
                "required": q.required,
            }
            for q in program.questions.all()
        ],
        fifteen_questions=[
            {"position": q.position, "text": q.text} for q in program.fifteen_questions.all()
        ],
        my_participants=[participant_ref(p) for p in mine],
        updated_at=program.updated_at,
    )
    return data


def _profile(user) -> Profile | None:
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def _names(manager) -> list[str]:
    return [t.name for t in manager.all()]


def person(user, profile: Profile | None) -> dict:
    return {
        "id": user.public_id,
        "name": user.name,
        "pronouns": profile.pronouns if profile else "",
        "headline": profile.headline if profile else "",
        "photo_url": profile.photo.url if profile and profile.photo else None,
        "last_active_at": user.last_active_at,
    }


def participant_public(p: Participant, *, program: Program | None = None) -> dict:
    """What any viewer allowed to see the participant sees (search results and profiles).
    Needs `user__profile` and its expertise, interests and languages prefetched, and either
    `program` passed in or selected with the row."""
    profile = _profile(p.user)
    data = {
        "id": p.public_id,
        "program_id": (program or p.program).public_id,
        "role": p.role,
        "status": p.status,
        "created_at": p.created_at,
        "user": person(p.user, profile),
        "bio": profile.bio if profile else "",
        "goals": profile.goals if profile else "",
        "expertise": _names(profile.expertise) if profile else [],
        "interests": _names(profile.interests) if profile else [],
        "languages": _names(profile.languages) if profile else [],
        "industry": profile.industry if profile else "",
        "location": profile.location if profile else "",
        "time_zone": profile.time_zone if profile else "",
        "work_mode": profile.work_mode if profile else Profile.WorkMode.EITHER,
        "availability": profile.availability if profile else "",
        "open_mentorships": getattr(p, "open_mentorships", 0) or 0,
    }
    if p.role == Role.MENTOR:
        data["capacity"] = p.capacity
        data["remaining_capacity"] = max(0, p.capacity - data["open_mentorships"])
        data["paused"] = p.is_paused()
        data["paused_until"] = p.paused_until if data["paused"] else None
    return data
