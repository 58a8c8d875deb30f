"""Mentoring's pages under /mentoring/ (each view module lists its own paths)."""

from upward.web.mentoring.views import health, manage, pairs, programmes

app_name = "mentoring"

urlpatterns = [*programmes.urlpatterns, *manage.urlpatterns, *pairs.urlpatterns,
               *health.urlpatterns]
