"""Mentoring programmes in a real browser: a lead creates a programme; a member signs up
as a mentee and browses suggested mentors; the lead runs matching, adjusts and publishes.
axe-core on every page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.mentoring.models import Pair, Participant, Programme
from upward.web.mentoring.services.programmes import programme_create, question_add
from upward.web.mentoring.services.signup import signup_save

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

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


def test_requests_error_states_and_every_lead_page_are_accessible(page, url, sign_in,
                                                                 assert_accessible):
    lead = person(roles=["member", "lead"], email="lena.lead@northbridge.example",
                  display_name="Lena Lead")
    mentee = person(roles=["member"], email="mo.mentee@northbridge.example",
                    display_name="Mo Mentee")
    programme = programme_create(actor=lead, name="Autumn mentoring", kind="open",
                                 grades=["EO", "G7"], functions=["Finance"],
                                 skills=["Writing"], locations=["Leeds"])
    question_add(actor=lead, programme=programme, text="How would you rather meet?",
                 options=["In person", "Online"], weight=5)
    for n in range(12):
        _mentor(programme, n)
    signup_save(actor=mentee, programme=programme, side="mentee", grade="EO",
                goals=["First promotion"], skills_wanted=["Writing"])

    sign_in(page, mentee.email)
    assert_accessible(page, "home")
    page.goto(url(f"/mentoring/programmes/{programme.slug}/sign-up/"))
    assert_accessible(page, "sign-up form with the sign-up in it")
    page.get_by_label("Mentors: how many mentees you can take at once").fill("9")
    page.get_by_label("As a mentor").check()
    page.get_by_role("button", name="Save your sign-up").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "sign-up with errors")
    page.goto(url(f"/mentoring/programmes/{programme.slug}/mentors/"))
    assert_accessible(page, "suggestions, page 1")
    page.get_by_role("link", name="Next").click()
    assert_accessible(page, "suggestions, page 2")
    page.get_by_role("button", name="Bookmark Mentor Number 11").click()
    expect(page.get_by_role("status")).to_contain_text("Bookmarked")
    assert_accessible(page, "bookmarked")
    page.get_by_role("link", name=re.compile(r"^Not for me\W+Mentor Number 0$")).click()
    assert_accessible(page, "not for me confirmation")
    page.get_by_role("button", name="Do not suggest them again").click()
    assert_accessible(page, "dismissed")
    page.get_by_role("link", name="Ask Mentor Number 1", exact=True).click()
    assert_accessible(page, "request form")
    page.get_by_label("Message to the mentor (optional)").fill("x" * 2001)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "request form with an error")
    page.get_by_label("Message to the mentor (optional)").fill("Could you help?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_contain_text("Your request is sent")
    assert_accessible(page, "requests, sent")
    page.get_by_role("link", name=re.compile(r"^Withdraw\W+the request to Mentor Number 1$")) \
        .click()
    assert_accessible(page, "withdraw confirmation")

    page.context.clear_cookies()
    sign_in(page, "mentor1@northbridge.example")
    assert_accessible(page, "mentor's home with a request to answer")
    page.goto(url("/mentoring/requests/"))
    expect(page.get_by_role("cell", name=re.compile("Goals: First promotion"))).to_be_visible()
    assert_accessible(page, "requests, received")
    page.get_by_role("link", name=re.compile(r"^Decline\W+Mo Mentee$")).click()
    assert_accessible(page, "decline form")
    page.get_by_label("Reason (optional)").fill("r" * 301)
    page.get_by_role("button", name="Decline the request").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "decline with an error")
    page.goto(url("/mentoring/requests/"))
    assert_accessible(page, "requests again")
    page.get_by_role("link", name=re.compile(r"^Accept\W+Mo Mentee$")).click()
    assert_accessible(page, "accept confirmation")
    page.get_by_role("button", name="Accept and start the pair").click()
    expect(page.get_by_role("status")).to_contain_text("your pair has started")
    assert_accessible(page, "accepted")

    page.context.clear_cookies()
    sign_in(page, lead.email)
    assert_accessible(page, "lead's home")
    page.goto(url(f"/mentoring/manage/{programme.slug}/edit/"))
    assert_accessible(page, "programme form with a question's weight")
    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Save the programme").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a programme name")
    assert_accessible(page, "programme form with errors")
    page.goto(url(f"/mentoring/manage/{programme.slug}/"))
    assert_accessible(page, "manage programme")
    page.get_by_role("button", name="Run matching").click()
    assert_accessible(page, "run")
    page.get_by_role("button", name="Set the match").click()
    expect(page.locator(".error-summary")).to_contain_text("Select a mentee")
    assert_accessible(page, "run with a form error")
    page.get_by_role("link", name="Discard the run").click()
    assert_accessible(page, "discard confirmation")
    page.get_by_role("button", name="Discard the run").click()
    assert_accessible(page, "discarded")
    page.goto(url(f"/mentoring/manage/{programme.slug}/archive/"))
    assert_accessible(page, "archive confirmation")


def test_sign_up_bookmark_and_ask_without_javascript(page_without_js, url, sign_in,
                                                     assert_accessible):
    page = page_without_js
    lead = person(roles=["member", "lead"], email="lena.lead@northbridge.example",
                  display_name="Lena Lead")
    mentee = person(roles=["member"], email="mo.mentee@northbridge.example",
                    display_name="Mo Mentee")
    programme = programme_create(actor=lead, name="Winter mentoring", kind="open",
                                 grades=["EO", "G7"], functions=["Finance"],
                                 skills=["Writing"], locations=["Leeds"])
    _mentor(programme, 1)
    sign_in(page, mentee.email)
    assert_accessible(page, "home")
    page.goto(url(f"/mentoring/programmes/{programme.slug}/sign-up/"))
    assert_accessible(page, "sign-up form")
    page.get_by_label("As a mentee").check()
    page.get_by_label("First promotion").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed up")
    assert_accessible(page, "programme")
    page.get_by_role("link", name="See suggested mentors").click()
    assert_accessible(page, "suggestions")
    page.get_by_role("button", name="Bookmark Mentor Number 1").click()
    expect(page.get_by_role("status")).to_contain_text("Bookmarked")
    assert_accessible(page, "bookmarked")
    page.get_by_role("link", name="Ask Mentor Number 1").click()
    assert_accessible(page, "request form")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_contain_text("Your request is sent")
    assert_accessible(page, "requests")


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where the screenshots go: docs/screenshots only when asked for (as test_screenshots)."""
    return DOCS_SCREENSHOTS if os.environ.get("UPWARD_SCREENSHOTS") == "docs" else tmp_path


