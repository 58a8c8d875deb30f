"""Coffee roulette: a lead (or the job on the 1st) draws one round a month of the
programme's active sign-ups, nobody meets the same person twice, everyone is told."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import combinations

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.core.errors import ApplicationError
from upward.web.core.models import AuditEntry
from upward.web.core.notifications.models import Notification
from upward.web.mentoring import jobs
from upward.web.mentoring.models import (
    CoffeePairing,
    Kind,
    ParticipantStatus,
    RouletteRound,
    Side,
)
from upward.web.mentoring.services.roulette import roulette_draw, roulette_draw_due

from .pairs_factories import member, programme, sign_up

pytestmark = pytest.mark.django_db


def _roulette(n: int, **fields):
    prog = programme(kind=Kind.ROULETTE, **fields)
    people = [member() for _ in range(n)]
    for i, user in enumerate(people):
        sign_up(user, prog, [Side.MENTEE, Side.MENTOR, Side.BOTH][i % 3])
    return prog, people


def _met(prog) -> list[frozenset]:
    met = []
    for pairing in CoffeePairing.objects.filter(round__programme=prog):
        ids = sorted(pairing.people.values_list("pk", flat=True))
        met.extend(frozenset(p) for p in combinations(ids, 2))
    return met


def test_a_lead_draws_this_months_round_and_everyone_is_told(lead):
    prog, people = _roulette(6)
    drawn = roulette_draw(actor=lead, programme_id=prog.pk)
    assert drawn.month == timezone.localdate().replace(day=1)
    groups = [sorted(p.people.values_list("pk", flat=True)) for p in drawn.pairings.all()]
    assert sorted(pk for g in groups for pk in g) == sorted(u.pk for u in people)
    assert all(len(g) == 2 for g in groups) and drawn.sitting_out == 0
    for user in people:
        told = Notification.objects.get(recipient=user, kind="mentoring_roulette")
        partner = next(g for g in groups if user.pk in g)
        other = next(pk for pk in partner if pk != user.pk)
        name = next(u for u in people if u.pk == other).profile.display_name
        assert f"have a coffee with {name}" in told.text
    assert AuditEntry.objects.filter(action="mentoring.roulette").count() == 1


def test_one_round_a_month(lead):
    prog, _ = _roulette(4)
    roulette_draw(actor=lead, programme_id=prog.pk)
    with pytest.raises(ApplicationError, match="already drawn"):
        roulette_draw(actor=lead, programme_id=prog.pk)
    assert RouletteRound.objects.count() == 1


def test_nobody_meets_the_same_person_twice_over_the_months():
    prog, people = _roulette(6)
    start = date(2026, 1, 1)
    for month in range(5):
        roulette_draw(actor=None, programme_id=prog.pk, today=start.replace(month=month + 1))
    met = _met(prog)
    assert len(met) == len(set(met))  # no repeat
    assert len(met) == 15  # 6 people: all 15 possible pairs in 5 rounds of 3 pairs


def test_an_odd_number_makes_a_trio():
    prog, people = _roulette(5)
    drawn = roulette_draw(actor=None, programme_id=prog.pk)
    sizes = sorted(p.people.count() for p in drawn.pairings.all())
    assert sizes == [2, 3] and drawn.sitting_out == 0
    trio = next(p for p in drawn.pairings.all() if p.people.count() == 3)
    text = Notification.objects.get(recipient=trio.people.first(), kind="mentoring_roulette").text
    assert " and " in text


def test_only_active_sign_ups_take_part_and_two_are_needed(lead):
    prog, people = _roulette(3)
    prog.participants.filter(user__in=people[:2]).update(status=ParticipantStatus.PAUSED)
    with pytest.raises(ApplicationError, match="At least two"):
        roulette_draw(actor=lead, programme_id=prog.pk)
    assert not RouletteRound.objects.exists()


def test_a_cohort_programme_has_no_roulette(lead):
    prog = programme(kind=Kind.COHORT)
    with pytest.raises(ApplicationError):
        roulette_draw(actor=lead, programme_id=prog.pk)


def test_a_member_cannot_draw(personas):
    prog, _ = _roulette(4)
    with pytest.raises(ApplicationError) as refused:
        roulette_draw(actor=personas["member"], programme_id=prog.pk)
    assert refused.value.status == 403


def test_the_job_draws_on_the_first_only_and_once():
    prog, _ = _roulette(4)
    _roulette(1)  # too few people: skipped
    first = timezone.make_aware(datetime(2027, 3, 1, 9, 0))
    assert roulette_draw_due(now=first - timedelta(days=1)) == 0
    assert jobs.roulette(now=first) == "Drew 1 coffee roulette round."
    assert jobs.roulette(now=first + timedelta(hours=1)) == "Drew 0 coffee roulette rounds."
    assert list(RouletteRound.objects.values_list("month", flat=True)) == [date(2027, 3, 1)]


def test_an_archived_programme_is_not_drawn():
    _roulette(4, is_archived=True)
    assert roulette_draw_due(now=timezone.make_aware(datetime(2027, 3, 1, 9, 0))) == 0


def test_the_lead_page_shows_rounds_and_asks_before_drawing(lead, client_for):
    prog, people = _roulette(4)
    client = client_for(lead)
    page = client.get(reverse("mentoring:roulette", args=[prog.slug]))
    assert page.status_code == 200
    assert reverse("mentoring:roulette_draw", args=[prog.slug]) in page.content.decode()
    confirm = client.get(reverse("mentoring:roulette_draw", args=[prog.slug]))
    assert b"Draw the round" in confirm.content and not RouletteRound.objects.exists()
    assert client.post(reverse("mentoring:roulette_draw", args=[prog.slug])).status_code == 302
    assert RouletteRound.objects.count() == 1
    page = client.get(reverse("mentoring:roulette", args=[prog.slug])).content.decode()
    assert "is drawn" in page
    assert not any(u.profile.display_name in page for u in people)  # counts, not names


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("admin", 403), ("lead", 200)])
def test_only_leads_open_the_roulette_page(personas, client_for, who, status):
    prog, _ = _roulette(2)
    response = client_for(personas[who]).get(reverse("mentoring:roulette", args=[prog.slug]))
    assert response.status_code == status


def test_a_cohort_programme_has_no_roulette_page(lead, client_for):
    prog = programme(kind=Kind.COHORT)
    assert client_for(lead).get(reverse("mentoring:roulette", args=[prog.slug])).status_code \
        == 404


def test_members_see_their_coffee_partner_in_their_pairs_panel(client_for):
    prog, people = _roulette(2)
    roulette_draw(actor=None, programme_id=prog.pk)
    page = client_for(people[0]).get(reverse("mentoring:pairs")).content.decode()
    assert "<h3>Coffee roulette</h3>" in page
    assert f"have a coffee with {people[1].profile.display_name}" in page
    outsider = client_for(member()).get(reverse("mentoring:pairs")).content.decode()
    assert "Coffee roulette" not in outsider
