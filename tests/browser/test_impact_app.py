"""Impact in a browser: an admin completes an unconfirmed goal's name, adds an
initiative mapped to it and a manual KPI with its figures, and sees progress; then the
impact pages are checked with axe-core at phone (390 px) and desktop (1280 px) widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from upward.web.demo.factories import person
from upward.web.impact.models import Goal, Initiative, KpiValue
from upward.web.impact.services.frameworks import frameworks_load_shipped

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_completes_a_goal_adds_an_initiative_and_a_kpi(page, url, sign_in,
                                                             assert_accessible):
    frameworks_load_shipped(actor=None)  # a transactional test starts from an empty database
    admin = person(roles=["admin"], email="sam.admin@northbridge.example",
                   display_name="Sam Admin")
    three = Goal.objects.get(framework__key="levelling_up_goals", number=3)

    sign_in(page, admin.email)
    assert_accessible(page, "admin's home")
    page.goto(url("/impact/"))  # Manage → Impact and reporting
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact and reporting")
    assert_accessible(page, "impact home")
    page.get_by_role("link", name="Levelling Up Goals").click()
    assert_accessible(page, "Levelling Up Goals")
    page.get_by_role("link", name="Complete goal 3").click()
    assert_accessible(page, "complete goal 3")
    page.locator("#id_name").fill("Our name for goal three")
    page.locator("#id_source").fill("Purpose Coalition, checked 2026")
    page.get_by_role("button", name="Save the goal").click()
    expect(page.get_by_role("row", name="3 Our name for goal three")).to_contain_text(
        "Named by the organisation")
    assert_accessible(page, "goal completed")
    three.refresh_from_db()
    assert three.name == "Our name for goal three" and three.edited

    page.goto(url("/impact/initiatives/new/"))
    assert_accessible(page, "new initiative")
    page.locator("#id_name").fill("Apprenticeship route")
    page.locator("#id_budget_gbp").fill("42000")
    page.get_by_label("Levelling Up Goals: 3 Our name for goal three").check()
    page.get_by_role("button", name="Create the initiative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apprenticeship route")
    assert_accessible(page, "initiative page")
    initiative = Initiative.objects.get()

    page.get_by_role("link", name="Add a KPI").click()
    assert_accessible(page, "new KPI")
    page.locator("#id_name").fill("Apprentices from lower backgrounds")
    page.get_by_role("button", name="Add the KPI").click()
    assert_accessible(page, "initiative with a KPI")
    page.get_by_role("link", name="Figures for Apprentices from lower backgrounds").click()
    assert_accessible(page, "KPI figures")
    page.locator("#id_year").fill("2026")
    page.locator("#id_baseline").fill("3")
    page.locator("#id_target").fill("10")
    page.locator("#id_actual").fill("12")
    page.locator("#id_evidence").fill("Intake survey, checked by early careers.")
    page.get_by_role("button", name="Save the figures").click()
    expect(page.get_by_role("cell", name="On track")).to_be_visible()
    assert_accessible(page, "initiative with figures")
    assert KpiValue.objects.get().actual == 12

    page.goto(url("/impact/progress/?year=2026"))
    expect(page.get_by_role("heading", name="Levelling Up Goals: 3 Our name for goal three")
           ).to_be_visible()
    expect(page.locator("svg").first).to_be_visible()
    assert_accessible(page, "progress")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("/impact/", "/impact/progress/?year=2026",
                     f"/impact/frameworks/{three.framework_id}/",
                     f"/impact/initiatives/{initiative.pk}/?year=2026",
                     f"/impact/initiatives/{initiative.pk}/delete/",
                     "/impact/compute/?year=2026", "/impact/frameworks/new/"):
            page.goto(url(path))
            assert_accessible(page, f"{path} at {width}px")
