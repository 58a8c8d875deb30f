"""Awards' pages under /awards/ (each view module lists its own paths)."""

from upward.web.awards.views import entries, external, judging, manage, results

app_name = "awards"

urlpatterns = [*entries.urlpatterns, *manage.urlpatterns, *judging.urlpatterns,
               *results.urlpatterns, *external.urlpatterns]
