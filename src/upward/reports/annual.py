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
import re
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from upward.reports.charts import render_chart
from upward.reports.tables import Table, table_from_record

__all__ = ["SECTION_INTROS", "SECTION_TITLES", "canonical_json", "content_hash",
           "employer_index_rows", "figure_table", "render_annual_report", "report_body",
           "table_html"]

#: The report's sections in order (id → heading). The foreword and the appendix appear
#: only when they have something in them.
SECTION_TITLES: dict[str, str] = {
    "foreword": "Foreword",
    "headline": "Headline figures",
    "workforce": "Workforce background profile and class ceiling",
    "progression": "Progression and pay gap",
    "network": "Network activity and stories",
    "mentoring": "Mentoring",
    "outreach": "Outreach with schools",
    "awards": "Awards",
    "initiatives": "Our initiatives and their KPIs",
    "progress": "Progress against each framework goal",
    "comparison": "Year-on-year comparison",
    "methodology": "Methodology and privacy",
    "appendix": "Appendix: detailed tables",
    "provenance": "How each figure was computed",
}

#: What each section is about, printed under its heading.
SECTION_INTROS: dict[str, str] = {
    "headline": "The figures that sum up {year}, with the change since {previous} where both "
                "years were published.",
    "workforce": "Who works here by the socio-economic background they grew up in, measured "
                 "as the Social Mobility Commission recommends: the occupation of the main "
                 "household earner when they were about 14. How the mix changes from grade "
                 "to grade shows the class ceiling.",
    "progression": "Whether people from every background get on once they are here: "
                   "promotion and leaving rates, and the socio-economic pay gap.",
    "network": "The social mobility network: its members, the stories they published and "
               "the events they came to.",
    "mentoring": "Mentoring pairs across every programme, how they went and what came of "
                 "them.",
    "outreach": "Volunteers' work with schools, most of them priority schools, to inspire "
                "pupils from less privileged backgrounds.",
    "awards": "The social mobility awards: entries, finalists and winners announced in "
              "{year}.",
    "initiatives": "The network's programmes, each with its KPIs: baseline, target and "
                   "the actual for {year}.",
    "progress": "Every KPI against its target, under each framework goal its initiative is "
                "mapped to. 100% means the target is met.",
    "comparison": "Every figure published for both {previous} and {year}.",
    "appendix": "The background survey's answers question by question, as released.",
    "provenance": "Every figure in this report with the query that produced it, its period, "
                  "the disclosure threshold k and the hash of its inputs, so that an auditor "
                  "can re-derive it.",
}

#: Sections that begin a new page in print (the others follow on).
PAGE_SECTIONS = ("headline", "workforce", "progression", "network", "initiatives", "progress",
                 "comparison", "appendix", "provenance")

#: How many headline figures the cover repeats.
COVER_FIGURES = 3

