"""Distances between places given as British National Grid references.

Easting and northing on the British National Grid (OSGB36, EPSG:27700) are metres on a
transverse Mercator projection of Great Britain, so the straight-line distance between two
grid references is the Euclidean distance divided by 1,000 for kilometres. The projection's
scale factor varies from 0.9996 on the central meridian to about 1.0004 at the edges of
Great Britain, so a grid distance is within 0.04 % of the distance on the ground — a few
metres over a school-outreach travel radius of tens of kilometres, far below what a
"how far is this school" filter needs (and far below the difference between that and a
road journey). It is not valid outside Great Britain (Northern Ireland uses the Irish Grid).
"""

from __future__ import annotations

import math

__all__ = ["distance_km"]


def distance_km(easting_a: float, northing_a: float, easting_b: float, northing_b: float) -> float:
    """Straight-line distance in kilometres between two British National Grid references
    (easting and northing in metres)."""
    return math.hypot(easting_a - easting_b, northing_a - northing_b) / 1000.0
