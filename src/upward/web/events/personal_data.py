"""Events' part of "download my data" (the person's RSVPs, attendance as marked, survey
answers, whether they have a calendar feed) and what deleting an account does: their
RSVPs are withdrawn (a freed place goes to the waiting list, as for a cancellation),
their survey answers and feed are deleted, and events they organised stay, with no
organiser named."""

from __future__ import annotations

from upward.web.accounts.services import ACCOUNT_ERASERS, personal_data_section
from upward.web.events.models import RSVP, CalendarFeed, SurveyAnswer
from upward.web.events.services import rsvps_erase


def _when(value):
    return value.isoformat() if value else None


@personal_data_section("events")
def events_section(user) -> dict:
    return {
        "rsvps": [{"event": r.event.title, "starts_at": _when(r.event.starts_at),
                   "time_zone": r.event.time_zone, "status": r.status,
                   "rsvp_at": _when(r.created_at), "confirmed_at": _when(r.confirmed_at),
                   "attended": r.attended}
                  for r in RSVP.objects.filter(person=user).select_related("event")],
        "survey_answers": [{"event": a.event.title, "rating": a.rating, "comment": a.comment,
                            "answered_at": _when(a.created_at)}
                           for a in SurveyAnswer.objects.filter(person=user)
                           .select_related("event")],
        "calendar_feed": CalendarFeed.objects.filter(person=user).exists(),
    }


def erase_events_data(user) -> None:
    """Runs inside ``account_delete``'s transaction, before the account goes."""
    rsvps_erase(person=user)
    SurveyAnswer.objects.filter(person=user).delete()
    CalendarFeed.objects.filter(person=user).delete()


if erase_events_data not in ACCOUNT_ERASERS:
    ACCOUNT_ERASERS.append(erase_events_data)
