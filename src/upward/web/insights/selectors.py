"""Reads. Each takes the viewer and decides what they may see.

Individual survey answers are returned only to their owner
(:func:`survey_response_for`). Everything an analyst or a lead sees comes out
of :mod:`upward.reports.workforce` or :func:`upward.reports.disclosure.suppress`
as published aggregates.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404

from upward.reports.disclosure import suppress
from upward.reports.hr_file import HrSnapshot
from upward.reports.workforce import (
    Cell,
    Chart,
    SurveyAnswers,
    Table,
    WorkforceInsights,
    response_tables,
    trends,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.permissions import user_roles
from upward.web.core.roles import Role
from upward.web.insights import conf
from upward.web.insights.models import (
    QUESTION_IDS,
    OrganisationQuestion,
    Release,
    Snapshot,
    SnapshotData,
    SnapshotUpload,
    SurveyReminder,
    SurveyResponse,
)

ANALYSTS = frozenset({Role.ANALYST})
TRACKERS = frozenset({Role.NETWORK_LEAD, Role.ANALYST})
QUESTION_MANAGERS = frozenset({Role.NETWORK_LEAD, Role.ADMIN})


def require_role(viewer, roles: frozenset[str]) -> None:
    """Raise a 403 ApplicationError unless the viewer holds one of ``roles``."""
    if not user_roles(viewer) & roles:
        names = ", ".join(sorted(str(Role(r).label) for r in roles))
        raise ApplicationError(f"This is for people with one of these roles: {names}.",
                               status=403)


# --- the survey -----------------------------------------------------------------------------


def survey_response_for(*, viewer) -> SurveyResponse | None:
    """The viewer's own answers, or None. There is no way to read anyone else's."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    return (SurveyResponse.objects.filter(user=viewer)
            .prefetch_related("organisation_answers__question").first())


def organisation_questions(*, active_only: bool = True):
    questions = OrganisationQuestion.objects.all()
    return questions.filter(active=True) if active_only else questions


def organisation_questions_for_manager(*, viewer):
    require_role(viewer, QUESTION_MANAGERS)
    return OrganisationQuestion.objects.annotate(answer_count=Count("answers"))


def organisation_question_for_manager(*, viewer, pk: int) -> OrganisationQuestion:
    require_role(viewer, QUESTION_MANAGERS)
    found = OrganisationQuestion.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class AnswerView:
    question: str
    answer: str


def survey_answers_as_text(response: SurveyResponse) -> list[AnswerView]:
    """The owner's answers in words, for their own review page and data download."""
    from upward.classify import question

    out = []
    for question_id in QUESTION_IDS:
        q = question(question_id)
        code = getattr(response, question_id)
        out.append(AnswerView(q.text, q.option(code).label if code else "Not answered"))
    for answer in response.organisation_answers.all():
        out.append(AnswerView(answer.question.text, answer.option))
    return out


# --- snapshots -----------------------------------------------------------------------------


def snapshots_for(*, viewer):
    require_role(viewer, ANALYSTS)
    return Snapshot.objects.all()


def snapshot_for(*, viewer, pk: int) -> Snapshot:
    require_role(viewer, ANALYSTS)
    found = Snapshot.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def latest_snapshot() -> Snapshot | None:
    return Snapshot.objects.first()


def upload_for(*, viewer, pk: int) -> SnapshotUpload:
    """An upload in progress: only the person who uploaded it, and only while an analyst."""
    require_role(viewer, ANALYSTS)
    found = SnapshotUpload.objects.filter(pk=pk, uploaded_by=viewer).first()
    if found is None:
        raise Http404
    return found


# --- analysis --------------------------------------------------------------------------------


def survey_answers_for_analysis() -> SurveyAnswers:
    """Survey answers keyed by the employee id people gave, for the join with HR rows.

    Internal to the analysis: the result never leaves this process except as
    suppressed aggregates. An employee id claimed by two accounts is left out
    (neither answer is used) so that nobody can displace someone else's answers.
    """
    rows = list(SurveyResponse.objects.exclude(employee_id="")
                .values_list("employee_id", "ledger_token", *QUESTION_IDS))
    claims = Counter(row[0] for row in rows)
    rows = [row for row in rows if claims[row[0]] == 1]
    return SurveyAnswers(
        employee_ids=[row[0] for row in rows],
        answers={q: [row[i + 2] or None for row in rows] for i, q in enumerate(QUESTION_IDS)},
        tokens=[row[1] for row in rows])


def load_snapshot(snapshot: Snapshot) -> HrSnapshot:
    """A stored snapshot's rows, for the analysis only (never displayed)."""
    data = SnapshotData.objects.only("parquet").get(snapshot=snapshot).parquet
    return HrSnapshot.from_parquet(bytes(data))


def latest_release(snapshot: Snapshot) -> Release | None:
    """The newest release of the snapshot's figures at the configured k (a release made under
    a smaller k is not shown once k is raised: it has to be released again)."""
    return snapshot.releases.exclude(figures=b"").filter(k=conf.disclosure_k()).first()


def _insights(snapshot: Snapshot) -> WorkforceInsights:
    """The figures of the snapshot's latest release (frozen; see :class:`Release`)."""
    release = latest_release(snapshot)
    if release is None:
        raise ApplicationError("This snapshot's figures have not been released yet.", status=404)
    key = f"upward-release-{release.pk}"
    found = cache.get(key)
    if found is None:
        found = WorkforceInsights.from_json(bytes(release.figures).decode())
        cache.set(key, found, timeout=60 * 60)
    return found


