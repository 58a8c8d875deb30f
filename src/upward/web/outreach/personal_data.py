"""Outreach's part of "download my data" (the volunteer profile and sign-ups), and what
deleting an account does: withdraws them from what is still to come (promoting the
waiting list), then deletes their sign-ups and profile. Outcomes keep their counts and
hours, which name nobody."""

from __future__ import annotations

from upward.web.accounts.services import ACCOUNT_ERASERS, personal_data_section
from upward.web.outreach.models import VolunteerProfile, VolunteerSignup
from upward.web.outreach.services.volunteers import signups_withdraw_all


def _when(value):
    return value.isoformat() if value else None


@personal_data_section("outreach")
def outreach_section(user) -> dict:
    profile = VolunteerProfile.objects.select_related("base_office").filter(person=user).first()
    return {
        "volunteer_profile": None if profile is None else {
            "activity_types": profile.activity_types, "year_groups": profile.year_groups,
            "base_office": profile.base_office.name if profile.base_office else None,
            "travel_km": profile.travel_km, "online": profile.online,
            "available": profile.available,
            "dbs_status_information_supplied": profile.dbs_status,
            "dbs_checked_on": _when(profile.dbs_checked_on), "about": profile.about,
        },
        "volunteer_signups": [
            {"opportunity": s.opportunity.title, "starts_at": _when(s.opportunity.starts_at),
             "school": s.opportunity.school.name if s.opportunity.school else None,
             "status": s.status, "signed_up_at": _when(s.created_at),
             "promoted_at": _when(s.promoted_at), "withdrawn_at": _when(s.withdrawn_at),
             "attended": s.attended}
            for s in VolunteerSignup.objects.filter(volunteer=user)
            .select_related("opportunity__school")],
    }


def erase_outreach_data(user) -> None:
    signups_withdraw_all(user=user)
    VolunteerSignup.objects.filter(volunteer=user).delete()
    VolunteerProfile.objects.filter(person=user).delete()


if erase_outreach_data not in ACCOUNT_ERASERS:
    ACCOUNT_ERASERS.append(erase_outreach_data)
