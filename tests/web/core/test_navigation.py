"""The header's sections and each section's own links: who is offered what, and which
is marked current (one place decides both: NAVIGATION in core/context_processors.py)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse, set_script_prefix

from upward.web.community.models import Category, Story, Thread
from upward.web.core.context_processors import NAVIGATION, may_see, page_place
from upward.web.demo.factories import person

pytestmark = pytest.mark.django_db

EVERY_ROLE = ["member", "moderator", "lead", "analyst", "judge", "admin"]


def _nav(html: str, label: str) -> list[tuple[str, str, bool]]:
    """(label, href, current) of the links in the <nav> called ``label``."""
    found = re.search(rf'<nav class="[^"]*" aria-label="{re.escape(label)}">(.*?)</nav>',
                      html, re.S)
    if not found:
        return []
    return [(re.sub(r"<[^>]+>.*", "", text, flags=re.S).strip(), href, bool(current))
            for href, current, text in re.findall(
                r'<a href="([^"]*)"( aria-current="page")?>(.*?)</a>', found.group(1), re.S)]


def _labels(html: str, label: str) -> list[str]:
    return [name for name, _, _ in _nav(html, label)]


def _current(html: str, label: str) -> list[str]:
    return [name for name, _, current in _nav(html, label) if current]


@pytest.fixture
def everything(db):
    """Someone holding every role: the largest header there is."""
    return person(roles=EVERY_ROLE, email="everything@northbridge.example",
                  display_name="Every Role")


@pytest.mark.parametrize(("role", "sections"), [
    ("member", ["Home", "Community", "Mentoring", "Outreach", "Awards", "People",
                "Background survey", "My profile"]),
    ("moderator", ["Home", "Community", "Mentoring", "Outreach", "Awards", "Moderation",
                   "People", "Background survey", "My profile"]),
    ("lead", ["Home", "Community", "Mentoring", "Outreach", "Awards", "Moderation", "People",
              "Background survey", "Manage", "My profile"]),
    ("analyst", ["Home", "Community", "Insights", "Background survey", "Manage",
                 "My profile"]),
    ("judge", ["Home", "Community", "Awards", "Background survey", "My profile"]),
    ("admin", ["Home", "Community", "Outreach", "Awards", "Background survey", "Manage",
               "My profile"]),
])
def test_the_header_offers_each_role_its_sections(role, sections, personas, client_for):
    html = client_for(personas[role]).get("/").content.decode()
    assert _labels(html, "Main") == sections
    assert _current(html, "Main") == ["Home"]


def test_the_largest_header_has_eleven_sections(everything, client_for):
    html = client_for(everything).get("/").content.decode()
    assert _labels(html, "Main") == ["Home", "Community", "Mentoring", "Outreach", "Awards",
                                     "Moderation", "People", "Insights", "Background survey",
                                     "Manage", "My profile"]


def test_visitors_get_no_navigation(client):
    html = client.get("/").content.decode()
    assert _labels(html, "Main") == []
    assert "Sign in" in html


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_every_link_a_role_is_offered_opens_for_them(role, personas, client_for):
    """Nobody is sent to a page that answers 403 (or 404): every link in every section
    the role sees opens."""
    client = client_for(personas[role])
    offered = [link for section in NAVIGATION for link in section.links
               if may_see(link, frozenset(personas[role].role_assignments
                                          .values_list("role", flat=True)))]
    assert offered
    for link in offered:
        url = reverse(link.url_name)
        assert client.get(url).status_code == 200, f"{role} is offered {url}"


def test_every_link_opens_for_someone_holding_every_role(everything, client_for):
    client = client_for(everything)
    for section in NAVIGATION:
        for link in section.links:
            assert client.get(reverse(link.url_name)).status_code == 200, link


@pytest.mark.parametrize(("role", "offered"), [
    ("member", True), ("moderator", True), ("lead", True),
    ("analyst", False), ("judge", False), ("admin", False),
])
def test_my_stories_only_for_roles_that_can_write_stories(role, offered, personas,
                                                          client_for):
    client = client_for(personas[role])
    html = client.get(reverse("community:feed")).content.decode()
    assert ("My stories" in _labels(html, "Community")) is offered
    # the same people may open the story form
    assert (client.get(reverse("community:story_new")).status_code == 200) is offered


@pytest.mark.parametrize(("role", "offered"), [
    ("member", False), ("moderator", False), ("lead", True), ("admin", False)])
def test_community_management_in_the_community_section_for_leads(role, offered, personas,
                                                                 client_for):
    html = client_for(personas[role]).get(reverse("community:feed")).content.decode()
    assert ("Tags and categories" in _labels(html, "Community")) is offered


def _story_and_thread(author):
    story = Story.objects.create(author=author, title="A story", body="Text",
                                 visible_from="2024-01-01T00:00Z",
                                 published_at="2024-01-01T00:00Z")
    category = Category.objects.create(name="General", slug="general")
    thread = Thread.objects.create(author=author, category=category, title="A thread",
                                   body="Text")
    return story, thread


@pytest.mark.parametrize(("path", "section", "link"), [
    ("/", "Home", None),
    ("/community/", "Community", "Stories"),
    ("story", "Community", "Stories"),
    ("/community/stories/new/", "Community", "Stories"),
    ("/community/stories/mine/", "Community", "My stories"),
    ("/community/discussions/", "Community", "Discussions"),
    ("thread", "Community", "Discussions"),
    ("/community/search/", "Community", "Search"),
    ("/events/", "Community", "Events"),
    ("/events/feed/", "Community", "Events"),
    ("/events/manage/", "Community", "Run events"),
    ("/community/manage/", "Community", "Tags and categories"),
    ("/community/manage/categories/new/", "Community", "Tags and categories"),
    ("/moderation/", "Moderation", None),
    ("/moderation/members/", "Moderation", None),
    ("/people/", "People", None),
    ("/outreach/schools/", "Outreach", "Schools"),
    ("/outreach/impact/", "Outreach", "Impact"),
    ("/outreach/opportunities/", "Outreach", "Opportunities"),
    ("/outreach/opportunities/new/", "Outreach", "Opportunities"),
    ("/outreach/volunteer-profile/", "Outreach", "Volunteer profile"),
    ("/outreach/school-contacts/", "Outreach", "School contacts"),
    ("/outreach/schools/import/", "Outreach", "Import schools"),
    ("/outreach/offices/", "Outreach", "Offices"),
    ("/outreach/offices/new/", "Outreach", "Offices"),
    ("/insights/", "Insights", None),
    ("/insights/snapshots/", "Insights", None),
    ("/survey/", "Background survey", "Your answers"),
    ("/survey/answer/", "Background survey", "Your answers"),
    ("/insights/responses/", "Background survey", "Survey responses"),
    ("/insights/questions/", "Background survey", "Survey questions"),
    ("/insights/links/", "Background survey", "Employee number links"),
    ("/manage/people/", "Manage", "Roles"),
    ("/manage/invitations/", "Manage", "Invitations"),
    ("/manage/audit/", "Manage", "Audit log"),
    ("/impact/", "Manage", "Impact and reporting"),
    ("/impact/progress/", "Manage", "Impact and reporting"),
    ("/me/", "My profile", None),
    ("/me/tokens/", "My profile", None),
])
def test_one_section_and_one_link_are_current(path, section, link, everything, client_for):
    story, thread = _story_and_thread(everything)
    path = {"story": f"/community/stories/{story.pk}/",
            "thread": f"/community/threads/{thread.pk}/"}.get(path, path)
    response = client_for(everything).get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert _current(html, "Main") == [section]
    if link is None:
        assert not re.search(r'<nav class="subnav"', html)
    else:
        assert _current(html, section) == [link]


@pytest.mark.parametrize(("path", "section"), [
    ("/community/manage/", "Community"),
    ("/insights/responses/", "Background survey"),
    ("/insights/questions/", "Background survey"),
    ("/manage/invitations/", "Manage"),
    ("/moderation/", "Moderation"),
])
def test_a_leads_pages_mark_their_own_section(path, section, lead, client_for):
    html = client_for(lead).get(path).content.decode()
    assert _current(html, "Main") == [section]


def test_pages_outside_the_navigation_mark_nothing(member, client_for):
    assert page_place("/accounts/sign-in/") is None
    assert page_place("/stories/") is None
    html = client_for(member).get(reverse("accounts:password_change")).content.decode()
    assert _current(html, "Main") == ["My profile"]
    html = client_for(member).get(reverse("community:public_index")).content.decode()
    assert _labels(html, "Main")[0] == "Home"
    assert _current(html, "Main") == []


def test_a_section_with_one_link_for_someone_has_no_second_row(member, client_for):
    # a member's survey section is only their own answers
    html = client_for(member).get(reverse("insights:survey")).content.decode()
    assert _current(html, "Main") == ["Background survey"]
    assert not re.search(r'<nav class="subnav"', html)


def test_pages_are_placed_under_a_script_prefix_too():
    """Served under /upward/, the home page still owns only its own address."""
    set_script_prefix("/upward/")
    try:
        sections = [section.label for section in NAVIGATION]
        assert page_place("/upward/accounts/sign-in/") is None
        assert sections[page_place("/upward/")[0]] == "Home"
        section, link = page_place("/upward/community/threads/3/")
        assert NAVIGATION[section].links[link].label == "Discussions"
    finally:
        set_script_prefix("/")