# No CSS grid: WeasyPrint 70 fails on a grid that breaks across pages (the PDF uses this too).
_STYLE = """
body { font-family: "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, Arial,
  sans-serif; color: #1b1b1b; max-width: 1000px; margin: 0 auto 2rem; padding: 0 1rem;
  line-height: 1.5; }
h1 { font-size: 2.4rem; line-height: 1.15; margin: 0 0 1rem; }
h2 { margin: 2.5rem 0 .75rem; font-size: 1.6rem; line-height: 1.25; color: #0b3d63;
  border-bottom: 3px solid #0b3d63; padding-bottom: .25rem; }
h3 { margin: 1.75rem 0 .5rem; font-size: 1.15rem; }
a { color: #1d70b8; }
.cover { background: #0b3d63; color: #ffffff; padding: 2rem 1.5rem 1.5rem; margin: 0 -1rem 2rem; }
.cover a, .cover code { color: #ffffff; }
.cover-org { font-size: 1.2rem; font-weight: 700; letter-spacing: .02em; margin: 0 0 2.5rem; }
.cover-period { font-size: 1.2rem; margin: 0 0 1.5rem; }
.cover-status { display: inline-block; border: 2px solid #ffffff; padding: .1rem .6rem;
  font-weight: 700; text-transform: uppercase; letter-spacing: .05em; }
.cover-figures { list-style: none; padding: 0; margin: 2rem 0 1.5rem; }
.cover .cover-figures li { display: inline-block; vertical-align: top; width: 14rem;
  max-width: 100%; margin: 0 1.5rem 1rem 0; border-top: 3px solid #ffffff; padding-top: .5rem; }
.cover-figures .figure-value { font-size: 2.2rem; }
.cover .change { color: #ffffff; }
.cover-hash { font-size: .75rem; overflow-wrap: anywhere; margin: 0; }
.intro { font-size: 1.05rem; color: #333333; max-width: 48rem; }
.contents ol { padding-left: 1.5rem; }
.contents li { margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95em; }
caption { text-align: left; font-weight: 700; padding-bottom: .5rem; }
th, td { text-align: left; padding: .35rem .6rem .35rem 0; border-bottom: 1px solid #b1b4b6;
  vertical-align: top; }
thead th { border-bottom: 2px solid #1b1b1b; }
td.numeric, th.numeric { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow: auto; }
.muted { color: #505a5f; } .small { font-size: .85em; }
.notice { background: #fff7bf; padding: .75rem 1rem; }
.figures { padding: 0; list-style: none; margin: 1rem 0; }
.figures li { display: inline-block; vertical-align: top; width: 14.5rem; max-width: 100%;
  margin: 0 1rem 1.25rem 0; border-top: 4px solid #0072B2; padding: .4rem .25rem 0 0; }
.figure-value { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.2; }
.figure-value--words { font-size: 1.2rem; padding: .35rem 0 .2rem; }
.figure-label { display: block; }
.change { display: block; font-size: .9em; font-weight: 700; }
.figure-source { display: block; font-size: .85em; }
.figure { margin-bottom: 1.5rem; }
svg.chart { width: 100%; max-width: 34rem; height: auto; }
.quotes { margin: 1rem 0; }
.quote { margin: 0 0 1.5rem; padding: .75rem 1.25rem; border-left: 6px solid #0072B2;
  background: #f3f2f1; }
.quote blockquote { margin: 0; font-size: 1.15rem; font-style: italic; }
.quote figcaption { margin-top: .5rem; }
.status-on-track { color: #00703c; font-weight: 700; }
.status-behind { color: #b02a15; font-weight: 700; }
.provenance { font-size: .85em; padding-left: 1.5rem; }
.provenance li { margin-bottom: .6rem; overflow-wrap: anywhere; } code { overflow-wrap: anywhere; }
"""


def canonical_json(value: Any) -> str:
    """``value`` as canonical JSON: sorted keys, no spaces, UTF-8 text, no NaN."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False, default=str)


def content_hash(figures: Mapping[str, Any]) -> str:
    """sha256 of the figures' canonical JSON: the hash printed in the report's footer."""
    return hashlib.sha256(canonical_json(figures).encode("utf-8")).hexdigest()


# --- building blocks ---------------------------------------------------------------------


def _link(key: str, text: str = "how this was computed") -> str:
    return f'<a href="#source-{escape(key)}" class="source-link">{escape(text)}</a>'


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


def _headline_entries(figures: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """The headline figures in the snapshot's ``headline`` order (else every entry marked
    ``headline``), published ones only."""
    entries = figures.get("entries", {})
    keys = figures.get("headline")
    if keys is None:
        keys = [key for key, e in _all_entries(figures) if e.get("headline")]
    return [(key, entries[key]) for key in keys if key in entries
            and entries[key].get("kind") == "number" and not entries[key].get("suppressed")]


def _change(entry: Mapping[str, Any]) -> str:
    change = entry.get("change")
    if not change or not change.get("text"):
        return ""
    direction = change.get("direction", "same")
    arrow = {"up": "▲", "down": "▼"}.get(direction, "●")
    return (f'<span class="change change--{escape(direction)}"><span aria-hidden="true">'
            f'{arrow}</span> {escape(change["text"])}</span>')


def _figure_list(items: list[tuple[str, Mapping[str, Any]]], *, css: str = "figures",
                 links: bool = True) -> str:
    if not items:
        return ""
    lis = "".join(
        f'<li data-figure="{escape(key)}"><span class="figure-value'
        f'{"" if e.get("value") is not None else " figure-value--words"}">'
        f'{escape(e["text"])}</span>'
        f'<span class="figure-label">{escape(e["label"])}</span>{_change(e)}'
        + (f'<span class="figure-source muted">{_link(key)}</span>' if links else "")
        + "</li>"
        for key, e in items)
    return f'<ul class="{css}">{lis}</ul>'


def figure_table(entry: Mapping[str, Any]) -> Table:
    """A ``table`` entry's published table."""
    return table_from_record(entry["table"])


