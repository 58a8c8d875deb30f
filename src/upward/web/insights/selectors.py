"""Reads. Each takes the viewer and decides what they may see.

Individual survey answers are returned only to their owner
(:func:`survey_response_for`). Everything an analyst or a lead sees comes out
of :mod:`upward.reports.workforce` or :func:`upward.reports.disclosure.suppress`
as published aggregates.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pyarrow.parquet as pq
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
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
    table_from_record,
    trends,
)
from upward.web.core.errors import ApplicationError
from upward.web.core.permissions import require_capability
from upward.web.insights import conf
from upward.web.insights.models import (
    QUESTION_IDS,
    LinkMethod,
    LinkStatus,
    OrganisationQuestion,
    OrganisationRelease,
    Release,
    Snapshot,
    SnapshotData,
    SnapshotUpload,
    SurveyReminder,
    SurveyResponse,
)

LINKS_PER_PAGE = 50


# --- the survey -----------------------------------------------------------------------------


def survey_response_for(*, viewer) -> SurveyResponse | None:
    """The viewer's own answers, or None. There is no way to read anyone else's."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    return (SurveyResponse.objects.filter(user=viewer)
            .prefetch_related("organisation_answers__question").first())


@dataclass(frozen=True)
class LinkView:
    """A person's own employee-number link, in words (survey page, API, data download)."""

    employee_id: str
    status: str
    confirmed_by: str | None
    text: str
    reason: str
    #: Their confirmed number is claimed by another account (never said to the claimant).
    contested: bool

    CONTESTED = ("Another account has claimed your employee number. Your link stays "
                 "confirmed; an administrator will review the other claim.")

    @property
    def notice(self) -> str:
        return self.CONTESTED if self.contested else ""

    def to_dict(self) -> dict[str, object]:
        return {"employee_id": self.employee_id, "status": self.status,
                "confirmed_by": self.confirmed_by, "text": self.text,
                "notice": self.notice or None}


def _link_text(response: SurveyResponse) -> str:
    if response.link_status == LinkStatus.CONFIRMED:
        return LinkMethod(response.link_method).label
    if response.link_status == LinkStatus.REJECTED:
        return f"Not accepted: {response.link_reason}"
    return LinkStatus.PENDING.label


def survey_link_for(*, viewer, response: SurveyResponse | None = None) -> LinkView | None:
    """The viewer's own link, or None if they gave no number.

    A claim on a number someone else holds confirmed reads exactly like any pending
    claim, so that nobody learns from it that a colleague answered the survey.
    """
    if response is None:
        response = survey_response_for(viewer=viewer)
    if response is None or response.user_id != getattr(viewer, "pk", None) \
            or not response.employee_id:
        return None
    contested = response.link_status == LinkStatus.CONFIRMED and (
        SurveyResponse.objects.filter(employee_id=response.employee_id,
                                      link_status=LinkStatus.PENDING)
        .exclude(pk=response.pk).exists())
    return LinkView(employee_id=response.employee_id, status=response.link_status,
                    confirmed_by=response.link_method or None, text=_link_text(response),
                    reason=response.link_reason, contested=contested)


def organisation_questions(*, active_only: bool = True):
    questions = OrganisationQuestion.objects.all()
    return questions.filter(active=True) if active_only else questions


def organisation_questions_for_manager(*, viewer):
    require_capability(viewer, "manage_questions")
    return OrganisationQuestion.objects.annotate(answer_count=Count("answers"))


def organisation_question_for_manager(*, viewer, pk: int) -> OrganisationQuestion:
    require_capability(viewer, "manage_questions")
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
    require_capability(viewer, "view_insights")
    return Snapshot.objects.all()


def snapshot_for(*, viewer, pk: int) -> Snapshot:
    require_capability(viewer, "view_insights")
    found = Snapshot.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def latest_snapshot() -> Snapshot | None:
    return Snapshot.objects.first()


def hr_work_emails(employee_ids: Iterable[str]) -> dict[str, str | None] | None:
    """For each of ``employee_ids`` in the latest snapshot: HR's work email for it (None when
    HR gave none). Numbers not in the snapshot are absent; None when there is no snapshot.

    Internal: used to confirm employee-number links, and on the administrators' link
    page as match / differ / not found — an address itself is never shown.
    """
    wanted = sorted(set(employee_ids))
    snapshot = latest_snapshot()
    if snapshot is None:
        return None
    data = (SnapshotData.objects.filter(snapshot=snapshot)
            .values_list("employee_emails", flat=True).first())
    if not data:
        return None
    if not wanted:
        return {}
    found = pq.read_table(io.BytesIO(bytes(data)), filters=[("employee_id", "in", wanted)])
    return dict(zip(found.column("employee_id").to_pylist(),
                    found.column("work_email").to_pylist(), strict=True))


