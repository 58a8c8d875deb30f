"""Reads about awards, each deciding what the viewer may see. An entry is visible to its
nominee and nominator (and to awards administrators); anyone else gets 404. Judges will
read entries only through :func:`entries_for_judging`."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from upward.web.awards.models import (
    Attachment,
    Category,
    Consent,
    Cycle,
    Entry,
    EntryStatus,
    Route,
)
from upward.web.core.permissions import can


def person_name(user) -> str:
    profile = getattr(user, "profile", None)
    return (getattr(profile, "display_name", "") or "a member") if user else "a former member"


def word_count(text: str) -> int:
    return len((text or "").split())


def entry_participant_ids(entry: Entry) -> set[int]:
    """The people whose entry it is: the nominee and the nominator."""
    return {pk for pk in (entry.nominee_id, entry.nominator_id) if pk}


def can_edit(entry: Entry, viewer, *, now: datetime) -> bool:
    """A draft, while entries are open, by its nominator or (once they consent, or for a
    self-entry) its nominee; never after the nominee declined."""
    if entry.status != EntryStatus.DRAFT or entry.consent == Consent.DECLINED:
        return False
    if not entry.category.cycle.entries_open(now):
        return False
    if viewer.pk == entry.nominator_id:
        return True
    return viewer.pk == entry.nominee_id and entry.consent == Consent.GIVEN


# --- cycles and categories -------------------------------------------------------------


def cycles_open(*, now: datetime | None = None) -> QuerySet[Cycle]:
    now = now or timezone.now()
    return Cycle.objects.filter(entries_open_at__lte=now, entries_close_at__gt=now) \
        .prefetch_related("categories").order_by("entries_close_at")


def cycles_for_admin() -> QuerySet[Cycle]:
    return Cycle.objects.all()


def cycle_for_admin(*, viewer, pk: int) -> Cycle:
    cycle = Cycle.objects.filter(pk=pk).first()
    if cycle is None or not can(viewer, "run_awards"):
        raise Http404
    return cycle


def category_for_admin(*, viewer, pk: int) -> Category:
    category = Category.objects.select_related("cycle").filter(pk=pk).first()
    if category is None or not can(viewer, "run_awards"):
        raise Http404
    return category


def category_open_for_entries(*, viewer, pk: int, now: datetime | None = None) -> Category:
    """A category whose cycle takes entries now, for someone who may enter."""
    category = Category.objects.select_related("cycle").filter(pk=pk).first()
    if category is None or not can(viewer, "enter_awards") \
            or not category.cycle.entries_open(now or timezone.now()):
        raise Http404
    return category


def eligibility_checks(category: Category) -> list[str]:
    """The structured rules, in words, as shown beside the eligibility text."""
    checks = []
    if category.self_entry_allowed:
        checks.append("Self-entry allowed")
    if category.nominations_allowed:
        checks.append("Nominations allowed")
    if category.team_entries:
        checks.append("Team entries")
    checks.append("Network members only" if category.members_only else "Anyone on Upward")
    return checks


# --- entries ---------------------------------------------------------------------------


def _entries() -> QuerySet[Entry]:
    return Entry.objects.select_related("category__cycle", "nominee__profile",
                                        "nominator__profile", "seconder__profile")


def entry_for_participant(*, viewer, pk: int) -> Entry:
    """The entry if ``viewer`` is its nominee or nominator, else 404. A nominee sees a
    nomination only through the consent page until they agree."""
    entry = _entries().filter(pk=pk).filter(
        Q(nominator=viewer) | Q(nominee=viewer, route=Route.SELF)
        | Q(nominee=viewer, consent=Consent.GIVEN)).first()
    if entry is None:
        raise Http404
    return entry


def nomination_for_nominee(*, viewer, pk: int) -> Entry:
    entry = _entries().filter(pk=pk, nominee=viewer, route=Route.NOMINATION).first()
    if entry is None:
        raise Http404
    return entry


def entry_for_seconder(*, viewer, pk: int) -> Entry:
    entry = _entries().filter(pk=pk, seconder=viewer).exclude(
        status=EntryStatus.WITHDRAWN).first()
    if entry is None or not can(viewer, "enter_awards"):
        raise Http404
    return entry


def own_entries(*, viewer) -> QuerySet[Entry]:
    """Entries about the viewer they can open: their own and nominations they accepted."""
    return _entries().filter(nominee=viewer).filter(
        Q(route=Route.SELF) | Q(consent=Consent.GIVEN))


def nominations_made(*, viewer) -> QuerySet[Entry]:
    return _entries().filter(nominator=viewer)


def nominations_awaiting(*, viewer) -> QuerySet[Entry]:
    return _entries().filter(nominee=viewer, route=Route.NOMINATION, consent=Consent.PENDING) \
        .exclude(status=EntryStatus.WITHDRAWN)


def entry_answers(entry: Entry) -> list[tuple]:
    """(question, answer text, words used) for each question of the entry's form."""
    answers = dict(entry.answers.values_list("question_id", "text"))
    return [(q, answers.get(q.pk, ""), word_count(answers.get(q.pk, "")))
            for q in entry.category.questions.all()]


def entries_for_admin(*, viewer, category: Category) -> QuerySet[Entry]:
    if not can(viewer, "run_awards"):
        raise Http404
    return _entries().filter(category=category)


def entries_for_judging(category: Category) -> QuerySet[Entry]:
    """The only entries judging may ever see: submitted, consented, not withdrawn."""
    return _entries().filter(category=category, status=EntryStatus.SUBMITTED,
                             consent=Consent.GIVEN, withdrawn_at__isnull=True)


def attachment_for_viewer(*, viewer, entry_pk: int, pk: int) -> Attachment:
    """An attachment for its entry's nominator or nominee (once consented) or an awards
    administrator; 404 for anyone else (judges come in the next part)."""
    attachment = Attachment.objects.select_related("entry").filter(
        pk=pk, entry_id=entry_pk).first()
    if attachment is None:
        raise Http404
    if can(viewer, "run_awards"):
        return attachment
    entry_for_participant(viewer=viewer, pk=entry_pk)
    return attachment
