"""The demo organization: one administrator, mentors and mentees with varied, realistic profiles.

The organization and its programs go through the ordinary services (`organization_create`,
`program_create`, `question_save`), so they look exactly like ones an administrator creates.
The people are written with `bulk_create`: the password is hashed once and the hash reused, and
each profile's search document is built by `profiles.services.build_search_document` itself,
so search finds them just as it finds people who filled in their profile by hand. That keeps
`seed_demo --mentors 5000 --mentees 20000` to well under a minute on SQLite.

Everything is generated from one seeded random number generator (and seeded Faker instances),
so the same arguments give the same names and profiles.
"""

import datetime
import random
import time
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from faker import Faker

from mentorwise.accounts.models import User
from mentorwise.core.models import audit
from mentorwise.demo import vocabulary as V
from mentorwise.demo.workspace import seed_workspaces
from mentorwise.matching.models import RoundChoice, SelectionRound
from mentorwise.mentorships.models import Mentorship, MentorshipRequest, add_months
from mentorwise.organizations.models import Membership, Organization
from mentorwise.organizations.services import organization_create
from mentorwise.profiles.answers import clean_answers
from mentorwise.profiles.models import FifteenAnswer, Participant, Profile, Tag
from mentorwise.profiles.services import build_search_document, refresh_search_vectors
from mentorwise.programs.models import ApplicationQuestion, Program, Role
from mentorwise.programs.services import program_create, question_save

DEMO_ORG_NAME = "Animation Mentors Guild (demo)"
DEMO_JOIN_CODE = "DEMO-2026"
DEMO_PASSWORD = "mentorwise-demo"
DEMO_DOMAIN = "demo.mentorwise.org"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
DEFAULT_MENTORS = 20
DEFAULT_MENTEES = 40
DEFAULT_SEED = 2026
BATCH = 1000

ONE_ON_ONE = "One-on-one mentoring"
SPRING_ROUND = "Spring selection round"


def mentor_email(n: int) -> str:
    return f"mentor{n}@{DEMO_DOMAIN}"


def mentee_email(n: int) -> str:
    return f"mentee{n}@{DEMO_DOMAIN}"


def demo_organization() -> Organization | None:
    return Organization.objects.filter(is_demo=True, join_code__iexact=DEMO_JOIN_CODE).first()


def demo_accounts_exist() -> bool:
    return User.objects.filter(email__iendswith=f"@{DEMO_DOMAIN}").exists()


@dataclass
class SeedResult:
    organization: Organization
    programs: list[Program]
    mentors: int
    mentees: int
    participants: int
    seconds: float = 0.0


