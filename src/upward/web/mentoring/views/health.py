"""Leads' pages about one programme's pairs: aggregate health and coffee roulette."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from upward.web.core.confirm import confirmation_page
from upward.web.core.permissions import capability_required
from upward.web.mentoring.selectors import health as health_selectors
from upward.web.mentoring.selectors import roulette as roulette_selectors
from upward.web.mentoring.services import roulette as roulette_services


@capability_required("run_mentoring")
def health(request, slug: str):
    return render(request, "mentoring/health.html", {
        "health": health_selectors.programme_health(viewer=request.user, slug=slug)})


@capability_required("run_mentoring")
def roulette(request, slug: str):
    programme = roulette_selectors.roulette_programme_for_lead(viewer=request.user, slug=slug)
    month = timezone.localdate().replace(day=1)
    rounds = roulette_selectors.roulette_rounds(programme=programme)
    return render(request, "mentoring/roulette.html", {
        "programme": programme, "rounds": rounds, "month": month,
        "drawn": any(r.month == month for r in rounds),
        "people": roulette_selectors.roulette_people(programme=programme).count(),
    })


@capability_required("run_mentoring")
@require_http_methods(["GET", "POST"])
def roulette_draw(request, slug: str):
    programme = roulette_selectors.roulette_programme_for_lead(viewer=request.user, slug=slug)
    back = reverse("mentoring:roulette", args=[programme.slug])
    if request.method == "GET":
        return confirmation_page(
            request, title=f"Draw this month's coffee roulette for {programme.name}?",
            explanation=["Everyone taking part is paired with someone they have not met in "
                         "an earlier round, and told who by notification and email.",
                         "There is one round a month: it cannot be drawn again."],
            button="Draw the round", cancel_url=back, danger=False)
    drawn = roulette_services.roulette_draw(actor=request.user, programme_id=programme.pk,
                                            request=request)
    messages.success(request, f"The round for {drawn.month:%B %Y} is drawn and everyone has "
                              "been told.")
    return redirect(back)


urlpatterns = [
    path("mentoring/manage/<slug:slug>/health/", health, name="health"),
    path("mentoring/manage/<slug:slug>/roulette/", roulette, name="roulette"),
    path("mentoring/manage/<slug:slug>/roulette/draw/", roulette_draw, name="roulette_draw"),
]
