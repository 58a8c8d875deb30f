from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView

from upward.web.core.api import api

urlpatterns = [
    path("", include("upward.web.core.urls")),
    path("", include("upward.web.accounts.urls")),
    path("", include("upward.web.insights.urls")),
    path("", include("upward.web.community.urls")),
    path("", include("upward.web.mentoring.urls")),
    path("", include("upward.web.outreach.urls")),
    path("", include("upward.web.events.urls")),
    path("", include("upward.web.awards.urls")),
    path("", include("upward.web.impact.urls")),
    path("api/v1/", api.urls),
]
if settings.UPWARD_SSO_ENABLED:
    urlpatterns += [
        # allauth's own sign-in page would duplicate ours: send people to ours.
        path("sso/login/", RedirectView.as_view(pattern_name="accounts:login")),
        path("sso/", include("allauth.urls")),
    ]

handler404 = "upward.web.core.views.not_found"
handler403 = "upward.web.core.views.forbidden"
handler500 = "upward.web.core.views.server_error"
