"""Template tags for ``mentoring/_my_pairs.html``, which the mentoring home includes with
only ``pairs`` in its context: each pair as the viewer sees it, and their coffee
pairings, both read through the selectors for the signed-in viewer."""

from __future__ import annotations

from django import template

from upward.web.mentoring.selectors.pairs import PairView, pair_view
from upward.web.mentoring.selectors.roulette import coffee_pairings_for_member

register = template.Library()


@register.simple_tag(takes_context=True)
def pair_for_viewer(context, item) -> PairView:
    """``item`` (a pair from ``pairs_for_member``, or already a PairView) as the viewer
    sees it."""
    if isinstance(item, PairView):
        return item
    return pair_view(viewer=context["request"].user, pair=item)


@register.simple_tag(takes_context=True)
def coffee_pairings_for_viewer(context) -> list:
    return coffee_pairings_for_member(viewer=context["request"].user)
