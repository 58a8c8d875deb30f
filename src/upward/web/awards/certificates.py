"""Certificate PDFs for finalists and winners (WeasyPrint, A4 landscape).

The certificate's HTML is a print template rendered only into a PDF — never served as a
page — so its stylesheet lives in the template itself."""

from __future__ import annotations

from django.template.loader import render_to_string

from upward.web.awards.models import Entry, Outcome
from upward.web.awards.selectors.results import entry_display_name


def certificate_html(entry: Entry) -> str:
    return render_to_string("awards/certificate.html", {
        "name": entry_display_name(entry), "entry": entry,
        "category": entry.category, "cycle": entry.category.cycle,
        "winner": entry.outcome == Outcome.WINNER})


def certificate_pdf(entry: Entry) -> bytes:
    """The certificate as PDF bytes (the import is here: WeasyPrint is slow to load)."""
    from weasyprint import HTML

    return HTML(string=certificate_html(entry)).write_pdf()


def certificate_filename(entry: Entry) -> str:
    return f"certificate-{entry.category.cycle_id}-{entry.pk}.pdf"
