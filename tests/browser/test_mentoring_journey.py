"""Issue 12's browser test, end to end in one flow: a member signs up as a mentee with the
keyboard only, the lead runs matching, reads the pending match's explanation and the
quality spread, publishes; the member opens her pair from her notification, logs a meeting,
sets the next meeting and downloads it for her calendar; her mentor sees the meeting.
axe-core checks every page loaded (the ``page`` fixture enforces it).

Screenshots: ``mentoring-pair.png`` is written here. ``mentoring-signup.png`` and
``mentoring-run.png`` are written by test_mentoring_programmes.py's screenshot test (with
richer demo people), so each file in docs/screenshots has exactly one writer.
"""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.mentoring.models import Meeting, Pair, Participant, Side
from upward.web.mentoring.services.programmes import programme_create
from upward.web.mentoring.services.signup import signup_save

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PNG = b"\x89PNG\r\n\x1a\n"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: What the mentee asks for privately: nobody else may ever see it.
WANTED_LIVED_EXPERIENCE = "Care experience"
LINE_MANAGER_HANDLE = "@lena.manager"


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where the screenshots go: docs/screenshots only when asked for (as test_screenshots)."""
    return DOCS_SCREENSHOTS if os.environ.get("UPWARD_SCREENSHOTS") == "docs" else tmp_path


def _tab_to(page, target, *, limit: int = 120) -> None:
    """Press Tab until ``target`` has the keyboard focus (fails if it never gets it)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target}")


def _without_stamps(ics: bytes) -> list[bytes]:
    return [line for line in ics.split(b"\r\n") if not line.startswith(b"DTSTAMP")]


def _world():
    lead = person(roles=["member", "lead"], email="priya.shah@northbridge.example",
                  display_name="Priya Shah")
    programme = programme_create(
        actor=lead, name="Next step mentoring", kind="open",
        grades=["Executive officer", "Higher executive officer", "Grade 7", "Senior manager"],
        functions=["Customer Operations", "Finance"],
        skills=["Interview practice", "Managing people"], locations=["Leeds", "Manchester"],
        description="Mentoring from a colleague who has been there.")
    mentors = [
        ("Amara Okafor", "Grade 7", "Customer Operations", ["First promotion"],
         ["Interview practice"], ["First in family at university"]),
        ("Kwame Mensah", "Senior manager", "Finance", ["Leading a team"],
         ["Managing people"], [WANTED_LIVED_EXPERIENCE]),
    ]
    for n, (name, grade, function, goals, offered, shown) in enumerate(mentors):
        user = person(roles=["member"], email=f"mentor{n}@northbridge.example",
                      display_name=name)
        signup_save(actor=user, programme=programme, side="mentor", grade=grade,
                    function=function, location="Leeds", goals=goals, skills_offered=offered,
                    lived_experience_shown=shown, capacity=1, about=f"{name} helps.")
    person(roles=["member"], email="lena.manager@northbridge.example",
           display_name="Lena Manager")
    jade = person(roles=["member"], email="jade.brown@northbridge.example",
                  display_name="Jade Brown")
    return lead, programme, jade


