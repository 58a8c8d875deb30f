"""The external entry workspace: figures from the other apps' selectors, k-suppression,
quotes only from public approved stories, word limits, permissions and export."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.http import Http404
from django.urls import reverse

from upward.web.accounts.selectors import network_members
from upward.web.awards.models import ExternalAnswer, ExternalStatus
from upward.web.awards.selectors import external as sel
from upward.web.awards.services import external as services
from upward.web.community import services as community
from upward.web.community.models import Audience
from upward.web.community.selectors.stories import public_stories
from upward.web.community.services import moderation as community_moderation
from upward.web.core.errors import ApplicationError
from upward.web.mentoring.models import Meeting
from upward.web.outreach.selectors.impact import outreach_impact_for_report

from ..mentoring.pairs_factories import make_pair, programme
from ..outreach.test_impact import small_year

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 6, 30)


@pytest.fixture
def award(lead):
    award = services.external_award_save(
        actor=lead, name="UK Social Mobility Awards 2027", category="Social Mobility Network")
    services.external_question_save(actor=lead, award=award, label="The problem addressed",
                                    word_limit=30)
    services.external_question_save(actor=lead, award=award, label="Outcomes and impact",
                                    word_limit=200)
    return award


@pytest.fixture
def entry(lead, award):
    return services.external_entry_create(actor=lead, award=award, title="Our network",
                                          period_start=START, period_end=END)


def _figures(viewer, **kwargs):
    return {f.key: f for f in sel.platform_figures(viewer=viewer, start=START, end=END,
                                                   **kwargs)}


def _public_story(author, lead, *, title, anonymous=False, quote=""):
    story = community.story_create(actor=author, submit=True, title=title,
                                   body="I grew up on an estate in Hull and left school at 16.",
                                   cover_quote=quote, audience=Audience.PUBLIC,
                                   is_anonymous=anonymous)
    if anonymous:  # anonymous stories wait for a moderator first
        community_moderation.post_approve(actor=lead, post=story)
        story.refresh_from_db()
    community.story_public_decide(actor=lead, story=story, approve=True)
    return story


def test_figures_match_the_other_apps_selectors(settings, personas, lead):
    settings.UPWARD_INSIGHTS_K = 5
    small_year()
    prog = programme()
    pairs = [make_pair(prog, started_days_ago=400) for _ in range(6)]
    for pair in pairs[:4]:
        Meeting.objects.create(pair=pair, held_on=date(2026, 3, 2))
    Meeting.objects.create(pair=pairs[0], held_on=date(2025, 12, 31))  # before the period
    ended = make_pair(prog, started_days_ago=800)
    ended.status, ended.ended_at = "ended", datetime(2025, 6, 1, tzinfo=UTC)
    ended.save()  # ended before the period: not counted
    figures = _figures(lead)

    assert figures["members"].value == f"{network_members().count():,}"
    impact = outreach_impact_for_report(start=START, end=END)
    assert figures["pupils"].value == f"{impact.pupils:,}" == "90"
    assert figures["priority_share"].value == f"{impact.priority_share:.0%}"
    assert figures["pairs"].value == "6"
    assert figures["meetings"].value == "4"
    assert "4 meetings" in figures["meetings"].sentence
    assert figures["members"].source and figures["pupils"].period == \
        "1 January 2026 to 30 June 2026"


def test_stories_and_events_match_their_selectors(personas, lead, member):
    from ..events.helpers import make_event

    story = _public_story(member, lead, title="From Hull")
    story.visible_from = datetime(2026, 2, 1, tzinfo=UTC)
    story.save(update_fields=["visible_from"])
    community.story_create(actor=member, submit=True, title="Network only", body="Text")
    event = make_event(starts_at=datetime.now(UTC) + timedelta(days=3))
    event.starts_at, event.series_ends_at = (datetime(2026, 4, 1, 9, tzinfo=UTC),
                                             datetime(2026, 4, 1, 10, tzinfo=UTC))
    event.save()
    figures = _figures(lead)
    assert figures["stories"].value == "1" == str(
        public_stories().filter(visible_from__year=2026).count())
    assert figures["events"].value == "1"


def test_small_counts_of_people_are_suppressed(settings, personas, lead):
    settings.UPWARD_INSIGHTS_K = 50
    prog = programme()
    make_pair(prog, started_days_ago=300)
    figures = _figures(lead)
    assert network_members().count() < 50
    assert figures["members"].value == "fewer than 50"
    assert figures["pairs"].value == "fewer than 50"
    assert "fewer than 50" in figures["pairs"].sentence
    assert figures["volunteers"].value == "fewer than 50"
    assert f" {network_members().count()} " not in figures["members"].sentence


def test_figures_a_role_may_not_read_are_not_available(personas, admin):
    figures = _figures(admin)  # an admin runs neither mentoring nor the network's events
    assert figures["pairs"].value is None and figures["pairs"].sentence is None
    assert figures["events"].value is None


def test_only_public_approved_stories_are_quotable_and_anonymous_ones_unnamed(
        personas, lead, member):
    named = _public_story(member, lead, title="Named", quote="Someone believed in me.")
    anonymous = _public_story(member, lead, title="Unnamed", anonymous=True)
    waiting = community.story_create(actor=member, submit=True, title="Waiting", body="x",
                                     audience=Audience.PUBLIC)
    network = community.story_create(actor=member, submit=True, title="Network", body="x")
    quotes = {q.story_id: q for q in sel.quotable_stories(viewer=lead)}
    assert set(quotes) == {named.pk, anonymous.pk}
    assert quotes[named.pk].sentence == "“Someone believed in me.” — Member Persona"
    assert "Member Persona" not in quotes[anonymous.pk].sentence
    assert quotes[anonymous.pk].attribution == sel.ANONYMOUS_ATTRIBUTION
    for hidden in (waiting, network):
        with pytest.raises(Http404):
            sel.quote_get(viewer=lead, story_id=hidden.pk)


def test_word_limits_are_counted_on_the_server(lead, entry, award):
    short, long_ = award.questions.all()
    with pytest.raises(ApplicationError, match=r"use 30 words or fewer \(you have 31\)"):
        services.external_entry_save(actor=lead, entry=entry,
                                     answers={short.pk: "word " * 31, long_.pk: "kept?"})
    assert not ExternalAnswer.objects.exists()  # nothing saved
    services.external_entry_save(actor=lead, entry=entry, answers={short.pk: "word " * 30})
    with pytest.raises(ApplicationError, match="over the limit of 30"):
        services.external_answer_append(actor=lead, entry=entry, question=short, text="one")


def test_insert_without_javascript_saves_then_appends(personas, lead, member, entry,
                                                      client_for):
    story = _public_story(member, lead, title="Named", quote="Someone believed in me.")
    short, long_ = entry.award.questions.all()
    url = reverse("awards:external_entry", args=[entry.pk])
    data = {"title": "Our network", "period_start": "2026-01-01", "period_end": "2026-06-30",
            "notes": "", f"q_{short.pk}": "Typed but not saved yet.", f"q_{long_.pk}": "",
            "into": str(long_.pk), "insert": "figure:members"}
    client = client_for(lead)
    assert client.post(url, data).status_code == 302
    data.update({f"q_{long_.pk}": ExternalAnswer.objects.get(question=long_).text,
                 "insert": f"quote:{story.pk}"})
    assert client.post(url, data).status_code == 302
    texts = {a.question_id: a.text for a in entry.answers.all()}
    assert texts[short.pk] == "Typed but not saved yet."
    assert texts[long_.pk].startswith("Our network has")
    assert texts[long_.pk].endswith("“Someone believed in me.” — Member Persona")
    # the client names a figure, never its text: an unknown one is refused
    data["insert"] = "figure:made_up"
    assert client.post(url, data).status_code == 404


@pytest.mark.parametrize("name, allowed", [("lead", True), ("admin", True), ("member", False),
                                           ("moderator", False), ("analyst", False),
                                           ("judge", False)])
def test_permissions(personas, entry, client_for, name, allowed):
    client = client_for(personas[name])
    for url in (reverse("awards:external"), reverse("awards:external_entry", args=[entry.pk]),
                reverse("awards:external_export_md", args=[entry.pk]),
                reverse("awards:external_award_new")):
        assert client.get(url).status_code == (200 if allowed else 403), url
    if not allowed:
        with pytest.raises(ApplicationError):
            services.external_entry_create(actor=personas[name], award=entry.award, title="x",
                                           period_start=START, period_end=END)


def test_anonymous_visitors_are_sent_to_sign_in(entry, client):
    assert client.get(reverse("awards:external")).status_code == 302


def test_export_as_markdown_and_text(lead, entry, client_for):
    short, long_ = entry.award.questions.all()
    services.external_entry_save(actor=lead, entry=entry,
                                 answers={short.pk: "Few apprentices progressed."})
    response = client_for(lead).get(reverse("awards:external_export_md", args=[entry.pk]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    assert "attachment" in response["Content-Disposition"]
    assert "# Our network" in body
    assert "## The problem addressed (3 of 30 words)" in body
    assert "Few apprentices progressed." in body and "_Not answered._" in body
    text = client_for(lead).get(reverse("awards:external_export_txt", args=[entry.pk]))
    assert text["Content-Type"].startswith("text/plain")


def test_marking_as_submitted_locks_until_reopened(lead, entry, client_for):
    client = client_for(lead)
    url = reverse("awards:external_submitted", args=[entry.pk])
    assert b"Mark as submitted" in client.get(url).content  # a confirmation page first
    assert client.post(url).status_code == 302
    entry.refresh_from_db()
    assert entry.status == ExternalStatus.SUBMITTED
    with pytest.raises(ApplicationError, match="marked as submitted"):
        services.external_entry_save(actor=lead, entry=entry, answers={})
    client.post(reverse("awards:external_reopen", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.status == ExternalStatus.DRAFT


def test_a_lead_adds_their_own_award_and_starts_an_entry(lead, client_for):
    client = client_for(lead)
    response = client.post(reverse("awards:external_award_new"), {
        "name": "Regional Diversity Awards", "category": "Network of the Year",
        "deadline": "", "website": "", "description": ""})
    assert response.status_code == 302
    award = sel.external_awards(viewer=lead).get(name="Regional Diversity Awards")
    client.post(reverse("awards:external_question_new", args=[award.pk]),
                {"label": "Tell us about it", "help_text": "", "word_limit": "250"})
    response = client.post(reverse("awards:external_start", args=[award.pk]), {
        "title": "Us", "period_start": "2026-06-30", "period_end": "2026-01-01", "notes": ""})
    assert response.status_code == 400  # back to front
    response = client.post(reverse("awards:external_start", args=[award.pk]), {
        "title": "Us", "period_start": "2026-01-01", "period_end": "2026-06-30", "notes": ""})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert b"Tell us about it" in page.content and b"Members of the network" in page.content
