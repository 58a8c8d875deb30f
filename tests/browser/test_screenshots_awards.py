"""Awards and impact screenshots, from the demo's own data (``seed_demo``, with fewer
members), as the demo's personas see them.

Every run takes and checks them (axe-clean, 1280 px wide PNGs); ``make screenshots``
(``UPWARD_SCREENSHOTS=docs``) writes them to docs/screenshots: awards-entry.png (a
member's awards page), awards-judging.png (the judge persona's pending assignment in the
cycle being judged, blind where the category is), awards-results.png (an administrator's
results of a category of last year's cycle, with reliability), awards-public.png (last
year's public results) and impact-progress.png. Each file has this one writer.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from upward.web.awards.models import Answer, Assignment, Cycle
from upward.web.awards.selectors.entries import person_name
from upward.web.awards.selectors.judging import category_is_blind
from upward.web.demo import content
from upward.web.demo.seed import DEMO_PASSWORD, seed_demo

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PNG = b"\x89PNG\r\n\x1a\n"
NAMES = ("awards-entry.png", "awards-judging.png", "awards-results.png", "awards-public.png",
         "impact-progress.png")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where the screenshots go: docs/screenshots only when asked for (as test_screenshots)."""
    return DOCS_SCREENSHOTS if os.environ.get("UPWARD_SCREENSHOTS") == "docs" else tmp_path


def test_awards_and_impact_screenshots(page, url, sign_in, assert_accessible, settings,
                                       screenshots):
    settings.UPWARD_ORGANISATION_NAME = content.ORGANISATION  # as `make demo` shows it
    seed_demo(members=60, seed=2026)
    screenshots.mkdir(parents=True, exist_ok=True)
    past = Cycle.objects.filter(results_published_at__isnull=False).get()
    live = Cycle.objects.filter(results_published_at__isnull=True).order_by(
        "entries_open_at").first()

    # A member's awards page: the open cycle's categories, their own entries.
    sign_in(page, f"member@{content.DOMAIN}", DEMO_PASSWORD)
    assert_accessible(page, "the member's home (demo)")
    page.goto(url("/awards/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "awards home (demo)")
    page.screenshot(path=screenshots / "awards-entry.png", full_page=True)

    # The judge persona's pending assignment in this year's cycle.
    pending = (Assignment.objects
               .filter(judge__email=f"judge@{content.DOMAIN}", submitted_at__isnull=True,
                       panel__category__cycle=live)
               .select_related("entry__nominee__profile", "entry__category")
               .order_by("pk").first())
    assert pending is not None, "the demo has a pending assignment for the judge persona"
    page.context.clear_cookies()
    sign_in(page, f"judge@{content.DOMAIN}", DEMO_PASSWORD)
    assert_accessible(page, "the judge's home (demo)")
    page.goto(url(f"/awards/judging/assignments/{pending.pk}/"))
    expect(page.get_by_role("button", name="Save scores")).to_be_visible()
    assert_accessible(page, "a pending assignment (demo)")
    entry = pending.entry
    if category_is_blind(entry.category):
        main = page.get_by_role("main")
        expect(main).to_contain_text("Blind")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Entry #{entry.pk}")
        # names, the title and blind answers must appear nowhere
        hidden = [person_name(entry.nominee), entry.title]
        if entry.nominator_id:
            hidden.append(person_name(entry.nominator))
        hidden += [a.text for a in Answer.objects.filter(entry=entry, question__blind=True)
                   if a.text.strip()]
        html = page.content()
        for text in hidden:
            assert text not in html, f"{text!r} reached a blind judging page"
    page.screenshot(path=screenshots / "awards-judging.png", full_page=True)

    # The administrator's results of a category of last year's cycle, with reliability.
    page.context.clear_cookies()
    sign_in(page, f"admin@{content.DOMAIN}", DEMO_PASSWORD)
    assert_accessible(page, "the administrator's home (demo)")
    category = past.categories.order_by("pk").first()
    page.goto(url(f"/awards/manage/categories/{category.pk}/results/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Results: {category.name}")
    expect(page.get_by_text("Krippendorff's α (interval)").first).to_be_visible()
    assert_accessible(page, "a category's results (demo)")
    page.screenshot(path=screenshots / "awards-results.png", full_page=True)

    page.goto(url("/impact/progress/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, "impact progress (demo)")
    page.screenshot(path=screenshots / "impact-progress.png", full_page=True)

    # Last year's public results, signed out.
    page.context.clear_cookies()
    page.goto(url(f"/awards/results/{past.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{past.name}: results")
    expect(page.get_by_role("heading", name="Winner").first).to_be_visible()
    assert_accessible(page, "public results (demo)")
    page.screenshot(path=screenshots / "awards-public.png", full_page=True)

    for name in NAMES:
        image = (screenshots / name).read_bytes()
        assert image[:8] == PNG
        width = int.from_bytes(image[16:20], "big")
        assert width == 1280, f"{name} is {width}px wide"
