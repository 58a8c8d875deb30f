"""Coffee roulette: once a month, the active sign-ups of a roulette programme are put in
pairs (a trio when numbers are odd) with people they have not met in an earlier round.

A round is drawn by a lead from the programme's roulette page, or by the monthly job on
the 1st; the unique (programme, month) constraint keeps it to one round a month however
many workers or leads try at once.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from upward.matching import roulette_pairs
from upward.web.core.audit import audit_record
from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.services import notify
from upward.web.core.permissions import require_capability
from upward.web.mentoring.models import CoffeePairing, Kind, Programme, RouletteRound
from upward.web.mentoring.selectors.pairs import person_name
from upward.web.mentoring.selectors.roulette import roulette_people


def _month(day: date) -> date:
    return day.replace(day=1)


def _seed(programme: Programme, month: date) -> int:
    """The same programme and month always give the same draw (given the same people)."""
    return zlib.crc32(f"{programme.pk}:{month.isoformat()}".encode())


@transaction.atomic
def roulette_draw(*, actor, programme_id: int, today: date | None = None,
                  request=None) -> RouletteRound:
    """Draw this month's round of ``programme_id`` and tell everyone their partner(s).
    ``actor`` is the lead who drew it (None for the monthly job)."""
    if actor is not None:
        require_capability(actor, "run_mentoring")
    programme = Programme.objects.filter(pk=programme_id, kind=Kind.ROULETTE).first()
    if programme is None:
        raise ApplicationError("Not found.", status=404)
    month = _month(today or timezone.localdate())
    if programme.rounds.filter(month=month).exists():
        raise ApplicationError(f"The round for {month:%B %Y} is already drawn.", status=409)
    people = {p.user_id: p.user for p in roulette_people(programme=programme)
              .select_related("user__profile")}
    if len(people) < 2:
        raise ApplicationError("At least two people must be taking part to draw a round.")
    past = [set(pairing.people.values_list("pk", flat=True))
            for pairing in CoffeePairing.objects.filter(round__programme=programme)]
    groups = roulette_pairs(sorted(people), past, _seed(programme, month))
    try:
        with transaction.atomic():
            round_ = RouletteRound.objects.create(programme=programme, month=month)
    except IntegrityError:
        raise ApplicationError(f"The round for {month:%B %Y} is already drawn.",
                               status=409) from None
    url = reverse("mentoring:home")
    sitting_out = 0
    for group in groups:
        if len(group) < 2:
            sitting_out += 1
            notify(recipient=people[group[0]], kind="mentoring_roulette", url=url,
                   text=f"Coffee roulette, {month:%B %Y}, {programme.name}: you have met "
                        "everyone available this month, so you sit this round out.")
            continue
        pairing = CoffeePairing.objects.create(round=round_)
        pairing.people.set(group)
        for pk in group:
            partners = " and ".join(person_name(people[other]) for other in group if other != pk)
            notify(recipient=people[pk], kind="mentoring_roulette", url=url,
                   text=f"Coffee roulette, {month:%B %Y}, {programme.name}: have a coffee "
                        f"with {partners}.")
    round_.sitting_out = sitting_out
    round_.save(update_fields=["sitting_out"])
    if actor is not None:
        audit_record(actor=actor, action="mentoring.roulette", target=programme,
                     detail={"month": month.isoformat()}, request=request)
    return round_


def roulette_draw_due(*, now: datetime) -> int:
    """On the 1st of a month, draw the round of every open roulette programme that has
    none yet for the month and enough people. Returns how many rounds were drawn."""
    today = timezone.localdate(now)
    if today.day != 1:
        return 0
    drawn = 0
    due = Programme.objects.filter(kind=Kind.ROULETTE, is_archived=False).exclude(
        rounds__month=_month(today))
    for programme in due:
        if roulette_people(programme=programme).count() < 2:
            continue
        try:
            roulette_draw(actor=None, programme_id=programme.pk, today=today)
        except ApplicationError:
            continue  # drawn meanwhile by a lead or another worker
        drawn += 1
    return drawn
