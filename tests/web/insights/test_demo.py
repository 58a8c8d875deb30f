"""The insights demo: members' numbers are confirmed links, so the demo figures include them,
and the administrators' link page has claims to decide, one of them contested."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from upward.web.demo.factories import person
from upward.web.demo.insights_seed import seed_insights
from upward.web.insights.models import SurveyResponse
from upward.web.insights.selectors import survey_answers_for_analysis


def test_the_demo_links_are_confirmed_and_some_claims_wait(personas, client_for):
    for i in range(40):
        person(roles=["member"], email=f"colleague{i}@northbridge.example")
    seed_insights(seed=2026)

    confirmed = SurveyResponse.objects.filter(link_status="confirmed")
    pending = list(SurveyResponse.objects.filter(link_status="pending")
                   .select_related("user__profile"))
    assert confirmed.count() >= 20
    assert set(confirmed.values_list("link_method", flat=True)) == {"hr_email"}
    assert len(pending) == 3
    held = set(confirmed.values_list("employee_id", flat=True))
    assert sum(p.employee_id in held for p in pending) == 1  # one contests a confirmed link
    assert sorted(survey_answers_for_analysis().employee_ids) == sorted(held)

    page = client_for(personas["admin"]).get(reverse("insights:links")).content.decode()
    for claim in pending:
        assert escape(claim.user.profile.display_name) in page
    assert "Held, confirmed, by another account" in page
    assert "HR records a different email for this number" in page
    assert "Not in the latest HR snapshot" in page
