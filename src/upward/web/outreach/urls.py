"""Outreach's pages under /outreach/."""

from django.urls import path

from upward.web.outreach.views import contacts as contact_views
from upward.web.outreach.views import impact as impact_views
from upward.web.outreach.views import opportunities as opportunity_views
from upward.web.outreach.views import schools as school_views

app_name = "outreach"

urlpatterns = [
    path("outreach/schools/", school_views.schools, name="schools"),
    path("outreach/impact/", impact_views.impact, name="impact"),
    path("outreach/impact/impact.csv", impact_views.impact_csv, name="impact_csv"),
    *opportunity_views.urlpatterns,
    *contact_views.urlpatterns,
]
