"""Awards' pages under /awards/ (each view module lists its own paths)."""

from upward.web.awards.views import entries, external, manage

app_name = "awards"

urlpatterns = [*entries.urlpatterns, *manage.urlpatterns, *external.urlpatterns]