def survey_releases_left(*, viewer) -> int:
    """How many more releases may include survey answers in the 365 days to now."""
    from django.utils import timezone

    require_role(viewer, ANALYSTS)
    recent = Release.objects.filter(
        survey_used__gt=0, created_at__gte=timezone.now() - timedelta(days=365)).count()
    return max(conf.survey_releases_per_year() - recent, 0)


def release_for(*, viewer, snapshot: Snapshot) -> Release | None:
    """The release whose figures the dashboard shows for a snapshot."""
    require_role(viewer, ANALYSTS)
    return latest_release(snapshot)


def snapshot_insights(*, viewer, snapshot: Snapshot) -> WorkforceInsights:
    require_role(viewer, ANALYSTS)
    return _insights(snapshot)


def trend_table(*, viewer) -> Table | None:
    require_role(viewer, ANALYSTS)
    snapshots = list(Snapshot.objects.all()[:12])
    if len(snapshots) < 2:
        return None
    released = [s for s in snapshots if latest_release(s) is not None]
    if len(released) < 2:
        return None
    return trends([_insights(s) for s in released])


def organisation_results(*, viewer) -> list[Table]:
    """Each active organisation question's answers among survey respondents, suppressed.

    Every table covers the same people (all respondents, with a "no answer"
    row), so each total is the same published respondent count.
    """
    require_role(viewer, ANALYSTS)
    k = conf.disclosure_k()
    respondents = SurveyResponse.objects.count()
    tables = []
    for q in OrganisationQuestion.objects.all():
        counted = dict(q.answers.values_list("option").annotate(n=Count("id")))
        choices = q.choices
        counts = [counted.get(option, 0) for option in choices]
        counts.append(respondents - sum(counts))
        t = suppress(np.array(counts), k)
        texts = t.display()
        values = t.values_with_margins
        rows = tuple((label, (Cell(str(texts[i]), None if np.isnan(values[i])
                                   else float(values[i])),))
                     for i, label in enumerate([*choices, "No answer", "Total"]))
        tables.append(Table(
            id=f"organisation_question_{q.pk}", title=q.text,
            description="Answers of everyone who has answered the survey"
                        + ("" if q.active else " (no longer asked)") + ".",
            columns=("Answer", "People"), kinds=("count",), rows=rows))
    return tables


# --- response tracking ----------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseTracking:
    participation: Table
    by_grade_and_function: tuple[Table, ...]
    snapshot: Snapshot | None
    last_reminder: SurveyReminder | None


def response_tracking(*, viewer) -> ResponseTracking:
    """Survey participation and response rates by grade and function, for leads and analysts.

    No background breakdown: only how many people answered, suppressed.
    """
    require_role(viewer, TRACKERS)
    from upward.web.accounts.models import User

    k = conf.disclosure_k()
    people = User.objects.filter(is_active=True)
    answered = people.filter(background_survey__isnull=False).count()
    total = people.count()
    t = suppress(np.array([answered, total - answered]), k)
    texts, values = t.display(), t.values_with_margins

    def cell(i: int) -> Cell:
        return Cell(str(texts[i]), None if np.isnan(values[i]) else float(values[i]))

    share = None
    if not np.isnan(values[0]) and not np.isnan(values[2]) and values[2]:
        share = float(values[0] / values[2])
    share_cell = Cell(f"{100 * share:.1f}%", share) if share is not None else \
        Cell("not published")
    participation = Table(
        id="survey_participation", title="Survey participation",
        description="People with an account who have answered the background survey (any "
                    "answer, including prefer not to say).",
        columns=("Who", "People", "Share"), kinds=("count", "percent"),
        rows=(("Answered", (cell(0), share_cell)), ("Not yet", (cell(1), Cell(""))),
              ("Everyone with an account", (cell(2), Cell("")))),
        chart=Chart(kind="bars", categories=("Answered",), series=(("Share", (share,)),),
                    summary="Share of people with an account who have answered the survey."))
    snapshot = latest_snapshot()
    by = response_tables(_insights(snapshot)) \
        if snapshot is not None and latest_release(snapshot) is not None else ()
    return ResponseTracking(participation=participation, by_grade_and_function=by,
                            snapshot=snapshot, last_reminder=SurveyReminder.objects.first())


def preview_of(*, viewer, upload: SnapshotUpload, snapshot: HrSnapshot) -> list[Table]:
    """What an importer sees before importing: no individual values, and no counts that the
    dashboard might have to suppress (grade headcounts are left out for that reason)."""
    require_role(viewer, ANALYSTS)
    table = snapshot.table
    leaver = np.asarray(table.column("leaver").to_numpy(zero_copy_only=False), dtype=bool)
    # The dashboard publishes both totals (the profile's and the leavers table's), each
    # protected as a total; the leavers here may include people outside its 12-month window.
    answered = sum(1 for q in QUESTION_IDS if q in snapshot.present)
    summary = (
        ("Rows (people)", f"{snapshot.n_rows:,}"),
        ("Current employees", f"{int((~leaver).sum()):,}"),
        ("Leavers", f"{int(leaver.sum()):,}"),
        ("Grades, most junior first", " < ".join(snapshot.grade_order)),
        ("Optional columns found", ", ".join(sorted(snapshot.present)) or "none"),
        ("Background questions answered in the file", f"{answered} of 4 columns"),
        ("Read as", upload.encoding),
    )
    return [Table(id="preview_summary", title="What will be imported",
                  description="No one's row is shown.", columns=("Item", "Value"),
                  kinds=("text",), rows=tuple((a, (Cell(b),)) for a, b in summary))]