def upload_for(*, viewer, pk: int) -> SnapshotUpload:
    """An upload in progress: only the person who uploaded it, and only while an analyst."""
    require_capability(viewer, "upload_hr")
    found = SnapshotUpload.objects.filter(pk=pk, uploaded_by=viewer).first()
    if found is None:
        raise Http404
    return found


# --- analysis --------------------------------------------------------------------------------


def survey_answers_for_analysis() -> SurveyAnswers:
    """Survey answers keyed by employee number, for the join with HR rows: confirmed links
    only (from HR's records or by an administrator; the database allows one per number).

    Internal to the analysis: the result never leaves this process except as
    suppressed aggregates. A pending or rejected claim is never joined, so claiming
    a colleague's number neither adds the claimant's answers to their row nor takes
    the colleague's answers out of any figure.
    """
    rows = list(SurveyResponse.objects.filter(link_status=LinkStatus.CONFIRMED)
                .values_list("employee_id", "ledger_token", *QUESTION_IDS))
    return SurveyAnswers(
        employee_ids=[row[0] for row in rows],
        answers={q: [row[i + 2] or None for row in rows] for i, q in enumerate(QUESTION_IDS)},
        tokens=[row[1] for row in rows])


def survey_link_tokens() -> dict[str, int]:
    """Confirmed employee number → the response's ledger token. Internal to the analysis:
    never shown, exported or downloaded."""
    return dict(SurveyResponse.objects.filter(link_status=LinkStatus.CONFIRMED)
                .values_list("employee_id", "ledger_token"))


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

    require_capability(viewer, "view_insights")
    recent = Release.objects.filter(
        survey_used__gt=0, created_at__gte=timezone.now() - timedelta(days=365)).count()
    return max(conf.survey_releases_per_year() - recent, 0)


def release_for(*, viewer, snapshot: Snapshot) -> Release | None:
    """The release whose figures the dashboard shows for a snapshot."""
    require_capability(viewer, "view_insights")
    return latest_release(snapshot)


def snapshot_insights(*, viewer, snapshot: Snapshot) -> WorkforceInsights:
    require_capability(viewer, "view_insights")
    return _insights(snapshot)


def trend_table(*, viewer) -> Table | None:
    require_capability(viewer, "view_insights")
    snapshots = list(Snapshot.objects.all()[:12])
    if len(snapshots) < 2:
        return None
    released = [s for s in snapshots if latest_release(s) is not None]
    if len(released) < 2:
        return None
    return trends([_insights(s) for s in released])


def organisation_tables(response_ids: Iterable[int], k: int) -> list[Table]:
    """Each organisation question's answers among the given survey responses, suppressed.

    Every table covers the same people (all of them, with a "no answer" row), so each
    total is the same published count. Internal: published through a release
    (:func:`upward.web.insights.services.organisation_release_current`).
    """
    ids = list(response_ids)
    respondents = len(ids)
    tables = []
    for q in OrganisationQuestion.objects.all():
        counted = dict(q.answers.filter(response_id__in=ids).values_list("option")
                       .annotate(n=Count("id")))
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


def organisation_results(*, viewer) -> list[Table]:
    """The organisation questions' results as last released (see
    :class:`~upward.web.insights.models.OrganisationRelease`)."""
    require_capability(viewer, "view_insights")
    release = OrganisationRelease.objects.filter(k=conf.disclosure_k()).first()
    if release is None:
        return []
    return [table_from_record(t) for t in json.loads(release.tables)]


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
    require_capability(viewer, "track_survey")
    from upward.web.accounts.selectors import active_people

    k = conf.disclosure_k()
    people = active_people()
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


@dataclass(frozen=True)
class ColumnHint:
    """What the mapping screen says about one column of an upload."""

    common: tuple[str, ...]  # values at least k rows share, most common first
    distinct: int


