"""Outreach's pages under /outreach/."""

from django.urls import path

from upward.web.outreach.views import contacts as contact_views
from upward.web.outreach.views import opportunities as opportunity_views
from upward.web.outreach.views import schools as school_views

app_name = "outreach"

urlpatterns = [
    path("outreach/schools/", school_views.schools, name="schools"),
    *opportunity_views.urlpatterns,
    *contact_views.urlpatterns,
]
