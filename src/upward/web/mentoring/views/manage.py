"""Network leads' mentoring pages: programmes, matching runs, aggregate health."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import path

from upward.web.core.permissions import capability_required
from upward.web.mentoring.selectors import programmes as selectors


@capability_required("run_mentoring")
def manage(request):
    return render(request, "mentoring/manage.html", {
        "programmes": selectors.programmes_for_lead(viewer=request.user),
    })


urlpatterns = [
    path("mentoring/manage/", manage, name="manage"),
]
