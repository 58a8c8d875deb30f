"""The demo's sample schools register: 156 INVENTED schools in the real GIAS column layout.

Not real schools: the names are made up, the URNs are in a range GIAS does not use
(900001…), and the postcodes and grid references are plausible places around the demo
organisation's offices. Written to ``src/upward/data/demo/gias_sample.csv`` (Windows-1252,
like the DfE's export) by::

    .venv/bin/python -m upward.demo.gias_sample src/upward/data/demo/gias_sample.csv
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

from upward.schools.layout import gias_csv

__all__ = ["OFFICES", "sample_gias_csv"]

# Office location (as in organisation.toml) → (postcode, local authority, easting, northing)
# of the city centre on the British National Grid. Belfast (Irish Grid, and not in GIAS)
# and "Remote (Cornwall)" have no office.
OFFICES: dict[str, tuple[str, str, int, int]] = {
    "Leeds": ("LS1 4AP", "Leeds", 430000, 433500),
    "Manchester": ("M1 1AD", "Manchester", 384000, 398000),
    "Glasgow": ("G1 1XQ", "Glasgow City", 259000, 665500),
    "Cardiff": ("CF10 1EP", "Cardiff", 318500, 176000),
    "London": ("EC2V 7HH", "City of London", 532500, 181500),
    "Birmingham": ("B2 4QA", "Birmingham", 407000, 286800),
    "Newcastle upon Tyne": ("NE1 7RU", "Newcastle upon Tyne", 425000, 564000),
    "Bristol": ("BS1 4DJ", "Bristol, City of", 358800, 172700),
    "Sunderland": ("SR1 3AD", "Sunderland", 439700, 557000),
    "Liverpool": ("L1 8JQ", "Liverpool", 334800, 390300),
    "Nottingham": ("NG1 2DR", "Nottingham", 457300, 340000),
    "Swansea": ("SA1 3SN", "Swansea", 265500, 192900),
    "Edinburgh": ("EH1 1YZ", "Edinburgh, City of", 325900, 673700),
    "Hull": ("HU1 2AA", "Kingston upon Hull, City of", 509500, 428800),
}
# GIAS lists schools in England and Wales; the sample's schools are around these offices.
_SCHOOL_AREAS = [c for c in OFFICES if c not in ("Glasgow", "Edinburgh")]
_WELSH = {"Cardiff", "Swansea"}

_PLACES = ["Oakfield", "Riverside", "Beechwood", "Hollins", "Kirkgate", "Millbrook",
           "Ashgrove", "Fenwick", "Harbour", "Westfield", "Thornbury", "Castlegate",
           "Brackley", "Meadowbank", "Elmhurst", "Stonebridge"]
_KINDS = [  # (type, phase, name pattern, low age, high age, pupils range)
    ("Community school", "Primary", "{place} Primary School", 4, 11, (120, 460)),
    ("Academy converter", "Primary", "{place} Academy", 4, 11, (180, 630)),
    ("Voluntary aided school", "Primary",
     "St Mary’s Church of England Primary School – {place}", 4, 11, (90, 420)),
    ("Academy sponsor led", "Secondary", "{place} High School", 11, 16, (600, 1400)),
    ("Academy converter", "Secondary", "{place} Academy", 11, 18, (800, 1800)),
    ("Community school", "Secondary", "{place} Community College", 11, 16, (500, 1200)),
    ("Free schools", "16 plus", "{place} Sixth Form College", 16, 19, (300, 900)),
]
_WELSH_KINDS = [
    ("Welsh establishment", "Primary", "Ysgol Gynradd Gymraeg {place}", 3, 11, (150, 420)),
    ("Welsh establishment", "Secondary", "Ysgol Gyfun Bro’r Dderwen – {place}", 11, 18,
     (700, 1400)),
]


def _rows(seed: int):
    rng = random.Random(seed)
    urn = 900000
    for city in _SCHOOL_AREAS:
        postcode, la, east, north = OFFICES[city]
        area = postcode.split()[0].rstrip("0123456789")
        for i in range(13):
            urn += 1
            kinds = _WELSH_KINDS + _KINDS[:3] if city in _WELSH else _KINDS
            type_, phase, pattern, low, high, (p_low, p_high) = kinds[i % len(kinds)]
            place = _PLACES[(i * 5 + len(city)) % len(_PLACES)]
            # a ring up to ~25 km out; a few schools near the office, most further away
            distance = rng.uniform(0.5, 25.0) * 1000
            bearing = rng.uniform(0, 6.283)

            e = int(east + distance * math.cos(bearing))
            n = int(north + distance * math.sin(bearing))
            closed = i == 12 and urn % 3 == 0
            fsm = rng.choice([rng.uniform(4, 20), rng.uniform(15, 35), rng.uniform(28, 62)])
            yield {
                "URN": urn, "LA (name)": la, "LA (code)": 800 + len(la),
                "EstablishmentNumber": 2000 + i,
                "EstablishmentName": pattern.format(place=f"{place} ({city})"),
                "TypeOfEstablishment (name)": type_, "PhaseOfEducation (name)": phase,
                "EstablishmentStatus (name)": "Closed" if closed else "Open",
                "CloseDate": "31-08-2023" if closed else "",
                "ReasonEstablishmentClosed (name)": "Academy converter" if closed else
                "Not applicable",
                "OpenDate": "01-09-2012" if type_.startswith("Academy") else "",
                "StatutoryLowAge": low, "StatutoryHighAge": high,
                "Gender (name)": "Mixed", "NumberOfPupils": rng.randint(p_low, p_high),
                "PercentageFSM": "SUPP" if i == 7 else f"{fsm:.1f}",
                "CensusDate": "16-01-2025", "Street": f"{rng.randint(1, 120)} {place} Road",
                "Town": city, "Postcode": f"{area}{rng.randint(1, 19)} {rng.randint(1, 9)}"
                                          f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                                          f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                "SchoolWebsite": f"https://www.school-{urn}.example.org.uk",
                "Easting": e, "Northing": n,
                "Country (name)": "Wales" if city in _WELSH else "United Kingdom",
            }


def sample_gias_csv(seed: int = 13) -> bytes:
    """The sample file's bytes (Windows-1252, the full GIAS header)."""
    return gias_csv(_rows(seed))


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(sample_gias_csv())