def logins_text(organization: Organization, *, base_url: str = "") -> str:
    """The sign-in details of the demo organization, as printed by `seed_demo`."""
    counts = {
        role: Participant.objects.filter(program__organization=organization, role=role)
        .values("user")
        .distinct()
        .count()
        for role in (Role.MENTOR, Role.MENTEE)
    }
    lines = [
        f"Demo organization: {organization.name} (join code {organization.join_code})",
        f"Sign in at {base_url}/accounts/login/ with the password {DEMO_PASSWORD}:",
        f"  administrator  {ADMIN_EMAIL}",
    ]
    for role, email in ((Role.MENTOR, mentor_email), (Role.MENTEE, mentee_email)):
        n = counts[role]
        if n:
            last = f" … {email(n)}" if n > 1 else ""
            lines.append(f"  {(role + 's').ljust(13)}  {email(1)}{last}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- people


def _article(word: str) -> str:
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


PROPER_NOUNS = {
    "Blender",
    "Houdini",
    "Maya",
    "Nuke",
    "Python",
    "Substance Painter",
    "USD",
    "Unity",
    "Unreal Engine",
    "VEX",
}


def _lower(text: str) -> str:
    """Lower-cases the first letter for use inside a sentence, except in names and acronyms."""
    if text in PROPER_NOUNS or text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


@dataclass
class PersonSpec:
    role: str
    n: int
    email: str
    name: str
    profile: dict
    expertise: list[str]
    interests: list[str]
    languages: list[str]
    discipline: str
    context: dict = field(default_factory=dict)


class PeopleGenerator:
    """Deterministic, varied people: names from Faker (seeded), the rest from our word lists."""

    POOL = 150

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seed = seed
        self._names: dict[str, tuple[list[str], list[str], list[str]]] = {}
        self._industries = [i for i, _ in V.INDUSTRIES]
        self._industry_weights = [w for _, w in V.INDUSTRIES]
        self._disciplines = list(V.DISCIPLINES)

    def _pools(self, locale: str) -> tuple[list[str], list[str], list[str]]:
        if locale not in self._names:
            fake = Faker(locale)
            fake.seed_instance(f"{self.seed}-{locale}")
            if locale == "ja_JP":
                female = [fake.first_romanized_name_female() for _ in range(self.POOL)]
                male = [fake.first_romanized_name_male() for _ in range(self.POOL)]
                last = [fake.last_romanized_name() for _ in range(self.POOL)]
            else:
                female = [fake.first_name_female() for _ in range(self.POOL)]
                male = [fake.first_name_male() for _ in range(self.POOL)]
                last = [fake.last_name() for _ in range(self.POOL)]
            self._names[locale] = (female, male, last)
        return self._names[locale]

    def name_and_pronouns(self, locale: str) -> tuple[str, str]:
        female, male, last = self._pools(locale)
        rng = self.rng
        roll = rng.random()
        if roll < 0.48:
            first, pronouns = rng.choice(female), "she/her"
        elif roll < 0.94:
            first, pronouns = rng.choice(male), "he/him"
        else:
            first, pronouns = rng.choice(female + male), "they/them"
        if rng.random() < 0.5:  # not everyone fills in their pronouns
            pronouns = ""
        return f"{first} {rng.choice(last)}", pronouns

    def studio(self, industry: str) -> str:
        rng = self.rng
        return " ".join(
            (
                rng.choice(V.STUDIO_FIRST),
                rng.choice(V.STUDIO_SECOND),
                rng.choice(V.STUDIO_SUFFIX[industry]),
            )
        )

    def person(self, role: str, n: int) -> PersonSpec:
        rng = self.rng
        city, country, tz, locale, local_languages = rng.choice(V.PLACES)
        name, pronouns = self.name_and_pronouns(locale)
        industry = rng.choices(self._industries, self._industry_weights)[0]
        if industry == "Games" and rng.random() < 0.6:
            discipline = "Games"
        else:
            discipline = rng.choice(self._disciplines)
        department, titles, core = V.DISCIPLINES[discipline]
        is_mentor = role == Role.MENTOR
        level = rng.choice((2, 2, 3)) if is_mentor else rng.choice((0, 0, 1))
        years = rng.randint(8, 30) if is_mentor else rng.randint(0, 7)
        skills = rng.sample(core, k=3 if is_mentor else 2)
        general = rng.sample(V.GENERAL_TOPICS, k=4)
        studio = self.studio(industry)
        title = titles[level]
        next_title = titles[min(level + 1, len(titles) - 1)]
        ctx = {
            "years": years,
            "years_text": "less than a year" if years == 0 else f"{years} year{'s' * (years > 1)}",
            "industry_lower": industry.lower(),
            "title": title,
            "title_lower": _lower(title),
            "title_article": _article(_lower(title)),
            "first_title_lower": _lower(titles[0]),
            "next_title_lower": _lower(next_title),
            "next_title_article": _article(_lower(next_title)),
            "studio": studio,
            "department_lower": _lower(department),
            "skill_a": skills[0],
            "skill_a_lower": _lower(skills[0]),
            "skill_b": skills[1],
            "skill_b_lower": _lower(skills[1]),
            "city": city,
            "time_zone": tz.split("/")[-1].replace("_", " "),
            "availability": rng.choice(V.AVAILABILITY),
        }
        languages = ["English"]
        languages += [lang for lang in local_languages if rng.random() < 0.7]
        if rng.random() < 0.15:
            extra = rng.choice(["French", "Spanish", "German", "Japanese", "Portuguese"])
            if extra not in languages:
                languages.append(extra)
        if is_mentor:
            headline = f"{title} at {studio}"
            bio = " ".join(
                _sentence(rng.choice(part).format(**ctx))
                for part in (V.MENTOR_BIO_OPENERS, V.MENTOR_BIO_MIDDLES, V.MENTOR_BIO_CLOSERS)
            )
            expertise = skills + rng.sample(core, k=len(core))[: rng.randint(0, 2)]
            expertise += general[: rng.randint(1, 2)]
            interests = general[2 : 2 + rng.randint(0, 2)]
            goals = ""
        else:
            headline = _sentence(rng.choice(V.MENTEE_HEADLINES).format(**ctx))
            bio = " ".join(_sentence(t.format(**ctx)) for t in rng.sample(V.MENTEE_BIOS, k=2))
            expertise = skills[:1]
            interests = skills[1:] + general[: rng.randint(1, 3)]
            goals = _sentence(rng.choice(V.MENTEE_GOALS).format(**ctx))
        ctx["goal_lower"] = goals[:1].lower() + goals[1:] if goals else ""
        profile = {
            "pronouns": pronouns,
            "headline": headline[:150],
            "bio": bio,
            "goals": goals,
            "industry": industry,
            "department": department,
            "years_experience": years,
            "location": f"{city}, {country}",
            "time_zone": tz,
            "work_mode": rng.choices(
                [Profile.WorkMode.REMOTE, Profile.WorkMode.EITHER, Profile.WorkMode.IN_PERSON],
                [5, 4, 1],
            )[0],
            "availability": ctx["availability"],
        }
        email = mentor_email(n) if is_mentor else mentee_email(n)
        return PersonSpec(
            role=role,
            n=n,
            email=email,
            name=name,
            profile=profile,
            expertise=list(dict.fromkeys(expertise)),
            interests=list(dict.fromkeys(interests)),
            languages=languages,
            discipline=discipline,
            context=ctx,
        )


# --------------------------------------------------------------------------- programs


def _create_programs(organization: Organization, admin: User) -> dict[str, Program]:
    one = program_create(
        organization=organization,
        actor=admin,
        name=ONE_ON_ONE,
        summary="Find a mentor yourself and work together for six months.",
        matching_mode=Program.MatchingMode.SELF_SERVICE,
        partnership_months=6,
        status=Program.Status.OPEN,
    )
    spring = program_create(
        organization=organization,
        actor=admin,
        name=SPRING_ROUND,
        summary="Mentees choose the mentors they would like; mentors pick from those who chose "
        "them. Anyone not paired gets priority next round.",
        matching_mode=Program.MatchingMode.SELECTION_ROUND,
        mentors_can_invite=False,
        partnership_months=6,
        status=Program.Status.OPEN,
    )
    Kind, Audience = ApplicationQuestion.Kind, ApplicationQuestion.Audience
    for program in (one, spring):
        question_save(
            program=program,
            actor=admin,
            kind=Kind.LONG_TEXT,
            audience=Audience.MENTEE,
            label="What do you most want to learn?",
            required=True,
            help_text="A few sentences are enough; your mentor will read them.",
        )
        question_save(
            program=program,
            actor=admin,
            kind=Kind.SINGLE_CHOICE,
            audience=Audience.BOTH,
            label="Which discipline?",
            choices=list(V.DISCIPLINES),
            required=True,
            used_for_matching=program is spring,
        )
        question_save(
            program=program,
            actor=admin,
            kind=Kind.NUMBER,
            audience=Audience.MENTOR,
            label="Hours per month you can give",
            help_text="Most pairs meet about two hours a month.",
        )
    question_save(
        program=spring,
        actor=admin,
        kind=Kind.LONG_TEXT,
        audience=Audience.MENTOR,
        label="Why would you like to mentor this spring?",
    )
    return {"one": one, "spring": spring}


def _seed_activity(program: Program, *, now) -> dict[str, int]:
    """Some life in the self-service program so every page has something to show: a few
    mentorships under way (mentee1 with mentor1 among them), some finished, requests waiting
    (some old enough for a reminder), one declined and one invitation from a mentor. Written
    directly, without notifications: the demo's people should not receive a flood of e-mail."""
    today = timezone.localdate(now)
    by_email = {
        p.user.email: p for p in Participant.objects.filter(program=program).select_related("user")
    }

    def mentor(n):
        return by_email.get(mentor_email(n))

    def mentee(n):
        return by_email.get(mentee_email(n))

    mentorships, requests = [], []
    load: dict[int, int] = {}

    def pair(mentor_p, mentee_p, *, months_ago: int, status=Mentorship.Status.ACTIVE):
        if mentor_p is None or mentee_p is None:
            return
        is_open = status in Mentorship.ESTABLISHED
        if is_open and load.get(mentor_p.pk, 0) >= mentor_p.capacity:
            return
        started = add_months(today, -months_ago)
        mentorships.append(
            Mentorship(
                program=program,
                mentor=mentor_p,
                mentee=mentee_p,
                status=status,
                started_on=started,
                planned_end_on=add_months(started, program.partnership_months),
                ended_on=None if is_open else add_months(started, program.partnership_months),
            )
        )
        if is_open:
            load[mentor_p.pk] = load.get(mentor_p.pk, 0) + 1

    for n in range(1, 9):  # pairs under way, one to five months in
        pair(mentor(n), mentee(n), months_ago=1 + n % 5)
    pair(mentor(11), mentee(21), months_ago=9, status=Mentorship.Status.COMPLETED)
    pair(mentor(12), mentee(22), months_ago=8, status=Mentorship.Status.ENDED_EARLY)
    Mentorship.objects.bulk_create(mentorships)

    def request(
        mentor_p,
        mentee_p,
        *,
        days_ago: int,
        by="mentee",
        status=MentorshipRequest.Status.PENDING,
        message="",
    ):
        if mentor_p is None or mentee_p is None:
            return
        requests.append(
            MentorshipRequest(
                program=program,
                mentor=mentor_p,
                mentee=mentee_p,
                initiated_by=by,
                status=status,
                message=message,
                responded_at=None if status == MentorshipRequest.Status.PENDING else now,
            )
        )
        ages.append(datetime.timedelta(days=days_ago))

    ages: list[datetime.timedelta] = []
    for n in range(9, 15):  # waiting for an answer; the older ones can be reminded
        request(mentor(n), mentee(n), days_ago=n - 6, message=_request_message(n, mentor(n)))
    request(mentor(1), mentee(15), days_ago=2, message="Could you help me with my reel?")
    request(
        mentor(15),
        mentee(16),
        days_ago=3,
        status=MentorshipRequest.Status.DECLINED,
        message=_request_message(16, mentor(15)),
    )
    request(
        mentor(10),
        mentee(17),
        days_ago=1,
        by="mentor",
        message="Your goals match what I do every day; shall we work together?",
    )
    created = MentorshipRequest.objects.bulk_create(requests)
    for row, age in zip(created, ages, strict=True):  # created_at is set on insert
        sent = now - age
        answered = None if row.status == MentorshipRequest.Status.PENDING else sent + age / 2
        MentorshipRequest.objects.filter(pk=row.pk).update(created_at=sent, responded_at=answered)
        # "Last active" fits what people did: the sender was there when sending, whoever
        # answered when answering (a mentor who has not answered may not have been back since).
        _active_since(row.sender.user, sent, now)
        if answered is not None:
            _active_since(row.recipient.user, answered, now)
    for made in mentorships:  # people in a pair under way come back often
        if made.status in Mentorship.ESTABLISHED:
            for member in (made.mentor, made.mentee):
                _active_since(member.user, now - datetime.timedelta(days=10), now)
    return {"mentorships": len(mentorships), "requests": len(requests)}


REQUEST_MESSAGES = (
    "Hi {first}, your storyboard breakdowns are the reason I started drawing boards myself. "
    "Would you have an hour a month to look at my work and tell me where to push?",
    "Hello {first}! I am moving from 2D into rigging and your talk on character setups stuck "
    "with me. Could we try a mentorship for the next few months?",
    "I read your profile twice. I want to get better at pitching my own ideas in story "
    "meetings, and you seem to do exactly that. Could you mentor me?",
    "Hi {first}, I'm a junior compositor preparing my first showreel. I would love honest "
    "feedback on it, and advice on what studios look for.",
    "{first}, I saw that you lead a small team. I have just been asked to lead two people and "
    "would be grateful for someone to talk it through with, once or twice a month.",
    "Hello! Lighting is where I want to be in two years. Your path from layout to lighting is "
    "the one I am hoping to follow; may I ask you to mentor me?",
    "Hi {first}, I am returning to animation after a long break and feel rusty. Could we meet "
    "now and then so I can set goals and keep to them?",
    "Dear {first}, I am a student finishing my degree film. I would really value a mentor who "
    "knows production schedules, and your experience fits that perfectly.",
)


def _request_message(n: int, mentor_p) -> str:
    """A believable, different message for each demo request, addressed to the mentor."""
    first = mentor_p.user.name.split()[0] if mentor_p is not None else ""
    return REQUEST_MESSAGES[n % len(REQUEST_MESSAGES)].format(first=first)


def _active_since(user: User, earliest, now) -> None:
    """Moves the user's "last active" to a moment between `earliest` and now, if it was older."""
    if user.last_active_at is None or user.last_active_at < earliest:
        seconds = max(int((now - earliest).total_seconds()), 1)
        user.last_active_at = now - datetime.timedelta(seconds=seconds * (hash(user.pk) % 97) / 97)
        User.objects.filter(pk=user.pk).update(last_active_at=user.last_active_at)


def _seed_round(program: Program, admin: User) -> int:
    """An open selection round in the spring program with a few mentees' choices made, so the
    round pages have something to show (written directly, without e-mail)."""
    round = SelectionRound.objects.create(
        program=program,
        name="Spring 2027 round",
        max_choices=3,
        created_by=admin,
        selection_closes_on=timezone.localdate() + datetime.timedelta(days=14),
    )
    by_email = {
        p.user.email: p for p in Participant.objects.filter(program=program).select_related("user")
    }
    choices = []
    for n in (1, 3, 5, 7, 9, 11):
        mentee = by_email.get(mentee_email(n))
        mentors = [by_email.get(mentor_email(k)) for k in (n % 20 + 1, (n + 4) % 20 + 1)]
        if mentee is None:
            continue
        for rank, mentor in enumerate([m for m in mentors if m], start=1):
            choices.append(RoundChoice(round=round, mentee=mentee, mentor=mentor, rank=rank))
    RoundChoice.objects.bulk_create(choices)
    return len(choices)


def _raw_answers(questions, spec: PersonSpec, rng: random.Random) -> dict:
    raw = {}
    for q in questions:
        if not q.applies_to(spec.role):
            continue
        if q.label.startswith("What do you most want"):
            raw[q.public_id] = _sentence(rng.choice(V.LEARN_ANSWERS).format(**spec.context))
        elif q.label == "Which discipline?":
            raw[q.public_id] = spec.discipline
        elif q.label.startswith("Hours per month"):
            raw[q.public_id] = rng.choice((2, 2, 3, 4, 4, 6, 8))
        elif q.label.startswith("Why would you like to mentor"):
            raw[q.public_id] = rng.choice(V.MENTOR_REASONS)
    return raw


# --------------------------------------------------------------------------- the seed


def _tag_map(specs: list[PersonSpec]) -> dict[tuple[str, str], Tag]:
    wanted: dict[tuple[str, str], str] = {}
    for spec in specs:
        for name in spec.expertise + spec.interests:
            clean, slug = Tag.normalize(name)
            wanted.setdefault((Tag.Kind.TOPIC, slug), clean)
        for name in spec.languages:
            clean, slug = Tag.normalize(name)
            wanted.setdefault((Tag.Kind.LANGUAGE, slug), clean)
    Tag.objects.bulk_create(
        [Tag(kind=k, slug=s, name=n) for (k, s), n in wanted.items()], ignore_conflicts=True
    )
    return {(t.kind, t.slug): t for t in Tag.objects.filter(kind__in=Tag.Kind.values)}


def _answers_fifteen(n: int) -> bool:
    """About two in three of the first forty people answer the 15 Questions, one in ten after."""
    return n % 3 != 0 if n <= 40 else n % 10 == 0


@transaction.atomic
def seed_demo(
    *, mentors: int = DEFAULT_MENTORS, mentees: int = DEFAULT_MENTEES, seed: int = DEFAULT_SEED
) -> SeedResult:
    """Creates the demo organization. The caller decides whether the database is fit for it."""
    started = time.monotonic()
    gen = PeopleGenerator(seed)
    rng = gen.rng
    password = make_password(DEMO_PASSWORD)
    now = timezone.now()

    admin_name, _ = gen.name_and_pronouns("en_US")
    admin = User.objects.create(email=ADMIN_EMAIL, name=admin_name, password=password)
    organization = organization_create(
        name=DEMO_ORG_NAME,
        admin=admin,
        join_code=DEMO_JOIN_CODE,
        is_demo=True,
        contact_email=ADMIN_EMAIL,
        description="A demonstration organization for animation, visual effects and games "
        "professionals. Every account in it uses the password " + DEMO_PASSWORD + ".",
    )
    programs = _create_programs(organization, admin)
    questions = {p.pk: list(p.questions.all()) for p in programs.values()}

    specs = [gen.person(Role.MENTOR, n) for n in range(1, mentors + 1)]
    specs += [gen.person(Role.MENTEE, n) for n in range(1, mentees + 1)]

    users = [
        User(
            email=spec.email,
            name=spec.name,
            password=password,
            last_active_at=now - datetime.timedelta(minutes=rng.randint(5, 60 * 24 * 45)),
        )
        for spec in specs
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in [admin, *users]],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [Membership(organization=organization, user=u) for u in users], batch_size=BATCH
    )

    tags = _tag_map(specs)

    by_name: dict[tuple[str, str], Tag] = {}

    def tag_list(kind: str, names: list[str]) -> list[Tag]:
        found = []
        for name in names:
            if (kind, name) not in by_name:
                by_name[(kind, name)] = tags[(kind, Tag.normalize(name)[1])]
            found.append(by_name[(kind, name)])
        return found

    profiles, links = [], []
    for spec, user in zip(specs, users, strict=True):
        profile = Profile(user=user, **spec.profile)
        expertise = tag_list(Tag.Kind.TOPIC, spec.expertise)
        interests = tag_list(Tag.Kind.TOPIC, spec.interests)
        languages = tag_list(Tag.Kind.LANGUAGE, spec.languages)
        profile.search_document = build_search_document(profile, expertise, interests)
        profiles.append(profile)
        links.append((expertise, interests, languages))
    admin_profile = Profile(
        user=admin,
        headline="Program administrator",
        location="Burbank, United States",
        time_zone="America/Los_Angeles",
    )
    admin_profile.search_document = build_search_document(admin_profile, [], [])
    Profile.objects.bulk_create([admin_profile, *profiles], batch_size=BATCH)
    refresh_search_vectors(Profile.objects.filter(user__email__endswith="@" + DEMO_DOMAIN))

    through = {
        kind: getattr(Profile, kind).through for kind in ("expertise", "interests", "languages")
    }
    rows: dict[str, list] = {kind: [] for kind in through}
    for profile, (expertise, interests, languages) in zip(profiles, links, strict=True):
        for kind, tag_objs in (
            ("expertise", expertise),
            ("interests", interests),
            ("languages", languages),
        ):
            rows[kind].extend(through[kind](profile_id=profile.pk, tag_id=t.pk) for t in tag_objs)
    for kind, model in through.items():
        model.objects.bulk_create(rows[kind], batch_size=BATCH * 5)

    participants, answering = [], []
    for spec, user in zip(specs, users, strict=True):
        if spec.role == Role.MENTOR:
            chosen = [programs["one"], programs["spring"]]
        else:
            chosen = [programs["one"]] + ([programs["spring"]] if spec.n % 2 == 1 else [])
        for program in chosen:
            participant = Participant(
                program=program,
                user=user,
                sort_name=user.name,
                role=spec.role,
                capacity=rng.choice((1, 2, 2, 3)) if spec.role == Role.MENTOR else 0,
                answers=clean_answers(
                    questions[program.pk], spec.role, _raw_answers(questions[program.pk], spec, rng)
                ),
            )
            participants.append(participant)
            if program is programs["one"] and _answers_fifteen(spec.n):
                answering.append((participant, spec))
    Participant.objects.bulk_create(participants, batch_size=BATCH)

    fifteen_questions = list(programs["one"].fifteen_questions.order_by("position"))
    fifteen = []
    for participant, spec in answering:
        texts = V.MENTOR_FIFTEEN_ANSWERS if spec.role == Role.MENTOR else V.FIFTEEN_ANSWERS
        for question, text in zip(fifteen_questions, texts, strict=False):
            fifteen.append(
                FifteenAnswer(
                    participant=participant,
                    question=question,
                    answer=_sentence(text.format(**spec.context)),
                )
            )
    FifteenAnswer.objects.bulk_create(fifteen, batch_size=BATCH * 2)

    activity = _seed_activity(programs["one"], now=now)
    activity["workspaces"] = seed_workspaces(programs["one"], now=now)
    activity["round_choices"] = _seed_round(programs["spring"], admin)

    audit(
        actor=admin,
        action="demo.seed",
        target=organization,
        organization_id=organization.pk,
        mentors=mentors,
        mentees=mentees,
        seed=seed,
        **activity,
    )
    return SeedResult(
        organization=organization,
        programs=list(programs.values()),
        mentors=mentors,
        mentees=mentees,
        participants=len(participants),
        seconds=time.monotonic() - started,
    )
