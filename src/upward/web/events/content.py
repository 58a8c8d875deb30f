"""Events in the one search (registered from platform.py). Only network members see
events, so visibility asks ``events_visible_to``; the organiser is not indexed."""

from __future__ import annotations

from django.urls import reverse

from upward.web.core.content.registry import SearchDocument, SearchFacts
from upward.web.events.models import Event
from upward.web.events.selectors import events_visible_to


class EventSearch:
    filters = frozenset()

    def document(self, event: Event) -> SearchDocument:
        body = "\n".join(filter(None, [event.description, event.place]))
        return SearchDocument(event.title, body, "")

    def visible_ids(self, *, viewer, ids, filters) -> set[int]:
        return set(events_visible_to(viewer=viewer).filter(pk__in=ids)
                   .values_list("pk", flat=True))

    def results(self, ids):
        return Event.objects.select_related("organiser__profile").in_bulk(ids)

    def facts(self, event: Event) -> SearchFacts:
        return SearchFacts(url=reverse("events:event", args=[event.pk]), when=event.starts_at,
                           context="Cancelled event" if event.is_cancelled else "Event")

    def everything(self):
        return Event.objects.all()

    def named_by(self, user_id: int):
        return Event.objects.none().values("pk")  # no one's name is indexed


class EventLinks:
    def url(self, event: Event) -> str:
        return reverse("events:event", args=[event.pk])
