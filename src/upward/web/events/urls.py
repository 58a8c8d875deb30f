"""Events' pages under /events/ (views.py lists the paths)."""

from upward.web.events.views import urlpatterns as _pages

app_name = "events"

urlpatterns = [*_pages]
