"""A pair's own space: goals, meetings, next meeting, feedback, ending."""

from __future__ import annotations

urlpatterns: list = []
