"""Leads' aggregate health of a programme: only suppressed counts, never a person's notes,
feedback or reasons, and no small group recoverable from what is shown."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from upward.web.mentoring.selectors.health import programme_health
from upward.web.mentoring.services import pairs as services

from .pairs_factories import make_pair, member, programme

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"^\d[\d,]*(\.\d+)?$")


def _cells(health):
    """Every published value cell: (table key, row label, text)."""
    return [(t.key, row[0], cell) for t in health.tables for row in t.body for cell in row[1:]]


def _table(health, key):
    return {row[0]: row[1:] for row in next(t for t in health.tables if t.key == key).body}


def _small_programme():
    prog = programme(nudge_after_weeks=2)
    pairs = [make_pair(prog, started_days_ago=30) for _ in range(3)]
    services.meeting_log(actor=pairs[0].mentee.user, pair_id=pairs[0].pk,
                         held_on=timezone.localdate(), notes="Private: salary talk")
    services.pair_end(actor=pairs[1].mentee.user, pair_id=pairs[1].pk, reason="not_a_fit")
    services.feedback_give(actor=pairs[1].mentee.user, pair_id=pairs[1].pk, satisfaction=1,
                           outcomes=["none_yet"], comments="Private: my mentor was rude")
    return prog


def test_a_programme_with_three_pairs_shows_no_count_below_k(lead, settings):
    settings.UPWARD_INSIGHTS_K = 5
    prog = _small_programme()
    health = programme_health(viewer=lead, slug=prog.slug)
    assert health.k == 5
    for key, label, text in _cells(health):
        if NUMBER.match(text):
            value = float(text.replace(",", ""))
            assert value == 0 or value >= 5, (key, label, text)
            assert key != "satisfaction", "a mean over fewer than k people"
    assert _table(health, "pairs")["All pairs"] == ["fewer than 5"]
    assert _table(health, "satisfaction")["Mentees"] == ["fewer than 5"]


def test_the_page_shows_no_notes_comments_or_names(lead, client_for, settings):
    settings.UPWARD_INSIGHTS_K = 5
    prog = _small_programme()
    page = client_for(lead).get(reverse("mentoring:health", args=[prog.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Private:" not in html and "Member " not in html
    assert "fewer than 5" in html
    assert '-caption">Why pairs ended</caption>' in html and 'scope="row"' in html


def test_a_small_group_cannot_be_recovered_from_the_totals(lead, settings):
    """12 pairs, 2 of them not meeting: the 2 is hidden, and so is the 10 (else 12 − 10)."""
    settings.UPWARD_INSIGHTS_K = 10
    prog = programme(nudge_after_weeks=4)
    pairs = [make_pair(prog, started_days_ago=60) for _ in range(12)]
    for pair in pairs[2:]:
        services.meeting_log(actor=pair.mentor.user, pair_id=pair.pk,
                             held_on=timezone.localdate() - timedelta(days=3))
    health = programme_health(viewer=lead, slug=prog.slug)
    assert _table(health, "pairs")["All pairs"] == ["12"]
    at_risk = _table(health, "at_risk")
    assert at_risk["Not met lately"] == ["fewer than 10"]
    assert at_risk["Meeting"] == ["suppressed"]
    # the meetings table (2 pairs with none, 10 with one) hides the 2 as well: what is
    # published leaves at least two cells to share it, so no cell is pinned
    meetings = _table(health, "meetings")
    shown = [int(v[0]) for k, v in meetings.items() if k != "All pairs" and v[0].isdigit()]
    hidden = [k for k, v in meetings.items() if not v[0].isdigit()]
    assert meetings["No meetings"] == ["fewer than 10"]
    assert sum(shown) == 10 and len(hidden) >= 2


def test_large_enough_groups_are_published(lead, settings):
    settings.UPWARD_INSIGHTS_K = 5
    prog = programme()
    pairs = [make_pair(prog) for _ in range(12)]
    for i, pair in enumerate(pairs):
        services.pair_end(actor=pair.mentee.user, pair_id=pair.pk,
                          reason="completed" if i % 2 else "goals_met")
        services.feedback_give(actor=pair.mentee.user, pair_id=pair.pk, satisfaction=4,
                               outcomes=["confidence"] if i < 6 else ["network"])
        if i < 6:
            services.feedback_give(actor=pair.mentor.user, pair_id=pair.pk, satisfaction=3)
    health = programme_health(viewer=lead, slug=prog.slug)
    assert _table(health, "pairs") == {"Active": ["0"], "Ended": ["12"], "All pairs": ["12"]}
    reasons = _table(health, "end_reasons")
    assert reasons["We finished the programme"] == ["6"] and reasons["The goals are met"] == ["6"]
    assert _table(health, "satisfaction") == {"Mentees": ["4.0"], "Mentors": ["3.0"],
                                              "Everyone": ["3.7"]}
    assert _table(health, "feedback") == {"Mentees": ["12"], "Mentors": ["6"],
                                          "Everyone": ["18"]}
    assert _table(health, "outcomes")["More confidence"] == ["6"]
    # every pair in one band would tell a lead each pair's count: the zeros protect it
    assert _table(health, "meetings")["No meetings"] == ["suppressed"]


def test_promotions_among_mentees_are_published_only_through_suppression(
        lead, personas, settings):
    from upward.web.insights.models import SurveyResponse
    from upward.web.insights.services import snapshot_import_file, survey_save

    settings.UPWARD_INSIGHTS_K = 5
    prog = programme()
    mentees = []
    for n in range(8):
        user = member()
        survey_save(user=user, answers={"school_type": "independent"}, employee_id=f"E{n}")
        mentees.append(user)
    SurveyResponse.objects.update(link_status="confirmed", link_method="administrator")
    for user in mentees:
        make_pair(prog, mentee=user)
    started = timezone.localdate()

    def snapshot(day, grades):
        lines = ["Employee ID,Grade,Function,Hourly pay,Start date"] + [
            f"E{n},{g},Ops,14,2020-01-06" for n, g in enumerate(grades)]
        snapshot_import_file(actor=personas["analyst"], content="\n".join(lines).encode(),
                             source_name="hr.csv", snapshot_date=day,
                             grade_order=["G1", "G2", "G3"])

    before = programme_health(viewer=lead, slug=prog.slug)
    assert "promotions" not in [t.key for t in before.tables]
    assert "HR snapshot" in before.promotions_note
    snapshot(started - timedelta(days=30), ["G1"] * 8)
    snapshot(started + timedelta(days=1) if started < date.max else started,
             ["G2"] * 2 + ["G1"] * 6)
    after = programme_health(viewer=lead, slug=prog.slug)
    promotions = _table(after, "promotions")
    assert promotions["Moved up a grade"] == ["fewer than 5"]
    assert promotions["Same or lower grade"] == ["suppressed"]


@pytest.mark.parametrize(("who", "status"), [("lead", 200), ("member", 403),
                                             ("moderator", 403), ("admin", 403),
                                             ("analyst", 403)])
def test_only_leads_open_the_health_page(personas, client_for, who, status):
    prog = programme()
    response = client_for(personas[who]).get(reverse("mentoring:health", args=[prog.slug]))
    assert response.status_code == status


def test_a_missing_programme_is_a_404(lead, client_for):
    assert client_for(lead).get(reverse("mentoring:health", args=["nope"])).status_code == 404
