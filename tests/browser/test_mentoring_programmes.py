"""Mentoring programmes in a real browser: a lead creates a programme; a member signs up
as a mentee and browses suggested mentors; the lead runs matching, adjusts and publishes.
axe-core on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.mentoring.models import Pair, Participant, Programme
from upward.web.mentoring.services.signup import signup_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _mentor(programme, n):
    user = person(roles=["member"], email=f"mentor{n}@northbridge.example",
                  display_name=f"Mentor Number {n}")
    signup_save(actor=user, programme=programme, side="mentor", grade="G7",
                function="Finance", location="Leeds", goals=["First promotion"],
                skills_offered=["Writing"], capacity=2, about="Happy to help.")


def test_lead_creates_member_signs_up_lead_matches_and_publishes(page, url, sign_in,
                                                                  assert_accessible):
    lead = person(roles=["member", "lead"], email="lena.lead@northbridge.example",
                  display_name="Lena Lead")
    mentee = person(roles=["member"], email="mo.mentee@northbridge.example",
                    display_name="Mo Mentee")
    sign_in(page, lead.email)
    assert_accessible(page, "home with panels")
    page.goto(url("/mentoring/manage/"))
    assert_accessible(page, "manage")
    page.get_by_role("link", name="Create a programme").click()
    assert_accessible(page, "new programme")
    page.get_by_label("Name", exact=True).fill("Spring mentoring")
    page.get_by_label("Always open").check()
    page.get_by_role("textbox", name="Grades (optional)").fill("EO\nHEO\nSEO\nG7")
    page.get_by_role("textbox", name="Functions (optional)").fill("Finance\nDigital")
    page.get_by_role("textbox", name="Skills (optional)").fill("Writing\nData analysis")
    page.get_by_role("textbox", name="Locations (optional)").fill("Leeds\nCardiff")
    page.get_by_label("Best overall").check()
    page.get_by_role("button", name="Save the programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring mentoring")
    assert_accessible(page, "manage programme")
    programme = Programme.objects.get()
    for n in range(2):
        _mentor(programme, n)

    page.context.clear_cookies()
    sign_in(page, mentee.email)
    expect(page.get_by_role("heading", name="Mentoring programmes to join")).to_be_visible()
    assert_accessible(page, "home with the programme to join")
    page.goto(url("/mentoring/"))
    assert_accessible(page, "mentoring home")
    page.get_by_role("link", name="Spring mentoring").first.click()
    assert_accessible(page, "programme")
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_text("Your background survey answers are never used")).to_be_visible()
    assert_accessible(page, "sign-up form")
    page.get_by_label("As a mentee").check()
    page.get_by_label("Your grade").select_option("EO")
    page.get_by_label("First promotion").check()
    page.get_by_role("group", name="Mentees: skills you would like to build") \
        .get_by_label("Writing").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed up")
    assert Participant.objects.filter(user=mentee, side="mentee").exists()
    assert_accessible(page, "programme after sign-up")
    page.get_by_role("link", name="See suggested mentors").click()
    expect(page.get_by_text("Same goal: First promotion +30").first).to_be_visible()
    assert_accessible(page, "suggested mentors")

    page.context.clear_cookies()
    sign_in(page, lead.email)
    assert_accessible(page, "lead's home")
    page.goto(url(f"/mentoring/manage/{programme.slug}/"))
    assert_accessible(page, "manage programme with its pool")
    page.get_by_role("button", name="Run matching").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Matching run of")
    expect(page.get_by_role("cell", name="Mo Mentee")).to_be_visible()
    assert_accessible(page, "run")
    page.get_by_role("link", name="Publish these matches").click()
    assert_accessible(page, "publish confirmation")
    page.get_by_role("button", name="Publish and start the pairs").click()
    expect(page.get_by_role("status")).to_contain_text("1 pair has started")
    assert_accessible(page, "manage programme after publishing")
    assert Pair.objects.filter(mentee__user=mentee).count() == 1
