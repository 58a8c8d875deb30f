"""Demo data for awards, from ``src/upward/data/demo/awards.toml`` (SOMOs-style
categories, entry questions, judging criteria, entry titles, citations and national award
templates):

- **last year's cycle, published**: submitted, consented entries in every category, a
  panel of 3–5 judges per category with every assignment scored and submitted (each judge
  a little more or less generous), one declared conflict (that judge has no assignment for
  the entry), and finalists and a winner per category with citations;
- **this year's cycle, in judging**: entries closed last week; some assignments scored and
  submitted, the rest pending; a draft that was never submitted and a nomination still
  waiting for the nominee's consent (neither is judged);
- **next year's cycle, open for entries** (what members see on the awards page): a
  submitted self-entry and a draft;
- the external entry workspace's **national award templates** and one draft entry.

Rows are written with the ORM (the judging services are not needed to show their
results) and keep the judging invariants: only submitted, consented entries are assigned;
scores lie within each criterion's scale; the judges (the judge persona and a few demo
members given the judge role) are never entered or nominators, so nobody scores an entry
about themselves or one they nominated. Nothing
is notified. Deterministic for a given ``seed``, and running it twice changes nothing: each
cycle is found by name and only created once."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from upward.web.accounts.selectors import active_person_by_email, network_members, users_for_admin
from upward.web.accounts.services import role_grant
from upward.web.awards.models import (
    ATTACHMENT_TYPES,
    Answer,
    Assignment,
    Category,
    ConflictDeclaration,
    Consent,
    Criterion,
    Cycle,
    Entry,
    EntryStatus,
    ExternalAnswer,
    ExternalAward,
    ExternalEntry,
    ExternalQuestion,
    Outcome,
    Panel,
    Question,
    Route,
    Score,
)
from upward.web.core.periods import UK_TIME
from upward.web.core.roles import Role
from upward.web.demo import content
from upward.web.demo.data_files import DataFile

_file = DataFile("awards.toml")
CYCLE_NAME = _file.text("cycle")
CYCLE_DESCRIPTION = _file.text("cycle_description")
#: Demo members given the judge role for the panels, besides the judge persona.
MEMBER_JUDGES = 4
LONDON = UK_TIME
#: Judges on each category's panel, in the file's order of categories.
PANEL_SIZES = (5, 3, 4)


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
        "titles": table.texts("entry_titles"),
        "citation": table.text("citation"),
    }
    table.done()
    return spec


def _external_award(table: DataFile) -> dict:
    spec = {"name": table.text("name"), "category": table.text("category"),
            "description": table.text("description"),
            "deadline_month": int(table.number("deadline_month", low=1, high=12)),
            "questions": [(q.text("label"), q.text("help"), int(q.number("word_limit", low=1)))
                          for q in table.tables("questions")]}
    table.done()
    return spec


CATEGORIES = [_category(t) for t in _file.tables("categories")]
EXTERNAL_AWARDS = [_external_award(t) for t in _file.tables("external_awards")]
_file.done()


def seed_awards(*, now: datetime | None = None, seed: int = 2026) -> Cycle:
    """Last year's published cycle, this year's cycle in judging, next year's open for
    entries and the national award templates, each made once. Returns the open cycle."""
    now = now or timezone.now()
    year = timezone.localtime(now).year
    judges = _judges()
    _past_cycle(f"{CYCLE_NAME} {year - 1}", now=now, judges=judges,
                rng=random.Random(f"{seed}-past"))
    _live_cycle(f"{CYCLE_NAME} {year}", now=now, judges=judges,
                rng=random.Random(f"{seed}-live"))
    _external_awards(now=now)
    return _open_cycle(f"{CYCLE_NAME} {year + 1}", now=now, judges=judges)


def _open_cycle(name: str, *, now: datetime, judges: list) -> Cycle:
    """Entries opened five days ago (after this year's closed) and close in a month."""
    existing = Cycle.objects.filter(name=name).first()
    if existing is not None:
        return existing
    cycle = _dated_cycle(name, now - timedelta(days=5), days_open=35, judging_days=20)
    categories = _categories(cycle)
    people = _entrants(judges)[:2]
    if len(people) < 2:
        return cycle
    _submitted_entries(categories[0], ["Paid internships for school leavers"], people,
                       offset=0, submitted_at=now - timedelta(days=2))
    Entry.objects.create(category=categories[0], route=Route.SELF, nominee=people[1],
                         title="The Saturday revision club", consent=Consent.GIVEN,
                         consent_at=now - timedelta(days=1))
    return cycle


def _dated_cycle(name: str, opened: datetime, *, days_open: int, judging_days: int) -> Cycle:
    close = opened + timedelta(days=days_open)
    judging = close + timedelta(days=1)
    cycle = Cycle(name=name, description=CYCLE_DESCRIPTION, entries_open_at=opened,
                  entries_close_at=close, judging_starts_at=judging,
                  judging_ends_at=judging + timedelta(days=judging_days),
                  finalists_announced_at=judging + timedelta(days=judging_days + 7),
                  winners_announced_at=judging + timedelta(days=judging_days + 35))
    cycle.full_clean()
    cycle.save()
    return cycle


def _categories(cycle: Cycle) -> list[Category]:
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
    return categories


def _judges() -> list:
    """The judge persona (if seeded) and the last few network members by id, given the
    judge role. Those members are never entered (see :func:`_entrants`), so nobody judges
    an entry about themselves or one they made. The same people every run."""
    judges = list(users_for_admin(role=Role.JUDGE).filter(email=f"judge@{content.DOMAIN}"))
    members = list(network_members().order_by("-pk"))
    for member in members[:min(MEMBER_JUDGES, max(0, len(members) - 3))]:
        role_grant(actor=None, user=member, role=Role.JUDGE)
        judges.append(member)
    return judges


def _entrants(judges: list) -> list:
    """Network members who may be entered or nominate: everyone but the judges."""
    return list(network_members().exclude(pk__in=[j.pk for j in judges]).order_by("pk"))


#: How the demo's answers open. Never the entry's title: in a blind category the title is
#: hidden from judges, and an answer that repeated it would show it again.
OPENINGS = (
    "It started with a conversation at a network coffee.",
    "We began by asking colleagues what had held them back.",
    "The idea came from our apprentices.",
    "We set out to change who gets noticed for the next step.",
)


def _answer_text(title: str, question: Question) -> str:
    opening = OPENINGS[sum(map(ord, title)) % len(OPENINGS)]
    words = (f"{opening} {question.help_text} We kept a record of what we did and who "
             "took part, and asked people what changed for them.").split()
    return " ".join(words[: question.word_limit or len(words)])


def _submitted_entries(category: Category, titles, people: list, *, offset: int,
                       submitted_at: datetime) -> list[Entry]:
    """Submitted, consented entries: self-entries where the category allows them, else
    nominations by the next person along."""
    entries = []
    for i, title in enumerate(titles):
        nominee = people[(offset + i) % len(people)]
        nominate = not category.self_entry_allowed or i % 3 == 2
        nominator = people[(offset + i + 1) % len(people)] if nominate else None
        entry = Entry.objects.create(
            category=category, route=Route.NOMINATION if nominate else Route.SELF,
            nominee=nominee, nominator=nominator, title=title,
            team_name=f"{title} team" if category.team_entries else "",
            reason="They changed how we hire and promote." if nominate else "",
            consent=Consent.GIVEN, consent_at=submitted_at - timedelta(days=5),
            status=EntryStatus.SUBMITTED, submitted_at=submitted_at - timedelta(hours=i))
        Answer.objects.bulk_create([Answer(entry=entry, question=q, text=_answer_text(title, q))
                                    for q in category.questions.all()])
        entries.append(entry)
    return entries


def _panel(category: Category, judges: list, size: int) -> tuple[Panel, list]:
    members = judges[:max(3, min(size, len(judges)))]
    panel = Panel.objects.create(category=category, name=f"{category.name} panel",
                                 lead_judge=members[0])
    panel.judges.set(members)
    return panel, members


def _score(assignment: Assignment, criteria: list[Criterion], *, quality: float,
           leniency: float, rng: random.Random) -> None:
    Score.objects.bulk_create([Score(
        assignment=assignment, criterion=c,
        value=max(c.scale_min, min(c.scale_max, round(quality + leniency + rng.gauss(0, 0.8)))),
        comment="Clear evidence of change." if c.order == 0 and rng.random() < 0.3 else "")
        for c in criteria])


def _judge_panel(category: Category, entries: list[Entry], judges: list, size: int, *,
                 rng: random.Random, submitted_at: datetime, share_submitted: float = 1.0,
                 conflict: bool = False) -> None:
    panel, members = _panel(category, judges, size)
    criteria = list(category.criteria.all())
    leniency = {j.pk: rng.choice((-2.0, -1.0, 0.0, 0.5, 1.5)) for j in members}
    quality = {e.pk: rng.uniform(3.0, 8.5) for e in entries}
    for entry in entries:
        for judge in members:
            if judge.pk in (entry.nominee_id, entry.nominator_id):
                continue  # never judge an entry about yourself or one you made
            if conflict and judge == members[-1] and entry == entries[1]:
                ConflictDeclaration.objects.create(
                    entry=entry, judge=judge,
                    reason="I worked in the entrant's team until last year.")
                continue
            done = rng.random() < share_submitted
            assignment = Assignment.objects.create(panel=panel, entry=entry, judge=judge,
                                                   submitted_at=submitted_at if done else None)
            if done:
                _score(assignment, criteria, quality=quality[entry.pk],
                       leniency=leniency[judge.pk], rng=rng)


def _weighted_mean(entry: Entry) -> float:
    """The entry's raw weighted score, 0–100, over its submitted assignments (the method
    in docs/awards.md, step 2, without normalisation)."""
    per_judge = []
    for assignment in entry.assignments.filter(submitted_at__isnull=False):
        scores = [(float(s.criterion.weight), 100 * (s.value - s.criterion.scale_min)
                   / (s.criterion.scale_max - s.criterion.scale_min))
                  for s in assignment.scores.select_related("criterion")]
        total = sum(w for w, _ in scores)
        if total:
            per_judge.append(sum(w * v for w, v in scores) / total)
    return sum(per_judge) / len(per_judge) if per_judge else 0.0


def _past_cycle(name: str, *, now: datetime, judges: list, rng: random.Random) -> None:
    if Cycle.objects.filter(name=name).exists():
        return
    people = _entrants(judges)
    cycle = _dated_cycle(name, now - timedelta(days=400), days_open=42, judging_days=21)
    categories = _categories(cycle)
    if len(people) < 3:
        return
    for index, (category, spec) in enumerate(zip(categories, CATEGORIES, strict=True)):
        entries = _submitted_entries(category, spec["titles"], people, offset=index * 7,
                                     submitted_at=cycle.entries_close_at - timedelta(days=2))
        _judge_panel(category, entries, judges, PANEL_SIZES[index % len(PANEL_SIZES)],
                     rng=rng, submitted_at=cycle.judging_ends_at - timedelta(days=1),
                     conflict=index == 0)
        ranked = sorted(entries, key=lambda e: (-_weighted_mean(e), e.pk))
        for place, entry in enumerate(ranked[:3]):
            entry.outcome = Outcome.WINNER if place == 0 else Outcome.FINALIST
            entry.citation = spec["citation"].format(title=entry.title)
            entry.save(update_fields=["outcome", "citation"])
    cycle.results_published_at = cycle.winners_announced_at
    cycle.save(update_fields=["results_published_at"])


def _live_cycle(name: str, *, now: datetime, judges: list, rng: random.Random) -> Cycle:
    existing = Cycle.objects.filter(name=name).first()
    if existing is not None:
        return existing
    cycle = _dated_cycle(name, now - timedelta(days=45), days_open=38, judging_days=20)
    categories = _categories(cycle)
    people = _entrants(judges)
    if len(people) < 3:
        return cycle
    closed = cycle.entries_close_at
    for index, (category, spec) in enumerate(zip(categories, CATEGORIES, strict=True)):
        titles = list(reversed(spec["titles"]))[:4]
        entries = _submitted_entries(category, titles, people, offset=index * 5 + 3,
                                     submitted_at=closed - timedelta(days=1))
        _judge_panel(category, entries, judges, PANEL_SIZES[index % len(PANEL_SIZES)],
                     rng=rng, submitted_at=now - timedelta(days=2), share_submitted=0.55)
    champion, mentor = categories[0], categories[1]
    Entry.objects.create(category=champion, route=Route.SELF, nominee=people[1],
                         title="Lunchtime CV clinics", consent=Consent.GIVEN,
                         consent_at=closed - timedelta(days=10))
    Entry.objects.create(category=mentor, route=Route.NOMINATION, nominee=people[2],
                         nominator=people[0], title="Three years of Tuesday mentoring",
                         reason="She helped me through my professional exams.",
                         consent=Consent.PENDING)
    return cycle


def _external_awards(*, now: datetime) -> None:
    """The national award templates, and one draft entry to the first of them."""
    today = timezone.localtime(now, LONDON).date()
    lead = active_person_by_email(f"lead@{content.DOMAIN}")
    for spec in EXTERNAL_AWARDS:
        year = today.year if today.month < spec["deadline_month"] else today.year + 1
        award, created = ExternalAward.objects.get_or_create(
            name=spec["name"], category=spec["category"], defaults={
                "description": spec["description"], "created_by": lead,
                "deadline": datetime.combine(today.replace(year=year, month=spec["deadline_month"],
                                                           day=15), time(17), tzinfo=LONDON)})
        if created:
            ExternalQuestion.objects.bulk_create([
                ExternalQuestion(award=award, label=label, help_text=hint, word_limit=limit,
                                 order=i)
                for i, (label, hint, limit) in enumerate(spec["questions"])])
    award = ExternalAward.objects.filter(name=EXTERNAL_AWARDS[0]["name"],
                                         category=EXTERNAL_AWARDS[0]["category"]).first()
    if award.entries.exists():
        return
    entry = ExternalEntry.objects.create(
        award=award, title=f"{content.ORGANISATION} Social Mobility Network",
        period_start=today - timedelta(days=365), period_end=today, created_by=lead,
        notes="Draft for the network committee to review.")
    first = award.questions.first()
    ExternalAnswer.objects.create(
        entry=entry, question=first,
        text="When we started, colleagues from working-class backgrounds were half as likely "
             "to reach a senior grade as their peers, and few of them knew each other.")
