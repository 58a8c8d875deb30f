"""Suggested mentors: ranked by score, explained, only mentors the rules allow and who
have room; bookmarks add a bonus; "not for me" is never suggested again."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from upward.web.core.errors import ApplicationError
from upward.web.mentoring.models import Pair
from upward.web.mentoring.selectors.suggestions import suggestions_for
from upward.web.mentoring.services.pairs import pair_start
from upward.web.mentoring.services.signup import bookmark_set, mentor_dismiss

from .programme_builders import make_programme, member, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(lead):
    return make_programme(lead)


def test_mentors_are_ranked_by_score_and_each_explanation_adds_up(programme):
    """(A page of cards is explained on demand: slicing gives the same cards.)"""
    mentee_user = member()
    sign_up(mentee_user, programme, "mentee", goals=["First promotion", "Confidence"],
            skills_wanted=["Writing", "Data analysis"], location="Cardiff")
    close = sign_up(member("Close Match"), programme, "mentor",
                    goals=["First promotion", "Confidence"],
                    skills_offered=["Writing", "Data analysis"], location="Cardiff")
    far = sign_up(member("Far Match"), programme, "mentor", goals=["Networking"],
                  skills_offered=["Public speaking"], location="London")
    suggestions = suggestions_for(viewer=mentee_user, programme=programme)
    cards = list(suggestions)
    assert [c.id for c in cards] == [close.pk, far.pk]
    assert suggestions[1:] == cards[1:] and suggestions[0] == cards[0] and len(suggestions) == 2
    assert cards[0].score > cards[1].score
    for card in cards:
        assert sum(points for _, points in card.explanation) == card.score
    labels = [label for label, _ in cards[0].explanation]
    assert "Same goal: First promotion" in labels
    assert "Skills overlap: Writing" in labels


def test_hard_rules_full_mentors_and_oneself_are_never_suggested(programme):
    mentee_user = member()
    boss, avoided, full, fine = member("Boss"), member("Avoided"), member("Full"), member("Fine")
    mentee = sign_up(mentee_user, programme, "both", line_manager=boss, avoid=[avoided])
    sign_up(boss, programme, "mentor")
    sign_up(avoided, programme, "mentor")
    full_mentor = sign_up(full, programme, "mentor", capacity=1)
    pair_start(mentee=sign_up(member(), programme, "mentee"), mentor=full_mentor,
               source="matched")
    ok = sign_up(fine, programme, "mentor")
    assert [c.id for c in suggestions_for(viewer=mentee_user, programme=programme)] == [ok.pk]
    assert mentee.pk not in [c.id for c in suggestions_for(viewer=mentee_user,
                                                           programme=programme)]


def test_people_who_avoid_the_mentee_are_not_suggested_either(programme):
    mentee_user = member()
    sign_up(mentee_user, programme, "mentee")
    sign_up(member(), programme, "mentor", avoid=[mentee_user])
    assert list(suggestions_for(viewer=mentee_user, programme=programme)) == []


def test_a_past_pair_is_never_suggested_again(programme, lead):
    mentee_user, mentor_user = member(), member()
    old = make_programme(lead, name="Last year")
    pair = pair_start(mentee=sign_up(mentee_user, old, "mentee"),
                      mentor=sign_up(mentor_user, old, "mentor"), source="matched")
    Pair.objects.filter(pk=pair.pk).update(status="ended")
    sign_up(mentee_user, programme, "mentee")
    sign_up(mentor_user, programme, "mentor")
    assert list(suggestions_for(viewer=mentee_user, programme=programme)) == []


def test_a_bookmark_adds_points_and_dismissing_removes_the_mentor_for_good(programme):
    mentee_user = member()
    sign_up(mentee_user, programme, "mentee")
    a = sign_up(member(), programme, "mentor")
    b = sign_up(member(), programme, "mentor")
    before = {c.id: c.score for c in suggestions_for(viewer=mentee_user, programme=programme)}
    bookmark_set(actor=mentee_user, programme=programme, mentor_id=b.pk)
    after = {c.id: c for c in suggestions_for(viewer=mentee_user, programme=programme)}
    assert after[b.pk].bookmarked and after[b.pk].score == before[b.pk] + 15
    assert [c.id for c in suggestions_for(viewer=mentee_user, programme=programme)][0] == b.pk
    mentor_dismiss(actor=mentee_user, programme=programme, mentor_id=a.pk)
    assert [c.id for c in suggestions_for(viewer=mentee_user, programme=programme)] == [b.pk]


def test_only_a_mentee_in_the_programme_gets_suggestions_or_bookmarks(programme):
    mentor_user, outsider = member(), member()
    mentor = sign_up(mentor_user, programme, "mentor")
    with pytest.raises(Http404):
        suggestions_for(viewer=mentor_user, programme=programme)
    with pytest.raises(Http404):
        suggestions_for(viewer=outsider, programme=programme)
    with pytest.raises(ApplicationError):
        bookmark_set(actor=outsider, programme=programme, mentor_id=mentor.pk)


def test_the_page_shows_cards_explanations_and_actions_paginated(programme, client_for):
    mentee_user = member()
    sign_up(mentee_user, programme, "mentee")
    mentors = [sign_up(member(f"Mentor {i}"), programme, "mentor", about=f"About {i}")
               for i in range(12)]
    client = client_for(mentee_user)
    url = reverse("mentoring:mentors", args=[programme.slug])
    body = client.get(url).content.decode()
    assert body.count('class="card" id="mentor-') == 10
    assert "Same goal: First promotion +30" in body
    assert "Not for me" in body and "Bookmark" in body
    assert client.get(url + "?page=2").content.decode().count('class="card" id="mentor-') == 2
    client.post(reverse("mentoring:bookmark", args=[programme.slug, mentors[3].pk]),
                {"on": "1"})
    dismiss = reverse("mentoring:dismiss", args=[programme.slug, mentors[0].pk])
    assert "They are not told" in client.get(dismiss).content.decode()
    assert client.post(dismiss).status_code == 302
    body = client.get(url).content.decode()
    assert "Bookmarked" in body and f'id="mentor-{mentors[0].pk}"' not in body


def test_the_page_answers_404_to_members_who_are_not_mentees(programme, client_for, member):
    assert client_for(member).get(
        reverse("mentoring:mentors", args=[programme.slug])).status_code == 404


def test_a_mentee_with_a_mentor_is_told_and_not_offered_to_ask(programme, client_for):
    mentee_user = member()
    mentee = sign_up(mentee_user, programme, "mentee")
    first = sign_up(member(), programme, "mentor")
    sign_up(member(), programme, "mentor")
    url = reverse("mentoring:mentors", args=[programme.slug])
    assert "You already have a mentor" not in client_for(mentee_user).get(url).content.decode()
    pair_start(mentee=mentee, mentor=first, source="matched")
    body = client_for(mentee_user).get(url).content.decode()
    assert "You already have a mentor" in body and ">Ask " not in body
