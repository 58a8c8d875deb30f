"""The reader's two paths give the csv module's answer: lines without quotes are split on
commas, lines with quotes (commas, doubled quotes, line breaks inside a field) go through
``csv``; LF or CRLF line ends; an unclosed quote is a file error."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upward.schools.gias import GiasFileError, read_gias
from upward.schools.layout import GIAS_HEADER, gias_csv


def school(**overrides):
    row = {"URN": 100001, "EstablishmentName": "Fenside Primary School",
           "PhaseOfEducation (name)": "Primary", "Postcode": "cb7 4aa",
           "Easting": 554000, "Northing": 280000, "EstablishmentStatus (name)": "Open"}
    row.update(overrides)
    return row


def rows(data):
    return list(read_gias(data))


def test_quoted_commas_quotes_and_line_breaks_read_as_csv_does():
    data = gias_csv([
        school(URN=1, EstablishmentName="St Mary's, Church of England School"),
        school(URN=2, EstablishmentName='The "Oaks" Academy'),
        school(URN=3, EstablishmentName="Two\r\nLines", Postcode="ab1 2cd"),
        school(URN=4),
    ])
    read = rows(data)
    assert [r.row for r in read] == [2, 3, 4, 5]
    assert [r.school.name for r in read] == [
        "St Mary's, Church of England School", 'The "Oaks" Academy', "Two\nLines",
        "Fenside Primary School"]
    assert read[2].school.postcode == "AB1 2CD" and read[3].school.urn == 4


def test_lf_line_ends_read_like_crlf():
    data = gias_csv([school(URN=1), school(URN=2, CloseDate="31-08-2019",
                                           **{"EstablishmentStatus (name)": "Closed"})])
    assert [r.school for r in rows(data.replace(b"\r\n", b"\n"))] == \
        [r.school for r in rows(data)]
    assert rows(data)[1].school.closed_on == date(2019, 8, 31)


def test_an_unclosed_quote_is_a_file_error():
    data = gias_csv([school(URN=1)]) + b'2,"never closed\r\n'
    with pytest.raises(GiasFileError, match="is not valid CSV"):
        rows(data)


cell = st.text(alphabet=st.sampled_from(list('ab ,"\r\n1é')), max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(cell, cell), min_size=1, max_size=5))
def test_any_names_and_postcodes_read_back_as_written(pairs):
    data = gias_csv([school(URN=i + 1, EstablishmentName="N" + name, Postcode=postcode)
                     for i, (name, postcode) in enumerate(pairs)], encoding="utf-8")
    expected = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[1:]
    read = rows(b"\xef\xbb\xbf" + data)
    assert len(read) == len(pairs) == len(expected)
    name_at, postcode_at = (GIAS_HEADER.index(c) for c in ("EstablishmentName", "Postcode"))
    for got, cells in zip(read, expected, strict=True):
        # the one difference from csv: a line break inside a quoted field reads as "\n"
        assert got.school.name == cells[name_at].replace("\r\n", "\n").strip()
        assert got.school.postcode == cells[postcode_at].replace("\r\n", "\n").strip().upper()
