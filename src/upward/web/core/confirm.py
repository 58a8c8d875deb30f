"""Confirmation pages: a destructive or significant action is a POST; a GET of the same
address asks first, on a page of its own (no JavaScript ``confirm()``), so it works
everywhere and can be read, with a button to go ahead and a link back."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render


def confirmation_page(request, *, title: str, explanation: str | list[str], button: str,
                      cancel_url: str, danger: bool = True) -> HttpResponse:
    """Ask ``title`` ("Delete your story?") with ``explanation`` (what will happen), a
    ``button`` that posts to this same address, and a "Cancel" link to ``cancel_url``."""
    lines = [explanation] if isinstance(explanation, str) else list(explanation)
    return render(request, "components/confirm.html", {"confirm": {
        "title": title, "lines": lines, "button": button, "cancel_url": cancel_url,
        "danger": danger,
    }})
