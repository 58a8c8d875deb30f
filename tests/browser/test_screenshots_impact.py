"""The annual impact report from the demo's own data (``seed_demo``, with fewer members), as
the demo's administrator makes it: Impact → Annual impact reports → Generate, the preview,
then the PDF, laid out by the worker (``upward worker``, on the database queue production
uses) while the PDF's progress page waits for it (and notices by itself, with JavaScript
and without), and downloaded.

Every run checks it (axe-clean pages; the PDF is a PDF with the report's title and
headline figures); ``make screenshots`` (``UPWARD_SCREENSHOTS=docs``) writes to
docs/screenshots: impact-report-preview.png (the preview, 1280 px wide),
impact-report-pdf-progress.png (the PDF waiting for the worker) and, with pdftoppm at
100 dpi, impact-report-page-1.png, -2, -3 and impact-report-page-workforce.png (the
first workforce section that starts after page 3: progression and pay today). Each file
has this one writer. A second, smaller test walks the PDF page's other states (nothing
laid out yet, failed) through axe.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect
from typer.testing import CliRunner

from upward.cli.main import app
from upward.reports.pdf import pdf_text
from upward.web.demo import content
from upward.web.demo.seed import DEMO_PASSWORD, seed_demo
from upward.web.impact.models import ReportDocument, ReportSnapshot

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PNG = b"\x89PNG\r\n\x1a\n"
YEAR = 2026
MAX_PNG_BYTES = 400_000

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenshots(tmp_path) -> Path:
    """Where the screenshots go: docs/screenshots only when asked for (as test_screenshots)."""
    return DOCS_SCREENSHOTS if os.environ.get("UPWARD_SCREENSHOTS") == "docs" else tmp_path


def png_width(path: Path) -> int:
    image = path.read_bytes()
    assert image[:8] == PNG, f"{path.name} is not a PNG"
    return int.from_bytes(image[16:20], "big")


FOREWORD = (
    "Most of us here did not grow up in the same kind of place, and this report is about "
    "making sure that stays true at every grade, not only at the door.\n\n"
    "This year the network reached more pupils and started more mentoring pairs than the "
    "year before. The figures below also show where we fell short: the share of our "
    "most senior grade from a lower socio-economic background is still well below the "
    "share of the workforce, and we have set ourselves targets to change that.\n\n"
    "Thank you to every volunteer, mentor and member who told their story.")


def section_page(pages: list[str], title: str) -> int | None:
    """The page a section starts on: the first whose first line under the running header
    (organisation and report title) is the section's title."""
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if number > 2 and len(lines) > 1 and lines[1].startswith(title):
            return number
    return None


def page_images(pdf: Path, pages: dict[str, int], into: Path) -> list[Path]:
    """Each of ``pages`` (name → page number) as ``impact-report-page-<name>.png``."""
    written = []
    for name, number in pages.items():
        stem = into / f"impact-report-page-{name}"
        subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", str(number), "-l", str(number),
                        "-singlefile", str(pdf), str(stem)], check=True)
        written.append(stem.with_suffix(".png"))
    return written


