"""No child data: the register stores establishments and their published totals only.

Adding a field to an outreach model means adding it here, on purpose, after checking it
is not about a child."""

from __future__ import annotations

from django.apps import apps

from upward.web.outreach.models import (
    Office,
    Opportunity,
    Outcome,
    SafeguardingCheck,
    School,
    SchoolContact,
    SchoolImport,
    VolunteerProfile,
    VolunteerSignup,
)

REVIEWED = {
    School: {"id", "urn", "name", "type", "phase", "local_authority", "postcode", "pupils",
             "fsm_percent", "easting", "northing", "is_open", "closed_on", "updated_at"},
    SchoolImport: {"id", "actor", "created_at", "source_name", "rows_read", "created",
                   "updated", "unchanged", "closed", "failed", "problems", "status",
                   "rows_expected", "error", "finished_at"},
    Office: {"id", "name", "postcode", "easting", "northing"},
    # adults only: a school's staff member invited as a guest
    SchoolContact: {"id", "school", "name", "email", "job_title", "token_hash", "invited_by",
                    "created_at", "expires_at", "revoked_at", "last_used_at"},
    # pupils appear only as an expected count and year groups
    Opportunity: {"id", "kind", "title", "description", "school", "starts_at", "ends_at",
                  "format", "place", "link", "year_groups", "pupils_expected",
                  "volunteers_needed", "status", "posted_by", "proposed_by", "created_at",
                  "updated_at", "cancelled_at"},
    VolunteerSignup: {"id", "opportunity", "volunteer", "status", "created_at", "promoted_at",
                      "withdrawn_at", "reminded_at", "attended"},
    VolunteerProfile: {"id", "person", "activity_types", "year_groups", "base_office",
                       "travel_km", "online", "available", "dbs_status", "dbs_checked_on",
                       "about", "updated_at"},
    SafeguardingCheck: {"id", "opportunity", "supervised_at_all_times", "id_on_arrival",
                        "visitor_badge", "school_policy_read", "school_safeguarding_lead",
                        "notes", "confirmed_by", "confirmed_at"},
    # counts, year groups and yes/no answers: never a pupil
    Outcome: {"id", "opportunity", "pupils_reached", "year_groups", "clear_purpose",
              "learning_outcomes", "two_way_interaction", "follow_up", "volunteer_hours",
              "feedback", "priority_school", "recorded_by", "recorded_at"},
}


def test_every_outreach_model_was_reviewed():
    assert set(apps.get_app_config("outreach").get_models()) == set(REVIEWED)


def test_every_stored_field_was_reviewed():
    for model, fields in REVIEWED.items():
        assert {f.name for f in model._meta.concrete_fields} == fields, model.__name__


def test_the_reader_keeps_no_head_teacher_or_pupil_columns():
    from upward.schools.gias import COLUMNS

    assert not any(word in name.lower() for name in COLUMNS.values()
                   for word in ("head", "firstname", "lastname", "telephone", "email"))
