"""Outreach's pages under /outreach/."""

from django.urls import path

from upward.web.outreach.views import schools as school_views

app_name = "outreach"

urlpatterns = [
    path("outreach/schools/", school_views.schools, name="schools"),
]