MENTORS = [
    ("Amara Okafor", "Grade 7", "Data & Analytics", "Leeds", ["First promotion", "Confidence"],
     ["Interview practice", "Data skills"], ["First in family at university", "State school"],
     "I started on the phones and moved into data after an evening course."),
    ("Kwame Mensah", "Senior manager", "Finance", "Manchester", ["Leading a team"],
     ["Managing people", "Stakeholder management"], ["Career changer"],
     "I changed career at 35: ask me about starting again."),
    ("Siobhan Byrne", "Grade 7", "Customer Operations", "Leeds", ["First promotion"],
     ["Interview practice", "CV reviews"], ["Grew up on free school meals"],
     "I have hired for customer operations for ten years."),
]


def test_mentoring_screenshots(page, url, sign_in, assert_accessible, settings, screenshots):
    settings.UPWARD_ORGANISATION_NAME = "Northbridge Group"
    screenshots.mkdir(parents=True, exist_ok=True)
    lead = person(roles=["member", "lead"], email="priya.shah@northbridge.example",
                  display_name="Priya Shah")
    grades = ["Executive officer", "Higher executive officer", "Grade 7", "Senior manager"]
    skills = ["Interview practice", "CV reviews", "Data skills", "Managing people",
              "Stakeholder management"]
    functions = ["Customer Operations", "Finance", "Data & Analytics"]
    programme = programme_create(
        actor=lead, name="Next step mentoring", kind="open", grades=grades,
        functions=functions, skills=skills, locations=["Leeds", "Manchester"],
        description="Mentoring from a colleague who has been there.", min_grade_gap=1)
    for n, (name, grade, function, location, goals, offered, lived, about) in \
            enumerate(MENTORS):
        user = person(roles=["member"], email=f"mentor{n}@northbridge.example",
                      display_name=name)
        signup_save(actor=user, programme=programme, side="mentor", grade=grade,
                    function=function, location=location, goals=goals,
                    skills_offered=offered, lived_experience_shown=lived, capacity=2,
                    about=about, availability=["Video call", "Lunchtimes"])
    for n in range(4):
        user = person(roles=["member"], email=f"mentee{n}@northbridge.example",
                      display_name=f"Colleague {n + 1}")
        signup_save(actor=user, programme=programme, side="mentee", grade=grades[n % 2],
                    function=functions[n % 3], location="Leeds", goals=["First promotion"],
                    skills_wanted=skills[n % 3:n % 3 + 2])
    jade = person(roles=["member"], email="jade.okafor@northbridge.example",
                  display_name="Jade Okafor")

    sign_in(page, jade.email)
    assert_accessible(page, "home")
    page.goto(url(f"/mentoring/programmes/{programme.slug}/sign-up/"))
    assert_accessible(page, "sign-up")
    page.screenshot(path=screenshots / "mentoring-signup.png", full_page=False)
    page.get_by_label("As a mentee").check()
    page.get_by_label("Your grade").select_option("Executive officer")
    page.get_by_label("Mentees: the function you would like a mentor from") \
        .select_option("Data & Analytics")
    page.get_by_label("First promotion").check()
    page.get_by_role("group", name="Mentees: skills you would like to build") \
        .get_by_label("Interview practice").check()
    page.get_by_role("group", name=re.compile("lived experience you would like")) \
        .get_by_label("State school").check()
    page.get_by_role("button", name="Sign up").click()
    assert_accessible(page, "programme")
    page.get_by_role("link", name="See suggested mentors").click()
    expect(page.get_by_role("heading", name=re.compile("Amara Okafor"))).to_be_visible()
    assert_accessible(page, "suggestions")
    page.screenshot(path=screenshots / "mentoring-suggestions.png", full_page=False)

    page.context.clear_cookies()
    sign_in(page, lead.email)
    assert_accessible(page, "lead's home")
    page.goto(url(f"/mentoring/manage/{programme.slug}/"))
    assert_accessible(page, "manage")
    page.get_by_role("button", name="Run matching").click()
    assert_accessible(page, "run")
    page.screenshot(path=screenshots / "mentoring-run.png", full_page=True)
    for name in ("mentoring-signup.png", "mentoring-suggestions.png", "mentoring-run.png"):
        assert (screenshots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
