"""The background survey's prompt on the signed-in home page, for anyone who has not
answered (registered from ``InsightsConfig.ready``). Only the person themselves sees
whether they have answered: the home page is theirs alone."""

from __future__ import annotations

from django.urls import reverse

from upward.web.core.home import HomeLink, HomePanel, home_panel
from upward.web.insights import conf
from upward.web.insights.selectors import survey_response_for


@home_panel("insights.survey", order=15)
def survey_prompt(viewer) -> HomePanel | None:
    if survey_response_for(viewer=viewer) is not None:
        return None
    return HomePanel(
        title="Where you started: the background survey",
        summary="Help us see whether people from every background get in, get on and are "
                "paid fairly here. It takes about two minutes. Your answers are seen by you "
                f"alone; anyone else sees only totals of at least {conf.disclosure_k()} "
                "people.",
        actions=[HomeLink("Answer the survey", reverse("insights:survey_edit")),
                 HomeLink("Who sees what", reverse("insights:survey"))])
