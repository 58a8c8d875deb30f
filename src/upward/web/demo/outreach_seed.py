"""The demo's outreach: the organisation's offices and the sample schools register.

Offices are the demo organisation's locations (``organisation.toml``) that are on the
British National Grid; the schools are ``upward/data/demo/gias_sample.csv`` (invented
schools in the real GIAS layout), imported through the same service as
``upward schools import``. Safe to run twice: offices are matched by name and the import
is idempotent by URN; the year of outreach is seeded once.
"""

from __future__ import annotations

from importlib import resources

from upward.demo.gias_sample import OFFICES
from upward.web.demo import content
from upward.web.demo.outreach_year import seed_outreach_year
from upward.web.outreach.models import Office
from upward.web.outreach.services import schools_import

SAMPLE = "gias_sample.csv"


def seed_outreach(*, seed: int = 2026) -> None:
    """The offices, the sample register, then a year of outreach
    (:mod:`upward.web.demo.outreach_year`, deterministic for ``seed``)."""
    for location in content.LOCATIONS:
        if location in OFFICES:
            postcode, _, easting, northing = OFFICES[location]
            Office.objects.update_or_create(
                name=location, defaults={"postcode": postcode, "easting": easting,
                                         "northing": northing})
    data = resources.files("upward.data").joinpath("demo").joinpath(SAMPLE).read_bytes()
    schools_import(actor=None, content=data, source_name=SAMPLE)
    seed_outreach_year(seed=seed)
