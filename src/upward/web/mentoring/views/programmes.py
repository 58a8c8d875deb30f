"""Members' mentoring pages: programmes, sign-up, suggested mentors, requests."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path

from upward.web.core.permissions import capability_required
from upward.web.mentoring.selectors import programmes as selectors


@capability_required("mentoring")
def home(request):
    return render(request, "mentoring/home.html", {
        "programmes": selectors.programmes_open_to(viewer=request.user),
        "participations": selectors.own_participations(viewer=request.user),
    })


urlpatterns = [
    path("mentoring/", home, name="home"),
]
