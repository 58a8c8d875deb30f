"""An administrator changes a member's roles; the audit log shows exactly what changed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upward.web.core.models import AuditEntry
from upward.web.core.permissions import user_roles
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_changes_a_members_roles_and_the_audit_log_shows_it(
    page, url, sign_in, assert_accessible
):
    person(roles=["admin"], email="admin@northbridge.example", display_name="Sam Adeyemi")
    priya = person(roles=["member", "moderator"], email="priya.shah@northbridge.example",
                   display_name="Priya Shah")
    person(roles=["member"], email="tom.price@northbridge.example", display_name="Tom Price")

    sign_in(page, "admin@northbridge.example")
    assert_accessible(page, "admin home")
    # the header offers sections; a section's pages list its pages the admin may open
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link")).to_have_text(
        ["Home", "Community", "Outreach", "Awards", "Background survey", "Manage",
         "My profile"])
    nav.get_by_role("link", name="Background survey").click()
    expect(page.get_by_role("navigation", name="Background survey").get_by_role("link")
           ).to_have_text(["Your answers", "Survey questions", "Employee number links"])
    assert_accessible(page, "survey")

    nav.get_by_role("link", name="Manage").click()
    manage = page.get_by_role("navigation", name="Manage")
    expect(manage.get_by_role("link")).to_have_text(["Roles", "Invitations", "Audit log",
                                                      "Impact and reporting"])
    expect(manage.get_by_role("link", name="Roles")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Manage")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=1)).to_have_text("People and roles")
    assert_accessible(page, "manage people")

    # filter to one person, as an admin of a large organisation would
    page.get_by_role("searchbox", name="Name or email").fill("priya")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"\?q=priya"))
    rows = page.get_by_role("table", name="Accounts").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Member")
    expect(rows.first).to_contain_text("Moderator")
    assert_accessible(page, "manage people, filtered")

    page.get_by_role("link", name="Change roles for priya.shah@northbridge.example").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Roles for Priya Shah")
    assert_accessible(page, "manage roles")
    roles = page.get_by_role("group", name="Roles")
    expect(roles.get_by_role("checkbox", name=re.compile("^Moderator"))).to_be_checked()
    roles.get_by_role("checkbox", name=re.compile("^Network lead")).check()
    roles.get_by_role("checkbox", name=re.compile("^Moderator")).uncheck()
    page.get_by_role("button", name="Save roles").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Roles for priya.shah@northbridge.example have been saved.")
    row = page.get_by_role("row").filter(has_text="priya.shah@northbridge.example")
    expect(row).to_contain_text("Network lead")
    expect(row).not_to_contain_text("Moderator")
    assert_accessible(page, "manage people after saving roles")
    priya.__dict__.pop("_upward_roles", None)
    assert user_roles(priya) == {"member", "lead"}

    page.get_by_role("navigation", name="Manage").get_by_role("link", name="Audit log").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    assert_accessible(page, "audit log")
    entries = page.get_by_role("table", name="Audit entries, newest first").locator("tbody tr")
    expect(entries).to_have_count(2)
    grant = entries.filter(has_text="Role granted")
    revoke = entries.filter(has_text="Role revoked")
    for entry, role in ((grant, "lead"), (revoke, "moderator")):
        expect(entry).to_contain_text("admin@northbridge.example")
        expect(entry).to_contain_text("priya.shah@northbridge.example")
        expect(entry).to_contain_text(f"role: {role}")
    assert AuditEntry.objects.filter(action__startswith="role.").count() == 2

    # the filter narrows to one kind of action
    page.get_by_label("Action").select_option(label="Role revoked")
    page.get_by_role("button", name="Filter").click()
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text("role: moderator")
    assert_accessible(page, "audit log, filtered")
