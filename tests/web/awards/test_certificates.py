"""Certificate PDFs: A4 landscape, the person's name, category, cycle and outcome; for
administrators, and for the nominee once the results are published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from upward.web.awards.certificates import certificate_html
from upward.web.awards.services.results import results_publish, shortlist_apply
from upward.web.awards.services.setup import category_save, criterion_save

from .results_builders import entries, judges, panel_with_scores

pytestmark = pytest.mark.django_db

A4_LANDSCAPE_PT = (841.89, 595.28)


@pytest.fixture
def finalist(personas, cycle):
    category = category_save(actor=personas["admin"], cycle=cycle, name="Mentor of the Year",
                             eligibility="Anyone.")
    criterion_save(actor=personas["admin"], category=category, name="Impact", weight=1,
                   scale_min=0, scale_max=10)
    e = entries(category, ["Tuesdays", "Fridays"])
    panel = panel_with_scores(category, judges(2), e, [[(9,), (3,)], [(8,), (2,)]])
    shortlist_apply(actor=personas["admin"], panel=panel, top=1)
    e[0].refresh_from_db()
    return e[0], e[1]


def _text_of(pdf_html: str) -> tuple[list, str]:
    from weasyprint import HTML

    document = HTML(string=pdf_html).render()

    def texts(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    return document.pages, " ".join(t for page in document.pages for t in texts(page._page_box))


def test_the_certificate_is_an_a4_landscape_pdf_naming_the_finalist(finalist):
    entry, _ = finalist
    pages, text = _text_of(certificate_html(entry))
    assert len(pages) == 1
    assert (round(pages[0].width * 0.75, 2), round(pages[0].height * 0.75, 2)) == \
        pytest.approx(A4_LANDSCAPE_PT, abs=0.5)  # CSS px → pt
    for shown in ("Nominee Tuesdays", "Mentor of the Year", entry.category.cycle.name.upper(),
                  "Finalist"):
        assert shown in text, shown  # the cycle is set in capitals
    assert "style=" not in certificate_html(entry)


def test_administrators_download_it_and_the_nominee_after_publishing(finalist, personas,
                                                                     client_for):
    entry, not_finalist = finalist
    url = reverse("awards:certificate", args=[entry.pk])
    response = client_for(personas["admin"]).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    nominee = client_for(entry.nominee)
    assert nominee.get(url).status_code == 404  # not yet published
    for outsider in ("member", "judge", "lead"):
        assert client_for(personas[outsider]).get(url).status_code == 404
    assert client_for(personas["admin"]).get(
        reverse("awards:certificate", args=[not_finalist.pk])).status_code == 404
    results_publish(actor=personas["admin"], cycle=entry.category.cycle)
    assert nominee.get(url).status_code == 200
    assert client_for(personas["member"]).get(url).status_code == 404
