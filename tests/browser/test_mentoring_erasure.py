"""After one person of a pair deletes their account, the other still has the pair in a
real browser: ended, the other side shown as "a former member", their own meetings
there; every page axe-clean, with and without JavaScript."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from upward.web.accounts.services import account_delete
from upward.web.demo.factories import person
from upward.web.mentoring.models import PairSource, Participant, Programme, Side
from upward.web.mentoring.services import pairs as services
from upward.web.mentoring.services.pairs import pair_start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pair_whose_mentor_left():
    programme = Programme.objects.create(name="Step up", slug="step-up")
    mentee = person(roles=["member"], email="ade@northbridge.example", display_name="Ade Okafor")
    mentor = person(roles=["member"], email="sam@northbridge.example", display_name="Sam Reid")
    pair = pair_start(
        mentee=Participant.objects.create(programme=programme, user=mentee, side=Side.MENTEE),
        mentor=Participant.objects.create(programme=programme, user=mentor, side=Side.MENTOR),
        source=PairSource.MATCHED, score=30, explanation=[["Same goal: First promotion", 30]])
    services.meeting_log(actor=mentee, pair_id=pair.pk, held_on=timezone.localdate(),
                         notes="Ade's notes on the first chat.")
    services.meeting_log(actor=mentor, pair_id=pair.pk, held_on=timezone.localdate(),
                         notes="Sam's notes, gone with Sam.")
    account_delete(user=mentor, password="correct horse battery")
    return pair


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_mentee_keeps_the_pair_after_the_mentor_left(request, url, sign_in,
                                                         assert_accessible, javascript):
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    pair = _pair_whose_mentor_left()
    sign_in(page, "ade@northbridge.example")
    assert_accessible(page, "home")
    page.goto(url("/mentoring/pairs/"))
    expect(page.get_by_role("link", name="a former member")).to_be_visible()
    assert_accessible(page, "pair list with a former member")
    page.get_by_role("link", name="a former member").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Mentoring with a former member")
    expect(page.get_by_text("has deleted their account")).to_be_visible()
    expect(page.get_by_role("cell", name="Ade's notes on the first chat.")).to_be_visible()
    expect(page.get_by_text("Sam's notes")).to_have_count(0)
    expect(page.get_by_text("Sam Reid")).to_have_count(0)
    assert page.url.endswith(f"/mentoring/pairs/{pair.pk}/")
    assert_accessible(page, "pair page with a former member")
    page.get_by_role("link", name="Give your feedback").click()
    assert_accessible(page, "feedback with a former member")
    page.get_by_label("4 — satisfied").check()
    page.get_by_role("button", name="Send your feedback").click()
    expect(page.get_by_text("You gave your feedback")).to_be_visible()
    assert_accessible(page, "pair page after feedback")
