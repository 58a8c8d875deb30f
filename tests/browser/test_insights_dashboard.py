"""The insights dashboard on a phone (390 px) and a laptop (1280 px): headline figures and
contents first, no horizontal overflow, every chart visible with legible text, the contents
list usable by keyboard, axe-clean."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from upward.demo.synthetic_workforce import synthetic_csv, synthetic_people
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def analyst():
    from upward.web.insights.services import snapshot_import_file

    analyst = person(roles=["analyst"], email="rosa.bell@northbridge.example",
                     display_name="Rosa Bell")
    people = synthetic_people(2000, seed=7, snapshot_date=date(2025, 3, 31))
    snapshot_import_file(actor=analyst, content=synthetic_csv(people), source_name="hr.csv",
                         snapshot_date=date(2025, 3, 31))
    return analyst


def _layout(page) -> dict:
    return page.evaluate("""() => {
        const charts = [...document.querySelectorAll('.insights-chart svg')].map(svg => {
            const box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            const sizes = [...svg.querySelectorAll('text')]
                .map(t => Number(t.getAttribute('font-size')) * scale);
            return {width: box.width, height: box.height, right: box.right,
                    smallestText: Math.min(...sizes)};
        });
        return {scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth,
                charts: charts};
    }""")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390px", "1280px"])
def test_dashboard_fits_the_screen_with_legible_charts(viewport, analyst, page, url, sign_in,
                                                       assert_accessible):
    page.set_viewport_size(viewport)
    sign_in(page, analyst.email)
    assert_accessible(page, "home")
    page.goto(url(reverse("insights:dashboard")))
    main = page.get_by_role("main")
    headings = main.get_by_role("heading", level=2)
    expect(headings.nth(0)).to_have_text("Headline figures")
    expect(headings.nth(1)).to_have_text("Contents")
    expect(main.get_by_text("Lower background in the top grades (Grade 6 to Grade 7)")) \
        .to_be_visible()
    expect(main.get_by_role("heading", name="Background by grade, small groups combined")) \
        .to_be_visible()
    assert_accessible(page, f"dashboard, {viewport['width']} px")

    layout = _layout(page)
    assert layout["scrollWidth"] <= layout["innerWidth"], (
        f"the dashboard is {layout['scrollWidth']} px wide in a {layout['innerWidth']} px window")
    assert len(layout["charts"]) >= 6
    for chart in layout["charts"]:
        assert chart["width"] > 0 and chart["height"] > 0, "a chart is not drawn"
        assert chart["right"] <= viewport["width"], "a chart runs off the screen"
        assert chart["smallestText"] >= 10, f"chart text is {chart['smallestText']:.1f} px"
        if viewport == PHONE:
            assert chart["width"] >= 300, "a chart is squeezed on a phone"
        else:
            assert chart["smallestText"] <= 20, "chart text is oversized on a laptop"
    for svg in page.locator(".insights-chart svg").all():
        svg.scroll_into_view_if_needed()
        expect(svg).to_be_visible()

    # The contents list works from the keyboard: its link takes focus and jumps to the section.
    link = page.get_by_role("navigation", name="Contents").get_by_role("link", name="Pay gap")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(url(reverse("insights:dashboard")) + "#section-pay")
    expect(main.get_by_role("heading", name="Pay gap", exact=True)).to_be_in_viewport()
    assert_accessible(page, f"dashboard at the pay gap, {viewport['width']} px")
