"""The signed-in home page: panels registered by the apps, each shown only to the people
it is for, with what that person may see."""

from __future__ import annotations

import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from upward.web.community import services as community
from upward.web.community.models import Audience, Category, Story
from upward.web.core import home
from upward.web.core.home import HomeItem, HomeLink, HomePanel, home_panel, home_panels_for
from upward.web.insights.services import survey_save

pytestmark = pytest.mark.django_db

CORE = Path(home.__file__).parent


@pytest.fixture(autouse=True)
def _nobody_is_new(settings):
    # personas are created moments before each test: not "new members" for the
    # community's posting limits
    settings.UPWARD_COMMUNITY_NEW_MEMBER_DAYS = 0


@pytest.fixture
def registry():
    """The real registry, restored after a test adds to it."""
    saved = dict(home._PANELS)
    yield home
    home._PANELS.clear()
    home._PANELS.update(saved)


def _panels(client) -> dict[str, str]:
    """{panel title: its HTML} on the home page."""
    html = client.get("/").content.decode()
    return {title: body for body, title in re.findall(
        r'(<section class="card home-panel" aria-labelledby="[^"]+">\s*<h2 id="[^"]+">'
        r'([^<]*)</h2>.*?</section>)', html, re.S)}


def _story(author, title, **fields):
    fields.setdefault("body", "A manager showed me how promotions work.")
    return community.story_create(actor=author, submit=True, title=title, **fields)


# --- the registry --------------------------------------------------------------------------


def test_panels_come_in_order_and_a_builder_may_decline(registry, member):
    @home_panel("zz.second", order=9002)
    def second(viewer):
        return HomePanel(title="Second", items=[HomeItem("One", "/one/", "detail")])

    @home_panel("zz.first", order=9001)
    def first(viewer):
        return HomePanel(title=f"Hello {viewer.display_name}",
                         actions=[HomeLink("Go", "/go/")])

    @home_panel("zz.never", order=9000)
    def never(viewer):
        return None

    names = registry.registered_panels()
    assert names.index("zz.never") < names.index("zz.first") < names.index("zz.second")
    panels = [p for p in home_panels_for(viewer=member) if p.name.startswith("zz.")]
    assert [p.title for p in panels] == ["Hello Member Persona", "Second"]
    assert [p.heading_id for p in panels] == ["panel-zz-first", "panel-zz-second"]


def test_registering_a_name_again_replaces_the_panel(registry, member):
    home_panel("zz.same")(lambda viewer: HomePanel(title="Old"))
    home_panel("zz.same")(lambda viewer: HomePanel(title="New"))
    assert [p.title for p in home_panels_for(viewer=member) if p.name == "zz.same"] == ["New"]


@pytest.mark.parametrize("name", ["", "panel", None])
def test_a_panel_name_names_its_app(name):
    with pytest.raises((ValueError, TypeError), match="app.panel"):
        home_panel(name)


def test_every_app_panel_is_registered_from_its_app():
    assert {"accounts.profile", "community.moderation", "community.approvals",
            "community.drafts", "community.stories", "community.discussions",
            "insights.survey"} <= set(home.registered_panels())


def test_the_home_page_renders_a_registered_panel_as_text(registry, member, client_for):
    home_panel("zz.escaped", order=9000)(lambda viewer: HomePanel(
        title="<b>Bold</b> title", items=[HomeItem("<i>x</i>", "/x/", "<script>")]))
    html = client_for(member).get("/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; title" in html
    assert "&lt;i&gt;x&lt;/i&gt;" in html and "&lt;script&gt;" in html


def test_core_imports_no_app():
    """Apps register their panels with core; core never imports them (the home page,
    its registry and the navigation)."""
    for name in ("home.py", "views.py", "context_processors.py"):
        tree = ast.parse((CORE / name).read_text())
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for alias in node.names}
        assert not {m for m in imported if m and m.startswith("upward.web.")
                    and not m.startswith("upward.web.core")}, name


# --- what each person gets --------------------------------------------------------------------


def test_a_new_member_sees_empty_states_and_the_survey_prompt(member, client_for):
    member.profile.job_title = member.profile.bio = ""
    member.profile.save()
    panels = _panels(client_for(member))
    assert list(panels) == ["Your profile is empty", "Where you started: the background survey",
                            "Your drafts", "New stories", "New replies in discussions"]
    assert "You have no drafts." in panels["Your drafts"]
    assert "No new stories in the last week." in panels["New stories"]
    assert "No discussions have new posts in the last week." in \
        panels["New replies in discussions"]
    assert 'href="/survey/answer/"' in panels["Where you started: the background survey"]


