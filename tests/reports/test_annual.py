"""The annual report from a hand-built snapshot, without Django: sections and headings,
figures linked to their provenance, suppressed cells as published, the PDF (A4, the
hash in the footer, page images through pdftoppm) and the Employer Index rows."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess

import pytest

from upward.reports.annual import (
    SECTION_TITLES,
    content_hash,
    employer_index_rows,
    render_annual_report,
)
from upward.reports.disclosure import suppress
from upward.reports.pdf import annual_report_pdf, html_to_pdf, pdf_text
from upward.reports.tables import Chart, Table, count_cells

PERIOD = ["2026-01-01", "2026-12-31"]


def _profile_table() -> Table:
    # 4 people from an intermediate background: below k = 10, never published
    cells = count_cells(suppress([[212], [4], [61]], 10))
    return Table(id="background_profile", title="Background profile of the workforce",
                 description="People by socio-economic background.",
                 columns=("Background", "People"), kinds=("count",),
                 rows=tuple((label, (cells[2 * i],)) for i, label in enumerate(
                     ("Professional", "Intermediate", "Lower socio-economic", "Total"))),
                 chart=Chart(kind="bars", categories=("Professional", "Lower socio-economic"),
                             series=(("People", (212.0, 61.0)),), unit="count"))


def snapshot() -> dict:
    figures = {"year": 2026, "k": 10, "organisation": "Northbridge", "entries": {
        "members": {"kind": "number", "label": "Network members", "section": "network",
                    "headline": True, "value": 212.0, "suppressed": False, "text": "212",
                    "unit": "count", "source": "accounts.selectors.network_members()",
                    "period": PERIOD, "k": 10, "inputs_hash": "a" * 64,
                    "previous": {"year": 2025, "value": 180.0, "text": "180",
                                 "suppressed": False},
                    "change": {"direction": "up", "text": "+17.8% on 2025"}},
        "kpi_3": {"kind": "number", "label": "Apprenticeships: Applications per place",
                  "section": "initiatives", "initiative": "Apprenticeships",
                  "initiative_description": "A route for school leavers.",
                  "kpi": "Applications per place", "value": 10.8, "suppressed": False,
                  "text": "10.80", "unit": "number", "baseline_text": "13.50",
                  "target_text": "11", "status": "On track", "share": 1.02, "manual": True,
                  "evidence": "Recruitment system report.", "source": "Entered by hand",
                  "period": PERIOD, "k": None, "inputs_hash": "e" * 64},
        "workforce_question_school_type": {
            "kind": "table", "label": "School type", "section": "workforce", "appendix": True,
            "table": dataclasses.asdict(dataclasses.replace(
                _profile_table(), id="question_school_type", title="Which type of school?",
                chart=None)),
            "source": "insights release 1", "period": ["2026-03-31"] * 2, "k": 10,
            "inputs_hash": "f" * 64},
        "volunteers": {"kind": "number", "label": "Volunteers with schools",
                       "section": "outreach", "value": None, "suppressed": True,
                       "text": "not published", "unit": "count", "source": "outreach",
                       "period": PERIOD, "k": 10, "inputs_hash": "b" * 64},
        "workforce_background_profile": {
            "kind": "table", "label": "Background profile", "section": "workforce",
            "table": dataclasses.asdict(_profile_table()), "source": "insights release 1",
            "period": ["2026-03-31"] * 2, "k": 10, "inputs_hash": "c" * 64},
        "quote_1": {"kind": "quote", "label": "From Hull", "section": "network",
                    "text": "Nobody in my family had worked in an office.",
                    "attribution": "A network member (anonymous)", "source": "stories",
                    "period": PERIOD, "k": None, "inputs_hash": "d" * 64},
    }, "headline": ["members"],
        "unavailable": {"progression": "Not available: no released analysis."},
        "benchmarks": [{"name": "Gatsby Benchmarks", "publisher": "Gatsby Foundation",
                        "published": "2013", "source": "https://www.gatsby.org.uk/"}]}
    return {"year": 2026, "foreword": "Our year.\n\nThank you.", "figures": figures,
            "content_hash": content_hash(figures), "status": "draft",
            "organisation": "Northbridge"}


def test_every_section_has_its_heading_and_figures_link_to_provenance():
    html = render_annual_report(snapshot())
    for title in SECTION_TITLES.values():
        assert f">{title}</h2>" in html
    for key in snapshot()["figures"]["entries"]:
        assert f'data-figure="{key}"' in html and f'id="source-{key}"' in html
        assert f'href="#source-{key}"' in html
    assert "<p>Our year.</p><p>Thank you.</p>" in html
    assert "Not available: no released analysis." in html
    assert '<svg' in html and 'role="img"' in html  # the profile's chart
    assert "Figures in 2026 against 2025" in html
    assert "+17.8% on 2025" in html  # the change, in the headline and the comparison


def test_cover_contents_initiatives_and_appendix():
    html = render_annual_report(snapshot())
    cover = html.split('<header class="cover">', 1)[1].split("</header>", 1)[0]
    assert "Northbridge" in cover and "Draft" in cover and 'data-figure="members"' in cover
    contents = html.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]
    assert contents.index('href="#headline"') < contents.index('href="#provenance"')
    # the initiative's KPI in its table, with the manual figure's evidence and status
    initiatives = html.split('id="initiatives"', 1)[1].split("</section>", 1)[0]
    assert "<h3>Apprenticeships</h3>" in initiatives
    assert "A route for school leavers." in initiatives
    assert "Evidence: Recruitment system report." in initiatives
    assert '<span class="status-on-track">On track</span>' in initiatives
    # the survey's per-question table is in the appendix, not the workforce chapter
    workforce = html.split('id="workforce"', 1)[1].split("</section>", 1)[0]
    appendix = html.split('id="appendix"', 1)[1].split("</section>", 1)[0]
    assert "Which type of school?" not in workforce and "Which type of school?" in appendix


def test_empty_foreword_and_appendix_are_left_out():
    doc = snapshot()
    doc["foreword"] = "  "
    del doc["figures"]["entries"]["workforce_question_school_type"]
    html = render_annual_report(doc)
    assert 'id="foreword"' not in html and 'href="#foreword"' not in html
    assert 'id="appendix"' not in html and 'href="#appendix"' not in html
    assert "No foreword" not in html


def test_a_suppressed_headline_figure_is_neither_on_the_cover_nor_a_headline():
    doc = snapshot()
    doc["figures"]["headline"] = ["volunteers", "members"]
    html = render_annual_report(doc)
    headline = html.split('id="headline"', 1)[1].split("</section>", 1)[0]
    cover = html.split("</header>", 1)[0]
    assert 'data-figure="volunteers"' not in headline + cover
    assert 'data-figure="members"' in headline


def test_print_layout_puts_labels_beside_the_bars():
    doc = snapshot()
    screen, printed = render_annual_report(doc), render_annual_report(doc, print_=True)
    assert 'viewBox="0 0 420' in screen and 'viewBox="0 0 640' in printed


def test_suppressed_cells_and_figures_are_never_numbers():
    html = render_annual_report(snapshot())
    assert ">4<" not in html and "fewer than 10" in html
    assert "not published" in html


def test_content_hash_is_canonical_and_html_is_byte_identical():
    one, two = snapshot(), snapshot()
    reordered = dict(reversed(list(two["figures"].items())))
    assert content_hash(reordered) == one["content_hash"]
    assert render_annual_report(one).encode() == render_annual_report(two).encode()
    changed = snapshot()
    changed["figures"]["entries"]["members"]["value"] = 213.0
    assert content_hash(changed["figures"]) != one["content_hash"]


def test_employer_index_rows_are_the_published_cells():
    rows = employer_index_rows(snapshot()["figures"])
    assert rows[0][:5] == ["Measure", "Table", "Row", "Column", "Value as published"]
    by_row = {r[2]: r[4] for r in rows[1:]}
    assert by_row["Intermediate"] == "fewer than 10"
    assert "4" not in by_row.values()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return annual_report_pdf(snapshot())


def test_pdf_has_the_headings_footer_and_no_suppressed_number(pdf):
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing: install Debian's poppler-utils (make poppler)")
    pages = pdf_text(pdf)
    text = " ".join("\n".join(pages).split())
    for title in ("Social mobility impact report 2026", "Contents", "Headline figures",
                  "Workforce background profile and class ceiling", "Methodology and privacy",
                  "Our initiatives and their KPIs", "Appendix: detailed tables",
                  "How each figure was computed"):
        assert title in text
    digest = snapshot()["content_hash"]
    cover, second = pages[0], pages[1]
    assert digest in " ".join(cover.split()) and "Page 1 of" not in cover  # a full-bleed cover
    assert f"Content hash sha256 {digest}" in second and "Page 2 of" in second
    assert "Northbridge" in second  # the running header
    assert "Intermediate fewer than 10" in text  # the 4 people are never printed


def test_pdf_pages_render_as_images(pdf, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm missing: install Debian's poppler-utils (make poppler)")
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(tmp_path / "report.pdf"),
                    str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page*.png"))
    assert len(images) >= 5
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in images)


def test_pdf_refuses_a_footer_that_is_not_a_hash():
    with pytest.raises(ValueError, match="sha256"):
        html_to_pdf("<html></html>", content_hash='"; } body { display: none')


def test_pdf_contents_give_the_page_each_section_starts_on(pdf):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing: install Debian's poppler-utils (make poppler)")
    import re

    pages = pdf_text(pdf)
    contents = " ".join(pages[1].split())
    listed = re.findall(r"([A-Z][A-Za-z:, -]+?) (?:\. )+\.? ?(\d+)", contents)
    titles = {title.strip(): int(number) for title, number in listed}
    assert {"Headline figures", "Methodology and privacy",
            "How each figure was computed"} <= set(titles)
    for title, number in titles.items():
        assert title in " ".join(pages[number - 1].split()), (title, number)


def test_table_columns_of_words_are_not_aligned_as_numbers():
    from upward.reports.annual import table_html
    from upward.reports.tables import Cell

    table = Table(id="progress", title="Progress", description="",
                  columns=("Goal and KPI", "Initiative", "Target", "Status"),
                  kinds=("text", "number", "text"),
                  rows=(("2: Pupils", (Cell("Outreach"), Cell("900"), Cell("On track"))),))
    html = table_html(table, key="progress")
    assert "<td>Outreach</td>" in html and '<td class="numeric">900</td>' in html
    assert "<td>On track</td>" in html and '<th scope="col">Status</th>' in html


@pytest.mark.parametrize("foreword", ["Our year.\r\n\r\nThank you.", "Our year.\n \nThank you.",
                                      "Our year.\n\n\n\nThank you.\n"])
def test_foreword_paragraphs_are_split_on_blank_lines_whatever_the_line_endings(foreword):
    doc = snapshot()
    doc["foreword"] = foreword
    assert "<p>Our year.</p><p>Thank you.</p>" in render_annual_report(doc)
