"""Impact's pages under /impact/ (each view module lists its own paths)."""

from upward.web.impact.views import manage, pages, report

app_name = "impact"

urlpatterns = [*pages.urlpatterns, *manage.urlpatterns, *report.urlpatterns]
