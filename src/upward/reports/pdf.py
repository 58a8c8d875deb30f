"""The annual report's HTML → PDF with WeasyPrint: A4 pages with a running footer that
prints the snapshot's content hash and "Page n of m" (CSS ``@page`` margin boxes).

The HTML is self-contained (no external resources), so WeasyPrint never fetches
anything; ``base_url`` is left unset on purpose.
"""

from __future__ import annotations

import re

__all__ = ["PRINT_STYLE", "html_to_pdf", "pdf_text"]

PRINT_STYLE = """
@page { size: A4; margin: 20mm 18mm 22mm;
  @bottom-left { content: "Content hash sha256 HASH";
    font-size: 6.5pt; color: #505a5f; font-family: "DejaVu Sans", sans-serif; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font-size: 8pt; color: #505a5f; font-family: "DejaVu Sans", sans-serif; } }
body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
h2 { break-before: page; break-after: avoid; } h3 { break-after: avoid; }
.cover + section h2, #headline h2 { break-before: auto; }
tr, figure, .figures li { break-inside: avoid; }
svg.chart { max-width: 15cm; }
.figures li { width: 28%; }
a { color: #1b1b1b; text-decoration: none; }
"""


def html_to_pdf(html: str, *, content_hash: str) -> bytes:
    """The report's PDF. ``content_hash`` is printed in every page's footer."""
    from weasyprint import CSS, HTML  # imported here: loading pango takes a moment

    if not re.fullmatch(r"[0-9a-f]{64}", content_hash):
        raise ValueError(f"not a sha256 content hash: {content_hash!r}")
    style = PRINT_STYLE.replace("HASH", content_hash)
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=style)])


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