def _sign_up_with_the_keyboard(page, url, assert_accessible, programme) -> None:
    """The whole sign-up form, Tab/Space/Enter/arrow keys only: no mouse click."""
    page.goto(url(f"/mentoring/programmes/{programme.slug}/"))
    assert_accessible(page, "programme")
    _tab_to(page, page.get_by_role("link", name="Sign up", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up to Next step mentoring")
    expect(page.get_by_text("Your background survey answers are never used")).to_be_visible()
    assert_accessible(page, "sign-up form")

    mentee = page.get_by_label("As a mentee")
    _tab_to(page, mentee)
    page.keyboard.press("Space")
    expect(mentee).to_be_checked()
    grade = page.get_by_label("Your grade")
    _tab_to(page, grade)
    page.keyboard.press("ArrowDown")  # "Not given" → the most junior grade
    expect(grade).to_have_value("Executive officer")
    for group, label in (
            ("Goals", "First promotion"),
            ("Mentees: skills you would like to build", "Interview practice"),
            ("Mentees: lived experience you would like your mentor to have",
             WANTED_LIVED_EXPERIENCE)):
        box = page.get_by_role("group", name=group).get_by_label(label, exact=True)
        _tab_to(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    manager = page.get_by_label("Your line manager (optional)")
    _tab_to(page, manager)
    page.keyboard.type(LINE_MANAGER_HANDLE)
    _tab_to(page, page.get_by_role("button", name="Sign up", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("You have signed up")
    assert_accessible(page, "programme after signing up")


def test_sign_up_match_publish_and_meet(page, url, sign_in, assert_accessible, settings,
                                        screenshots):
    settings.UPWARD_ORGANISATION_NAME = "Northbridge Group"
    screenshots.mkdir(parents=True, exist_ok=True)
    lead, programme, jade = _world()

    # A member signs up as a mentee, by keyboard.
    sign_in(page, jade.email)
    assert_accessible(page, "member's home")
    _sign_up_with_the_keyboard(page, url, assert_accessible, programme)
    signed_up = Participant.objects.get(user=jade, programme=programme)
    assert (signed_up.side, signed_up.grade, signed_up.goals, signed_up.skills_wanted,
            signed_up.lived_experience_wanted) == (
        Side.MENTEE, "Executive officer", ["First promotion"], ["Interview practice"],
        [WANTED_LIVED_EXPERIENCE])
    assert signed_up.line_manager.email == "lena.manager@northbridge.example"

    # The lead runs matching and reads the pending match before publishing it.
    page.context.clear_cookies()
    sign_in(page, lead.email)
    assert_accessible(page, "lead's home")
    page.goto(url("/mentoring/manage/"))
    assert_accessible(page, "manage")
    page.get_by_role("link", name="Next step mentoring").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Next step mentoring")
    assert_accessible(page, "manage programme")
    page.get_by_role("button", name="Run matching").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Matching run of")
    assert_accessible(page, "run")
    matches = page.get_by_role("table", name=re.compile("^Proposed matches"))
    expect(matches).to_contain_text("pending: only network leads see them")
    row = matches.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Jade Brown"))
    expect(row).to_contain_text("Amara Okafor")
    expect(row).to_contain_text("Same goal: First promotion +")
    # the explanation adds up to the score shown beside it
    score = int(row.locator("td.numeric").inner_text().split()[0])
    points = [int(p) for p in re.findall(r"\+(\d+)", row.locator("td").nth(2).inner_text())]
    assert points and sum(points) == score
    expect(page.get_by_role("heading", name="Match quality")).to_be_visible()
    # the quality spread: counts only, and one mentee is under any k, so no count of 1
    for title, label in (("Match quality by grade", "Executive officer"),
                         ("Match quality by function", "Not given")):
        spread = page.get_by_role("table", name=title)
        spread_row = spread.get_by_role("row").filter(
            has=page.get_by_role("rowheader", name=label, exact=True))
        expect(spread_row).to_have_count(1)
        cells = spread_row.get_by_role("cell").all_inner_texts()
        assert len(cells) == 3 and "1" not in cells, cells
    expect(page.locator("main")).not_to_contain_text(LINE_MANAGER_HANDLE)
    # nobody is matched with the mentee before publishing
    assert not Pair.objects.exists()

    page.get_by_role("link", name="Publish these matches").click()
    assert_accessible(page, "publish confirmation")
    page.get_by_role("button", name="Publish and start the pairs").click()
    expect(page.get_by_role("status")).to_contain_text("1 pair has started")
    assert_accessible(page, "manage programme after publishing")
    pair = Pair.objects.get()
    assert (pair.mentee.user, pair.mentor.user.profile.display_name) == (jade, "Amara Okafor")

    # The member opens her pair from the notification, logs a meeting, sets the next one.
    page.context.clear_cookies()
    sign_in(page, jade.email)
    assert_accessible(page, "member's home with a pair")
    page.goto(url("/community/notifications/"))
    assert_accessible(page, "notifications")
    page.get_by_role("link", name="You have a mentor in Next step mentoring: Amara Okafor.") \
        .click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring with Amara Okafor")
    assert_accessible(page, "pair page")
    page.get_by_role("link", name="Log a meeting").click()
    assert_accessible(page, "log a meeting")
    held_on = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Date").fill(held_on.isoformat())
    page.get_by_label("How long it lasted, in minutes").fill("45")
    page.get_by_label("Notes").fill("Practised answers for the HEO interview.")
    page.get_by_role("button", name="Log the meeting").click()
    meeting_row = page.get_by_role("row").filter(
        has=page.get_by_role("cell", name="Practised answers for the HEO interview."))
    expect(meeting_row).to_contain_text("45")
    expect(meeting_row).to_contain_text("You")
    assert_accessible(page, "pair page with a meeting")
    meeting = Meeting.objects.get()
    assert (meeting.pair, meeting.held_on, meeting.minutes) == (pair, held_on, 45)

    page.get_by_role("link", name="Set the next meeting").click()
    assert_accessible(page, "next meeting form")
    at = (timezone.localtime() + timedelta(days=14)).replace(hour=12, minute=30)
    page.get_by_label("Date and time (UK time)").fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Place").fill("Café, 2nd floor")
    page.get_by_role("button", name="Save the next meeting").click()
    expect(page.get_by_text("Café, 2nd floor")).to_be_visible()
    assert_accessible(page, "pair page with the next meeting")
    page.screenshot(path=screenshots / "mentoring-pair.png", full_page=True)

    # The .ics download: a real browser download, then the response's headers.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("^Add to calendar")).click()
    download = download_info.value
    assert download.suggested_filename == f"mentoring-next-meeting-{pair.pk}.ics"
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")  # RFC 5545 lines end in CRLF
    body = raw.decode("utf-8")
    assert "BEGIN:VEVENT" in body
    assert at.strftime("%Y%m%dT1230") in body
    assert "Amara Okafor" in body
    response = page.context.request.get(url(f"/mentoring/pairs/{pair.pk}/next-meeting.ics"))
    assert response.ok
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment;")
    # the same calendar either way, apart from DTSTAMP (the moment it was made)
    assert _without_stamps(response.body()) == _without_stamps(raw)
    assert WANTED_LIVED_EXPERIENCE not in body

    # The mentor sees the meeting the mentee logged, and nothing the mentee kept private.
    page.context.clear_cookies()
    sign_in(page, "mentor0@northbridge.example")
    assert_accessible(page, "mentor's home")
    page.goto(url("/mentoring/"))
    assert_accessible(page, "mentor's mentoring home")
    page.get_by_role("link", name="Mentoring Jade Brown").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring with Jade Brown")
    meeting_row = page.get_by_role("row").filter(
        has=page.get_by_role("cell", name="Practised answers for the HEO interview."))
    expect(meeting_row).to_contain_text("Jade Brown")
    expect(page.get_by_text("Café, 2nd floor")).to_be_visible()
    main = page.locator("main")
    expect(main).not_to_contain_text(WANTED_LIVED_EXPERIENCE)
    expect(main).not_to_contain_text(LINE_MANAGER_HANDLE)
    expect(main).not_to_contain_text("Lena Manager")
    assert_accessible(page, "mentor's pair page")
    assert (screenshots / "mentoring-pair.png").read_bytes()[:8] == PNG
