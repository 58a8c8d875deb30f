"""The external entry workspace's reads: award templates, our drafts, and the panel of
figures and quotes pulled in from the rest of the platform.

Every figure is read through the owning app's selectors (members from accounts, stories
from the community, pairs and meetings from mentoring, pupils from outreach, events from
events); a figure the viewer's role may not read is shown as not available rather than
as zero. Counts of people below the disclosure threshold ``k`` are shown as "fewer than
k", never as the number. Quotes come only from stories the author made public and a
lead approved (``public_stories``); an anonymous story's quote never carries a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from upward.web.accounts.selectors import network_members
from upward.web.awards.models import ExternalAward, ExternalEntry, ExternalQuestion
from upward.web.awards.selectors.entries import word_count
from upward.web.community.selectors.stories import public_stories
from upward.web.core.content.identity import public_name
from upward.web.core.periods import UK_TIME
from upward.web.core.permissions import can
from upward.web.events.selectors import events_past
from upward.web.insights.selectors import disclosure_threshold
from upward.web.mentoring.selectors.programmes import programmes_for_lead
from upward.web.outreach.selectors.impact import outreach_impact_for_report

LONDON = UK_TIME
#: A quote is the story's cover quote, or its opening words up to this many.
QUOTE_WORDS = 45
ANONYMOUS_ATTRIBUTION = "a member of our network, who asked not to be named"


def _require(viewer) -> None:
    if not can(viewer, "draft_external_entries"):
        raise Http404("No such page.")


def external_awards(*, viewer) -> QuerySet[ExternalAward]:
    _require(viewer)
    return ExternalAward.objects.annotate(n_questions=Count("questions"))


def external_award_get(*, viewer, pk: int) -> ExternalAward:
    _require(viewer)
    found = ExternalAward.objects.filter(pk=pk).first()
    if found is None:
        raise Http404("No such award.")
    return found


def external_entries(*, viewer) -> QuerySet[ExternalEntry]:
    _require(viewer)
    return ExternalEntry.objects.select_related("award")


def external_entry_get(*, viewer, pk: int) -> ExternalEntry:
    _require(viewer)
    found = ExternalEntry.objects.select_related("award").filter(pk=pk).first()
    if found is None:
        raise Http404("No such entry.")
    return found


def external_question_get(*, entry: ExternalEntry, pk: int) -> ExternalQuestion:
    found = entry.award.questions.filter(pk=pk).first()
    if found is None:
        raise Http404("No such question.")
    return found


def external_answers(entry: ExternalEntry) -> list[tuple[ExternalQuestion, str, int]]:
    """(question, answer text, words used) for each of the award's questions, in order."""
    saved = {a.question_id: a.text for a in entry.answers.all()}
    return [(q, saved.get(q.pk, ""), word_count(saved.get(q.pk, "")))
            for q in entry.award.questions.all()]


