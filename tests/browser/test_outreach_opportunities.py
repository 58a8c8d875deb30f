"""Issue 13's volunteering flow in a browser: a lead posts an opportunity at a school from
the register, a member signs up (told the school sees their name), and after the event
the lead records the outcome and who attended. axe-core checks every page (the ``page``
fixture enforces it) at 1280 px and, for the opportunity page, 390 px.

Screenshot: ``outreach-opportunity.png``, written to docs/screenshots only when asked
(``UPWARD_SCREENSHOTS=docs``), as test_mentoring_journey.py does.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.outreach.models import Opportunity, School, VolunteerSignup

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PNG = b"\x89PNG\r\n\x1a\n"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    return DOCS_SCREENSHOTS if os.environ.get("UPWARD_SCREENSHOTS") == "docs" else tmp_path


def _phone_and_desk(page, assert_accessible, what):
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page, f"{what}, 390 px")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), \
        f"{what} is wider than a phone"
    page.set_viewport_size({"width": 1280, "height": 800})
    assert_accessible(page, f"{what}, 1280 px")


def test_post_sign_up_and_record_the_outcome(page, url, sign_in, assert_accessible,
                                             screenshots):
    School.objects.create(urn=107998, name="Harehills Academy (sample)", phase="Secondary",
                          local_authority="Leeds", postcode="LS9 7AA", fsm_percent=48.0,
                          easting=432000, northing=435000)
    person(roles=["member", "lead"], email="priya.shah@northbridge.example",
           display_name="Priya Shah")
    person(roles=["member"], email="jade.brown@northbridge.example", display_name="Jade Brown")

    # the lead posts an opportunity
    sign_in(page, "priya.shah@northbridge.example")
    assert_accessible(page, "home")
    page.goto(url("/outreach/opportunities/"))
    assert_accessible(page, "opportunities (lead)")
    page.get_by_role("link", name="Post an opportunity").click()
    assert_accessible(page, "post an opportunity")
    page.get_by_label("Kind of activity").select_option(label="Careers talk")
    page.get_by_label("Title").fill("What engineers do all day")
    page.locator("#id_school").fill("107998")
    day = timezone.localdate() + timedelta(days=14)
    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("11:30")
    page.get_by_role("radio", name="In person").check()
    page.get_by_label("Year 10", exact=True).check()
    page.get_by_label("Year 11", exact=True).check()
    page.locator("#id_pupils_expected").fill("90")
    page.get_by_label("Volunteers needed").fill("3")
    page.get_by_role("button", name="Post the opportunity").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What engineers do all day")
    assert_accessible(page, "opportunity (lead)")
    found = Opportunity.objects.get()
    assert timezone.localtime(found.starts_at).hour == 10

    # a member signs up
    page.context.clear_cookies()
    sign_in(page, "jade.brown@northbridge.example")
    assert_accessible(page, "home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Outreach").click()
    assert_accessible(page, "outreach section")
    page.goto(url("/outreach/opportunities/"))
    assert_accessible(page, "opportunities (member)")
    page.get_by_role("link", name="What engineers do all day").click()
    assert_accessible(page, "opportunity (member)")
    page.get_by_role("link", name="Sign up to volunteer").click()
    expect(page.get_by_text("The school and the other volunteers will see your name")) \
        .to_be_visible()
    assert_accessible(page, "sign-up confirmation")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("You are confirmed.").first).to_be_visible()
    expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
    _phone_and_desk(page, assert_accessible, "opportunity, signed up")
    assert VolunteerSignup.objects.get().status == "confirmed"

    # after the event, the lead records the outcome
    Opportunity.objects.filter(pk=found.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1))
    page.context.clear_cookies()
    sign_in(page, "priya.shah@northbridge.example")
    assert_accessible(page, "home")
    page.goto(url(f"/outreach/opportunities/{found.pk}/"))
    assert_accessible(page, "opportunity after the event")
    page.get_by_role("link", name="Record the outcome").click()
    assert_accessible(page, "outcome form")
    page.get_by_label("Pupils reached").fill("86")
    page.get_by_label("It had a clear purpose").check()
    page.get_by_label("Pupils knew the learning outcomes").check()
    page.get_by_label("There was two-way interaction between pupils and volunteers").check()
    page.get_by_label("Pupils reflected on it afterwards").check()
    page.get_by_label("Volunteer hours, in total").fill("4.5")
    page.get_by_label("Jade Brown").check()
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("86 pupils reached")).to_be_visible()
    expect(page.get_by_text("a meaningful encounter (Gatsby Benchmark 5)")).to_be_visible()
    _phone_and_desk(page, assert_accessible, "opportunity with its outcome")
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=screenshots / "outreach-opportunity.png", full_page=True)
    assert (screenshots / "outreach-opportunity.png").read_bytes()[:8] == PNG
    found.refresh_from_db()
    assert found.outcome.priority_school is True
    assert VolunteerSignup.objects.get().attended is True


def test_profile_safeguarding_contacts_and_the_guest_page(page, url, sign_in, assert_accessible):
    from upward.web.outreach.models import Office
    from upward.web.outreach.services.contacts import contact_invite

    school = School.objects.create(urn=107999, name="Chapeltown Primary (sample)",
                                   fsm_percent=41.0, easting=430500, northing=435500)
    Office.objects.create(name="Leeds", easting=430000, northing=433000)
    lead = person(roles=["member", "lead"], email="priya.shah@northbridge.example",
                  display_name="Priya Shah")
    sign_in(page, "priya.shah@northbridge.example")
    assert_accessible(page, "home")

    page.goto(url("/outreach/volunteer-profile/"))
    assert_accessible(page, "volunteer profile")
    page.get_by_label("Careers talk").check()
    page.get_by_label("Office you would travel from").select_option(label="Leeds")
    page.get_by_label("How far you would travel, in km").fill("900")
    page.get_by_role("button", name="Save your profile").click()
    assert_accessible(page, "volunteer profile with an error")
    page.get_by_label("How far you would travel, in km").fill("15")
    page.get_by_role("button", name="Save your profile").click()
    expect(page.get_by_text("Volunteer profile saved.")).to_be_visible()
    assert_accessible(page, "opportunities after saving the profile")

    page.goto(url("/outreach/school-contacts/"))
    assert_accessible(page, "school contacts (empty)")
    page.locator("#id_school").fill("107999")
    page.get_by_label("Their name").fill("Ms Careers")
    page.get_by_label("Email address").fill("careers@chapeltown.example")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation emailed to Ms Careers.")).to_be_visible()
    _phone_and_desk(page, assert_accessible, "school contacts")

    _, token = contact_invite(actor=lead, school=school, name="Mr Head",
                              email="head@chapeltown.example")
    page.context.clear_cookies()
    page.goto(url(f"/outreach/for-schools/{token}/"))
    assert_accessible(page, "guest page")
    page.get_by_label("Kind of activity").select_option(label="Mock interviews")
    page.get_by_label("Title").fill("Year 6 careers morning")
    page.get_by_role("button", name="Send the proposal").click()
    assert_accessible(page, "guest page with errors")
    page.get_by_label("Date").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("End time").fill("10:00")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_text("your proposal was sent")).to_be_visible()
    _phone_and_desk(page, assert_accessible, "guest page with a proposal")
    proposal = Opportunity.objects.get()
    assert proposal.status == "proposed" and proposal.school == school

    sign_in(page, "priya.shah@northbridge.example")
    assert_accessible(page, "home")
    page.goto(url(f"/outreach/opportunities/{proposal.pk}/safeguarding/"))
    assert_accessible(page, "safeguarding checklist")
    page.get_by_label("Volunteers are supervised by school staff at all times").check()
    page.get_by_label("The school's designated safeguarding lead").fill("Mrs Adeyemi")
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.get_by_text("The school's designated safeguarding lead: Mrs Adeyemi")) \
        .to_be_visible()
    assert_accessible(page, "proposal with safeguarding")
