"""A standalone HTML report of workforce insights, for ``upward insights -o`` and downloads.

One self-contained file (styles in the file, no scripts, no external
resources) that shows exactly what the dashboard shows: the same suppressed
tables and the same charts.
"""

from __future__ import annotations

from html import escape

from upward.reports.charts import render_chart
from upward.reports.tables import Table
from upward.reports.workforce import WorkforceInsights

__all__ = ["render_report", "table_html"]

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1b1b1b; max-width: 1000px; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #1b1b1b; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 700; padding-bottom: .5rem; }
th, td { text-align: left; padding: .4rem .6rem .4rem 0; border-bottom: 1px solid #b1b4b6;
  vertical-align: top; }
thead th { border-bottom: 2px solid #1b1b1b; }
td.numeric, th.numeric { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #505a5f; } .notice { background: #fff7bf; padding: .75rem 1rem; }
.figure { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
svg.chart { width: 100%; max-width: 34rem; height: auto; }
"""


def table_html(table: Table, *, caption_level: str = "h3") -> str:
    """The table as accessible HTML: a caption, header cells with scope, numbers aligned."""
    rows = table.to_rows()
    numeric = ' class="numeric"'
    head = "".join(f'<th scope="col"{numeric if i else ""}>{escape(h)}</th>'
                   for i, h in enumerate(rows[0]))
    body = []
    for row in rows[1:]:
        cells = "".join(f'<td class="numeric">{escape(c)}</td>' for c in row[1:])
        body.append(f'<tr><th scope="row">{escape(row[0])}</th>{cells}</tr>')
    notes = "".join(f'<p class="muted">{escape(n)}</p>' for n in table.notes)
    return (f'<div class="table-wrap"><table id="table-{table.id}">'
            f"<caption>{escape(table.title)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
            f"{notes}")


def render_report(insights: WorkforceInsights, *, title: str = "Workforce insights",
                  trend: Table | None = None) -> str:
    """The whole report as one HTML document."""
    parts = [
        "<!doctype html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} — {insights.snapshot_date.isoformat()}</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">Snapshot of {insights.snapshot_date:%d %B %Y}. Disclosure threshold '
        f"k = {insights.k}.</p>",
    ]
    parts += [f"<p>{escape(note)}</p>" for note in insights.notes]
    sections = list(insights.sections)
    for section in sections:
        parts.append(f'<section aria-labelledby="section-{section.id}">'
                     f'<h2 id="section-{section.id}">{escape(section.title)}</h2>'
                     f"<p>{escape(section.intro)}</p>")
        for table in section.tables:
            parts.append(f"<h3>{escape(table.title)}</h3><p>{escape(table.description)}</p>")
            chart = render_chart(table, id_prefix="report")
            parts.append(f'<div class="figure">{chart}{table_html(table)}</div>')
        if section.withheld:
            parts.append(f'<p class="notice">{escape(section.withheld)}</p>')
        parts.append("</section>")
    if trend is not None:
        parts.append('<section aria-labelledby="section-trends"><h2 id="section-trends">'
                     "Trends across snapshots</h2>")
        parts.append(f'<div class="figure">{render_chart(trend, id_prefix="report")}'
                     f"{table_html(trend)}</div></section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)
