"""Newer/older paging without counting every row: the feed and lists fetch one
more item than they show to know whether there is a next page."""

from __future__ import annotations

from dataclasses import dataclass

PER_PAGE = 20


@dataclass(frozen=True)
class Window:
    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def page_number(page) -> int:
    try:
        return max(1, min(int(page), 10_000))
    except (TypeError, ValueError):
        return 1


def window(queryset, page, per_page: int = PER_PAGE) -> Window:
    number = page_number(page)
    start = (number - 1) * per_page
    rows = list(queryset[start:start + per_page + 1])
    return Window(items=rows[:per_page], number=number, has_next=len(rows) > per_page)
