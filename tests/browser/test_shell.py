"""The site shell on a phone (390 px) and a laptop (1280 px): the header and its menu
(with and without JavaScript), the signed-in home for a member and a moderator, and a
story with a 120-character word that must not make any page wider than the screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upward.web.community import services
from upward.web.community.defaults import ensure_defaults
from upward.web.community.models import Audience, Category
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
EVERY_ROLE = ["member", "moderator", "lead", "analyst", "judge", "admin"]
SECTIONS = ["Home", "Community", "Mentoring", "Outreach", "Awards", "Moderation", "People",
            "Insights", "Background survey", "Manage", "My profile"]
# 120 characters without a space: the longest title there can be, all one word
LONG_WORD = "Intergenerational" * 7 + "s"
assert len(LONG_WORD) == 120


@pytest.fixture(autouse=True)
def _nobody_is_new(settings):
    settings.UPWARD_COMMUNITY_NEW_MEMBER_DAYS = 0


def _layout(page) -> dict:
    return page.evaluate("""() => {
        const header = document.querySelector('.site-header').getBoundingClientRect();
        const links = [...document.querySelectorAll('nav[aria-label="Main"] a')]
            .filter(a => a.getClientRects().length);
        return {
            header: header.height,
            rows: new Set(links.map(a => Math.round(a.getBoundingClientRect().top))).size,
            linkRight: Math.max(0, ...links.map(a => a.getBoundingClientRect().right)),
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: innerWidth,
        };
    }""")


def _fits(page, what: str) -> None:
    layout = _layout(page)
    assert layout["scrollWidth"] <= layout["innerWidth"], (
        f"{what} is {layout['scrollWidth']} px wide in a {layout['innerWidth']} px window")


def test_header_with_every_role_on_a_laptop(page, url, sign_in, assert_accessible):
    person(roles=EVERY_ROLE, email="all.roles@northbridge.example",
           display_name="Oluwaseun Adebayo-Fitzgerald")
    page.set_viewport_size(LAPTOP)
    sign_in(page, "all.roles@northbridge.example")
    assert_accessible(page, "home, every role, 1280 px")

    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link")).to_have_text(SECTIONS)
    expect(page.get_by_text("Menu", exact=True)).to_be_hidden()  # no button on a laptop
    layout = _layout(page)
    assert layout["rows"] == 1, "the sections wrap onto a second line"
    assert layout["linkRight"] <= layout["innerWidth"]
    assert layout["header"] <= 120, f"the header is {layout['header']} px tall"
    _fits(page, "the home page")

    # a lead's page under a section marks that section, and its own link below
    nav.get_by_role("link", name="Community").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stories")
    assert_accessible(page, "story feed, 1280 px")
    page.get_by_role("navigation", name="Community").get_by_role(
        "link", name="Tags and categories").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage the community")
    expect(nav.get_by_role("link", name="Community")).to_have_attribute("aria-current", "page")
    expect(nav.locator("[aria-current]")).to_have_count(1)
    assert_accessible(page, "community management, 1280 px")


def test_menu_on_a_phone_opens_without_javascript(page_without_js, url, sign_in,
                                                  assert_accessible, settings):
    page = page_without_js
    settings.UPWARD_ORGANISATION_NAME = "Northbridge Group"  # the demo's: the brand wraps
    person(roles=EVERY_ROLE, email="all.roles@northbridge.example",
           display_name="Oluwaseun Adebayo-Fitzgerald")
    page.set_viewport_size(PHONE)
    sign_in(page, "all.roles@northbridge.example")
    assert page.evaluate("typeof window.htmx") == "undefined"
    assert_accessible(page, "home, phone, no JavaScript")

    layout = _layout(page)
    assert layout["header"] <= 100, f"the closed header is {layout['header']} px tall"
    _fits(page, "the home page")
    # The brand gives way to the button, never the other way round ("Men" / "u").
    menu_lines = page.evaluate("""() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('.site-menu__toggle'));
        return new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size;
    }""")
    assert menu_lines == 1, f"the Menu button's text takes {menu_lines} lines"
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_hidden()

    # from the keyboard: the skip link, the brand, then the menu button; Enter opens it
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")
    expect(nav.get_by_role("link")).to_have_text(SECTIONS)
    expect(nav.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_visible()
    _fits(page, "the open menu")
    assert_accessible(page, "home with the menu open, phone, no JavaScript")

    nav.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People in the network")
    assert_accessible(page, "people, phone, no JavaScript")
    # the menu is closed on the new page; opened again, it marks the new section
    expect(nav).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(nav.get_by_role("link", name="People")).to_have_attribute("aria-current", "page")
    # and it closes again from the same button
    page.get_by_text("Menu", exact=True).click()
    expect(nav).to_be_hidden()


def test_menu_on_a_phone_with_javascript_closes_on_escape(page, url, sign_in,
                                                          assert_accessible):
    person(roles=["member"], email="jo.bell@northbridge.example", display_name="Jo Bell")
    page.set_viewport_size(PHONE)
    sign_in(page, "jo.bell@northbridge.example")
    assert_accessible(page, "home, phone")
    nav = page.get_by_role("navigation", name="Main")
    menu = page.get_by_text("Menu", exact=True)
    menu.click()
    expect(nav.get_by_role("link")).to_have_text(
        ["Home", "Community", "Mentoring", "Outreach", "Awards", "People",
         "Background survey", "My profile"])
    assert_accessible(page, "home with the menu open, phone")
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"


def _world():
    """A member with a draft, a story and a discussion from this week, a story waiting for
    a moderator, and a story whose title and text hold one 120-character word."""
    ensure_defaults()
    member = person(roles=["member"], email="jo.bell@northbridge.example",
                    display_name="Jo Bell")
    writer = person(roles=["member"], email="kwame@northbridge.example",
                    display_name="Kwame Mensah")
    moderator = person(roles=["member", "moderator"], email="priya@northbridge.example",
                       display_name="Priya Shah")
    services.story_create(actor=member, title="My first year in payroll")
    services.story_create(actor=writer, submit=True, title="From the tills to team leader",
                          body="How a manager showed me how promotions work.")
    long = services.story_create(actor=writer, submit=True, title=LONG_WORD,
                                 cover_quote=LONG_WORD, audience=Audience.ORGANISATION,
                                 body=f"Before {LONG_WORD} after, and **{LONG_WORD}**.")
    services.comment_create(actor=member, story=long, body=f"Yes: {LONG_WORD}!")
    services.story_create(actor=writer, submit=True, is_anonymous=True,
                          title="Waiting for a moderator", body="Held for review.")
    thread = services.thread_create(
        actor=writer, category=Category.objects.get(slug="careers-and-progression"),
        title="How did you find a mentor?", body="Asking for a friend.")
    services.reply_create(actor=moderator, thread=thread, body="Through this network.")
    return long


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
def test_home_dashboard_for_a_member_and_a_moderator(viewport, page, url, sign_in,
                                                      assert_accessible):
    _world()
    page.set_viewport_size(viewport)
    sign_in(page, "jo.bell@northbridge.example")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Welcome, Jo Bell")
    expect(main.get_by_role("heading", level=2)).to_contain_text(
        ["Where you started: the background survey", "Your drafts", "New stories",
         "New replies in discussions"])
    expect(main.get_by_role("heading", name="Review queue")).to_have_count(0)
    drafts = main.get_by_role("region", name="Your drafts")
    expect(drafts.get_by_role("link", name="My first year in payroll")).to_be_visible()
    stories = main.get_by_role("region", name="New stories")
    expect(stories.get_by_role("link", name="From the tills to team leader")).to_be_visible()
    expect(stories.get_by_role("link", name="Waiting for a moderator")).to_have_count(0)
    expect(main.get_by_role("region", name="New replies in discussions")).to_contain_text(
        "1 reply")
    _fits(page, f"the member's home at {viewport['width']} px")
    assert_accessible(page, f"member's home, {viewport['width']} px")

    drafts.get_by_role("link", name="My first year in payroll").click()
    expect(page).to_have_url(re.compile(r"/community/stories/\d+/edit/$"))
    assert_accessible(page, "editing the draft")

    if viewport == PHONE:
        page.get_by_text("Menu", exact=True).click()
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    assert_accessible(page, "signed out")

    sign_in(page, "priya@northbridge.example")
    queue = main.get_by_role("region", name="Review queue")
    expect(queue).to_contain_text("1 post is waiting for approval")
    _fits(page, f"the moderator's home at {viewport['width']} px")
    assert_accessible(page, f"moderator's home, {viewport['width']} px")
    queue.get_by_role("link", name="Open the review queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    assert_accessible(page, "review queue")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
def test_a_long_word_never_widens_the_page(viewport, page, url, sign_in, assert_accessible):
    long = _world()
    page.set_viewport_size(viewport)
    sign_in(page, "jo.bell@northbridge.example")
    _fits(page, "the home page")
    assert_accessible(page, "home with a long word")
    main = page.get_by_role("main")
    expect(main.get_by_role("region", name="New stories")).to_contain_text(LONG_WORD)

    pages = [("/community/", "the story feed"),
             (f"/community/stories/{long.pk}/", "the story"),
             (f"/community/search/?q={LONG_WORD}", "search results")]
    for path, what in pages:
        page.goto(url(path))
        assert_accessible(page, f"{what}, {viewport['width']} px")
        _fits(page, f"{what} at {viewport['width']} px")
    expect(main.get_by_role("link", name=LONG_WORD)).to_be_visible()  # found by search

    page.goto(url(f"/community/stories/{long.pk}/"))
    assert_accessible(page, "the story again")
    title = main.get_by_role("heading", level=1)
    expect(title).to_have_text(LONG_WORD)
    box = title.bounding_box()
    assert box["x"] + box["width"] <= viewport["width"], "the title runs off the screen"