def test_a_filled_in_profile_and_an_answered_survey_leave_no_prompt(member, client_for):
    profile = member.profile
    profile.job_title = "Payroll assistant"
    profile.save()
    survey_save(user=member, answers={"main_earner_occupation": "technical_craft"})
    panels = _panels(client_for(member))
    assert "Your profile is empty" not in panels
    assert "Where you started: the background survey" not in panels
    assert "Your drafts" in panels


def test_drafts_are_the_members_own(personas, client_for):
    member, lead = personas["member"], personas["lead"]
    draft = community.story_create(actor=member, title="Half-written: my first job")
    community.story_create(actor=lead, title="The lead's own draft")
    panel = _panels(client_for(member))["Your drafts"]
    assert "Half-written: my first job" in panel
    assert f'href="/community/stories/{draft.pk}/edit/"' in panel
    assert "The lead&#x27;s own draft" not in panel and "own draft" not in panel


@pytest.mark.parametrize("role", ["analyst", "judge", "admin"])
def test_roles_that_cannot_write_stories_have_no_drafts_panel(role, personas, client_for):
    panels = _panels(client_for(personas[role]))
    assert "Your drafts" not in panels
    assert "New stories" in panels


def test_new_stories_are_this_weeks_and_only_those_the_viewer_may_read(personas, client_for):
    member, lead = personas["member"], personas["lead"]
    _story(lead, "Network only: night shifts to team leader")
    _story(lead, "For everyone: the apprenticeship that changed it",
           audience=Audience.ORGANISATION)
    old = _story(lead, "Three weeks ago", audience=Audience.ORGANISATION)
    Story.objects.filter(pk=old.pk).update(visible_from=timezone.now() - timedelta(days=21))

    member_panel = _panels(client_for(member))["New stories"]
    assert "Network only: night shifts to team leader" in member_panel
    assert "For everyone: the apprenticeship that changed it" in member_panel
    assert "Three weeks ago" not in member_panel

    analyst_panel = _panels(client_for(personas["analyst"]))["New stories"]
    assert "For everyone: the apprenticeship that changed it" in analyst_panel
    assert "Network only" not in analyst_panel


def test_an_anonymous_story_on_the_home_page_names_nobody(personas, client_for):
    author = personas["lead"]
    story = _story(author, "Nobody knows it was me", is_anonymous=True)
    community.post_approve(actor=personas["moderator"], post=story)
    html = client_for(personas["member"]).get("/").content.decode()
    panel = _panels(client_for(personas["member"]))["New stories"]
    assert "Nobody knows it was me" in panel
    assert "Lead Persona" not in html and "lead@northbridge.example" not in html
    assert not re.search(r"\d{1,2}:\d{2}", panel)  # a date, never a time of day


def test_discussions_with_new_posts(personas, client_for):
    member, lead = personas["member"], personas["lead"]
    category = Category.objects.get(slug="careers-and-progression")
    thread = community.thread_create(actor=lead, category=category,
                                     title="How did you find a mentor?", body="Asking.")
    community.reply_create(actor=personas["moderator"], thread=thread, body="Through here.")
    panel = _panels(client_for(member))["New replies in discussions"]
    assert "How did you find a mentor?" in panel
    assert "1 reply" in panel
    assert f'href="/community/threads/{thread.pk}/"' in panel
    # a network category's discussion is not for the analyst
    assert "How did you find a mentor?" not in \
        _panels(client_for(personas["analyst"]))["New replies in discussions"]


def test_moderators_see_the_review_queue_count(personas, client_for):
    pending = _story(personas["member"], "Waiting for a moderator", is_anonymous=True)
    assert pending.status == "pending"
    moderator_panels = _panels(client_for(personas["moderator"]))
    assert list(moderator_panels)[0] == "Review queue"
    queue = moderator_panels["Review queue"]
    assert "1 post is waiting for approval and 0 posts have open flags." in queue
    assert 'href="/moderation/"' in queue
    for role in ("member", "analyst", "judge", "admin"):
        assert "Review queue" not in _panels(client_for(personas[role]))


def test_an_empty_queue_says_so(personas, client_for):
    assert "Nothing is waiting for review." in \
        _panels(client_for(personas["moderator"]))["Review queue"]


def test_leads_see_stories_waiting_for_their_approval(personas, client_for):
    story = _story(personas["member"], "Please put me on the website",
                   audience=Audience.PUBLIC)
    panels = _panels(client_for(personas["lead"]))
    approvals = panels["Waiting for your approval"]
    assert "1 story asks for a public web page." in approvals
    assert "Please put me on the website" in approvals
    assert f'href="/community/stories/{story.pk}/"' in approvals
    assert 'href="/moderation/#public-heading"' in approvals
    for role in ("member", "moderator", "admin"):
        assert "Waiting for your approval" not in _panels(client_for(personas[role]))


def test_a_lead_with_nothing_to_approve(personas, client_for):
    assert "No stories are waiting for your approval." in \
        _panels(client_for(personas["lead"]))["Waiting for your approval"]
