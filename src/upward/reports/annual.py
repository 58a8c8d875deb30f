"""The annual social mobility impact report: a frozen snapshot of figures → HTML.

Pure code (no Django): :func:`render_annual_report` turns a snapshot — its year,
foreword and ``figures`` dict, frozen when the snapshot was made — into one
self-contained HTML document (styles in the file, no scripts, no external
resources); :mod:`upward.reports.pdf` turns that into the PDF. The same snapshot
always gives byte-identical HTML.

``figures`` holds ``entries``: key → one figure with its provenance::

    {"kind": "number", "label": "Network members", "section": "network",
     "value": 212.0, "suppressed": false, "text": "212", "unit": "count",
     "source": "accounts.selectors.network_members() joined before the year's end",
     "period": ["2026-01-01", "2026-12-31"], "k": 10, "inputs_hash": "…",
     "previous": {"year": 2025, "value": 180.0, "suppressed": false, "text": "180"}}

``order`` lists the keys in the order the report shows them. A ``table`` entry
holds a published table (``dataclasses.asdict`` of a
:class:`~upward.reports.tables.Table`, already through disclosure control) and a
``quote`` entry a story's excerpt. Every figure in the HTML carries its key in
``data-figure`` and links to its entry under "How each figure was computed", so
an auditor can re-derive it. A suppressed figure is stored without its number and
shown as "not published".

>>> figures = {"year": 2026, "k": 10, "entries": {"members": {
...     "kind": "number", "label": "Network members", "section": "network",
...     "value": None, "suppressed": True, "text": "not published", "unit": "count",
...     "source": "accounts", "period": ["2026-01-01", "2026-12-31"], "k": 10,
...     "inputs_hash": "ab"}}}
>>> html = render_annual_report({"year": 2026, "foreword": "", "figures": figures,
...                              "content_hash": content_hash(figures)})
>>> 'data-figure="members"' in html and "not published" in html
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from upward.reports.charts import render_chart
from upward.reports.tables import Table, table_from_record

__all__ = ["SECTION_TITLES", "canonical_json", "content_hash", "employer_index_rows",
           "figure_table", "render_annual_report", "report_body", "table_html"]

#: The report's sections in order (id → heading).
SECTION_TITLES: dict[str, str] = {
    "foreword": "Foreword",
    "headline": "Headline figures",
    "workforce": "Workforce background profile and class ceiling",
    "progression": "Progression and pay gap",
    "network": "Network activity and stories",
    "mentoring": "Mentoring",
    "outreach": "Outreach with schools",
    "awards": "Awards",
    "progress": "Progress against each framework goal",
    "comparison": "Year-on-year comparison",
    "methodology": "Methodology and privacy",
    "provenance": "How each figure was computed",
}

# No CSS grid: WeasyPrint 70 fails on a grid that breaks across pages (the PDF uses this too).
_STYLE = """
body { font-family: "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, Arial,
  sans-serif; color: #1b1b1b; max-width: 1000px; margin: 2rem auto; padding: 0 1rem;
  line-height: 1.5; }
