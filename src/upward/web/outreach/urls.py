"""Outreach's pages under /outreach/."""

from django.urls import path

from upward.web.outreach import views

app_name = "outreach"

urlpatterns = [
    path("outreach/schools/", views.schools, name="schools"),
]
