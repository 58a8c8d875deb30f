"""A pair's space in a real browser, by keyboard-free clicks and without JavaScript: log a
meeting (with a mistake first), set the next meeting, add a goal, end the pair, give
feedback; and a lead's health and roulette pages. axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.mentoring.models import Kind, PairSource, Participant, Programme, Side
from upward.web.mentoring.services.pairs import pair_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pair():
    programme = Programme.objects.create(name="Step up", slug="step-up")
    mentee = person(roles=["member"], email="ade@northbridge.example", display_name="Ade Okafor")
    mentor = person(roles=["member"], email="sam@northbridge.example", display_name="Sam Reid")
    return pair_start(
        mentee=Participant.objects.create(programme=programme, user=mentee, side=Side.MENTEE),
        mentor=Participant.objects.create(programme=programme, user=mentor, side=Side.MENTOR),
        source=PairSource.MATCHED, score=35,
        explanation=[["goals", "Same goal: First promotion", 30], ["location", "Same location", 5]])


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_pair_uses_its_space(request, url, sign_in, assert_accessible, javascript):
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    pair = _pair()
    sign_in(page, "ade@northbridge.example")
    assert_accessible(page, "home")
    page.goto(url(f"/mentoring/pairs/{pair.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring with Sam Reid")
    expect(page.get_by_text("Same goal: First promotion")).to_be_visible()
    assert_accessible(page, "pair page")

    page.get_by_role("link", name="Log a meeting").click()
    assert_accessible(page, "log a meeting")
    page.get_by_role("button", name="Log the meeting").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter the date of the meeting")
    assert_accessible(page, "log a meeting with an error")
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_label("Notes").fill("Talked about the G7 interview.")
    page.get_by_role("button", name="Log the meeting").click()
    expect(page.get_by_role("cell", name="Talked about the G7 interview.")).to_be_visible()
    assert_accessible(page, "pair page with a meeting")

    page.get_by_role("link", name="Set the next meeting").click()
    assert_accessible(page, "next meeting")
    at = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Date and time (UK time)").fill(at)
    page.get_by_label("Place").fill("Room 4.12")
    page.get_by_role("button", name="Save the next meeting").click()
    expect(page.get_by_text("Room 4.12")).to_be_visible()
    assert_accessible(page, "pair page with the next meeting")

    page.get_by_label("Add a goal you agreed").fill("Apply for a G7 role")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_role("link", name="Remove Apply for a G7 role")).to_be_visible()
    assert_accessible(page, "pair page with goal and next meeting")

    page.get_by_role("link", name="End the pair").click()
    assert_accessible(page, "end the pair")
    page.get_by_label("The goals are met").check()
    page.get_by_role("button", name="End the pair").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Feedback on mentoring with Sam Reid")
    assert_accessible(page, "feedback")
    page.get_by_label("4 — satisfied").check()
    page.get_by_label("More confidence").check()
    page.get_by_role("button", name="Send your feedback").click()
    expect(page.get_by_text("You gave your feedback")).to_be_visible()
    assert_accessible(page, "ended pair")


def test_a_lead_sees_health_and_roulette(page, url, sign_in, assert_accessible):
    pair = _pair()
    person(roles=["member", "lead"], email="lead@northbridge.example", display_name="Lee Lead")
    roulette = Programme.objects.create(name="Coffee", slug="coffee", kind=Kind.ROULETTE)
    for user in (pair.mentee.user, pair.mentor.user):
        Participant.objects.create(programme=roulette, user=user, side=Side.BOTH)
    sign_in(page, "lead@northbridge.example")
    assert_accessible(page, "home")
    page.goto(url("/mentoring/manage/step-up/health/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("How Step up is going")
    assert_accessible(page, "health")
    page.goto(url("/mentoring/manage/coffee/roulette/"))
    assert_accessible(page, "roulette")
    page.get_by_role("link", name="Draw the round").click()
    assert_accessible(page, "draw confirmation")
    page.get_by_role("button", name="Draw the round").click()
    expect(page.locator("p.notice")).to_contain_text("is drawn")
    assert_accessible(page, "roulette drawn")