def table_html(table: Table, *, key: str) -> str:
    """The table as accessible HTML: a scrollable region labelled by its caption, header
    cells with scope, numbers aligned right."""
    rows = table.to_rows()
    caption_id = f"caption-{key}"
    # numbers right, words (an initiative, a status) left
    align = [""] + [' class="numeric"' if kind != "text" else "" for kind in table.kinds]
    align += [' class="numeric"'] * (len(rows[0]) - len(align))
    head = "".join(f'<th scope="col"{align[i]}>{escape(h)}</th>'
                   for i, h in enumerate(rows[0]))
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td{align[i]}>{escape(c)}</td>" for i, c in enumerate(row[1:], start=1))
        + "</tr>"
        for row in rows[1:])
    notes = "".join(f'<p class="muted small">{escape(n)}</p>' for n in table.notes)
    return (f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{caption_id}">'
            f'<table><caption id="{caption_id}">{escape(table.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{notes}")


def _table_block(key: str, entry: Mapping[str, Any], print_: bool) -> str:
    table = figure_table(entry)
    chart = render_chart(table, id_prefix=f"annual-{key}", compact=print_)
    return (f'<div class="figure" data-figure="{escape(key)}">'
            f'<h3>{escape(table.title)}</h3><p>{escape(table.description)} '
            f'<span class="muted">({_link(key)})</span></p>{chart}'
            f"{table_html(table, key=key)}</div>")


def _not_available(figures: Mapping[str, Any], section: str) -> str:
    note = figures.get("unavailable", {}).get(section)
    return f'<p class="notice">{escape(note)}</p>' if note else ""


def _year(snapshot: Mapping[str, Any]) -> int:
    return int(snapshot["figures"].get("year", snapshot["year"]))


def _intro(section: str, snapshot: Mapping[str, Any]) -> str:
    text = SECTION_INTROS.get(section)
    if not text:
        return ""
    year = _year(snapshot)
    return f'<p class="intro">{escape(text.format(year=year, previous=year - 1))}</p>'


def _section(section: str, inner: str, snapshot: Mapping[str, Any]) -> str:
    page = " chapter" if section in PAGE_SECTIONS else ""
    return (f'<section aria-labelledby="section-{section}" id="{section}" class="section'
            f'{page}"><h2 id="section-{section}">{escape(SECTION_TITLES[section])}</h2>'
            f"{_intro(section, snapshot)}{inner}</section>")


# --- sections: each returns its HTML, or "" to leave the section out ---------------------


def _foreword(snapshot, figures, print_) -> str:
    text = (snapshot.get("foreword") or "").strip()
    if not text:
        return ""
    # a blank line between paragraphs; a browser sends a textarea's lines ending in CRLF
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = "".join(f"<p>{escape(p.strip())}</p>" for p in blocks if p.strip())
    return _section("foreword", paragraphs, snapshot)


def _headline(snapshot, figures, print_) -> str:
    return _section("headline", _figure_list(_headline_entries(figures))
                    or '<p class="muted">No figure was published for this year.</p>', snapshot)


def _tables_section(section: str) -> Callable[[Mapping, Mapping, bool], str]:
    def render(snapshot, figures, print_) -> str:
        blocks = [_table_block(key, e, print_) for key, e in _entries(figures, section, "table")
                  if not e.get("appendix")]
        return _section(section, _figure_list(_entries(figures, section))
                        + _not_available(figures, section) + "".join(blocks), snapshot)
    return render


def _numbers_section(section: str) -> Callable[[Mapping, Mapping, bool], str]:
    def render(snapshot, figures, print_) -> str:
        inner = _figure_list(_entries(figures, section)) + "".join(
            _table_block(key, e, print_) for key, e in _entries(figures, section, "table"))
        inner += _not_available(figures, section)
        if section == "network":
            inner += _quotes(figures)
        if not inner:
            inner = '<p class="muted">No figures were recorded for this year.</p>'
        return _section(section, inner, snapshot)
    return render


def _quotes(figures) -> str:
    quotes = _entries(figures, "network", "quote")
    if not quotes:
        return ("<h3>In their own words</h3><p class=\"muted\">No story was approved for "
                "publication this year.</p>")
    blocks = "".join(
        f'<figure class="quote" data-figure="{escape(key)}"><blockquote><p>{escape(e["text"])}'
        f'</p></blockquote><figcaption>{escape(e["attribution"])}, from the story '
        f'“{escape(e["label"])}” <span class="muted small">({_link(key)})</span></figcaption>'
        "</figure>"
        for key, e in quotes)
    return f'<h3>In their own words</h3><div class="quotes">{blocks}</div>'


_STATUS_CSS = {"On track": "status-on-track", "Behind": "status-behind"}


def _initiatives(snapshot, figures, print_) -> str:
    groups: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for key, e in _entries(figures, "initiatives"):
        groups.setdefault(e.get("initiative") or e["label"].split(": ", 1)[0], []).append((key, e))
    if not groups:
        return _section("initiatives", '<p class="muted">No initiative has KPIs for this '
                                       "year.</p>", snapshot)
    blocks = []
    for n, (name, items) in enumerate(groups.items()):
        description = items[0][1].get("initiative_description") or ""
        rows = []
        for key, e in items:
            status = e.get("status") or ""
            css = _STATUS_CSS.get(status)
            status_html = f'<span class="{css}">{escape(status)}</span>' if css \
                else escape(status)
            evidence = (f'<br><span class="muted small">Evidence: {escape(e["evidence"])}'
                        "</span>") if e.get("manual") and e.get("evidence") else ""
            rows.append(
                f'<tr data-figure="{escape(key)}"><th scope="row">'
                f'{escape(e.get("kpi") or e["label"])}{evidence}</th>'
                f'<td class="numeric">{escape(e.get("baseline_text") or "—")}</td>'
                f'<td class="numeric">{escape(e.get("target_text") or "—")}</td>'
                f'<td class="numeric">{escape(e["text"])}</td><td>{status_html}</td>'
                f'<td>{_link(key, "source")}</td></tr>')
        caption = f"caption-initiative-{n}"
        blocks.append(
            f"<h3>{escape(name)}</h3>" + (f"<p>{escape(description)}</p>" if description else "")
            + f'<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{caption}">'
            f'<table><caption id="{caption}">{escape(name)}: KPIs in {_year(snapshot)}</caption>'
            '<thead><tr><th scope="col">KPI</th><th scope="col" class="numeric">Baseline</th>'
            '<th scope="col" class="numeric">Target</th><th scope="col" class="numeric">Actual'
            '</th><th scope="col">Status</th><th scope="col">How computed</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")
    return _section("initiatives", "".join(blocks), snapshot)


def _comparison(snapshot, figures, print_) -> str:
    rows = [(key, e) for key, e in _all_entries(figures)
            if e.get("kind") == "number" and e.get("previous")]
    if not rows:
        return _section("comparison", '<p class="muted">There are no figures from the '
                                      "previous year to compare with.</p>", snapshot)
    year = _year(snapshot)
    body = "".join(
        f'<tr data-figure="{escape(key)}"><th scope="row">{escape(e["label"])}</th>'
        f'<td class="numeric">{escape(e["previous"]["text"])}</td>'
        f'<td class="numeric">{escape(e["text"])}</td>'
        f'<td>{escape((e.get("change") or {}).get("text", "—"))}</td>'
        f'<td>{_link(key, "source")}</td></tr>' for key, e in rows)
    return _section("comparison", (
        '<div class="table-wrap" role="region" tabindex="0" '
        'aria-labelledby="caption-comparison"><table>'
        f'<caption id="caption-comparison">Figures in {year} against {year - 1}</caption>'
        "<thead><tr>"
        '<th scope="col">Figure</th>'
        f'<th scope="col" class="numeric">{year - 1}</th>'
        f'<th scope="col" class="numeric">{year}</th><th scope="col">Change</th>'
        '<th scope="col">How computed</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>"), snapshot)


def _methodology(snapshot, figures, print_) -> str:
    k = figures.get("k")
    parts = [
        "<h3>Disclosure control</h3>",
        f"<p>Every count of people in this report went through disclosure control: a group "
        f"of fewer than k = {escape(str(k))} people is not published, and a figure that would "
        "let a reader work one out is not published either. The threshold is the "
        "organisation's own choice; the Social Mobility Commission publishes none.</p>",
        "<h3>Whose data</h3>",
        "<p>Nobody's answers about their background are shown: the workforce figures are "
        "the released aggregates of the background survey and HR data. Quotes come only "
        "from stories their authors published and a network lead approved for the public; "
        "anonymous stories are quoted without a name. Outreach figures are the schools' own "
        "totals of pupils: no child's data is held.</p>",
        "<h3>Reproducibility</h3>",
        "<p>The figures were frozen in a snapshot when the report was generated; the "
        "report is always drawn from that snapshot, whose content hash is printed below "
        "and in the footer of every page. Regenerating the report from the same snapshot "
        "gives the same numbers. The last section lists how each figure was computed.</p>",
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
    return _section("methodology", "".join(parts), snapshot)


def _appendix(snapshot, figures, print_) -> str:
    blocks = [_table_block(key, e, print_) for key, e in _all_entries(figures)
              if e.get("kind") == "table" and e.get("appendix")]
    return _section("appendix", "".join(blocks), snapshot) if blocks else ""


def _provenance(snapshot, figures, print_) -> str:
    items = []
    for key, e in _all_entries(figures):
        period = " to ".join(e.get("period") or []) or "—"
        k = "—" if e.get("k") is None else str(e["k"])
        items.append(
            f'<li id="source-{escape(key)}"><strong>{escape(e["label"])}</strong> '
            f"(<code>{escape(key)}</code>): {escape(e.get('source', ''))}. Period: "
            f"{escape(period)}. k = {escape(k)}. Inputs hash: "
            f"<code>{escape(e.get('inputs_hash') or '—')}</code></li>")
    return _section("provenance", f'<ol class="provenance">{"".join(items)}</ol>', snapshot)


_SECTIONS: dict[str, Callable[[Mapping, Mapping, bool], str]] = {
    "foreword": _foreword,
    "headline": _headline,
    "workforce": _tables_section("workforce"),
    "progression": _tables_section("progression"),
    "network": _numbers_section("network"),
    "mentoring": _numbers_section("mentoring"),
    "outreach": _numbers_section("outreach"),
    "awards": _numbers_section("awards"),
    "initiatives": _initiatives,
    "progress": _tables_section("progress"),
    "comparison": _comparison,
    "methodology": _methodology,
    "appendix": _appendix,
    "provenance": _provenance,
}


def _contents(sections: list[str]) -> str:
    items = "".join(f'<li><a href="#{s}">{escape(SECTION_TITLES[s])}</a></li>'
                    for s in sections)
    return (f'<nav class="contents" aria-labelledby="contents-title"><h2 id="contents-title">'
            f"Contents</h2><ol>{items}</ol></nav>")


def report_body(snapshot: Mapping[str, Any], *, print_: bool = False) -> str:
    """The contents and every section (``h2`` headings down), for the site's preview and
    the document. ``print_``: charts laid out for a printed page."""
    figures = snapshot["figures"]
    rendered = [(name, render(snapshot, figures, print_)) for name, render in _SECTIONS.items()]
    rendered = [(name, html) for name, html in rendered if html]
    return "\n".join([_contents([name for name, _ in rendered])]
                     + [html for _, html in rendered])


def _cover(snapshot: Mapping[str, Any], title: str) -> str:
    year = snapshot["year"]
    organisation = snapshot.get("organisation") or ""
    draft = snapshot.get("status", "draft") != "published"
    figures = _headline_entries(snapshot["figures"])[:COVER_FIGURES]
    return ('<header class="cover">'
            + (f'<p class="cover-org">{escape(organisation)}</p>' if organisation else "")
            + f"<h1>{escape(title)}</h1>"
            f'<p class="cover-period">January to December {year}</p>'
            + ('<p class="cover-status">Draft</p>' if draft else "")
            + _figure_list(figures, css="figures cover-figures", links=False)
            + f'<p class="cover-hash">Snapshot content hash (sha256) '
            f'<code>{escape(snapshot["content_hash"])}</code></p></header>')


def render_annual_report(snapshot: Mapping[str, Any], *, title: str | None = None,
                         print_: bool = False) -> str:
    """The whole report as one HTML document, from ``{"year", "foreword", "figures",
    "content_hash"}`` (and optionally ``"organisation"``, ``"status"``). ``print_``: for
    :func:`upward.reports.pdf.html_to_pdf` (charts laid out for a printed page)."""
    title = title or f"Social mobility impact report {snapshot['year']}"
    return "\n".join([
        "<!doctype html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="upward-content-hash" content="{escape(snapshot["content_hash"])}">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        _cover(snapshot, title), report_body(snapshot, print_=print_), "</main></body></html>"])


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

