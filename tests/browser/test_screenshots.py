"""The README's screenshots, taken from the running application by a real browser.

Every run takes them and checks them; ``make screenshots`` (``UPWARD_SCREENSHOTS=docs``)
writes them over the README's copies in docs/screenshots, so that a test run leaves the
checkout as it found it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from upward.web.community import services
from upward.web.community.defaults import ensure_defaults
from upward.web.community.models import Audience, Category
from upward.web.demo import content
from upward.web.demo.factories import CareerEntryFactory, person

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAREER = [
    ("Customer service adviser", "Northbridge Group", 2011, 2014,
     "Answering claims calls in the Leeds contact centre while studying in the evenings."),
    ("Claims team leader", "Northbridge Group", 2014, 2018,
     "Led a team of twelve; built the spreadsheet that became our first claims dashboard."),
    ("Data analyst", "Northbridge Group", 2018, None,
     "Pricing and fairness analysis; mentor to two apprentices."),
]


def _this_week(amara):
    """What a network lead's home shows on an ordinary week."""
    ensure_defaults()
    kwame = person(roles=["member"], email="kwame.mensah@northbridge.example",
                   display_name="Kwame Mensah")
    services.story_create(actor=kwame, submit=True, title="From the tills to team leader",
                          body="A manager showed me how promotions actually work.")
    services.story_create(actor=kwame, submit=True, audience=Audience.PUBLIC,
                          title="The evening course that changed my career",
                          body="Two evenings a week for three years.")
    services.story_create(actor=amara, title="What I wish I had known at 16")
    thread = services.thread_create(
        actor=kwame, category=Category.objects.get(slug="careers-and-progression"),
        title="How did you find a mentor?", body="I would like one in pricing.")
    services.reply_create(actor=amara, thread=thread, body="Ask me: I mentor two people.")


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where the screenshots go: the README's copies only when asked for."""
    return DOCS_SCREENSHOTS if os.environ.get("UPWARD_SCREENSHOTS") == "docs" else tmp_path


def test_home_and_profile_screenshots(page, url, sign_in, assert_accessible, settings,
                                      screenshots):
    settings.UPWARD_ORGANISATION_NAME = content.ORGANISATION  # as `make demo` shows it
    settings.UPWARD_COMMUNITY_NEW_MEMBER_DAYS = 0  # everyone here was just created
    amara = person(
        roles=["member", "lead"], email="amara.okafor@northbridge.example",
        display_name="Amara Okafor", pronouns="she/her", job_title="Data analyst",
        team="Pricing and insight", location="Leeds",
        bio="I grew up in Chapeltown and left school at 16. My first job here was on the "
            "phones; an evening course in statistics, and a manager who noticed, changed "
            "everything.\n\nI lead our network's mentoring circle and visit two schools a year.",
        ask_me_about=["apprenticeships", "moving into data", "evening study",
                      "first-generation university"],
    )
    for title, organisation, start, end, description in CAREER:
        CareerEntryFactory(profile=amara.profile, title=title, organisation=organisation,
                           start_year=start, end_year=end, description=description)
    _this_week(amara)
    screenshots.mkdir(parents=True, exist_ok=True)

    sign_in(page, "amara.okafor@northbridge.example")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Amara Okafor")
    expect(page.get_by_role("region", name="Waiting for your approval")).to_contain_text(
        "The evening course that changed my career")
    assert_accessible(page, "home")
    page.screenshot(path=screenshots / "home.png", full_page=True)

    page.goto(url("/me/"))
    expect(page.get_by_role("main").get_by_role("listitem")
           .filter(has_text="Claims team leader")).to_contain_text("2014–2018")
    expect(page.get_by_role("complementary", name="Ask me about")).to_contain_text(
        "evening study")
    assert_accessible(page, "my profile")
    page.screenshot(path=screenshots / "profile.png", full_page=True)

    for name in ("home.png", "profile.png"):
        image = screenshots / name
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(image.read_bytes()[16:20], "big")
        assert width == 1280, f"{name} is {width}px wide"
