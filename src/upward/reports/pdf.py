"""The annual report's HTML → PDF with WeasyPrint: A4 pages with a running footer that
prints the snapshot's content hash and "Page n of m" (CSS ``@page`` margin boxes).

The HTML is self-contained (no external resources), so WeasyPrint never fetches
anything; ``base_url`` is left unset on purpose.
"""

from __future__ import annotations

import re

__all__ = ["LAYOUT_VERSION", "PRINT_STYLE", "annual_report_pdf", "html_to_pdf", "pdf_text"]

#: Bump when the PDF's layout changes (this module, the report's HTML or its charts): a
#: PDF stored by an older release is then laid out again instead of being served.
LAYOUT_VERSION = 2

PRINT_STYLE = """
@page { size: A4; margin: 22mm 18mm 22mm;
  @top-left { content: string(organisation); font-size: 7.5pt; color: #505a5f;
    font-family: "DejaVu Sans", sans-serif; }
  @top-right { content: string(title); font-size: 7.5pt; color: #505a5f;
    font-family: "DejaVu Sans", sans-serif; }
  @bottom-left { content: "Content hash sha256 HASH";
    font-size: 6.5pt; color: #505a5f; font-family: "DejaVu Sans", sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font-size: 8pt; color: #505a5f; font-family: "DejaVu Sans", sans-serif; } }
@page :first { margin: 0; background: #0b3d63;
  @top-left { content: none; } @top-right { content: none; }
  @bottom-left { content: none; } @bottom-right { content: none; } }
body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; line-height: 1.45; }
.cover { height: 297mm; box-sizing: border-box; margin: 0; padding: 32mm 22mm 0;
  position: relative; break-after: page; }
.cover-org { font-size: 14pt; margin-bottom: 45mm; string-set: organisation content(); }
.cover h1 { font-size: 34pt; max-width: 140mm; string-set: title content(); }
.cover-period { font-size: 14pt; }
.cover-figures { position: absolute; left: 22mm; right: 22mm; bottom: 40mm; margin: 0; }
.cover .cover-figures li { width: 46mm; margin-right: 8mm; }
.cover-figures .figure-value { font-size: 24pt; }
.cover-figures .change { color: #ffffff; }
.cover-hash { position: absolute; left: 22mm; right: 22mm; bottom: 14mm; font-size: 7pt; }
h2 { font-size: 18pt; margin-top: 0; break-after: avoid; }
section.chapter { break-before: page; }
section:not(.chapter) h2 { margin-top: 10mm; }
.contents { break-after: avoid; }
.contents ol { list-style: none; padding: 0; }
.contents li { margin: 2.5mm 0; font-size: 11pt; }
.contents a { color: #1b1b1b; }
.contents a::after { content: leader(". ") target-counter(attr(href), page); }
.intro { font-size: 10.5pt; }
h3 { font-size: 11.5pt; break-after: avoid; } .figure > p { break-after: avoid; }
tr, figure, .figures li, svg.chart { break-inside: avoid; }
thead { display: table-header-group; }
svg.chart { width: 100%; max-width: 12cm; height: auto; display: block; margin: 2mm 0 3mm; }
svg.chart[width="640"] { max-width: 16.5cm; }
.figures li { width: 47mm; margin-right: 6mm; }
.figure-value { font-size: 20pt; }
.figure-value--words { font-size: 12pt; }
.quote blockquote { font-size: 11pt; }
table { font-size: 8.5pt; } th, td { padding: 1.2mm 2mm 1.2mm 0; }
tbody th { min-width: 24mm; }
.provenance { font-size: 7pt; columns: 2; column-gap: 8mm; }
a { color: #1b1b1b; text-decoration: none; }
.source-link { color: #505a5f; }
"""


def html_to_pdf(html: str, *, content_hash: str) -> bytes:
    """The report's PDF. ``content_hash`` is printed in every page's footer.

    The print style goes into the document after its own style (not as a WeasyPrint
    user stylesheet, which the document's rules would override), so it wins where both
    say something."""
    from weasyprint import HTML  # imported here: loading pango takes a moment

    if not re.fullmatch(r"[0-9a-f]{64}", content_hash):
        raise ValueError(f"not a sha256 content hash: {content_hash!r}")
    style = f"<style>{PRINT_STYLE.replace('HASH', content_hash)}</style>"
    head_end = html.find("</head>")
    html = style + html if head_end < 0 else html[:head_end] + style + html[head_end:]
    return HTML(string=html).write_pdf()


def annual_report_pdf(document) -> bytes:
    """The annual report's PDF from a snapshot document (what
    :func:`upward.reports.annual.render_annual_report` takes), charts laid out for print."""
    from upward.reports.annual import render_annual_report

    return html_to_pdf(render_annual_report(document, print_=True),
                       content_hash=document["content_hash"])


def pdf_text(pdf: bytes) -> list[str]:
    """Each page's text, through pdftotext (Debian's poppler-utils); FileNotFoundError
    without it."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        raise FileNotFoundError("pdftotext (Debian's poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    return out.split("\f")
