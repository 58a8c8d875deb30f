"""Benchmark: the full annual impact report (snapshot → HTML → PDF) for the demo
organisation, printing the time of each step and of each section of the HTML.

Seeds the demo (``seed_demo``, as ``make demo`` does, 300 members by default) into a
fresh SQLite database in a temporary folder unless ``--database-url`` points at one that
is already seeded, then times: collecting and freezing the figures
(``report_snapshot_create``), rendering each HTML section, the whole HTML, and the PDF
(WeasyPrint). Target: the full PDF, from collecting the figures to the last page, in
≤ 20 s (printed PASS/MISS). Not a test (``make test`` never runs it). Example::

    python bench/report.py
    python bench/report.py --year 2026 --members 300
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TARGET_S = 20.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--database-url", default="",
                        help="an already seeded demo database (default: seed a fresh one)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="upward-bench-report-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upward.web.settings")
    from upward.web.demo import content

    os.environ.setdefault("UPWARD_ORGANISATION_NAME", content.ORGANISATION)
    os.environ.setdefault("UPWARD_ALLOWED_EMAIL_DOMAINS", content.DOMAIN)
    import django

    django.setup()
    from django.core.management import call_command

    from upward.reports import annual
    from upward.reports.pdf import html_to_pdf
    from upward.web.accounts.selectors import active_people
    from upward.web.demo.seed import seed_demo
    from upward.web.impact.selectors.report import snapshot_document
    from upward.web.impact.services.report import report_snapshot_create

    call_command("migrate", interactive=False, verbosity=0)
    if not active_people().exists():
        start = time.perf_counter()
        seed_demo(members=args.members)
        print(f"seeded the demo ({args.members} members) in {time.perf_counter() - start:.1f} s "
              "(not timed)")

    start = time.perf_counter()
    snapshot = report_snapshot_create(actor=None, year=args.year)
    collect = time.perf_counter() - start
    document = snapshot_document(snapshot)
    entries = document["figures"]["entries"]
    print(f"figures: {len(entries)} entries, content hash {snapshot.content_hash[:16]}…")
    print(f"{'step':<58}{'seconds':>10}")
    print(f"{'collect and freeze the figures':<58}{collect:>10.3f}")
    for name, render in annual._SECTIONS.items():  # noqa: SLF001 (timing each section)
        t = time.perf_counter()
        render(document, document["figures"], True)
        print(f"{'  section: ' + annual.SECTION_TITLES[name]:<58}"
              f"{time.perf_counter() - t:>10.3f}")
    t = time.perf_counter()
    html = annual.render_annual_report(document, print_=True)
    render_html = time.perf_counter() - t
    print(f"{'render the whole HTML':<58}{render_html:>10.3f}")
    t = time.perf_counter()
    pdf = html_to_pdf(html, content_hash=snapshot.content_hash)
    lay_out = time.perf_counter() - t
    print(f"{'lay out the PDF (WeasyPrint)':<58}{lay_out:>10.3f}")
    total = collect + render_html + lay_out
    verdict = "PASS" if total <= TARGET_S else "MISS"
    print(f"full PDF: {total:.2f} s for {len(pdf):,} bytes; target ≤ {TARGET_S:.0f} s: {verdict}")
    if not args.database_url:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