def test_admin_generates_previews_and_downloads_the_report(
        page, page_without_js, url, sign_in, assert_accessible, settings, screenshots,
        tmp_path):
    settings.UPWARD_ORGANISATION_NAME = content.ORGANISATION  # as `make demo` shows it
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    seed_demo(members=60, seed=2026)
    screenshots.mkdir(parents=True, exist_ok=True)
    assert ReportDocument.objects.get(snapshot__year=YEAR - 1).status == "done", \
        "the demo starts with last year's report laid out"

    sign_in(page, f"admin@{content.DOMAIN}", DEMO_PASSWORD)
    assert_accessible(page, "the administrator's home (demo)")
    page.goto(url("/impact/"))
    assert_accessible(page, "impact home (demo)")
    page.get_by_role("link", name="Annual impact reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual impact reports")
    assert_accessible(page, "report list (demo)")
    page.get_by_label("Year").fill(str(YEAR))
    page.get_by_role("button", name="Generate a report").click()
    assert_accessible(page, "generate confirmation (demo)")
    page.get_by_role("button", name=f"Generate the {YEAR} report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Social mobility impact report {YEAR}")
    expect(page.get_by_text("PDF being laid out…")).to_be_visible()
    expect(page.get_by_text("This report has no foreword yet")).to_be_visible()
    assert_accessible(page, "report preview (demo)")

    # The foreword, written in the app: it opens the PDF (page 2, with the contents).
    page.get_by_role("link", name="Edit the foreword").click()
    assert_accessible(page, "foreword form (demo)")
    page.get_by_label("Foreword").fill(FOREWORD)
    page.get_by_role("button", name="Save the foreword").click()
    expect(page.get_by_text("Foreword saved.")).to_be_visible()
    expect(page.locator("#foreword")).to_contain_text("did not grow up in the same kind of place")
    assert_accessible(page, "report preview with its foreword (demo)")

    # The PDF waits for the worker: the download leads to its progress page.
    page.get_by_role("link", name="Download the PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"PDF of the {YEAR} impact report")
    expect(page.get_by_role("status")).to_contain_text("Waiting for the background worker")
    expect(page.get_by_text("This page refreshes itself")).to_be_visible()
    assert_accessible(page, "PDF progress, waiting (demo)")
    page.screenshot(path=screenshots / "impact-report-pdf-progress.png")

    worker = CliRunner().invoke(app, ["worker", "--once", "--quiet"])
    assert worker.exit_code == 0, worker.output
    snapshot = ReportSnapshot.objects.get(year=YEAR)
    assert ReportDocument.objects.get(snapshot=snapshot).status == "done"
    # The page notices by itself (htmx polling every 2 s) and offers the download.
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible(timeout=10_000)
    expect(page.get_by_role("status")).to_contain_text("The PDF is ready")
    assert_accessible(page, "PDF progress, ready (demo)")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == f"impact-report-{YEAR}.pdf"
    pdf_path = tmp_path / "report.pdf"
    download.value.save_as(pdf_path)
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF")

    # Without JavaScript the page does not reload itself (a timed reload fails WCAG 2.2.1,
    # technique F41): Refresh shows the download once the worker is done.
    document = ReportDocument.objects.filter(snapshot=snapshot)
    document.update(status="running", step="Laying out the pages")
    page_without_js.context.add_cookies(page.context.cookies())
    page_without_js.goto(page.url)
    expect(page_without_js.get_by_role("status")).to_contain_text("Laying out the pages")
    assert "http-equiv" not in page_without_js.content()
    document.update(status="done", step="")  # as the worker leaves it
    assert_accessible(page_without_js, "PDF progress, running, without JavaScript (demo)")
    page_without_js.get_by_role("link", name="Refresh").click()
    expect(page_without_js.get_by_role("link", name="Download the PDF")).to_be_visible()
    assert_accessible(page_without_js, "PDF progress, ready, without JavaScript (demo)")

    page.goto(url(f"/impact/report/{snapshot.pk}/"))
    expect(page.locator("#pdf-state")).to_have_text("PDF ready")
    assert_accessible(page, "report preview with its PDF ready (demo)")
    page.screenshot(path=screenshots / "impact-report-preview.png")
    assert png_width(screenshots / "impact-report-preview.png") == 1280

    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("pdftotext/pdftoppm (Debian's poppler-utils) are not installed, so the "
                    "PDF's text and page images cannot be checked: run make poppler")
    pages = pdf_text(pdf)
    text = " ".join(" ".join(pages).split())
    assert f"Social mobility impact report {YEAR}" in text
    assert re.search(r"Headline figures|At a glance", text), "the headline section is missing"
    assert content.ORGANISATION in text and snapshot.content_hash in text
    assert "Foreword" in pages[1] and "did not grow up in the same kind of place" in " ".join(
        pages[1].split())
    chosen = {"1": 1, "2": 2, "3": 3}
    for name, title in (("workforce", "Workforce background profile"),
                        ("network", "Network activity and stories"),
                        ("progress", "Progress against each framework goal")):
        chosen[name] = section_page(pages, title)
        assert chosen[name] is not None, f"no page starts the section {title!r}"
    assert len(set(chosen.values())) == len(chosen)
    images = page_images(pdf_path, chosen, screenshots)
    for image in images:
        assert 700 <= png_width(image) <= 900, f"{image.name} is not about 100 dpi A4"
        assert image.stat().st_size < MAX_PNG_BYTES, f"{image.name} is too large"


def test_the_pdf_pages_other_states_are_accessible(page, url, sign_in, assert_accessible):
    """A report made on the command line (nothing queued): an analyst lays its PDF out from
    the page; a failed run shows its message and, to a manager, Try again."""
    from upward.web.demo.factories import person
    from upward.web.impact.services.report import report_snapshot_create
    from upward.web.impact.tasks import report_pdf_render

    analyst = person(roles=["analyst"], email="ana.lyst@northbridge.example",
                     display_name="Ana Lyst")
    admin = person(roles=["admin"], email="sam.admin@northbridge.example",
                   display_name="Sam Admin")
    snapshot = report_snapshot_create(actor=None, year=YEAR)
    sign_in(page, analyst.email)
    assert_accessible(page, "the analyst's home")
    page.goto(url(f"/impact/report/{snapshot.pk}/report.pdf"))  # nothing stored: its page
    expect(page.get_by_role("heading", level=1)).to_have_text(f"PDF of the {YEAR} impact report")
    assert_accessible(page, "PDF page, nothing laid out yet")
    page.get_by_role("button", name="Lay out the PDF").click()  # tests run tasks at once
    expect(page.get_by_role("status")).to_contain_text("The PDF is ready")
    assert_accessible(page, "PDF page, ready")

    ReportSnapshot.objects.filter(pk=snapshot.pk).update(content_hash="not-a-hash")
    report_pdf_render.call(snapshot_id=snapshot.pk)
    page.context.clear_cookies()
    sign_in(page, admin.email)
    assert_accessible(page, "the administrator's home")
    page.goto(url(f"/impact/report/{snapshot.pk}/pdf/"))
    expect(page.get_by_role("alert")).to_contain_text("not a sha256 content hash")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    assert_accessible(page, "PDF page, failed")
