"""Outreach's pages under /outreach/."""

from django.urls import path

from upward.web.outreach.views import contacts as contact_views
from upward.web.outreach.views import impact as impact_views
from upward.web.outreach.views import opportunities as opportunity_views
from upward.web.outreach.views import schools as school_views

app_name = "outreach"

urlpatterns = [
    path("outreach/schools/", school_views.schools, name="schools"),
    path("outreach/schools/import/", school_views.schools_import, name="schools_import"),
    path("outreach/schools/import/<int:import_id>/", school_views.schools_import_progress,
         name="schools_import_progress"),
    path("outreach/offices/", school_views.offices, name="offices"),
    path("outreach/offices/new/", school_views.office_edit, name="office_new"),
    path("outreach/offices/<int:office_id>/edit/", school_views.office_edit, name="office_edit"),
    path("outreach/offices/<int:office_id>/delete/", school_views.office_delete,
         name="office_delete"),
    path("outreach/impact/", impact_views.impact, name="impact"),
    path("outreach/impact/impact.csv", impact_views.impact_csv, name="impact_csv"),
    *opportunity_views.urlpatterns,
    *contact_views.urlpatterns,
]
