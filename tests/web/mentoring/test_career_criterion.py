"""Matching reads a mentor's career timeline ("Has worked in"), only when the mentor lets
matching read their profile and their profile shows the timeline to network members."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from upward.web.accounts.selectors import career_titles_shown_to_network
from upward.web.accounts.services import career_entry_add, profile_update
from upward.web.mentoring.selectors.suggestions import suggestions_for
from upward.web.mentoring.services.matching import run_create

from .clients import web_client
from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db

PART = ("Has worked in Finance: Finance analyst", 10)


@pytest.fixture
def programme(lead):
    return make_programme(lead)


def mentor_with_career(programme, *, title="Finance analyst", career="network",
                       use_profile=True, name="Career Mentor"):
    """A mentor in Digital (so the function criterion does not score) who was once in
    Finance, according to their career timeline."""
    user = member(name)
    career_entry_add(profile=user.profile, title=title, start_year=2015, end_year=2019)
    profile_update(profile=user.profile, visibility={"career": career})
    return sign_up(user, programme, "mentor", function="Digital", use_profile=use_profile)


def finance_mentee(programme):
    user = member("Finance Hopeful")
    sign_up(user, programme, "mentee", wanted_function="Finance")
    return user


@pytest.mark.parametrize("career", ["network", "organisation"])
def test_a_mentor_who_worked_in_the_function_wanted_scores_and_is_explained(programme, career):
    mentor = mentor_with_career(programme, career=career)
    mentee = finance_mentee(programme)
    [card] = suggestions_for(viewer=mentee, programme=programme)
    assert card.id == mentor.pk
    assert PART in card.explanation
    assert card.score == sum(points for _, points in card.explanation)
    page = web_client(mentee).get(reverse("mentoring:mentors", args=[programme.slug]))
    assert page.status_code == 200
    assert "Has worked in Finance" in page.content.decode()


@pytest.mark.parametrize(("use_profile", "career"), [(False, "network"), (True, "only_me")])
def test_no_points_and_no_title_without_the_mentors_consent(programme, use_profile, career):
    mentor_with_career(programme, career=career, use_profile=use_profile)
    mentee = finance_mentee(programme)
    [card] = suggestions_for(viewer=mentee, programme=programme)
    assert not [label for label, _ in card.explanation if label.startswith("Has worked in")]
    page = web_client(mentee).get(reverse("mentoring:mentors", args=[programme.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Career Mentor" in text  # the mentor is suggested, their career is not read
    assert "Finance analyst" not in text and "Has worked in" not in text


def test_consent_given_then_withdrawn_changes_the_score(programme):
    mentor = mentor_with_career(programme)
    mentee = finance_mentee(programme)
    with_career = suggestions_for(viewer=mentee, programme=programme)[0].score
    profile_update(profile=mentor.user.profile, visibility={"career": "only_me"})
    assert suggestions_for(viewer=mentee, programme=programme)[0].score == with_career - 10


def test_a_title_only_looking_like_the_function_scores_nothing(programme):
    mentor_with_career(programme, title="Financial controller")
    mentee = finance_mentee(programme)
    [card] = suggestions_for(viewer=mentee, programme=programme)
    assert not [label for label, _ in card.explanation if label.startswith("Has worked in")]


def test_a_matching_run_reads_career_timelines_and_leads_see_the_part(programme, lead):
    mentor = mentor_with_career(programme)
    finance_mentee(programme)
    run = run_create(actor=lead, programme=programme)
    [match] = run.matches.all()
    assert match.mentor_id == mentor.pk
    assert ["career", *PART] in match.explanation
    page = web_client(lead).get(reverse("mentoring:run", args=[programme.slug, run.pk]))
    assert "Has worked in Finance: Finance analyst" in page.content.decode()


def test_career_timelines_of_a_pool_are_read_in_a_fixed_number_of_queries(programme):
    mentee = finance_mentee(programme)
    mentor_with_career(programme, name="First Mentor")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            list(suggestions_for(viewer=mentee, programme=programme))
        return len(captured)

    few = queries()
    for k in range(5):
        mentor_with_career(programme, name=f"Mentor {k}")
    assert queries() == few


def test_the_selector_keeps_to_what_network_members_see():
    shown, hidden, unset, empty = member(), member(), member(), member()
    for user in (shown, hidden, unset):
        career_entry_add(profile=user.profile, title="Policy adviser", start_year=2010,
                         end_year=2014)
        career_entry_add(profile=user.profile, title="Head of policy", start_year=2014)
    profile_update(profile=shown.profile, visibility={"career": "network"})
    profile_update(profile=hidden.profile, visibility={"career": "only_me"})
    unset.profile.visibility = {}  # never chosen: the default (network members) applies
    unset.profile.save()
    with CaptureQueriesContext(connection) as captured:
        titles = career_titles_shown_to_network([shown.pk, hidden.pk, unset.pk, empty.pk])
    assert len(captured) == 2
    assert titles == {shown.pk: ["Head of policy", "Policy adviser"],
                      unset.pk: ["Head of policy", "Policy adviser"]}


@pytest.mark.parametrize(("visibility", "scored"), [("network", True), ("organisation", True),
                                                    ("only_me", False)])
def test_ask_me_about_topics_count_only_when_the_profile_shows_them(programme, visibility,
                                                                    scored):
    """Topics a mentor keeps to themself ("Only me") are never read, scored or named."""
    user = member("Topic Mentor")
    profile_update(profile=user.profile, ask_me_about=["Public speaking"],
                   visibility={"ask_me_about": visibility})
    sign_up(user, programme, "mentor", function="Digital", skills_offered=[])
    mentee = member("Topic Mentee")
    sign_up(mentee, programme, "mentee", skills_wanted=["Public speaking"])
    [card] = suggestions_for(viewer=mentee, programme=programme)
    part = ("Ask me about: Public speaking", 10)
    assert (part in card.explanation) is scored
    page = web_client(mentee).get(reverse("mentoring:mentors", args=[programme.slug]))
    assert ("Ask me about: Public speaking" in page.content.decode()) is scored