h1 { font-size: 2.2rem; margin: 0 0 .5rem; } h2 { margin-top: 2.5rem;
  border-bottom: 2px solid #1b1b1b; } h3 { margin-top: 1.5rem; }
a { color: #1d70b8; }
.cover { border-bottom: 6px solid #0072B2; padding-bottom: 1rem; margin-bottom: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 700; padding-bottom: .5rem; }
th, td { text-align: left; padding: .4rem .6rem .4rem 0; border-bottom: 1px solid #b1b4b6;
  vertical-align: top; }
thead th { border-bottom: 2px solid #1b1b1b; }
td.numeric, th.numeric { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #505a5f; } .notice { background: #fff7bf; padding: .75rem 1rem; }
.figures { padding: 0; list-style: none; }
.figures li { display: inline-block; vertical-align: top; width: 12rem; max-width: 100%;
  margin: 0 1rem 1rem 0; border-left: 4px solid #0072B2; padding: .25rem .75rem; }
.figure-value { display: block; font-size: 1.8rem; font-weight: 700; }
svg.chart { width: 100%; max-width: 34rem; height: auto; }
blockquote { border-left: 4px solid #b1b4b6; margin: 1rem 0; padding: .25rem 1rem; }
.provenance li { margin-bottom: .75rem; } code { overflow-wrap: anywhere; }
"""


def canonical_json(value: Any) -> str:
    """``value`` as canonical JSON: sorted keys, no spaces, UTF-8 text, no NaN."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False, default=str)


def content_hash(figures: Mapping[str, Any]) -> str:
    """sha256 of the figures' canonical JSON: the hash printed in the report's footer."""
    return hashlib.sha256(canonical_json(figures).encode("utf-8")).hexdigest()


# --- building blocks ---------------------------------------------------------------------


def _link(key: str) -> str:
    return f'<a href="#source-{escape(key)}" class="source-link">how this was computed</a>'


def _all_entries(figures: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Every entry in the snapshot's ``order`` (a JSON object's keys may come back in
    another order from the database — PostgreSQL's jsonb sorts them), else as given."""
    entries = figures.get("entries", {})
    order = figures.get("order") or list(entries)
    return [(key, entries[key]) for key in order if key in entries]


def _entries(figures: Mapping[str, Any], section: str, kind: str = "number"
             ) -> list[tuple[str, Mapping[str, Any]]]:
    return [(key, e) for key, e in _all_entries(figures)
            if e.get("section") == section and e.get("kind") == kind]


def _figure_list(items: list[tuple[str, Mapping[str, Any]]]) -> str:
    if not items:
        return ""
    lis = "".join(
        f'<li data-figure="{escape(key)}"><span class="figure-value">{escape(e["text"])}</span>'
        f' {escape(e["label"])} <span class="muted">({_link(key)})</span></li>'
        for key, e in items)
    return f'<ul class="figures">{lis}</ul>'


def figure_table(entry: Mapping[str, Any]) -> Table:
    """A ``table`` entry's published table."""
    return table_from_record(entry["table"])


def table_html(table: Table, *, key: str) -> str:
    """The table as accessible HTML: a scrollable region labelled by its caption, header
    cells with scope, numbers aligned right."""
    rows = table.to_rows()
    caption_id = f"caption-{key}"
    numeric = ' class="numeric"'
    head = "".join(f'<th scope="col"{numeric if i else ""}>{escape(h)}</th>'
                   for i, h in enumerate(rows[0]))
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f'<td class="numeric">{escape(c)}</td>' for c in row[1:]) + "</tr>"
        for row in rows[1:])
    notes = "".join(f'<p class="muted">{escape(n)}</p>' for n in table.notes)
    return (f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{caption_id}">'
            f'<table><caption id="{caption_id}">{escape(table.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{notes}")


def _table_block(key: str, entry: Mapping[str, Any]) -> str:
    table = figure_table(entry)
    chart = render_chart(table, id_prefix=f"annual-{key}")
    return (f'<div class="figure" data-figure="{escape(key)}">'
            f'<h3>{escape(table.title)}</h3><p>{escape(table.description)} '
            f'<span class="muted">({_link(key)})</span></p>{chart}'
            f"{table_html(table, key=key)}</div>")


def _not_available(figures: Mapping[str, Any], section: str) -> str:
    note = figures.get("unavailable", {}).get(section)
    return f'<p class="notice">{escape(note)}</p>' if note else ""


def _section(section: str, inner: str) -> str:
    return (f'<section aria-labelledby="section-{section}" id="{section}">'
            f'<h2 id="section-{section}">{escape(SECTION_TITLES[section])}</h2>{inner}</section>')


# --- sections ----------------------------------------------------------------------------


def _foreword(snapshot: Mapping[str, Any], figures: Mapping[str, Any]) -> str:
    text = (snapshot.get("foreword") or "").strip()
    if not text:
        return _section("foreword", '<p class="muted">No foreword has been written.</p>')
    paragraphs = "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return _section("foreword", paragraphs)


def _headline(snapshot, figures) -> str:
    items = [(key, e) for key, e in _all_entries(figures)
             if e.get("kind") == "number" and e.get("headline")]
    return _section("headline", _figure_list(items) or '<p class="muted">No figures.</p>')


def _tables_section(section: str) -> Callable[[Mapping, Mapping], str]:
    def render(snapshot, figures) -> str:
        blocks = [_table_block(key, e) for key, e in _entries(figures, section, "table")]
        return _section(section, _figure_list(_entries(figures, section))
                        + "".join(blocks) + _not_available(figures, section))
    return render


def _numbers_section(section: str) -> Callable[[Mapping, Mapping], str]:
    def render(snapshot, figures) -> str:
        inner = _figure_list(_entries(figures, section)) + "".join(
            _table_block(key, e) for key, e in _entries(figures, section, "table"))
        inner += _not_available(figures, section)
        if section == "network":
            inner += _quotes(figures)
        if not inner:
            inner = '<p class="muted">No figures were recorded for this year.</p>'
        return _section(section, inner)
    return render


def _quotes(figures) -> str:
    quotes = _entries(figures, "network", "quote")
    if not quotes:
        return ("<h3>In their own words</h3><p class=\"muted\">No story was approved for "
                "publication this year.</p>")
    blocks = "".join(
        f'<figure data-figure="{escape(key)}"><blockquote><p>{escape(e["text"])}</p>'
        f'</blockquote><figcaption>{escape(e["attribution"])}, “{escape(e["label"])}” '
        f'<span class="muted">({_link(key)})</span></figcaption></figure>'
        for key, e in quotes)
    return f"<h3>In their own words</h3>{blocks}"


def _comparison(snapshot, figures) -> str:
    rows = [(key, e) for key, e in _all_entries(figures)
            if e.get("kind") == "number" and e.get("previous")]
    if not rows:
        return _section("comparison", '<p class="muted">There are no figures from the '
                                      "previous year to compare with.</p>")
    year = figures.get("year", snapshot.get("year"))
    body = "".join(
        f'<tr data-figure="{escape(key)}"><th scope="row">{escape(e["label"])}</th>'
        f'<td class="numeric">{escape(e["previous"]["text"])}</td>'
        f'<td class="numeric">{escape(e["text"])}</td>'
        f'<td>{_link(key)}</td></tr>' for key, e in rows)
    return _section("comparison", (
        '<div class="table-wrap" role="region" tabindex="0" '
        'aria-labelledby="caption-comparison"><table>'
        f'<caption id="caption-comparison">Figures in {year} against {year - 1}</caption>'
        "<thead><tr>"
        '<th scope="col">Figure</th>'
        f'<th scope="col" class="numeric">{year - 1}</th>'
        f'<th scope="col" class="numeric">{year}</th><th scope="col">Source</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>"))


def _methodology(snapshot, figures) -> str:
    k = figures.get("k")
    parts = [
        f"<p>Every count of people in this report went through disclosure control: a group "
        f"of fewer than k = {escape(str(k))} people is not published, and a figure that would "
        "let a reader work one out is not published either. The threshold is Upward's own "
        "choice; the Social Mobility Commission publishes none.</p>",
        "<p>Nobody's answers about their background are shown: the workforce figures are "
        "the released aggregates of the background survey and HR data. Quotes come only "
        "from stories their authors published and a network lead approved for the public; "
        "anonymous stories are quoted without a name.</p>",
        "<p>The figures were frozen in a snapshot when the report was generated; the "
        "report is always drawn from that snapshot, whose content hash is printed below "
        "and in the footer of every page.</p>",
        f'<p>Content hash (sha256): <code>{escape(snapshot.get("content_hash", ""))}</code></p>',
    ]
    sources = figures.get("benchmarks", [])
    if sources:
        items = "".join(
            f"<li>{escape(s['name'])}"
            + (f", {escape(s['publisher'])}" if s.get("publisher") else "")
            + (f" ({escape(s['published'])})" if s.get("published") else "")
            + (f": {escape(s['source'])}" if s.get("source") else "") + "</li>"
            for s in sources)
        parts.append(f"<h3>Frameworks and benchmark sources</h3><ul>{items}</ul>")
    return _section("methodology", "".join(parts))


def _provenance(snapshot, figures) -> str:
    items = []
    for key, e in _all_entries(figures):
        period = " to ".join(e.get("period") or []) or "—"
        k = "—" if e.get("k") is None else str(e["k"])
        items.append(
            f'<li id="source-{escape(key)}"><strong>{escape(e["label"])}</strong> '
            f"(<code>{escape(key)}</code>): {escape(e.get('source', ''))}. Period: "
            f"{escape(period)}. k = {escape(k)}. Inputs hash: "
            f"<code>{escape(e.get('inputs_hash') or '—')}</code></li>")
    return _section("provenance", f'<ol class="provenance">{"".join(items)}</ol>')


_SECTIONS: dict[str, Callable[[Mapping, Mapping], str]] = {
    "foreword": _foreword,
    "headline": _headline,
    "workforce": _tables_section("workforce"),
    "progression": _tables_section("progression"),
    "network": _numbers_section("network"),
    "mentoring": _numbers_section("mentoring"),
    "outreach": _numbers_section("outreach"),
    "awards": _numbers_section("awards"),
    "progress": _tables_section("progress"),
    "comparison": _comparison,
    "methodology": _methodology,
    "provenance": _provenance,
}


def report_body(snapshot: Mapping[str, Any]) -> str:
    """Every section (``h2`` headings down), for the site's preview and the document."""
    figures = snapshot["figures"]
    return "\n".join(render(snapshot, figures) for render in _SECTIONS.values())


def render_annual_report(snapshot: Mapping[str, Any], *, title: str | None = None) -> str:
    """The whole report as one HTML document, from ``{"year", "foreword", "figures",
    "content_hash"}`` (and optionally ``"organisation"``, ``"status"``)."""
    year = snapshot["year"]
    title = title or f"Social mobility impact report {year}"
    organisation = snapshot.get("organisation") or ""
    draft = snapshot.get("status", "draft") != "published"
    cover = (f'<header class="cover"><p class="muted">{escape(organisation)}</p>'
             f"<h1>{escape(title)}</h1><p>January to December {year}."
             + (" <strong>Draft</strong>." if draft else "")
             + f'</p><p class="muted">Snapshot content hash '
             f'<code>{escape(snapshot["content_hash"])}</code></p></header>')
    return "\n".join([
        "<!doctype html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="upward-content-hash" content="{escape(snapshot["content_hash"])}">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        cover, report_body(snapshot), "</main></body></html>"])


# --- Employer Index export ---------------------------------------------------------------

EMPLOYER_INDEX_HEADER = ["Measure", "Table", "Row", "Column", "Value as published",
                         "Period", "k", "Inputs hash"]


def employer_index_rows(figures: Mapping[str, Any]) -> list[list[str]]:
    """The workforce section, one published cell per row, for the Social Mobility
    Employer Index's workforce-data section. The Index's own template is not published in
    our references, so the rows follow the SMC's recommended measures (background
    profile, background by grade, progression, pay gap and pay quartiles) as published,
    suppressed cells as "fewer than k" / "suppressed"."""
    rows = [list(EMPLOYER_INDEX_HEADER)]
    for section in ("workforce", "progression"):
        for _key, entry in _entries(figures, section, "table"):
            table = figure_table(entry)
            period = " to ".join(entry.get("period") or [])
            for label, cells in table.rows:
                for column, cell in zip(table.columns[1:], cells, strict=True):
                    rows.append([entry["label"], table.title, label, column, cell.text,
                                 period, str(entry.get("k", "")), entry.get("inputs_hash", "")])
    return rows

