"""Every mentoring page on a phone (390 px) and a laptop (1280 px), for a member, a mentor
and a network lead: axe-clean and never wider than the window. Then, with JavaScript
off, one POST of each kind of form the pages have (field forms, confirmation pages and
one-button forms) still works.

One browser context per role and width; the people and their data are made by services.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.mentoring.models import (
    Kind,
    MatchRun,
    MentorRequest,
    Pair,
    PairGoal,
    Participant,
    Programme,
    ProposedMatch,
    RouletteRound,
    SignupQuestion,
)
from upward.web.mentoring.services.matching import run_create
from upward.web.mentoring.services.pairs import (
    meeting_log,
    next_meeting_set,
    pair_goal_add,
    pair_start,
)
from upward.web.mentoring.services.programmes import programme_create, question_add
from upward.web.mentoring.services.requests import request_send
from upward.web.mentoring.services.signup import signup_save

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
WIDTHS = pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
# realistic long unbroken text: a link pasted into notes and an "about"
LINK = "https://intranet.northbridge.example/careers/progression/internal-vacancies-and-secondments"


def _world() -> dict:
    lead = person(roles=["member", "lead"], email="priya.shah@northbridge.example",
                  display_name="Priya Shah")
    programme = programme_create(
        actor=lead, name="Next step mentoring for customer operations and finance colleagues",
        kind="open", grades=["Executive officer", "Higher executive officer", "Grade 7",
                             "Senior manager"],
        functions=["Customer Operations", "Finance"],
        skills=["Interview practice", "Managing people", "Stakeholder management"],
        locations=["Leeds", "Manchester"], description=f"Read more at {LINK}")
    question_add(actor=lead, programme=programme, text="How would you rather meet?",
                 options=["In person", "Online"], weight=5)

    def member(email, name):
        return person(roles=["member"], email=f"{email}@northbridge.example",
                      display_name=name)

    amara, kwame = member("amara", "Amara Okafor-Fitzgerald"), member("kwame", "Kwame Mensah")
    for user, grade, offered in ((amara, "Grade 7", ["Interview practice"]),
                                 (kwame, "Senior manager", ["Managing people"])):
        signup_save(actor=user, programme=programme, side="mentor", grade=grade,
                    function="Finance", location="Leeds", goals=["First promotion"],
                    skills_offered=offered, lived_experience_shown=["Career changer"],
                    capacity=3, about=f"Ask me about moving up. {LINK}")
    mentees = {}
    for email, name in (("jade", "Jade Brown"), ("sam", "Sam Reid"), ("ola", "Ola Ade")):
        mentees[email] = member(email, name)
        signup_save(actor=mentees[email], programme=programme, side="mentee",
                    grade="Executive officer", function="Customer Operations",
                    goals=["First promotion"], skills_wanted=["Interview practice"],
                    about="I would like to become a team leader.")
    participant = {p.user.email.split("@")[0]: p
                   for p in Participant.objects.filter(programme=programme)}
    pair = pair_start(mentee=participant["jade"], mentor=participant["amara"],
                      source="matched", score=30, explanation=[["Same goal: First promotion", 30]])
    jade = mentees["jade"]
    meeting = meeting_log(actor=jade, pair_id=pair.pk, held_on=timezone.localdate(),
                          minutes=40, notes=f"Read {LINK} before next time.")
    next_meeting_set(actor=jade, pair_id=pair.pk,
                     at=timezone.localtime() + timedelta(days=10), place="Room 4.12")
    goal = pair_goal_add(actor=jade, pair_id=pair.pk, text="Apply for a team leader role")
    for email in ("sam", "ola"):
        request_send(actor=mentees[email], programme=programme,
                     mentor_id=participant["amara"].pk, message="Could you help me?")
    run = run_create(actor=lead, programme=programme)
    roulette = Programme.objects.create(name="Coffee roulette", slug="coffee",
                                        kind=Kind.ROULETTE)
    for user in (amara, kwame, jade):
        Participant.objects.create(programme=roulette, user=user, side="both")
    return {"lead": lead, "programme": programme, "pair": pair, "meeting": meeting,
            "goal": goal, "run": run, "participant": participant, "roulette": roulette,
            "question": SignupQuestion.objects.get()}


def hidden(visible: str, rest: str) -> re.Pattern:
    """An accessible name made of visible text and a visually hidden rest."""
    return re.compile(rf"^{re.escape(visible)}\W+{re.escape(rest)}$")


def _fits(page, what: str) -> None:
    layout = page.evaluate("() => ({scrollWidth: document.documentElement.scrollWidth, "
                           "innerWidth: innerWidth})")
    assert layout["scrollWidth"] <= layout["innerWidth"], (
        f"{what} is {layout['scrollWidth']} px wide in a {layout['innerWidth']} px window")


@pytest.fixture
def visit(url, assert_accessible):
    """Open a page: it must answer 200, be axe-clean and fit the window."""

    def do(page, path: str, what: str) -> None:
        response = page.goto(url(path))
        assert response.status == 200, f"{what} ({path}) answered {response.status}"
        assert_accessible(page, what)
        _fits(page, what)

    return do


@WIDTHS
def test_a_member_walks_every_page(viewport, page, sign_in, visit, assert_accessible):
    world = _world()
    slug, pair, meeting = world["programme"].slug, world["pair"], world["meeting"]
    mentor_id = world["participant"]["kwame"].pk
    sams_request = MentorRequest.objects.get(mentee__user__email="sam@northbridge.example")
    page.set_viewport_size(viewport)

    sign_in(page, "sam@northbridge.example")  # a mentee still looking for a mentor
    assert_accessible(page, "home")
    _fits(page, "home")
    for path, what in (
            ("/mentoring/", "mentoring home"),
            (f"/mentoring/programmes/{slug}/", "programme"),
            (f"/mentoring/programmes/{slug}/sign-up/", "sign-up form"),
            (f"/mentoring/programmes/{slug}/mentors/", "suggested mentors"),
            (f"/mentoring/programmes/{slug}/mentors/{mentor_id}/request/", "request form"),
            (f"/mentoring/programmes/{slug}/mentors/{mentor_id}/not-for-me/", "not for me"),
            (f"/mentoring/programmes/{slug}/leave/", "leave"),
            ("/mentoring/requests/", "requests, sent"),
            (f"/mentoring/requests/{sams_request.pk}/withdraw/", "withdraw")):
        visit(page, path, what)

    page.context.clear_cookies()
    sign_in(page, "jade@northbridge.example")  # a mentee in a pair
    assert_accessible(page, "home with a pair")
    _fits(page, "home with a pair")
    for path, what in (
            ("/mentoring/", "mentoring home with a pair"),
            ("/mentoring/pairs/", "pair list"),
            (f"/mentoring/pairs/{pair.pk}/", "pair page"),
            (f"/mentoring/pairs/{pair.pk}/meetings/new/", "log a meeting"),
            (f"/mentoring/pairs/{pair.pk}/meetings/{meeting.pk}/edit/", "edit a meeting"),
            (f"/mentoring/pairs/{pair.pk}/meetings/{meeting.pk}/delete/", "delete a meeting"),
            (f"/mentoring/pairs/{pair.pk}/next-meeting/", "next meeting"),
            (f"/mentoring/pairs/{pair.pk}/next-meeting/clear/", "clear the next meeting"),
            (f"/mentoring/pairs/{pair.pk}/goals/{world['goal'].pk}/remove/", "remove a goal"),
            (f"/mentoring/pairs/{pair.pk}/end/", "end the pair"),
            (f"/mentoring/pairs/{pair.pk}/feedback/", "feedback")):
        visit(page, path, what)


@WIDTHS
def test_a_mentor_walks_every_page(viewport, page, sign_in, visit, assert_accessible):
    world = _world()
    pair = world["pair"]
    sam_request, ola_request = (MentorRequest.objects.get(mentee__user__email=email) for email
                                in ("sam@northbridge.example", "ola@northbridge.example"))
    page.set_viewport_size(viewport)
    sign_in(page, "amara@northbridge.example")
    assert_accessible(page, "mentor's home")
    _fits(page, "mentor's home")
    for path, what in (
            ("/mentoring/", "mentor's mentoring home"),
            ("/mentoring/requests/", "requests, received"),
            (f"/mentoring/requests/{sam_request.pk}/accept/", "accept"),
            (f"/mentoring/requests/{ola_request.pk}/decline/", "decline"),
            ("/mentoring/pairs/", "mentor's pair list"),
            (f"/mentoring/pairs/{pair.pk}/", "mentor's pair page"),
            (f"/mentoring/pairs/{pair.pk}/meetings/new/", "mentor logs a meeting"),
            (f"/mentoring/pairs/{pair.pk}/end/", "mentor ends the pair"),
            (f"/mentoring/pairs/{pair.pk}/feedback/", "mentor's feedback"),
            (f"/mentoring/programmes/{world['programme'].slug}/sign-up/",
             "mentor's sign-up")):
        visit(page, path, what)


@WIDTHS
def test_a_lead_walks_every_page(viewport, page, sign_in, visit, assert_accessible):
    world = _world()
    slug, run = world["programme"].slug, world["run"]
    page.set_viewport_size(viewport)
    sign_in(page, world["lead"].email)
    assert_accessible(page, "lead's home")
    _fits(page, "lead's home")
    for path, what in (
            ("/mentoring/manage/", "manage list"),
            ("/mentoring/manage/new/", "new programme form"),
            (f"/mentoring/manage/{slug}/", "manage programme"),
            (f"/mentoring/manage/{slug}/edit/", "programme form"),
            (f"/mentoring/manage/{slug}/questions/{world['question'].pk}/remove/",
             "remove a question"),
            (f"/mentoring/manage/{slug}/archive/", "archive"),
            (f"/mentoring/manage/{slug}/runs/{run.pk}/", "run page"),
            (f"/mentoring/manage/{slug}/runs/{run.pk}/publish/", "publish"),
            (f"/mentoring/manage/{slug}/runs/{run.pk}/discard/", "discard"),
            (f"/mentoring/manage/{slug}/health/", "health"),
            ("/mentoring/manage/coffee/roulette/", "roulette"),
            ("/mentoring/manage/coffee/roulette/draw/", "draw a roulette round")):
        visit(page, path, what)


# -- without JavaScript, on a phone: one POST of each kind of form --------------------

def _no_js_phone(page):
    page.set_viewport_size(PHONE)
    return page


def test_a_lead_without_javascript(page_without_js, sign_in, visit, assert_accessible):
    page = _no_js_phone(page_without_js)
    world = _world()
    slug = world["programme"].slug
    sign_in(page, world["lead"].email)
    assert_accessible(page, "home")

    # a form with fields: a new programme
    visit(page, "/mentoring/manage/new/", "new programme")
    page.get_by_label("Name", exact=True).fill("Spring cohort")
    page.get_by_label("Always open").check()
    page.get_by_role("textbox", name="Grades (optional)").fill("EO\nHEO")
    page.get_by_label("Best overall").check()
    page.get_by_role("button", name="Save the programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring cohort")
    assert_accessible(page, "new programme saved")
    _fits(page, "new programme saved")
    assert Programme.objects.filter(name="Spring cohort").exists()

    # a form with fields under the manage page: a sign-up question
    visit(page, f"/mentoring/manage/{slug}/", "manage programme")
    page.get_by_label("Question", exact=True).fill("Which day suits you?")
    page.get_by_label("Answers to choose from").fill("Monday\nFriday")
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_role("heading", name="Which day suits you?")).to_be_visible()
    assert_accessible(page, "question added")
    assert SignupQuestion.objects.filter(text="Which day suits you?").exists()

    # the form a manage page holds: run matching
    page.get_by_role("button", name="Run matching").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Matching run of")
    assert_accessible(page, "a second run")
    _fits(page, "a second run")
    run = MatchRun.objects.latest("pk")
    assert run.matches.count() == 2

    # a one-button form in a table: remove a proposed match
    page.get_by_role("button", name="Remove the match of Sam Reid").click()
    assert_accessible(page, "match removed")
    assert not ProposedMatch.objects.filter(run=run, mentee__user__email__startswith="sam")\
        .exists()

    # the by-hand form of a run: Sam back in, with Kwame
    page.get_by_label("Mentee", exact=True).select_option(label="Sam Reid")
    page.get_by_label("Mentor", exact=True).select_option(label="Kwame Mensah")
    page.get_by_role("button", name="Set the match").click()
    expect(page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Sam Reid"))).to_contain_text("Set by hand")
    assert_accessible(page, "match set by hand")

    # a confirmation page: publish
    page.get_by_role("link", name="Publish these matches").click()
    assert_accessible(page, "publish confirmation")
    page.get_by_role("button", name="Publish and start the pairs").click()
    expect(page.get_by_role("status")).to_contain_text("2 pairs have started")
    assert_accessible(page, "published")
    _fits(page, "published")
    assert Pair.objects.filter(run=run).count() == 2

    # another confirmation: this month's coffee roulette
    visit(page, "/mentoring/manage/coffee/roulette/draw/", "draw confirmation")
    page.get_by_role("button", name="Draw the round").click()
    expect(page.locator("p.notice")).to_contain_text("is drawn")
    assert_accessible(page, "drawn")
    assert RouletteRound.objects.filter(programme=world["roulette"]).count() == 1


def test_a_mentor_without_javascript(page_without_js, sign_in, visit, assert_accessible):
    page = _no_js_phone(page_without_js)
    _world()
    sam_request, ola_request = (MentorRequest.objects.get(mentee__user__email=email) for email
                                in ("sam@northbridge.example", "ola@northbridge.example"))
    sign_in(page, "amara@northbridge.example")
    assert_accessible(page, "home")

    visit(page, f"/mentoring/requests/{ola_request.pk}/decline/", "decline")
    page.get_by_label("Reason (optional)").fill("I am full until the summer.")
    page.get_by_role("button", name="Decline the request").click()
    assert_accessible(page, "declined")
    _fits(page, "declined")
    ola_request.refresh_from_db()
    assert ola_request.status == "declined"

    visit(page, "/mentoring/requests/", "requests")
    page.get_by_role("link", name=hidden("Accept", "Sam Reid")).click()
    assert_accessible(page, "accept confirmation")
    page.get_by_role("button", name="Accept and start the pair").click()
    expect(page.get_by_role("status")).to_contain_text("your pair has started")
    assert_accessible(page, "accepted")
    assert Pair.objects.filter(mentee__user__email="sam@northbridge.example",
                               mentor__user__email="amara@northbridge.example").exists()


def test_a_member_without_javascript(page_without_js, sign_in, visit, assert_accessible):
    page = _no_js_phone(page_without_js)
    world = _world()
    pair, slug = world["pair"], world["programme"].slug
    sign_in(page, "jade@northbridge.example")
    assert_accessible(page, "home")

    # a one-button form on the pair page: mark a goal done
    visit(page, f"/mentoring/pairs/{pair.pk}/", "pair page")
    page.get_by_role("button", name=hidden("Mark as done", "Apply for a team leader role")).click()
    expect(page.get_by_text("Done", exact=True)).to_be_visible()
    assert_accessible(page, "goal done")
    assert PairGoal.objects.get().done_at is not None

    # confirmation pages: delete a meeting, clear the next meeting
    today = f"{timezone.localdate():%-d %B %Y}"
    page.get_by_role("link", name=hidden("Delete", f"the meeting on {today}")).click()
    assert_accessible(page, "delete confirmation")
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("No meetings logged yet.")).to_be_visible()
    assert_accessible(page, "meeting deleted")
    page.get_by_role("link", name="Clear the next meeting").click()
    assert_accessible(page, "clear confirmation")
    page.get_by_role("button", name="Clear").click()
    expect(page.get_by_text("No next meeting is set.")).to_be_visible()
    assert_accessible(page, "next meeting cleared")
    _fits(page, "pair page after the changes")

    # a mentee still looking withdraws her request and dismisses a suggestion
    page.context.clear_cookies()
    sign_in(page, "sam@northbridge.example")
    assert_accessible(page, "home")
    visit(page, "/mentoring/requests/", "requests")
    page.get_by_role("link", name=hidden("Withdraw", "the request to Amara Okafor-Fitzgerald")) \
        .click()
    assert_accessible(page, "withdraw confirmation")
    page.get_by_role("button", name="Withdraw").click()
    assert_accessible(page, "withdrawn")
    assert MentorRequest.objects.get(mentee__user__email="sam@northbridge.example") \
        .status == "withdrawn"
    # a one-button form on the programme page: pause, and take part again
    visit(page, f"/mentoring/programmes/{slug}/", "programme")
    page.get_by_role("button", name="Pause for now").click()
    expect(page.get_by_role("status")).to_contain_text("You are paused")
    assert_accessible(page, "paused")
    assert Participant.objects.get(user__email="sam@northbridge.example",
                                   programme__slug=slug).status == "paused"
    page.get_by_role("button", name="Take part again").click()
    assert_accessible(page, "taking part again")
    visit(page, f"/mentoring/programmes/{slug}/mentors/", "suggestions")
    page.get_by_role("link", name=hidden("Not for me", "Kwame Mensah")).click()
    assert_accessible(page, "not for me confirmation")
    page.get_by_role("button", name="Do not suggest them again").click()
    assert_accessible(page, "dismissed")
    _fits(page, "dismissed")
    expect(page.get_by_role("heading", name="Kwame Mensah")).to_have_count(0)
