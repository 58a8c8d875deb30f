"""No child data: the register stores establishments and their published totals only.

Adding a field to an outreach model means adding it here, on purpose, after checking it
is not about a child."""

from __future__ import annotations

from upward.web.outreach.models import Office, School, SchoolImport

REVIEWED = {
    School: {"id", "urn", "name", "type", "phase", "local_authority", "postcode", "pupils",
             "fsm_percent", "easting", "northing", "is_open", "closed_on", "updated_at"},
    SchoolImport: {"id", "actor", "created_at", "source_name", "rows_read", "created",
                   "updated", "unchanged", "closed", "failed", "problems"},
    Office: {"id", "name", "postcode", "easting", "northing"},
}


def test_every_stored_field_was_reviewed():
    for model, fields in REVIEWED.items():
        assert {f.name for f in model._meta.concrete_fields} == fields, model.__name__


def test_the_reader_keeps_no_head_teacher_or_pupil_columns():
    from upward.schools.gias import COLUMNS

    assert not any(word in name.lower() for name in COLUMNS.values()
                   for word in ("head", "firstname", "lastname", "telephone", "email"))
