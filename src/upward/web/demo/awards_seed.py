"""Demo data for awards: a live cycle open for entries, with SOMOs-style categories,
entry questions and judging criteria from ``src/upward/data/demo/awards.toml``, and a
few entries by the demo's people (a submitted self-entry, a draft, a nomination waiting
for consent). Not wired into ``demo/seed.py`` yet (the judging part adds the past cycle
with results); call :func:`seed_awards`.

Rows are written with the ORM and nothing is notified. Running it twice changes nothing:
the cycle is found by name and only created once."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from upward.web.accounts.selectors import network_members
from upward.web.awards.models import (
    ATTACHMENT_TYPES,
    Answer,
    Category,
    Consent,
    Criterion,
    Cycle,
    Entry,
    EntryStatus,
    Question,
    Route,
)
from upward.web.demo.data_files import DataFile

_file = DataFile("awards.toml")
CYCLE_NAME = _file.text("cycle")
CYCLE_DESCRIPTION = _file.text("cycle_description")


def _attachment_types(table: DataFile) -> list[str]:
    """``attachments = "pdf png"`` (keys of ATTACHMENT_TYPES) or ``"none"``."""
    words = table.text("attachments").split()
    if words == ["none"]:
        return []
    unknown = [w for w in words if w not in ATTACHMENT_TYPES]
    if unknown:
        raise table.error(table.where("attachments"), f"unknown type {unknown[0]!r}; "
                          "known: " + ", ".join(ATTACHMENT_TYPES) + " or none")
    return words


def _category(table: DataFile) -> dict:
    spec = {
        "name": table.text("name"), "description": table.text("description"),
        "eligibility": table.text("eligibility"),
        "self_entry_allowed": table.flag("self_entry", default=True),
        "nominations_allowed": table.flag("nominations", default=True),
        "team_entries": table.flag("team", default=False),
        "attachment_types": _attachment_types(table),
        "questions": [(q.text("label"), q.text("help"), int(q.number("word_limit", low=1)),
                       q.flag("blind", default=False)) for q in table.tables("questions")],
        "criteria": [(c.text("name"), c.text("description"), c.number("weight", low=0))
                     for c in table.tables("criteria")],
    }
    table.done()
    return spec


CATEGORIES = [_category(t) for t in _file.tables("categories")]
_file.done()


def seed_awards(*, now: datetime | None = None) -> Cycle:
    """The live cycle (entries open for another three weeks), made once."""
    now = now or timezone.now()
    year = timezone.localtime(now).year
    name = f"{CYCLE_NAME} {year}"
    existing = Cycle.objects.filter(name=name).first()
    if existing is not None:
        return existing
    opened = now - timedelta(days=14)
    close = now + timedelta(days=21)
    cycle = Cycle(name=name, description=CYCLE_DESCRIPTION, entries_open_at=opened,
                  entries_close_at=close, judging_starts_at=close + timedelta(days=1),
                  judging_ends_at=close + timedelta(days=21),
                  finalists_announced_at=close + timedelta(days=28),
                  winners_announced_at=close + timedelta(days=56))
    cycle.full_clean()
    cycle.save()
    categories = []
    for order, spec in enumerate(CATEGORIES):
        category = Category.objects.create(
            cycle=cycle, order=order, name=spec["name"], description=spec["description"],
            eligibility=spec["eligibility"], self_entry_allowed=spec["self_entry_allowed"],
            nominations_allowed=spec["nominations_allowed"], team_entries=spec["team_entries"],
            attachment_types=spec["attachment_types"],
            max_attachments=2 if spec["attachment_types"] else 0)
        for i, (label, hint, limit, blind) in enumerate(spec["questions"]):
            Question.objects.create(category=category, label=label, help_text=hint,
                                    word_limit=limit, blind=blind, order=i)
        for i, (title, description, weight) in enumerate(spec["criteria"]):
            Criterion.objects.create(category=category, name=title, description=description,
                                     weight=Decimal(str(weight)), scale_min=0, scale_max=10,
                                     order=i)
        categories.append(category)
    _entries(categories, now=now)
    return cycle


def _entries(categories: list[Category], *, now: datetime) -> None:
    people = list(network_members().order_by("pk")[:4])
    if len(people) < 3:
        return
    champion, mentor = categories[0], categories[1]
    submitted = Entry.objects.create(
        category=champion, route=Route.SELF, nominee=people[0], title="Opening the graduate "
        "scheme to apprentices", consent=Consent.GIVEN, consent_at=now - timedelta(days=10),
        status=EntryStatus.SUBMITTED, submitted_at=now - timedelta(days=2))
    for question in champion.questions.all():
        Answer.objects.create(entry=submitted, question=question,
                              text="Twelve apprentices joined the graduate scheme this year.")
    Entry.objects.create(category=champion, route=Route.SELF, nominee=people[1],
                         title="Lunchtime CV clinics", consent=Consent.GIVEN,
                         consent_at=now - timedelta(days=3))
    Entry.objects.create(category=mentor, route=Route.NOMINATION, nominee=people[2],
                         nominator=people[0], title="Three years of Tuesday mentoring",
                         reason="She helped me through my professional exams.",
                         consent=Consent.PENDING)
