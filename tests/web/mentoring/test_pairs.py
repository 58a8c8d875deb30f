"""A pair's own space: who, why, goals, meetings, next meeting — for its two people only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from upward.web.core.errors import ApplicationError
from upward.web.core.notifications.models import Notification
from upward.web.mentoring.models import Meeting, PairGoal
from upward.web.mentoring.selectors.pairs import pair_for_member, pairs_for_member
from upward.web.mentoring.services import pairs as services

from .pairs_factories import make_pair, member

pytestmark = pytest.mark.django_db


def _people(pair):
    return pair.mentee.user, pair.mentor.user


# --- starting, and who sees it --------------------------------------------------------------


def test_starting_a_pair_tells_both_people_with_a_link_to_its_page():
    pair = make_pair()
    mentee, mentor = _people(pair)
    url = reverse("mentoring:pair", args=[pair.pk])
    assert Notification.objects.get(recipient=mentee, kind="mentoring_match").url == url
    assert Notification.objects.get(recipient=mentor, kind="mentoring_match").url == url


def test_both_people_see_the_pair_page_with_who_and_why(client_for):
    pair = make_pair(about="Eight years in finance operations.")
    mentee, mentor = _people(pair)
    page = client_for(mentee).get(reverse("mentoring:pair", args=[pair.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert mentor.profile.display_name in text
    assert "Same goal: First promotion" in text
    assert client_for(mentor).get(reverse("mentoring:pair", args=[pair.pk])).status_code == 200


@pytest.mark.parametrize("who", ["lead", "admin", "member", "moderator", "analyst"])
def test_everyone_else_gets_404_on_the_pair_page_and_its_parts(personas, client_for, who):
    pair = make_pair()
    services.meeting_log(actor=pair.mentee.user, pair_id=pair.pk,
                         held_on=timezone.localdate(), notes="Talked about the G7 role.")
    meeting = pair.meetings.get()
    services.next_meeting_set(actor=pair.mentee.user, pair_id=pair.pk,
                              at=timezone.now() + timedelta(days=3))
    client = client_for(personas[who])
    for name, args in [("pair", [pair.pk]), ("pair_next_meeting_ics", [pair.pk]),
                       ("pair_meetings_ics", [pair.pk]), ("pair_meeting_new", [pair.pk]),
                       ("pair_meeting_edit", [pair.pk, meeting.pk]), ("pair_end", [pair.pk]),
                       ("pair_feedback", [pair.pk]), ("pair_next_meeting", [pair.pk])]:
        response = client.get(reverse(f"mentoring:{name}", args=args))
        assert response.status_code == 404, name
        assert b"G7 role" not in response.content
    response = client.post(reverse("mentoring:pair_goal_add", args=[pair.pk]), {"text": "x"})
    assert response.status_code == 404
    assert not PairGoal.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    pair = make_pair()
    response = client.get(reverse("mentoring:pair", args=[pair.pk]))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_selectors_answer_404_for_a_third_person_and_list_only_own_pairs():
    from django.http import Http404

    pair, other = make_pair(), make_pair()
    mentee, _ = _people(pair)
    assert list(pairs_for_member(viewer=mentee)) == [pair]
    with pytest.raises(Http404):
        pair_for_member(viewer=mentee, pk=other.pk)
    with pytest.raises(Http404):
        pair_for_member(viewer=member(), pk=pair.pk)


def test_services_refuse_a_third_person_as_not_found():
    pair = make_pair()
    with pytest.raises(ApplicationError) as refused:
        services.pair_goal_add(actor=member(), pair_id=pair.pk, text="Sneak in")
    assert refused.value.status == 404
    with pytest.raises(ApplicationError):
        services.meeting_log(actor=member(roles=["member", "lead"]), pair_id=pair.pk,
                             held_on=timezone.localdate())
    assert not pair.goals.exists() and not pair.meetings.exists()


def test_the_mentor_is_not_shown_what_the_mentee_asked_for_privately(client_for):
    pair = make_pair(lived_experience_wanted=["Care experience"])
    mentee, mentor = _people(pair)
    url = reverse("mentoring:pair", args=[pair.pk])
    as_mentor = client_for(mentor).get(url).content.decode()
    assert "Same goal: First promotion" in as_mentor
    assert "Care experience" not in as_mentor and "Bookmarked" not in as_mentor
    as_mentee = client_for(mentee).get(url).content.decode()
    assert "Lived experience: Care experience" in as_mentee


def test_my_pairs_include_lists_active_pairs_with_the_next_meeting():
    pair = make_pair()
    mentee, mentor = _people(pair)
    at = timezone.now() + timedelta(days=2)
    services.next_meeting_set(actor=mentor, pair_id=pair.pk, at=at, place="Room 4.12")
    request = RequestFactory().get("/mentoring/")
    request.user = mentee
    html = render_to_string("mentoring/_my_pairs.html",
                            {"pairs": pairs_for_member(viewer=mentee)}, request=request)
    assert f"Your mentor {mentor.profile.display_name}" in html
    assert "Room 4.12" in html
    assert reverse("mentoring:pair", args=[pair.pk]) in html


# --- goals ------------------------------------------------------------------------------------


def test_goals_are_added_marked_done_and_removed_through_the_pages(client_for):
    pair = make_pair()
    mentee, mentor = _people(pair)
    client = client_for(mentee)
    response = client.post(reverse("mentoring:pair_goal_add", args=[pair.pk]),
                           {"text": "Apply for a G7 role"})
    assert response.status_code == 302
    goal = pair.goals.get()
    assert goal.text == "Apply for a G7 role" and goal.created_by == mentee
    client_for(mentor).post(reverse("mentoring:pair_goal_done", args=[pair.pk, goal.pk]),
                            {"done": "1"})
    goal.refresh_from_db()
    assert goal.done_at is not None
    client.post(reverse("mentoring:pair_goal_done", args=[pair.pk, goal.pk]), {"done": "0"})
    goal.refresh_from_db()
    assert goal.done_at is None
    confirm = client.get(reverse("mentoring:pair_goal_remove", args=[pair.pk, goal.pk]))
    assert confirm.status_code == 200 and b"Remove the goal" in confirm.content
    assert pair.goals.exists()
    client.post(reverse("mentoring:pair_goal_remove", args=[pair.pk, goal.pk]))
    assert not pair.goals.exists()


def test_an_empty_or_too_long_goal_is_refused_with_a_clear_message(client_for):
    pair = make_pair()
    client = client_for(pair.mentee.user)
    empty = client.post(reverse("mentoring:pair_goal_add", args=[pair.pk]), {"text": "  "})
    assert empty.status_code == 400 and "Enter a goal" in empty.content.decode()
    long = client.post(reverse("mentoring:pair_goal_add", args=[pair.pk]), {"text": "x" * 201})
    assert long.status_code == 400
    assert "Goal must be 200 characters or fewer" in long.content.decode()
    assert not pair.goals.exists()


def test_goal_done_only_answers_a_post(client_for):
    pair = make_pair()
    goal = services.pair_goal_add(actor=pair.mentee.user, pair_id=pair.pk, text="Network")
    response = client_for(pair.mentee.user).get(
        reverse("mentoring:pair_goal_done", args=[pair.pk, goal.pk]))
    assert response.status_code == 405


# --- meetings ---------------------------------------------------------------------------------


def test_logging_a_meeting_through_the_page(client_for):
    pair = make_pair()
    mentee = pair.mentee.user
    day = timezone.localdate() - timedelta(days=1)
    response = client_for(mentee).post(reverse("mentoring:pair_meeting_new", args=[pair.pk]), {
        "held_on": day.isoformat(), "minutes": "45", "notes": "Practised the interview."})
    assert response.status_code == 302
    meeting = pair.meetings.get()
    assert (meeting.held_on, meeting.minutes, meeting.notes, meeting.logged_by) == \
        (day, 45, "Practised the interview.", mentee)
    page = client_for(pair.mentor.user).get(reverse("mentoring:pair", args=[pair.pk]))
    assert "Practised the interview." in page.content.decode()


@pytest.mark.parametrize(("data", "message"), [
    ({"held_on": "", "minutes": "", "notes": ""}, "Enter the date of the meeting"),
    ({"held_on": "2025-02-30", "minutes": "", "notes": ""},
     "Date of the meeting must be a real date"),
    ({"held_on": "2025-02-03", "minutes": "0", "notes": ""}, "Length in minutes must be 1 or more"),
    ({"held_on": "2025-02-03", "minutes": "", "notes": "x" * 5001},
     "Notes must be 5,000 characters or fewer"),
])
def test_bad_meetings_are_refused_and_change_nothing(client_for, data, message):
    pair = make_pair()
    response = client_for(pair.mentee.user).post(
        reverse("mentoring:pair_meeting_new", args=[pair.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not pair.meetings.exists()


def test_a_meeting_in_the_future_is_refused_on_its_field(client_for):
    pair = make_pair()
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(pair.mentee.user).post(
        reverse("mentoring:pair_meeting_new", args=[pair.pk]), {"held_on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "must be today or in the past" in response.content.decode()
    assert not pair.meetings.exists()


def test_only_the_author_edits_or_deletes_a_meeting(client_for):
    pair = make_pair()
    mentee, mentor = _people(pair)
    meeting = services.meeting_log(actor=mentee, pair_id=pair.pk,
                                   held_on=timezone.localdate(), notes="First chat")
    for name in ("pair_meeting_edit", "pair_meeting_delete"):
        url = reverse(f"mentoring:{name}", args=[pair.pk, meeting.pk])
        assert client_for(mentor).get(url).status_code == 404
        assert client_for(mentor).post(url, {"held_on": "2025-01-01"}).status_code == 404
    with pytest.raises(ApplicationError, match="Only the person who logged"):
        services.meeting_update(actor=mentor, pair_id=pair.pk, meeting_id=meeting.pk,
                                held_on=timezone.localdate(), notes="Rewritten")
    edit = client_for(mentee).post(
        reverse("mentoring:pair_meeting_edit", args=[pair.pk, meeting.pk]),
        {"held_on": timezone.localdate().isoformat(), "minutes": "30",
         "notes": "First chat, edited"})
    assert edit.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.notes) == (30, "First chat, edited")


def test_deleting_a_meeting_asks_first_then_deletes(client_for):
    pair = make_pair()
    mentee = pair.mentee.user
    meeting = services.meeting_log(actor=mentee, pair_id=pair.pk, held_on=timezone.localdate())
    url = reverse("mentoring:pair_meeting_delete", args=[pair.pk, meeting.pk])
    confirm = client_for(mentee).get(url)
    assert confirm.status_code == 200 and b"Delete the meeting" in confirm.content
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert client_for(mentee).post(url).status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_logging_the_meeting_that_was_planned_clears_the_next_meeting():
    pair = make_pair()
    mentee = pair.mentee.user
    services.next_meeting_set(actor=mentee, pair_id=pair.pk,
                              at=timezone.now() + timedelta(minutes=5))
    pair.refresh_from_db()
    day = timezone.localdate(pair.next_meeting_at)
    if day > timezone.localdate():  # the meeting is after midnight: it has not happened yet
        pytest.skip("the next meeting falls on tomorrow's date")
    services.meeting_log(actor=mentee, pair_id=pair.pk, held_on=day)
    pair.refresh_from_db()
    assert pair.next_meeting_at is None and pair.next_meeting_place == ""


# --- next meeting ---------------------------------------------------------------------------------


def test_setting_the_next_meeting_tells_the_other_person(client_for):
    pair = make_pair()
    mentee, mentor = _people(pair)
    at = (timezone.localtime() + timedelta(days=5)).replace(hour=10, minute=30, second=0,
                                                            microsecond=0)
    response = client_for(mentee).post(reverse("mentoring:pair_next_meeting", args=[pair.pk]),
                                       {"at": at.strftime("%Y-%m-%dT%H:%M"),
                                        "place": "Café, ground floor"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.next_meeting_at == at and pair.next_meeting_place == "Café, ground floor"
    told = Notification.objects.get(recipient=mentor, kind="mentoring_meeting")
    assert mentee.profile.display_name in told.text and "10:30" in told.text
    assert not Notification.objects.filter(recipient=mentee, kind="mentoring_meeting").exists()


def test_a_next_meeting_in_the_past_or_a_bad_date_is_refused(client_for):
    pair = make_pair()
    client = client_for(pair.mentee.user)
    url = reverse("mentoring:pair_next_meeting", args=[pair.pk])
    past = client.post(url, {"at": "2020-01-01T10:00", "place": ""})
    assert past.status_code == 400 and "must be in the future" in past.content.decode()
    nonsense = client.post(url, {"at": "tomorrow-ish", "place": ""})
    assert nonsense.status_code == 400
    assert "must be a real date and time" in nonsense.content.decode()
    pair.refresh_from_db()
    assert pair.next_meeting_at is None


def test_clearing_the_next_meeting_asks_first(client_for):
    pair = make_pair()
    services.next_meeting_set(actor=pair.mentor.user, pair_id=pair.pk,
                              at=timezone.now() + timedelta(days=1), place="Room 1")
    url = reverse("mentoring:pair_next_meeting_clear", args=[pair.pk])
    client = client_for(pair.mentee.user)
    assert b"Clear the next meeting" in client.get(url).content
    pair.refresh_from_db()
    assert pair.next_meeting_at is not None
    client.post(url)
    pair.refresh_from_db()
    assert pair.next_meeting_at is None and pair.next_meeting_place == ""


def test_the_pair_page_and_list_work_without_javascript_and_link_everything(client_for):
    pair = make_pair()
    services.next_meeting_set(actor=pair.mentee.user, pair_id=pair.pk,
                              at=timezone.now() + timedelta(days=1))
    page = client_for(pair.mentee.user).get(reverse("mentoring:pair", args=[pair.pk]))
    html = page.content.decode()
    for name in ("pair_meeting_new", "pair_next_meeting_ics", "pair_end",
                 "pair_next_meeting_clear"):
        assert reverse(f"mentoring:{name}", args=[pair.pk]) in html
    assert "<script>" not in html and "onclick" not in html
    listing = client_for(pair.mentee.user).get(reverse("mentoring:pairs"))
    assert listing.status_code == 200
    assert reverse("mentoring:pair", args=[pair.pk]) in listing.content.decode()


def test_services_word_their_refusals_for_the_api_too():
    pair = make_pair()
    mentee = pair.mentee.user
    cases = [
        (services.pair_goal_add, {"text": " "}, "Enter a goal.", "text"),
        (services.pair_goal_add, {"text": "g" * 201}, "Goal must be 200 characters or fewer.",
         "text"),
        (services.meeting_log, {"held_on": None}, "Enter the date of the meeting.", "held_on"),
        (services.meeting_log, {"held_on": timezone.localdate(), "notes": "n" * 5001},
         "Notes must be 5,000 characters or fewer.", "notes"),
        (services.meeting_log, {"held_on": timezone.localdate(), "minutes": 601},
         "Minutes must be between 1 and 600.", "minutes"),
        (services.next_meeting_set, {"at": timezone.now() + timedelta(days=1), "place": "p" * 201},
         "Place must be 200 characters or fewer.", "place"),
    ]
    for service, kwargs, message, field in cases:
        with pytest.raises(ApplicationError) as refused:
            service(actor=mentee, pair_id=pair.pk, **kwargs)
        assert (refused.value.message, refused.value.field) == (message, field)
    assert not pair.goals.exists() and not pair.meetings.exists()
