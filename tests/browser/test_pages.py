"""A tour of every page, as each kind of visitor, with axe-core on each one.

The journeys elsewhere check what people do; these visits make sure no page is
left out of the accessibility check, including error and empty states.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upward.web.accounts import services
from upward.web.accounts.models import AccessToken, Invitation, User
from upward.web.demo.factories import CareerEntryFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def heading(page):
    return page.get_by_role("heading", level=1)


def test_anonymous_pages_and_password_reset(page, url, assert_accessible, mailoutbox):
    person(roles=["member"], email="lee.chan@northbridge.example", display_name="Lee Chan")

    page.goto(url("/"))
    expect(heading(page)).to_contain_text("social-mobility network")
    assert_accessible(page, "landing")

    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    expect(heading(page)).to_have_text("Sign in")
    assert_accessible(page, "sign-in")
    page.get_by_role("button", name="Sign in", exact=True).click()  # nothing filled in
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("link")).to_have_text([
        "Enter your email address", "Enter your password",
    ])
    assert_accessible(page, "sign-in with field errors")
    # the summary's links take focus to the field in question
    summary.get_by_role("link", name="Enter your password").click()
    expect(page.get_by_label("Password", exact=True)).to_be_focused()

    page.get_by_role("link", name="Forgotten your password?").click()
    expect(heading(page)).to_have_text("Reset your password")
    assert_accessible(page, "password reset")
    page.get_by_label("Email", exact=True).fill("lee.chan@northbridge.example")
    page.get_by_role("button", name="Send the link").click()
    expect(heading(page)).to_have_text("Check your email")
    assert_accessible(page, "password reset sent")

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/reset/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    expect(heading(page)).to_have_text("Choose a new password")
    assert_accessible(page, "choose a new password")
    page.get_by_label("New password", exact=True).fill("a longer new secret")
    page.get_by_label("New password confirmation").fill("a different one")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator(".error-summary")).to_contain_text("didn’t match")
    assert_accessible(page, "choose a new password with an error")
    page.get_by_label("New password", exact=True).fill("a longer new secret")
    page.get_by_label("New password confirmation").fill("a longer new secret")
    page.get_by_role("button", name="Save the new password").click()
    expect(heading(page)).to_have_text("Your password has been changed")
    assert_accessible(page, "password changed")
    assert User.objects.get(email="lee.chan@northbridge.example").check_password(
        "a longer new secret")

    page.goto(link)  # used once already
    expect(heading(page)).to_have_text("This link does not work")
    assert_accessible(page, "used password reset link")

    response = page.goto(url("/no-such-page/"))
    assert response.status == 404
    expect(heading(page)).to_have_text("Page not found")
    assert_accessible(page, "404 (anonymous)")


def test_member_pages(page, url, sign_in, assert_accessible):
    person(roles=["member"], email="member@northbridge.example", display_name="Dev Patel",
           job_title="Software engineer", team="Digital", location="Cardiff",
           bio="First in my family to go to university.")
    colleague = person(roles=["member"], email="nia@northbridge.example",
                       display_name="Nia Roberts", job_title="Claims handler",
                       team="Motor claims", location="Swansea",
                       bio="Started as a temp in the post room.",
                       ask_me_about=["returning to work", "part-time study"])
    CareerEntryFactory(profile=colleague.profile, title="Post room assistant",
                       start_year=2009, end_year=2012)

    sign_in(page, "member@northbridge.example")
    expect(heading(page)).to_have_text("Welcome, Dev Patel")
    assert_accessible(page, "home")

    page.get_by_role("link", name="API tokens").click()
    expect(heading(page)).to_have_text("API tokens")
    assert_accessible(page, "API tokens (none yet)")
    page.get_by_label("Token name").fill("Quarterly report script")
    page.get_by_role("button", name="Create token").click()
    secret = page.locator("#new-token")
    expect(secret).to_have_text(re.compile(r"\S{20,}"))
    expect(page.get_by_role("table", name="Your tokens")).to_contain_text(
        "Quarterly report script")
    assert_accessible(page, "API tokens after creating one")
    assert AccessToken.objects.filter(name="Quarterly report script").count() == 1

    page.get_by_role("contentinfo").get_by_role("link", name="Your data and privacy").click()
    expect(heading(page)).to_have_text("Your data and privacy")
    assert_accessible(page, "my data")
    page.get_by_role("button", name="Delete my account").click()  # no password: refused
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "my data with an error")
    assert User.objects.filter(email="member@northbridge.example").exists()

    page.get_by_role("link", name="Change your password").click()
    expect(heading(page)).to_have_text("Change your password")
    assert_accessible(page, "change password")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    expect(heading(page)).to_have_text("People in the network")
    assert_accessible(page, "people directory")
    # with JavaScript, htmx updates the results as you type (same page, address kept)
    page.get_by_role("searchbox").fill("claims")
    expect(page.locator("#people-results").get_by_role("heading", level=2)).to_have_text(
        ["Nia Roberts"])
    expect(page).to_have_url(re.compile(r"/people/\?q=claims$"))
    expect(heading(page)).to_have_text("People in the network")
    assert_accessible(page, "people directory, filtered as you type")
    page.get_by_role("link", name="Nia Roberts").click()
    expect(heading(page)).to_have_text("Nia Roberts")
    expect(page.get_by_role("main")).to_contain_text("Post room assistant")
    assert_accessible(page, "a person's page")

    page.goto(url("/people/?q=nobody-has-this-name"))
    expect(page.get_by_role("heading", name="No one found")).to_be_visible()
    assert_accessible(page, "people directory, no results")

    response = page.goto(url("/manage/audit/"))
    assert response.status == 403
    expect(heading(page)).to_have_text("You do not have access to this page")
    assert_accessible(page, "403 (member on the audit log)")

    response = page.goto(url("/people/999999/"))
    assert response.status == 404
    assert_accessible(page, "404 (signed in)")


def test_admin_pages_and_accepting_an_invitation(page, url, sign_in, assert_accessible):
    person(roles=["admin"], email="admin@northbridge.example", display_name="Sam Adeyemi")
    member = person(roles=["member"], email="ola@northbridge.example", display_name="Ola Ade")

    sign_in(page, "admin@northbridge.example")
    assert_accessible(page, "admin home")

    page.goto(url("/manage/people/"))
    assert_accessible(page, "manage people")
    page.goto(url(f"/manage/people/{member.pk}/roles/"))
    expect(heading(page)).to_have_text("Roles for Ola Ade")
    assert_accessible(page, "manage roles")

    page.get_by_role("navigation", name="Manage").get_by_role("link", name="Invitations").click()
    expect(heading(page)).to_have_text("Invitations")
    expect(page.get_by_role("heading", name="No invitations yet")).to_be_visible()
    assert_accessible(page, "invitations (none yet)")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Enter an email address in the correct format, like name@example.com")
    assert_accessible(page, "invitations with an error")
    assert not Invitation.objects.exists()
    page.get_by_label("Email address").fill("new.starter@northbridge.example")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Invitation sent to new.starter@northbridge.example.")
    invite_link = page.locator("#invite-link").inner_text().strip()
    expect(page.get_by_role("table", name="Sent invitations")).to_contain_text("Pending")
    assert_accessible(page, "invitations after sending one")

    page.goto(url("/manage/audit/"))
    expect(page.get_by_role("table")).to_contain_text("Invitation sent")
    assert_accessible(page, "audit log")

    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")
    assert_accessible(page, "landing after signing out")

    # a tampered link: a clear message, nothing else
    response = page.goto(invite_link[:-4] + "abcd/")
    assert response.status == 404
    expect(page.get_by_role("main")).to_contain_text("This invitation link is not valid.")
    assert_accessible(page, "tampered invitation")

    page.goto(invite_link)
    expect(heading(page)).to_contain_text("Join")
    assert_accessible(page, "accept invitation")
    page.get_by_label("Display name").fill("Rosa Lindqvist")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Your password must be 10 characters or more")
    assert_accessible(page, "accept invitation with an error")
    assert not User.objects.filter(email="new.starter@northbridge.example").exists()
    page.get_by_label("Choose a password").fill("a long enough passphrase")
    page.get_by_role("button", name="Create my account").click()
    expect(heading(page)).to_have_text("Edit your profile")
    expect(page.get_by_role("status")).to_contain_text("Welcome!")
    assert_accessible(page, "edit profile for a new member")
    assert User.objects.get(email="new.starter@northbridge.example").profile.display_name \
        == "Rosa Lindqvist"


def test_pages_with_tables_on_a_phone_sized_screen(page, url, sign_in, assert_accessible):
    # Wide tables scroll sideways on a phone. The scrolling box must be reachable by
    # keyboard (axe: scrollable-region-focusable), and nothing may push the page
    # itself wider than the screen.
    admin = person(roles=["admin", "member"], email="admin@northbridge.example",
                   display_name="Sam Adeyemi")
    person(roles=["member"], email="a.very.long.address.for.testing@northbridge.example",
           display_name="Bartholomew Fitzgerald-Okonkwo")
    CareerEntryFactory(profile=admin.profile, title="Senior information governance officer",
                       organisation="Northbridge Group Insurance Services", start_year=2016)
    services.token_create(user=admin, name="Quarterly pay-gap report script", days=90)
    services.invitation_create(actor=admin, email="new.starter.with.long.name@northbridge.example",
                               roles=["member", "lead"])
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "admin@northbridge.example")
    assert_accessible(page, "home on a phone")
    for path, what in [("/manage/people/", "manage people"), ("/manage/audit/", "audit log"),
                       ("/me/edit/", "edit profile with a timeline"),
                       ("/manage/invitations/", "invitations"), ("/me/tokens/", "API tokens")]:
        page.goto(url(path))
        expect(page.get_by_role("table")).to_be_visible()
        assert_accessible(page, f"{what} on a phone")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{what} is {overflow}px wider than a phone screen"
