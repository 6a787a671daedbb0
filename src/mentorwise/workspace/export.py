"""The pair's record as a download: the agreement, the goals with their history, the meetings
and the messages, as Markdown or PDF (fpdf2: no headless browser). For a member of the pair
only — the caller passes a mentorship fetched through the privacy gate.

The record is built once as plain sections and blocks, then written in either format, so the
two always hold the same content.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorwise.agreements.models import Agreement
from mentorwise.conversations.models import Message
from mentorwise.core import zones
from mentorwise.goals.models import Goal, GoalChange
from mentorwise.meetings.models import Meeting
from mentorwise.mentorships.models import Mentorship

# A Unicode TrueType font for PDFs (names and notes in any script); the first that exists is
# used. Without one, the PDF falls back to a built-in Latin-1 font (other characters become "?").
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


@dataclass
class Block:
    kind: str  # "p" (a paragraph), "pairs" (label: value lines), "items" (a list), "h" (a heading)
    text: str = ""
    pairs: list[tuple[str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Record:
    title: str
    subtitle: str
    sections: list[Section]


def _agreement_section(mentorship: Mentorship) -> Section:
    section = Section(_("Agreement"))
    agreement = Agreement.objects.filter(mentorship=mentorship).first()
    if agreement is None or agreement.is_blank:
        section.blocks.append(Block("p", _("No agreement was written.")))
        return section
    labels = {name: str(Agreement._meta.get_field(name).verbose_name) for name in Agreement.FIELDS}
    section.blocks.append(
        Block(
            "pairs",
            pairs=[
                (labels[n], getattr(agreement, n))
                for n in Agreement.FIELDS
                if getattr(agreement, n)
            ],
        )
    )
    status = (
        _("Confirmed by both on %(day)s.") % {"day": f"{agreement.confirmed_on:%Y-%m-%d}"}
        if agreement.confirmed
        else _("Not confirmed by both.")
    )
    section.blocks.append(Block("p", status))
    return section


def _names(mentorship: Mentorship) -> dict:
    return {
        mentorship.mentor.user_id: mentorship.mentor.user.name,
        mentorship.mentee.user_id: mentorship.mentee.user.name,
    }


def _goals_section(mentorship: Mentorship) -> Section:
    section = Section(_("Goals"))
    names = _names(mentorship)
    goals = list(
        Goal.objects.filter(mentorship=mentorship)
        .prefetch_related(Prefetch("changes", queryset=GoalChange.objects.order_by("at", "id")))
        .order_by("due_on", "created_at", "id")
    )
    if not goals:
        section.blocks.append(Block("p", _("No goals were written.")))
    for goal in goals:
        section.blocks.append(Block("h", goal.title))
        pairs = [
            (_("How it is measured"), goal.measure),
            (_("Why it matters"), goal.why),
            (_("Due"), f"{goal.due_on:%Y-%m-%d}"),
            (_("Status"), f"{goal.get_status_display()} · {goal.progress} %"),
        ]
        section.blocks.append(Block("pairs", pairs=[(k, v) for k, v in pairs if v]))
        history = []
        for change in goal.changes.all():
            line = (
                f"{timezone.localtime(change.at):%Y-%m-%d %H:%M} · "
                f"{names.get(change.by_id, _('someone no longer in the pair'))} · "
                f"{change.get_status_display()} {change.progress} %"
            )
            history.append(f"{line} — {change.note}" if change.note else line)
        if history:
            section.blocks.append(Block("items", items=history))
    return section


def _meetings_section(mentorship: Mentorship) -> Section:
    section = Section(_("Meetings"))
    meetings = list(
        Meeting.objects.filter(mentorship=mentorship)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at", "id")
    )
    if not meetings:
        section.blocks.append(Block("p", _("No meetings were planned or logged.")))
    for meeting in meetings:
        section.blocks.append(
            Block(
                "h",
                f"{timezone.localtime(meeting.starts_at):%Y-%m-%d %H:%M} · "
                f"{meeting.duration_minutes} min · {meeting.get_status_display()}",
            )
        )
        pairs = [
            (_("How"), meeting.get_channel_display()),
            (_("Where"), meeting.place),
            (_("Agenda"), meeting.agenda),
            (_("Topics"), ", ".join(meeting.topics or [])),
            (_("Notes"), meeting.notes),
            (_("Next steps"), meeting.next_steps),
        ]
        section.blocks.append(Block("pairs", pairs=[(k, v) for k, v in pairs if v]))
    return section


def _messages_section(mentorship: Mentorship) -> Section:
    section = Section(_("Messages"))
    names = _names(mentorship)
    messages = Message.objects.filter(mentorship=mentorship).order_by("created_at", "id")
    items = [
        f"{timezone.localtime(m.created_at):%Y-%m-%d %H:%M} · {names.get(m.author_id, '')}: "
        f"{m.body}"
        for m in messages
    ]
    section.blocks.append(Block("items", items=items) if items else Block("p", _("No messages.")))
    return section


# The sections of the record, in order.
SECTION_BUILDERS = [_agreement_section, _goals_section, _meetings_section, _messages_section]


def build_record(mentorship: Mentorship, viewer) -> Record:
    zone = zones.zone_of(viewer)
    with timezone.override(zone):
        sections = [build(mentorship) for build in SECTION_BUILDERS]
    subtitle = _(
        "%(program)s · mentor %(mentor)s, mentee %(mentee)s · from %(start)s · times in %(zone)s"
    ) % {
        "program": mentorship.program.name,
        "mentor": mentorship.mentor.user.name,
        "mentee": mentorship.mentee.user.name,
        "start": f"{mentorship.started_on:%Y-%m-%d}",
        "zone": zone.key,
    }
    return Record(
        title=_("The record of a mentorship"),
        subtitle=subtitle,
        sections=sections,
    )


def to_markdown(record: Record) -> str:
    lines = [f"# {record.title}", "", record.subtitle, ""]
    for section in record.sections:
        lines += [f"## {section.title}", ""]
        for block in section.blocks:
            if block.kind == "h":
                lines += [f"### {block.text}", ""]
            elif block.kind == "p":
                lines += [block.text, ""]
            elif block.kind == "pairs":
                for label, value in block.pairs:
                    value = value.replace("\n", "\n  ")
                    lines.append(f"- **{label}:** {value}")
                lines.append("")
            elif block.kind == "items":
                lines += [f"- {item}" for item in block.items] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _font_path() -> str | None:
    configured = getattr(settings, "PDF_FONT", "")
    for candidate in (configured, *FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def to_pdf(record: Record) -> bytes:
    from fpdf import FPDF  # imported here: only downloads need it

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # its subsetter chats at INFO
    logging.getLogger("fpdf").setLevel(logging.ERROR)  # missing glyphs are drawn as boxes
    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    font = _font_path()
    bold = ""
    if font:
        pdf.add_font("Body", "", font)
        family = "Body"
        bold_path = font.replace(".ttf", "-Bold.ttf")
        if Path(bold_path).is_file():
            pdf.add_font("Body", "B", bold_path)
            bold = "B"

        def clean(text: str) -> str:
            return text

    else:
        family, bold = "Helvetica", "B"

        def clean(text: str) -> str:
            return text.encode("latin-1", "replace").decode("latin-1")

    pdf.set_title(clean(record.title))
    pdf.add_page()
    width = pdf.epw

    def write(text: str, size: float, gap: float = 2, style: str = "") -> None:
        pdf.set_font(family, style=style, size=size)
        pdf.multi_cell(width, size * 0.5, clean(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    write(record.title, 18, 1, bold)
    write(record.subtitle, 9, 5)
    for section in record.sections:
        write(section.title, 14, 1, bold)
        for block in section.blocks:
            if block.kind == "h":
                write(block.text, 11.5, 1, bold)
            elif block.kind == "p":
                write(block.text, 10)
            elif block.kind == "pairs":
                for label, value in block.pairs:
                    write(f"{label}: {value}", 10, 1)
                pdf.ln(1)
            elif block.kind == "items":
                for item in block.items:
                    write(f"• {item}" if font else f"- {item}", 10, 0.5)
                pdf.ln(1.5)
        pdf.ln(3)
    return bytes(pdf.output())
