"""Importing GIAS: idempotent by URN, closed schools kept, bad rows reported and skipped,
a bad file changes nothing, and no query per row."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from upward.schools.layout import GIAS_HEADER, gias_csv
from upward.web.core.audit import audit_entries
from upward.web.core.errors import ApplicationError
from upward.web.outreach.models import School, SchoolImport
from upward.web.outreach.services import schools_import

pytestmark = pytest.mark.django_db


def school(urn, **overrides):
    n = urn if isinstance(urn, int) else 7
    row = {"URN": urn, "EstablishmentName": f"School {urn}",
           "TypeOfEstablishment (name)": "Academy converter",
           "PhaseOfEducation (name)": "Secondary", "LA (name)": "Leeds",
           "Postcode": "LS1 4AP", "NumberOfPupils": 900 + n % 50,
           "PercentageFSM": f"{n % 60}.5", "Easting": 430000 + n % 1000,
           "Northing": 433000 + n % 1000, "EstablishmentStatus (name)": "Open"}
    row.update(overrides)
    return row


def run(data, actor=None, name="edubasealldata.csv"):
    return schools_import(actor=actor, content=data, source_name=name)


def test_first_import_creates_and_a_second_changes_nothing():
    data = gias_csv([school(u) for u in range(100001, 100041)])
    first = run(data)
    assert (first.rows_read, first.created, first.updated, first.failed) == (40, 40, 0, 0)
    stamps = dict(School.objects.values_list("urn", "updated_at"))
    second = run(data)
    assert (second.rows_read, second.created, second.updated, second.unchanged) == (40, 0, 0, 40)
    assert dict(School.objects.values_list("urn", "updated_at")) == stamps
    assert SchoolImport.objects.count() == 2


def test_every_value_is_stored_as_read():
    run(gias_csv([school(7, **{"EstablishmentName": "Ysgol Gymraeg – Caerdydd",
                               "EstablishmentStatus (name)": "Closed",
                               "CloseDate": "31-08-2019", "NumberOfPupils": ""})]))
    s = School.objects.get()
    assert (s.urn, s.name, s.type, s.phase, s.local_authority, s.postcode) == (
        7, "Ysgol Gymraeg – Caerdydd", "Academy converter", "Secondary", "Leeds", "LS1 4AP")
    assert (s.pupils, s.fsm_percent, s.easting, s.northing) == (None, 7.5, 430007, 433007)
    assert (s.is_open, s.closed_on) == (False, date(2019, 8, 31))
    assert s.updated_at is not None


def test_changed_values_update_only_those_schools():
    run(gias_csv([school(u) for u in (1, 2, 3)]))
    report = run(gias_csv([school(1), school(2, PercentageFSM="44.0"), school(3)]))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert School.objects.get(urn=2).fsm_percent == 44.0


def test_schools_missing_from_a_later_file_are_kept():
    run(gias_csv([school(u) for u in (1, 2, 3)]))
    run(gias_csv([school(1)]))
    assert sorted(School.objects.values_list("urn", flat=True)) == [1, 2, 3]


def test_closed_schools_are_kept_and_marked():
    run(gias_csv([school(1), school(2)]))
    report = run(gias_csv([school(1), school(2, **{"EstablishmentStatus (name)": "Closed",
                                                   "CloseDate": "31-08-2024"})]))
    assert (report.updated, report.closed) == (1, 1)
    closed = School.objects.get(urn=2)
    assert closed.is_open is False and closed.closed_on == date(2024, 8, 31)
    assert School.objects.get(urn=1).is_open


def test_bad_rows_are_reported_with_row_numbers_and_the_rest_imported():
    data = gias_csv([school(1), school("X9"), school(3, PercentageFSM="140"), school(4),
                     school(1, EstablishmentName="Duplicate")])
    report = run(data)
    assert (report.rows_read, report.created, report.failed) == (5, 2, 3)
    assert sorted(School.objects.values_list("urn", flat=True)) == [1, 4]
    assert School.objects.get(urn=1).name == "School 1"
    stored = SchoolImport.objects.get().problems
    assert stored == [
        {"row": 3, "urn": "X9", "column": "URN", "message": "“X9” is not a URN (a whole number)"},
        {"row": 4, "urn": "3", "column": "PercentageFSM",
         "message": "140 is not a percentage between 0 and 100"},
        {"row": 6, "urn": "1", "column": "URN", "message": "the URN appears earlier in the file"},
    ]


def test_a_file_missing_a_required_column_changes_nothing():
    run(gias_csv([school(1)]))
    header = [h for h in GIAS_HEADER if h != "PhaseOfEducation (name)"]
    with pytest.raises(ApplicationError) as error:
        run(gias_csv([school(1, EstablishmentName="Renamed"), school(2)], header=header),
            name="broken.csv")
    assert str(error.value).startswith("broken.csv: the file has no column "
                                       "“PhaseOfEducation (name)”")
    assert list(School.objects.values_list("urn", "name")) == [(1, "School 1")]
    assert SchoolImport.objects.count() == 1


def test_an_encoding_error_late_in_the_file_rolls_back_the_rows_before_it():
    good = gias_csv([school(u) for u in range(1, 3001)])
    data = good + gias_csv([school(9999, EstablishmentName="Bad\x81")], encoding="latin-1") \
        .split(b"\r\n", 1)[1]
    with pytest.raises(ApplicationError, match="not valid Windows-1252"):
        run(data)
    assert School.objects.count() == 0 and SchoolImport.objects.count() == 0


def test_queries_do_not_grow_with_rows():
    def count(n, start):
        with CaptureQueriesContext(connection) as queries:
            run(gias_csv([school(u) for u in range(start, start + n)]))
        return len(queries)

    # SQLite splits a bulk statement at 999 parameters: a few queries per batch, none per row
    few, many = count(50, 1), count(3000, 10000)
    assert few <= 8 and many <= 3000 / 50


def test_import_is_audited_with_its_counts(lead):
    report = run(gias_csv([school(1)]), actor=lead)
    [entry] = audit_entries(action="outreach.schools_import")
    assert entry.actor_label == lead.email
    assert entry.detail["created"] == 1 and entry.object_id == str(report.record.pk)
    assert report.record.actor == lead


def test_only_leads_and_admins_may_import(personas):
    data = gias_csv([school(1)])
    for name in ("member", "moderator", "analyst", "judge"):
        with pytest.raises(ApplicationError) as error:
            run(data, actor=personas[name])
        assert error.value.status == 403
    assert School.objects.count() == 0
    run(data, actor=personas["admin"])
    assert School.objects.count() == 1