def upload_column_hints(*, viewer, upload: SnapshotUpload) -> dict[str, ColumnHint | None]:
    """Per header, the commonest values of the column, to help map it — only values that at
    least k rows share, so that no hint points at fewer than k people; None for columns that
    hold background answers or email addresses, whose values are never shown."""
    import pyarrow.compute as pc

    from upward.reports.hr_file import FIELD_BY_NAME, suggest_mapping

    require_capability(viewer, "upload_hr")
    k = conf.disclosure_k()
    raw = _raw_columns(upload)
    suggested = suggest_mapping(tuple(upload.headers))
    hints: dict[str, ColumnHint | None] = {}
    for header, column in zip(upload.headers, raw, strict=True):
        kinds = {FIELD_BY_NAME[name].kind for name in (upload.mapping.get(header),
                                                        suggested.get(header))
                 if name in FIELD_BY_NAME}
        if kinds & {"answer", "email"}:  # mapped or recognised as such: never shown
            hints[header] = None
            continue
        counts = pc.value_counts(pc.drop_null(column)).to_pylist()
        counts = [c for c in counts if str(c["values"]).strip()]
        counts.sort(key=lambda c: (-c["counts"], str(c["values"])))
        common = tuple(str(c["values"])[:40] for c in counts if c["counts"] >= k)[:3]
        hints[header] = ColumnHint(common=common, distinct=len(counts))
    return hints


def required_fields_unmapped(upload: SnapshotUpload) -> list[str]:
    """Labels of the required fields no column is mapped to yet (counting suggestions)."""
    from upward.reports.hr_file import FIELDS

    mapped = set(upload.mapping.values())  # the suggestions until the person decides
    return [f.label for f in FIELDS if f.required and f.name not in mapped]


def _raw_columns(upload: SnapshotUpload) -> list:
    table = pq.read_table(io.BytesIO(bytes(upload.columns)))
    return [table.column(f"c{i}").combine_chunks() for i in range(len(upload.headers))]


def preview_of(*, viewer, upload: SnapshotUpload, snapshot: HrSnapshot) -> list[Table]:
    """What an importer sees before importing: no individual values, and no counts that the
    dashboard might have to suppress (grade headcounts are left out for that reason)."""
    require_capability(viewer, "upload_hr")
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


# --- employee-number links (administrators) ---------------------------------------------------


@dataclass(frozen=True)
class LinkClaim:
    """One row of the administrators' link page: who claims which number, and what HR's
    records and other claims say about it. Never an answer."""

    pk: int
    display_name: str
    email: str
    employee_id: str
    status: str
    status_text: str
    claimed_at: object
    hr: str  # match, differ, no_email, not_found or unknown
    hr_text: str
    others_text: str
    held_by_other: bool


HR_TEXT = {
    "match": "HR records this account's email for this number",
    "differ": "HR records a different email for this number",
    "no_email": "HR records no email for this number",
    "not_found": "Not in the latest HR snapshot",
    "unknown": "No HR snapshot to check against",
}


def _hr_verdict(emails: dict[str, str | None] | None, number: str, account_email: str) -> str:
    if emails is None:
        return "unknown"
    if number not in emails:
        return "not_found"
    email = emails[number]
    if not email:
        return "no_email"
    return "match" if email == account_email.lower() else "differ"


def _others_text(*, confirmed: int, pending: int) -> str:
    parts = []
    if confirmed:
        parts.append("Held, confirmed, by another account")
    if pending:
        parts.append(f"Also claimed by {pending} other account{'s' if pending != 1 else ''}")
    return "; ".join(parts) or "No other claim"


def survey_link_claims_for_admin(*, viewer, page_number: str | int | None = 1) -> Page:
    """Claims waiting for a decision, and the confirmed links they contest, grouped by number.

    For administrators only (403 for everyone else). The page's ``object_list``
    holds :class:`LinkClaim` rows: names, emails and numbers, never an answer.
    """
    require_capability(viewer, "review_links")
    pending = SurveyResponse.objects.filter(link_status=LinkStatus.PENDING)
    claims = (SurveyResponse.objects
              .filter(Q(link_status=LinkStatus.PENDING)
                      | Q(link_status=LinkStatus.CONFIRMED,
                          employee_id__in=pending.values("employee_id")))
              .select_related("user__profile")
              .order_by("employee_id", "link_status", "link_claimed_at", "pk"))
    page = Paginator(claims, LINKS_PER_PAGE).get_page(page_number)
    numbers = {r.employee_id for r in page.object_list}
    counts: dict[tuple[str, str], int] = {
        (row["employee_id"], row["link_status"]): row["n"]
        for row in SurveyResponse.objects.filter(
            employee_id__in=numbers,
            link_status__in=[LinkStatus.PENDING, LinkStatus.CONFIRMED])
        .values("employee_id", "link_status").annotate(n=Count("id"))}
    emails = hr_work_emails(numbers)
    rows = []
    for r in page.object_list:
        mine = {s: int(r.link_status == s) for s in (LinkStatus.PENDING, LinkStatus.CONFIRMED)}
        confirmed = counts.get((r.employee_id, LinkStatus.CONFIRMED), 0) \
            - mine[LinkStatus.CONFIRMED]
        others_pending = counts.get((r.employee_id, LinkStatus.PENDING), 0) \
            - mine[LinkStatus.PENDING]
        verdict = _hr_verdict(emails, r.employee_id, r.user.email)
        rows.append(LinkClaim(
            pk=r.pk, display_name=r.user.display_name, email=r.user.email,
            employee_id=r.employee_id, status=r.link_status, status_text=_link_text(r),
            claimed_at=r.link_claimed_at, hr=verdict, hr_text=HR_TEXT[verdict],
            others_text=_others_text(confirmed=confirmed, pending=others_pending),
            held_by_other=bool(confirmed)))
    page.object_list = rows
    return page


