"""Writes about entries: a self-entry or a nomination, the nominee's consent, the
answers (drafts and autosave), submitting before the deadline, withdrawing, the
seconder's endorsement, and the periodic reminder to nominees who have not answered.

A nomination is inert until its nominee consents: it cannot be submitted (a database
constraint says so too), so it can never reach judging or publishing."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from upward.web.accounts import selectors as people
from upward.web.awards.models import (
    Answer,
    Category,
    Consent,
    Endorsement,
    Entry,
    EntryStatus,
    Route,
)
from upward.web.awards.selectors import (
    can_edit,
    entry_participant_ids,
    person_name,
    word_count,
)
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import can, require_capability

NOT_FOUND = "Not found."
#: A nominee who has not answered is reminded after this long, and then again.
REMIND_AFTER = timedelta(days=3)


def _entry_url(entry: Entry) -> str:
    return reverse("awards:entry", args=[entry.pk])


def _check_open(category: Category, now: datetime) -> None:
    if not category.cycle.entries_open(now):
        raise ApplicationError(f"Entries to {category.cycle.name} are closed.", status=409)


def _check_no_live_entry(category: Category, nominee) -> None:
    live = Entry.objects.filter(category=category, nominee=nominee).exclude(
        status=EntryStatus.WITHDRAWN).exclude(consent=Consent.DECLINED)
    if live.exists():
        raise ApplicationError(f"{person_name(nominee)} already has an entry in "
                               f"{category.name}.", status=409, field="email")


@transaction.atomic
def entry_start(*, actor, category: Category, title: str, team_name: str = "") -> Entry:
    """Enter oneself: a draft, consented by its own making."""
    require_capability(actor, "enter_awards")
    now = timezone.now()
    _check_open(category, now)
    if not category.self_entry_allowed:
        raise ApplicationError("This category takes nominations only.", status=409)
    _check_no_live_entry(category, actor)
    entry = Entry(category=category, route=Route.SELF, nominee=actor, title=title.strip(),
                  team_name=team_name.strip() if category.team_entries else "",
                  consent=Consent.GIVEN, consent_at=now)
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action="awards.entry_create", target=entry,
                 detail={"route": entry.route})
    return entry


@transaction.atomic
def nomination_create(*, actor, category: Category, email: str, title: str,
                      reason: str = "", team_name: str = "") -> Entry:
    """Nominate a person on the platform (by their email address). They are asked to
    consent; until they do, nothing about them goes further."""
    require_capability(actor, "enter_awards")
    now = timezone.now()
    _check_open(category, now)
    if not category.nominations_allowed:
        raise ApplicationError("This category takes self-entries only.", status=409)
    pool = people.network_members() if category.members_only else people.active_people()
    nominee = pool.filter(email__iexact=(email or "").strip()).first()
    if nominee is None:
        raise ApplicationError(
            "Nobody " + ("in the network " if category.members_only else "on Upward ")
            + "has that email address.", field="email")
    if nominee.pk == actor.pk:
        raise ApplicationError("To enter yourself, use “Enter” instead.", field="email")
    _check_no_live_entry(category, nominee)
    entry = Entry(category=category, route=Route.NOMINATION, nominee=nominee, nominator=actor,
                  title=title.strip(), reason=reason.strip(), consent=Consent.PENDING,
                  team_name=team_name.strip() if category.team_entries else "")
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action="awards.entry_create", target=entry,
                 detail={"route": entry.route})
    transaction.on_commit(lambda: notify(
        recipient=nominee, kind="awards_consent_request", sender=actor,
        url=reverse("awards:consent", args=[entry.pk]),
        text=f"{person_name(actor)} nominated you for {category.name} "
             f"({category.cycle.name}). Nothing goes further unless you agree."))
    return entry


def _locked(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().select_related("category__cycle").get(pk=entry.pk)


@transaction.atomic
def consent_answer(*, actor, entry: Entry, give: bool) -> Entry:
    """The nominee agrees to (or declines) their nomination; the time is kept."""
    if entry.nominee_id != actor.pk or entry.route != Route.NOMINATION:
        raise ApplicationError(NOT_FOUND, status=404)
    entry = _locked(entry)
    if entry.consent != Consent.PENDING or entry.status == EntryStatus.WITHDRAWN:
        raise ApplicationError("You have already answered this nomination, or it was "
                               "withdrawn.", status=409)
    entry.consent = Consent.GIVEN if give else Consent.DECLINED
    entry.consent_at = timezone.now()
    entry.save(update_fields=["consent", "consent_at", "updated_at"])
    audit_record(actor=actor, action="awards.consent_given" if give else
                 "awards.consent_declined", target=entry)
    if entry.nominator_id:
        nominator = entry.nominator
        verb = "agreed to" if give else "declined"
        transaction.on_commit(lambda: notify(
            recipient=nominator, kind="awards_consent_answer", sender=actor,
            url=_entry_url(entry),
            text=f"{person_name(actor)} {verb} your nomination “{entry.title}”."))
    return entry


def _check_words(entry: Entry, answers: dict[int, str]) -> None:
    for question in entry.category.questions.all():
        text = answers.get(question.pk, "")
        if question.word_limit and word_count(text) > question.word_limit:
            raise ApplicationError(
                f"{question.label}: use {question.word_limit:,} words or fewer "
                f"(you have {word_count(text):,}).", field=f"q_{question.pk}")


@transaction.atomic
def entry_save(*, actor, entry: Entry, answers: dict[int, str], title: str | None = None,
               now: datetime | None = None) -> Entry:
    """Save a draft's answers (``answers``: question id → text). Word limits hold even
    for drafts, so what is saved could always be submitted as it is."""
    entry = _locked(entry)
    now = now or timezone.now()
    if actor.pk not in entry_participant_ids(entry):
        raise ApplicationError(NOT_FOUND, status=404)
    if not can_edit(entry, actor, now=now):
        raise ApplicationError("This entry can no longer be changed.", status=409)
    questions = {q.pk for q in entry.category.questions.all()}
    cleaned = {pk: (text or "").strip() for pk, text in answers.items() if pk in questions}
    _check_words(entry, cleaned)
    if title is not None and title.strip():
        entry.title = title.strip()[:200]
    for pk, text in cleaned.items():
        Answer.objects.update_or_create(entry=entry, question_id=pk, defaults={"text": text})
    entry.save(update_fields=["title", "updated_at"])
    return entry


@transaction.atomic
def entry_submit(*, actor, entry: Entry, now: datetime | None = None) -> Entry:
    """Submit a draft: only before the cycle's entries close, only with the nominee's
    consent, every required question answered and every word limit kept."""
    entry = _locked(entry)
    now = now or timezone.now()
    if actor.pk not in entry_participant_ids(entry):
        raise ApplicationError(NOT_FOUND, status=404)
    if entry.consent != Consent.GIVEN:
        raise ApplicationError("The nominee has not agreed to this nomination yet: it "
                               "cannot be submitted.", status=409)
    if entry.status != EntryStatus.DRAFT:
        raise ApplicationError("This entry is not a draft.", status=409)
    cycle = entry.category.cycle
    if now >= cycle.entries_close_at:
        raise ApplicationError(f"Entries to {cycle.name} closed on "
                               f"{timezone.localtime(cycle.entries_close_at):%-d %B %Y at %H:%M}.",
                               status=409)
    if now < cycle.entries_open_at:
        raise ApplicationError(f"Entries to {cycle.name} are not open yet.", status=409)
    if not can_edit(entry, actor, now=now):
        raise ApplicationError("This entry can no longer be changed.", status=409)
    answers = dict(entry.answers.values_list("question_id", "text"))
    for question in entry.category.questions.all():
        if question.required and not answers.get(question.pk, "").strip():
            raise ApplicationError(f"Answer “{question.label}” before you submit.",
                                   field=f"q_{question.pk}")
    _check_words(entry, answers)
    entry.status, entry.submitted_at = EntryStatus.SUBMITTED, now
    entry.full_clean()
    entry.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(actor=actor, action="awards.entry_submit", target=entry)
    return entry


@transaction.atomic
def entry_withdraw(*, actor, entry: Entry) -> Entry:
    """The entrant, nominator or nominee withdraws the entry: it leaves judging at once."""
    entry = _locked(entry)
    if actor.pk not in entry_participant_ids(entry):
        raise ApplicationError(NOT_FOUND, status=404)
    if entry.status == EntryStatus.WITHDRAWN:
        raise ApplicationError("This entry is already withdrawn.", status=409)
    previous = entry.status
    entry.status, entry.withdrawn_at = EntryStatus.WITHDRAWN, timezone.now()
    entry.save(update_fields=["status", "withdrawn_at", "updated_at"])
    audit_record(actor=actor, action="awards.entry_withdraw", target=entry,
                 detail={"from": previous})
    return entry


@transaction.atomic
def seconder_invite(*, actor, entry: Entry, email: str) -> Entry:
    """The nominator names a seconder (a network member), who may add an endorsement."""
    entry = _locked(entry)
    if entry.nominator_id != actor.pk:
        raise ApplicationError(NOT_FOUND, status=404)
    if not can_edit(entry, actor, now=timezone.now()):
        raise ApplicationError("This entry can no longer be changed.", status=409)
    seconder = people.network_members().filter(email__iexact=(email or "").strip()).first()
    if seconder is None:
        raise ApplicationError("Nobody in the network has that email address.", field="email")
    if seconder.pk in entry_participant_ids(entry):
        raise ApplicationError("Choose someone other than the nominee or yourself.",
                               field="email")
    entry.seconder = seconder
    entry.save(update_fields=["seconder", "updated_at"])
    transaction.on_commit(lambda: notify(
        recipient=seconder, kind="awards_endorse_request", sender=actor,
        url=reverse("awards:endorse", args=[entry.pk]),
        text=f"{person_name(actor)} asked you to second their nomination “{entry.title}”."))
    return entry


@transaction.atomic
def endorsement_save(*, actor, entry: Entry, text: str) -> Endorsement:
    if entry.seconder_id != actor.pk or not can(actor, "enter_awards"):
        raise ApplicationError(NOT_FOUND, status=404)
    if entry.status == EntryStatus.WITHDRAWN:
        raise ApplicationError("This entry was withdrawn.", status=409)
    text = (text or "").strip()
    if not text:
        raise ApplicationError("Enter your endorsement.", field="text")
    try:
        endorsement, _ = Endorsement.objects.update_or_create(
            entry=entry, author=actor, defaults={"text": text})
    except IntegrityError as error:  # pragma: no cover - two saves at once
        raise ApplicationError("Try again.", status=409) from error
    return endorsement


def consent_reminders_due(*, now: datetime) -> int:
    """Remind nominees who have not answered for ``REMIND_AFTER`` (again every
    ``REMIND_AFTER``) while entries are open. Each entry is claimed by one conditional
    update before anyone is told, so running twice (or on two workers) reminds once."""
    due = Entry.objects.filter(
        route=Route.NOMINATION, consent=Consent.PENDING, status=EntryStatus.DRAFT,
        created_at__lte=now - REMIND_AFTER, category__cycle__entries_open_at__lte=now,
        category__cycle__entries_close_at__gt=now).select_related("category__cycle", "nominee")
    reminded = 0
    for entry in due:
        last = entry.consent_reminded_at
        if last is not None and last > now - REMIND_AFTER:
            continue
        with transaction.atomic():
            if not Entry.objects.filter(pk=entry.pk, consent_reminded_at=last,
                                        consent=Consent.PENDING).update(consent_reminded_at=now):
                continue
            notify(recipient=entry.nominee, kind="awards_consent_request",
                   url=reverse("awards:consent", args=[entry.pk]),
                   text=f"Reminder: you were nominated for {entry.category.name}. Say whether "
                        f"you agree before entries close "
                        f"({timezone.localtime(entry.category.cycle.entries_close_at):%-d %B}).")
            reminded += 1
    return reminded

