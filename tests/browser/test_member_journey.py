"""A member signs in, finds their way by keyboard, fills in their profile and signs out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upward.web.accounts.models import Profile, User
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "amara.okafor@northbridge.example"


def focused(page) -> dict:
    """What has keyboard focus: tag, id, text and whether the focus is drawn."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
            tag: el.tagName.toLowerCase(), id: el.id, text: el.innerText.trim(),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
            shadow: style.boxShadow !== 'none',
            onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                && box.left < innerWidth && box.top < innerHeight,
        };
    }""")


def tab_to(page, text: str, *, limit: int = 25) -> dict:
    """Press Tab until the focused element's text is ``text``; fail if it never is."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        seen.append(now["text"] or now["tag"])
        if now["text"] == text:
            assert now["onScreen"], f"{text!r} has focus but is not visible on screen"
            assert now["outline"] or now["shadow"], f"{text!r} has focus but no visible focus style"
            return now
    pytest.fail(f"Tab never reached {text!r}; focus went through {seen}")


def test_sign_in_keyboard_navigation_profile_edit_and_sign_out(page, url, assert_accessible):
    member = person(roles=["member"], email=EMAIL, display_name="Amara Okafor",
                    job_title="", bio="")
    before = Profile.objects.get(user=member)

    # --- a wrong password: a specific error in the summary, nothing changes -------------
    page.goto(url("/accounts/sign-in/"))
    assert_accessible(page, "sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill("not my password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("That email address and password do not match an account")
    expect(summary).to_be_focused()  # upward.js moves focus there for screen-reader users
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/$"))
    assert_accessible(page, "sign-in with an error")
    assert "sessionid" not in {c["name"] for c in page.context.cookies()}
    member.refresh_from_db()
    assert member.last_login is None

    # --- the right password ---------------------------------------------------------------
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Amara Okafor")
    expect(page).to_have_url(url("/"))
    assert_accessible(page, "home")

    # --- keyboard only: skip link first, Enter moves focus to the main content -------------
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Skip to main content", f"first Tab landed on {first}"
    assert first["onScreen"], "the skip link stays off screen when it has focus"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    # from the top again: skip link, then through the header to the navigation
    page.goto(url("/"))
    assert_accessible(page, "home (reloaded)")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to main content"
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link")).to_have_text(
        ["Home", "Community", "Mentoring", "Outreach", "Awards", "People",
         "Background survey", "My profile"])
    tab_to(page, "People")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("People in the network")
    expect(nav.get_by_role("link", name="People")).to_have_attribute("aria-current", "page")
    assert_accessible(page, "people directory")

    tab_to(page, "My profile")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    assert_accessible(page, "my profile (empty)")

    tab_to(page, "Edit your profile")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your profile")
    assert_accessible(page, "edit profile")

    # --- edit the profile (typed from the keyboard into labelled fields) -----------------
    page.get_by_role("textbox", name=re.compile(r"^Job title")).focus()
    page.keyboard.type("Data analyst")
    page.get_by_role("textbox", name=re.compile(r"^About me")).focus()
    page.keyboard.type("I left school at 16 and started on the phones in our Leeds call "
                       "centre. An evening course in statistics changed everything.")
    page.get_by_role("textbox", name=re.compile(r"^Ask me about")).fill(
        "apprenticeships, moving into data")
    page.get_by_label("Who can see: job title").select_option(label="Network members")
    page.get_by_label("Who can see: about me").select_option(label="Everyone signed in")
    page.get_by_role("button", name="Save profile").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    assert_accessible(page, "my profile after saving")

    profile = Profile.objects.get(pk=before.pk)
    assert profile.job_title == "Data analyst"
    assert profile.bio.startswith("I left school at 16")
    assert profile.ask_me_about == ["apprenticeships", "moving into data"]
    assert profile.visibility_of("job_title") == "network"
    assert profile.visibility_of("bio") == "organisation"

    # --- add a career timeline entry --------------------------------------------------------
    page.get_by_role("link", name="Edit your profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit your profile")
    assert_accessible(page, "edit profile (second visit)")
    page.get_by_role("link", name="Add a role to your timeline").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a role to your timeline")
    assert_accessible(page, "add career entry")
    page.get_by_label("Role", exact=True).fill("Customer service adviser")
    page.get_by_label("Organisation").fill("Northbridge Group")
    page.get_by_label("Start year").fill("2014")
    page.get_by_label("End year").fill("2019")
    page.get_by_role("button", name="Add role").click()
    expect(page.get_by_role("status")).to_contain_text("Added to your career timeline.")
    expect(page.get_by_role("table", name="Your career timeline")).to_contain_text(
        "Customer service adviser")
    assert_accessible(page, "edit profile with a timeline")

    # --- the result on the profile page -------------------------------------------------------
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My profile").click()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    expect(main).to_contain_text("Data analyst")
    expect(main).to_contain_text("An evening course in statistics changed everything.")
    timeline = main.get_by_role("list").filter(has_text="Customer service adviser")
    expect(timeline).to_contain_text("Northbridge Group")
    expect(timeline).to_contain_text("2014–2019")
    expect(page.get_by_role("complementary", name="Ask me about")).to_contain_text(
        "moving into data")
    assert_accessible(page, "my profile, filled in")

    # --- sign out with the button in the header ----------------------------------------------
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    assert_accessible(page, "landing after signing out")
    page.goto(url("/me/"))
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/\?next=/me/$"))
    assert_accessible(page, "sign-in after signing out")
    assert User.objects.get(pk=member.pk).last_login is not None