def survey_link_for_admin(*, viewer, pk: int) -> SurveyResponse:
    """A pending or confirmed link an administrator may decide on; 404 otherwise."""
    require_capability(viewer, "review_links")
    found = (SurveyResponse.objects
             .filter(pk=pk, link_status__in=[LinkStatus.PENDING, LinkStatus.CONFIRMED])
             .select_related("user__profile").first())
    if found is None:
        raise Http404
    return found


# --- for other apps: counts only -----------------------------------------------------------


def disclosure_threshold() -> int:
    """The ``k`` every published aggregate is suppressed with (``UPWARD_INSIGHTS_K``), for
    other apps that publish counts of people (mentoring's health page)."""
    return conf.disclosure_k()


def promotions_among(user_ids: Iterable[int], since) -> tuple[int, int] | None:
    """How many of ``user_ids`` moved up a grade between the HR snapshot in force on
    ``since`` (the latest dated on or before it) and the next one after it, as
    ``(eligible, promoted)``; None when there is no snapshot on either side.

    Only people who confirmed the link between their account and their employee number
    count (``LinkStatus.CONFIRMED``), and only if both snapshots hold them with a grade the
    snapshot's own grade order knows. Counts only: the caller must publish them through
    ``upward.reports.disclosure.suppress``.
    """
    before = Snapshot.objects.filter(snapshot_date__lte=since).order_by("-snapshot_date").first()
    after = Snapshot.objects.filter(snapshot_date__gt=since).order_by("snapshot_date").first()
    if before is None or after is None:
        return None
    employee_ids = set(SurveyResponse.objects.filter(
        user_id__in=list(user_ids), link_status=LinkStatus.CONFIRMED)
        .exclude(employee_id="").values_list("employee_id", flat=True))
    first, then = load_snapshot(before), load_snapshot(after)
    was, now = _grades_of(first, employee_ids), _grades_of(then, employee_ids)
    eligible = was.keys() & now.keys()
    promoted = sum(1 for e in eligible
                   if _is_higher(now[e], was[e], then.grade_order, first.grade_order))
    return len(eligible), promoted


def _grades_of(snapshot: HrSnapshot, employee_ids: set[str]) -> dict[str, str]:
    ids = snapshot.table.column("employee_id").to_pylist()
    grades = snapshot.table.column("grade").to_pylist()
    return {e: g for e, g in zip(ids, grades, strict=True) if e in employee_ids and g}


def _is_higher(grade: str, than: str, *orders: tuple[str, ...]) -> bool:
    """Whether ``grade`` is above ``than``. Each snapshot orders only the grades it holds
    (most junior first), so the first order that holds both decides; grades no single
    snapshot orders together are compared as the importer orders names by default
    (naturally: G2 before G10)."""
    if grade == than:
        return False
    for order in orders:
        if grade in order and than in order:
            return order.index(grade) > order.index(than)
    return _natural(grade) > _natural(than)


def _natural(text: str) -> list:
    return [(0, int(part)) if part.isdigit() else (1, part.casefold())
            for part in re.split(r"(\d+)", text) if part]


@dataclass(frozen=True)
class ReleasedKeyFigures:
    """A released snapshot's headline figures, as published (already suppressed)."""

    snapshot_date: date
    release_id: int
    k: int
    #: ``WorkforceInsights.key``: each figure worked out from published cells only, None
    #: where it would need a suppressed one.
    figures: dict[str, float | None]


def released_key_figures(*, start: date, end: date) -> ReleasedKeyFigures | None:
    """For the impact report: aggregates only. The headline figures of the latest HR
    snapshot dated between ``start`` and ``end`` (both included) whose figures are
    released at the configured k — exactly what the dashboard publishes, already through
    disclosure control; None when no such snapshot exists."""
    for snapshot in Snapshot.objects.filter(snapshot_date__gte=start, snapshot_date__lte=end):
        release = latest_release(snapshot)  # snapshots come newest first
        if release is not None:
            found = _insights(snapshot)
            return ReleasedKeyFigures(snapshot.snapshot_date, release.pk, found.k,
                                      dict(found.key))
    return None