# --- figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One figure for the panel. ``value`` is what is shown ("1,204", "fewer than 10");
    ``sentence`` is what "Insert" appends to an answer; None when not available."""

    key: str
    label: str
    value: str | None
    sentence: str | None
    source: str
    period: str


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (datetime.combine(start, time(0), tzinfo=LONDON),
            datetime.combine(end + timedelta(days=1), time(0), tzinfo=LONDON))


def _people(n: int, k: int) -> tuple[str, bool]:
    """A count of people as it may be shown: ("fewer than k", False) under ``k``."""
    if n < k:
        return f"fewer than {k}", False
    return f"{n:,}", True


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def mentoring_counts(*, viewer, start: date, end: date) -> tuple[int, int] | None:
    """(pairs active at some time in the period, meetings held in it) over the
    programmes mentoring shows the viewer as a lead; None if it shows them none."""
    if not can(viewer, "run_mentoring"):
        return None
    low, high = _bounds(start, end)
    totals = programmes_for_lead(viewer=viewer).aggregate(
        n_pairs=Count("pairs", distinct=True, filter=Q(pairs__started_at__lt=high) & (
            Q(pairs__ended_at__isnull=True) | Q(pairs__ended_at__gte=low))),
        n_meetings=Count("pairs__meetings", distinct=True, filter=Q(
            pairs__meetings__held_on__gte=start, pairs__meetings__held_on__lte=end)))
    return totals["n_pairs"], totals["n_meetings"]


def events_held(*, viewer, start: date, end: date) -> int | None:
    """Events that started in the period and were not cancelled; None if the events app
    shows the viewer none."""
    if not can(viewer, "events"):
        return None
    low, high = _bounds(start, end)
    return (events_past(viewer=viewer, now=min(high, timezone.now()))
            .filter(starts_at__gte=low, starts_at__lt=high, cancelled_at__isnull=True)
            .count())


def platform_figures(*, viewer, start: date, end: date,
                     now: datetime | None = None) -> list[Figure]:
    """The panel of figures for ``start``–``end`` (UK dates, both included)."""
    _require(viewer)
    now = now or timezone.now()
    k = disclosure_threshold()
    period = f"{_day(start)} to {_day(end)}"
    today = f"on {_day(timezone.localtime(now, LONDON).date())}"
    figures = []

    shown, exact = _people(network_members().count(), k)
    figures.append(Figure(
        "members", "Members of the network", shown,
        f"Our network has {shown} members." if exact
        else f"Our network has {shown} members so far.",
        "Accounts: people who hold a network role", today))

    low, high = _bounds(start, end)
    stories = public_stories().filter(visible_from__gte=low, visible_from__lt=high).count()
    figures.append(Figure(
        "stories", "Stories published on our public pages", f"{stories:,}",
        f"Between {period}, colleagues published {stories:,} stories of where they started "
        "and where they are now.", "Community: public stories approved by a lead", period))

    counts = mentoring_counts(viewer=viewer, start=start, end=end)
    source = "Mentoring: every programme's pairs and logged meetings"
    if counts is None:
        figures += [Figure("pairs", "Mentoring pairs", None, None, source, period),
                    Figure("meetings", "Mentoring meetings", None, None, source, period)]
    else:
        shown, _ = _people(counts[0], k)
        figures.append(Figure("pairs", "Mentoring pairs", shown,
                              f"Between {period}, {shown} mentoring pairs met through our "
                              "programmes.", source, period))
        figures.append(Figure("meetings", "Mentoring meetings", f"{counts[1]:,}",
                              f"Between {period}, mentors and mentees logged {counts[1]:,} "
                              "meetings.", source, period))

    impact = outreach_impact_for_report(start=start, end=end)
    source = "Outreach: recorded outcomes of school engagements"
    figures.append(Figure("pupils", "Pupils reached", f"{impact.pupils:,}",
                          f"Between {period}, our volunteers reached {impact.pupils:,} pupils "
                          f"in {impact.engagements:,} school engagements.", source, period))
    share = impact.priority_share
    share_text = None if share is None else f"{share:.0%}"
    figures.append(Figure(
        "priority_share", "Share of pupils from priority schools", share_text,
        None if share is None else f"{share_text} of the pupils we reached were at priority "
        "schools.", source, period))
    shown, _ = _people(impact.volunteers, k)
    figures.append(Figure("volunteers", "Volunteers who took part", shown,
                          f"{shown} colleagues volunteered with schools between {period}.",
                          source, period))

    held = events_held(viewer=viewer, start=start, end=end)
    source = "Events: the network's own events, not cancelled"
    figures.append(Figure("events", "Events held", None if held is None else f"{held:,}",
                          None if held is None else
                          f"Between {period}, the network held {held:,} events.",
                          source, period))
    return figures


def figure_sentence(*, viewer, entry: ExternalEntry, key: str) -> str:
    """The sentence "Insert" appends for figure ``key``; 404 for an unknown or
    unavailable one (the client names a key, never the text)."""
    for figure in platform_figures(viewer=viewer, start=entry.period_start,
                                   end=entry.period_end):
        if figure.key == key and figure.sentence:
            return figure.sentence
    raise Http404("No such figure.")


# --- quotes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    story_id: int
    title: str
    text: str
    attribution: str

    @property
    def sentence(self) -> str:
        return f"“{self.text}” — {self.attribution}"


_MARKUP = re.compile(r"[*_`#>\[\]]|\(https?://[^)]*\)")


def _excerpt(story) -> str:
    text = story.cover_quote or next(
        (t for t in (story.body, story.prompt_now, story.prompt_turning, story.prompt_started)
         if t and t.strip()), "")
    words = _MARKUP.sub("", text).split()
    if len(words) <= QUOTE_WORDS:
        return " ".join(words)
    return " ".join(words[:QUOTE_WORDS]).rstrip(",;:") + "…"


def quote_for(story) -> Quote:
    """The story's quote and attribution as published: the author's public name, or no
    name at all for an anonymous story."""
    attribution = ANONYMOUS_ATTRIBUTION if story.is_anonymous else public_name(story)
    return Quote(story.pk, story.title, _excerpt(story), attribution)


def quotable_stories(*, viewer, limit: int = 20) -> list[Quote]:
    """Quotes from public, lead-approved stories only, newest first."""
    _require(viewer)
    return [quote_for(s) for s in public_stories()[:limit]]


def quote_get(*, viewer, story_id: int) -> Quote:
    _require(viewer)
    story = public_stories().filter(pk=story_id).first()
    if story is None:
        raise Http404("No such story.")
    return quote_for(story)


# --- export ----------------------------------------------------------------------------


def external_entry_markdown(entry: ExternalEntry) -> str:
    """The draft as Markdown (also readable as plain text)."""
    award = entry.award
    lines = [f"# {entry.title}", "", f"{award.name} — {award.category}"]
    if award.deadline:
        deadline = timezone.localtime(award.deadline, LONDON)
        lines.append(f"Deadline: {_day(deadline.date())}, {deadline:%H:%M} (UK time)")
    lines.append(f"Figures cover {_day(entry.period_start)} to {_day(entry.period_end)}.")
    for question, text, words in external_answers(entry):
        limit = f" ({words:,} of {question.word_limit:,} words)" if question.word_limit \
            else f" ({words:,} words)"
        lines += ["", f"## {question.label}{limit}", "", text.strip() or "_Not answered._"]
    return "\n".join(lines) + "\n"
