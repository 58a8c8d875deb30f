"""Awards' reads, one module per part (entries now; judging and results next), each
taking the viewer where a person's access decides."""

from upward.web.awards.selectors.entries import (
    attachment_for_viewer,
    can_edit,
    category_for_admin,
    category_open_for_entries,
    cycle_for_admin,
    cycles_for_admin,
    cycles_open,
    eligibility_checks,
    entries_for_admin,
    entries_for_judging,
    entry_answers,
    entry_for_participant,
    entry_for_seconder,
    entry_participant_ids,
    nomination_for_nominee,
    nominations_awaiting,
    nominations_made,
    own_entries,
    person_name,
    word_count,
)
from upward.web.awards.selectors.results import (
    category_results,
    certificate_entry,
    entry_display_name,
    panel_for_admin,
    panel_for_confirmation,
    panel_results,
    public_results,
    published_cycle,
    published_cycles,
)

__all__ = [
    "attachment_for_viewer",
    "can_edit",
    "category_for_admin",
    "category_open_for_entries",
    "cycle_for_admin",
    "cycles_for_admin",
    "cycles_open",
    "eligibility_checks",
    "entries_for_admin",
    "entries_for_judging",
    "entry_answers",
    "entry_for_participant",
    "entry_for_seconder",
    "entry_participant_ids",
    "nomination_for_nominee",
    "nominations_awaiting",
    "nominations_made",
    "own_entries",
    "person_name",
    "word_count",
    "category_results",
    "certificate_entry",
    "entry_display_name",
    "panel_for_admin",
    "panel_for_confirmation",
    "panel_results",
    "public_results",
    "published_cycle",
    "published_cycles",
]

# Judging (the results part reads panel_scores).
from upward.web.awards.selectors.judging import (  # noqa: E402
    PanelScores,
    category_is_blind,
    judge_entry_view,
    panel_scores,
    panels_for_category,
)

__all__ += ["PanelScores", "category_is_blind", "judge_entry_view", "panel_scores",
            "panels_for_category"]
from upward.web.awards.selectors.external import (  # noqa: E402
    external_answers,
    external_award_get,
    external_awards,
    external_entries,
    external_entry_get,
    external_entry_markdown,
    external_question_get,
    platform_figures,
    quotable_stories,
    quote_get,
)

__all__ += [
    "external_answers",
    "external_award_get",
    "external_awards",
    "external_entries",
    "external_entry_get",
    "external_entry_markdown",
    "external_question_get",
    "platform_figures",
    "quotable_stories",
    "quote_get",
]
