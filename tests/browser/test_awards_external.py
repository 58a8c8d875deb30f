"""The external entry workspace in a browser: a lead opens the demo's draft, inserts a
figure and a quote without JavaScript, and every page is checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from upward.web.awards.models import ExternalEntry
from upward.web.community import services as community
from upward.web.community.models import Audience
from upward.web.demo.awards_seed import seed_awards
from upward.web.demo.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_drafts_an_external_entry_without_javascript(page_without_js, url, sign_in,
                                                            assert_accessible):
    page = page_without_js
    lead = person(roles=["member", "lead"], email="lead@northbridge.example",
                  display_name="Priya Shah")
    author = person(roles=["member"], email="jo.bell@northbridge.example",
                    display_name="Jo Bell")
    story = community.story_create(actor=author, submit=True, title="From Hull",
                                   body="Text", cover_quote="Someone believed in me.",
                                   audience=Audience.PUBLIC)
    community.story_public_decide(actor=lead, story=story, approve=True)
    seed_awards()
    entry = ExternalEntry.objects.get()
    sign_in(page, lead.email)
    assert_accessible(page, "home")
    page.goto(url("/awards/external/"))
    assert_accessible(page, "external entries")
    page.get_by_role("link", name=entry.title).click()
    assert_accessible(page, "draft")
    page.get_by_label("Insert into").select_option(label="Outcomes and impact")
    page.get_by_role("button", name="Insert members of the network").click()
    expect(page.get_by_text("Saved, and inserted into “Outcomes and impact”.")).to_be_visible()
    assert_accessible(page, "draft after inserting a figure")
    page.get_by_role("button", name="Insert quote from “From Hull”").click()
    question = entry.award.questions.get(label="Outcomes and impact")
    expect(page.locator(f"#id_q_{question.pk}")).to_have_value(re.compile("— Jo Bell$"))
    assert_accessible(page, "draft after inserts")
    answer = entry.answers.get(question=question).text
    assert answer.startswith("Our network has") and "— Jo Bell" in answer
    page.get_by_role("link", name="Mark as submitted").click()
    assert_accessible(page, "confirmation")
    page.goto(url(f"/awards/external/awards/{entry.award_id}/"))
    assert_accessible(page, "award template")
    page.goto(url("/awards/external/awards/new/"))
    assert_accessible(page, "new award form")
