"""Results API under /api/v1/awards/results/: a cycle's published results (public data
only — the same selectors as the public page, no token needed, 404 before publishing) and
a category's full results for awards administrators (404 for anyone else)."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from upward.web.awards import selectors
from upward.web.awards.selectors import results as results_selectors

router = Router(tags=["awards"])


class PublicEntryOut(Schema):
    name: str
    title: str
    outcome: str
    citation: str


class CriterionOut(Schema):
    name: str
    weight: float
    scale_min: int
    scale_max: int


class PublicPanelOut(Schema):
    name: str
    n_judges: int
    method: str
    icc_single: float | None
    icc_average: float | None
    alpha: float | None


class PublicCategoryOut(Schema):
    id: int
    name: str
    eligibility: str
    eligibility_rules: list[str]
    criteria: list[CriterionOut]
    panels: list[PublicPanelOut]
    winners: list[PublicEntryOut]
    finalists: list[PublicEntryOut]


class PublicCycleOut(Schema):
    id: int
    name: str
    published_at: datetime
    categories: list[PublicCategoryOut]


def _public_entry(entry) -> PublicEntryOut:
    return PublicEntryOut(name=selectors.entry_display_name(entry), title=entry.title,
                          outcome=entry.outcome, citation=entry.citation)


@router.get("/awards/results/cycles/{pk}", response=PublicCycleOut, auth=None,
            summary="A cycle's published results (public)")
def public_cycle(request, pk: int):
    cycle = selectors.published_cycle(pk=pk)
    return PublicCycleOut(
        id=cycle.pk, name=cycle.name, published_at=cycle.results_published_at,
        categories=[PublicCategoryOut(
            id=c.category.pk, name=c.category.name, eligibility=c.category.eligibility,
            eligibility_rules=c.checks,
            criteria=[CriterionOut(name=cr.name, weight=float(cr.weight),
                                   scale_min=cr.scale_min, scale_max=cr.scale_max)
                      for cr in c.criteria],
            panels=[_panel(p) for p in c.panels],
            winners=[_public_entry(e) for e in c.winners],
            finalists=[_public_entry(e) for e in c.finalists])
            for c in selectors.public_results(cycle)])


def _panel(p) -> PublicPanelOut:
    return PublicPanelOut(name=p.name, n_judges=p.n_judges, method=p.method,
                          icc_single=p.icc_single, icc_average=p.icc_average, alpha=p.alpha)


class AdminEntryOut(Schema):
    entry_id: int
    title: str
    n_judges: int
    raw_mean: float | None
    raw_sd: float | None
    normalised_mean: float | None
    normalised_sd: float | None
    rank: int
    tied: bool
    outcome: str


class AdminPanelOut(Schema):
    id: int
    name: str
    ranked_by: str
    n_judges: int
    normalisation_note: str
    icc_single: float | None
    icc_average: float | None
    alpha: float | None
    entries: list[AdminEntryOut]


@router.get("/awards/results/categories/{pk}", response=list[AdminPanelOut],
            summary="A category's results per panel (awards administrators)")
def admin_category(request, pk: int):
    category = selectors.category_for_admin(viewer=request.user, pk=pk)
    out = []
    for found in results_selectors.category_results(category):
        rel = found.reliability
        out.append(AdminPanelOut(
            id=found.panel.pk, name=found.panel.name, ranked_by=found.figure,
            n_judges=found.n_judges, normalisation_note=found.panel_reason,
            icc_single=rel.icc_single if rel else None,
            icc_average=rel.icc_average if rel else None, alpha=rel.alpha if rel else None,
            entries=[AdminEntryOut(entry_id=r.entry.pk, title=r.entry.title,
                                   n_judges=r.n_judges, raw_mean=r.raw_mean, raw_sd=r.raw_sd,
                                   normalised_mean=r.normalised_mean,
                                   normalised_sd=r.normalised_sd, rank=r.rank, tied=r.tied,
                                   outcome=r.entry.outcome) for r in found.rows]))
    return out
