"""Accessible SVG charts, drawn by hand, for the web pages and the HTML report.

Why not matplotlib: its SVG output styles every element with inline ``style``
attributes, which our Content-Security-Policy (``style-src 'self'``) blocks
when the SVG is part of a page, and it would need a font cache and a backend
on every web worker. These charts use SVG presentation attributes (``fill=``,
``stroke=``), which the policy allows, so the same markup works inline in a
page and in a standalone report.

Every chart has ``role="img"`` and is labelled by its ``<title>`` and
``<desc>``; the desc says what the chart shows and that the numbers are in
the table next to it. Values that are not published are never drawn: their
category is labelled "not published".

Readable on a phone: charts are drawn for a narrow frame (:data:`WIDTH`
units), category labels sit above their bars rather than beside them, and the
page scales the SVG to its column, so text stays near its drawn size from a
390 px phone to a desktop. Every value axis has ticks and a title.

Same meaning, same look: each socio-economic background has one colour and one
pattern in every chart (:data:`BACKGROUND_STYLES`, Okabe-Ito colours with at
least 3:1 contrast on white), wherever it appears, as a series or as a
category. Patterns, a legend and a value printed on every bar mean no chart
relies on colour alone.
"""

from __future__ import annotations

import math
from html import escape

from upward.reports.tables import Chart, Table

__all__ = ["BACKGROUND_STYLES", "PALETTE", "render_chart", "style_for"]

# Colour-blind-safe (Okabe-Ito) colours with at least 3:1 contrast on white.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8A6D00", "#1b1b1b")
#: Colour and pattern of each background, the same in every chart.
BACKGROUND_STYLES: dict[str, tuple[str, str]] = {
    "Professional": ("#0072B2", "solid"),
    "Intermediate": ("#8A6D00", "stripes"),
    "Lower socio-economic": ("#D55E00", "dots"),
    "Not classified or no answer": ("#505a5f", "cross"),
}
# Series that are not backgrounds (pay gap measures, trend figures, mobility moves) take
# colours no background uses, so a colour never means two things on one page.
OTHER_STYLES: tuple[tuple[str, str], ...] = (
    ("#009E73", "solid"), ("#CC79A7", "stripes"), ("#1b1b1b", "dots"), ("#6A3D9A", "cross"),
)
# A second series over background categories (a benchmark) keeps the category's colour and
# changes pattern.
SERIES_PATTERNS = ("solid", "stripes", "dots", "cross")
MARKERS = ("circle", "square", "triangle", "diamond", "circle")
TEXT = "#1b1b1b"
MUTED = "#505a5f"
RULE = "#b1b4b6"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
WIDTH = 420
LABEL_SIZE = 14
VALUE_SIZE = 13

#: The value axis's title, by table; otherwise from the chart's unit.
AXIS_TITLES = {
    "background_profile": "% of people with a classified background",
    "representation_by_grade": "% of people with a classified background",
    "representation_by_grade_combined": "% of people with a classified background",
    "representation_by_function_combined": "% of people with a classified background",
    "ethnicity_by_background_combined": "% of people with a classified background",
    "sex_by_background_combined": "% of people with a classified background",
    "pay_quartiles": "% of the quartile's people with a classified background",
    "pay_gap": "Pay gap, % of the comparator group's pay",
    "promotion_rates": "% promoted in the 12 months",
    "attrition_rates": "% who left in the 12 months",
    "mobility_outflow": "% of people from that background",
    "trends": "Percentage",
    "impact_by_month": "Pupils reached",
}
UNIT_TITLES = {"percent": "Percentage", "money": "Pounds (£)", "count": "People"}
#: A dashed line across a bar chart at a value that means something, by the start of the
#: table's id: the impact report's share-of-target charts mark 100% (the target met).
REFERENCE_LINES = {"progress_": (1.0, "Target"), "goal_": (1.0, "Target")}


def _reference(table: Table) -> tuple[float, str] | None:
    return next((line for prefix, line in REFERENCE_LINES.items()
                 if table.id.startswith(prefix)), None)


def _reference_line(x: float, top: float, bottom: float, label: str) -> list[str]:
    return [f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{TEXT}" stroke-width="1.5" stroke-dasharray="5 3"/>',
            _text(x + 3, top - 6, label, size=VALUE_SIZE - 1, weight="bold")]


def style_for(series: str, s: int, category: str | None = None) -> tuple[str, str]:
    """Colour and pattern of series number ``s`` (named ``series``) in ``category``."""
    if series in BACKGROUND_STYLES:
        return BACKGROUND_STYLES[series]
    if category in BACKGROUND_STYLES:
        return BACKGROUND_STYLES[category][0], SERIES_PATTERNS[s % len(SERIES_PATTERNS)]
    return OTHER_STYLES[s % len(OTHER_STYLES)]


class _Patterns:
    """SVG pattern fills defined once per chart (ids are unique on a page)."""

    def __init__(self, chart_id: str) -> None:
        self.chart_id = chart_id
        self.defs: dict[tuple[str, str], str] = {}

    def fill(self, colour: str, pattern: str) -> str:
        if pattern == "solid":
            return colour
        key = (colour, pattern)
        if key not in self.defs:
            pid = f"{self.chart_id}-pattern-{len(self.defs)}"
            if pattern == "stripes":
                marks = '<rect x="0" y="0" width="2.5" height="7" fill="#ffffff"/>'
                extra = ' patternTransform="rotate(45)"'
            elif pattern == "dots":
                marks = '<circle cx="3.5" cy="3.5" r="1.6" fill="#ffffff"/>'
                extra = ""
            else:  # cross
                marks = ('<rect x="0" y="3" width="7" height="1.4" fill="#ffffff"/>'
                         '<rect x="3" y="0" width="1.4" height="7" fill="#ffffff"/>')
                extra = ' patternTransform="rotate(45)"'
            self.defs[key] = (f'<pattern id="{pid}" width="7" height="7" '
                              f'patternUnits="userSpaceOnUse"{extra}>'
                              f'<rect width="7" height="7" fill="{colour}"/>{marks}</pattern>')
        pid = self.defs[key].split('"')[1]
        return f"url(#{pid})"

    def markup(self) -> str:
        return f"<defs>{''.join(self.defs.values())}</defs>" if self.defs else ""


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = LABEL_SIZE,
          fill: str = TEXT, weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
            f'fill="{fill}" text-anchor="{anchor}" font-weight="{weight}">'
            f'{escape(content)}</text>')


def _pill_width(label: str) -> float:
    return 0.62 * VALUE_SIZE * len(label) + 8


def _pill(cx: float, cy: float, label: str) -> str:
    """A value printed on a patterned bar: dark text on a white pill, readable over any
    colour or pattern, in a browser and in the PDF alike."""
    w = _pill_width(label)
    return (f'<rect x="{cx - w / 2:.1f}" y="{cy - 9:.1f}" width="{w:.1f}" height="18" rx="4" '
            f'fill="#ffffff"/>'
            + _text(cx, cy + 4.5, label, anchor="middle", size=VALUE_SIZE, weight="bold"))


def _fmt(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{100 * value:.1f}%"
    if unit == "money":
        return f"£{value:,.2f}"
    return f"{value:,.0f}"


def _tick(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{100 * value:.0f}%"
    return _fmt(value, unit)


def _wrap(label: str, width: int = 48) -> list[str]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines or [""]


def _frame(chart_id: str, title: str, chart: Chart, height: float, body: list[str],
           patterns: _Patterns, width: int = WIDTH) -> str:
    desc = (chart.summary + " " if chart.summary else "") + \
        "The numbers are in the table with this chart; values that are not published are not drawn."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        + patterns.markup() + "".join(body) + "</svg>")


def _legend(entries: list[tuple[str, str]], y: float, *, markers: bool = False
            ) -> tuple[list[str], float]:
    """One entry a line: a swatch (fill) or a line with its marker, then the name."""
    parts = []
    for i, (name, fill) in enumerate(entries):
        if markers:
            parts.append(f'<line x1="10" y1="{y - 4:.1f}" x2="34" y2="{y - 4:.1f}" '
                         f'stroke="{fill}" stroke-width="2.5"/>')
            parts.append(_marker(MARKERS[i % len(MARKERS)], 22, y - 4, fill))
        else:
            parts.append(f'<rect x="10" y="{y - 12:.1f}" width="24" height="14" fill="{fill}" '
                         f'stroke="{TEXT}" stroke-width="0.5"/>')
        parts.append(_text(42, y, name, size=VALUE_SIZE))
        y += 20
    return parts, y + 4


def _marker(kind: str, x: float, y: float, fill: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="{fill}"/>'
    if kind == "triangle":
        return (f'<polygon points="{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y + 4.5:.1f} '
                f'{x - 5.5:.1f},{y + 4.5:.1f}" fill="{fill}"/>')
    if kind == "diamond":
        return (f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} '
                f'{x - 6:.1f},{y:.1f}" fill="{fill}"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{fill}"/>'


def _percent_step(top: float) -> float:
    """The tick step of a percent axis past 100%: 25%, 50%, 100%… so that at most six
    steps reach ``top``."""
    for step in (0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0):
        if top / step <= 6:
            return step
    return 10 ** math.ceil(math.log10(top / 6))


def _scale_max(values: list[float], unit: str) -> float:
    top = max([v for v in values if v is not None and math.isfinite(v)] or [0.0])
    if unit == "percent":
        if top <= 1:
            return max(0.1, min(1.0, math.ceil(top * 10 + 0.5) / 10))
        step = _percent_step(top)
        return math.ceil(top / step) * step
    if top <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(top))
    return math.ceil(top / magnitude) * magnitude


def _value_axis(x0: float, width: float, low: float, high: float, y: float, unit: str,
                title: str) -> tuple[list[str], float]:
    """A horizontal value axis at ``y``: line, five ticks with labels, and its title."""
    parts = [f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x0 + width:.1f}" y2="{y:.1f}" '
             f'stroke="{TEXT}" stroke-width="1"/>']
    steps = 4
    tenths = round((high - low) * 10)
    if unit == "percent" and high - low > 1:
        steps = round((high - low) / _percent_step(high - low))
    elif unit == "percent" and math.isclose((high - low) * 10, tenths) and \
            tenths not in (4, 8, 10):
        steps = tenths if tenths <= 7 else tenths // 2 if tenths % 2 == 0 else 3
    for i in range(steps + 1):
        value = low + (high - low) * i / steps
        x = x0 + width * i / steps
        parts.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{y + 5:.1f}" '
                     f'stroke="{TEXT}" stroke-width="1"/>')
        parts.append(_text(x, y + 19, _tick(value, unit), size=VALUE_SIZE - 1, fill=MUTED,
                           anchor="start" if i == 0 else "end" if i == steps else "middle"))
    for line in title.split("; "):
        y += 19
        parts.append(_text(x0 + width / 2, y + 19, line, size=VALUE_SIZE, anchor="middle"))
    return parts, y + 27


def _axis_title(table: Table, chart: Chart) -> str:
    return AXIS_TITLES.get(table.id, UNIT_TITLES.get(chart.unit, ""))


def _category_heading(table: Table, y: float) -> str:
    return _text(10, y, table.columns[0], weight="bold")


def _series_fills(chart: Chart, patterns: _Patterns) -> list[tuple[str, str]]:
    """Each series' legend entry (name, fill) in a bar chart: over background categories
    the series differ by pattern in grey, since each bar takes its category's colour."""
    over_backgrounds = all(c in BACKGROUND_STYLES for c in chart.categories)
    return [(name, patterns.fill(*(("#505a5f", SERIES_PATTERNS[s]) if over_backgrounds
                                   else style_for(name, s))))
            for s, (name, _) in enumerate(chart.series)]


def _bars(chart_id: str, table: Table, chart: Chart) -> str:
    left, right, bar_h, gap = 10.0, 64.0, 16.0, 14.0
    patterns = _Patterns(chart_id)
    names = [name for name, _ in chart.series]
    body: list[str] = []
    y = 18.0
    if len(names) > 1:
        legend, y = _legend(_series_fills(chart, patterns), y)
        body += legend
    body.append(_category_heading(table, y))
    y += 10
    plot_w = WIDTH - left - right
    values = [v for _, vs in chart.series for v in vs if v is not None]
    reference = _reference(table)
    lowest = min(values + [0.0])
    span_max = _scale_max([abs(v) for v in values] + ([reference[0]] if reference else []),
                          chart.unit)
    scale = plot_w / (span_max - min(lowest, 0.0))
    zero_x = left + (-min(lowest, 0.0)) * scale
    if reference:
        y += 16  # room for the line's label
    top = y
    for c, category in enumerate(chart.categories):
        for line in _wrap(category):
            y += 18
            body.append(_text(left, y, line))
        y += 6
        body += _value_bars(chart, c, y, zero_x, scale, bar_h, patterns)
        y += bar_h * len(chart.series) + gap - 4
    body.append(f'<line x1="{zero_x:.1f}" y1="{top:.1f}" x2="{zero_x:.1f}" y2="{y:.1f}" '
                f'stroke="{TEXT}" stroke-width="1"/>')
    if reference:
        body += _reference_line(zero_x + reference[0] * scale, top, y, reference[1])
    axis, y = _value_axis(left, plot_w, min(lowest, 0.0), span_max, y, chart.unit,
                          _axis_title(table, chart))
    return _frame(chart_id, table.title, chart, y, body + axis, patterns)


def _value_bars(chart: Chart, c: int, y: float, zero_x: float, scale: float, bar_h: float,
                patterns: _Patterns) -> list[str]:
    """Category ``c``'s bars, one a series, from ``y`` down: each from the zero line with
    its value beside it, or "not published"."""
    out = []
    several = len(chart.series) > 1
    for s, (name, vs) in enumerate(chart.series):
        value = vs[c] if c < len(vs) else None
        top = y + s * bar_h
        if value is None or not math.isfinite(value):
            out.append(_text(zero_x + 4, top + 12, f"{name}: not published" if several
                             else "not published", size=VALUE_SIZE - 1, fill=MUTED))
            continue
        x0 = zero_x if value >= 0 else zero_x + value * scale
        w = abs(value) * scale
        fill = patterns.fill(*style_for(name, s, chart.categories[c]))
        out.append(f'<rect x="{x0:.1f}" y="{top:.1f}" width="{max(w, 1):.1f}" '
                   f'height="{bar_h - 2:.1f}" fill="{fill}"/>')
        out.append(_text(x0 + w + 4 if value >= 0 else x0 - 4, top + 12,
                         _fmt(value, chart.unit), size=VALUE_SIZE,
                         anchor="start" if value >= 0 else "end"))
    return out


def _stacked_bar(chart: Chart, c: int, left: float, y: float, plot_w: float, bar_h: float,
                 fills: list[str]) -> list[str]:
    """Category ``c`` as one 100% bar from ``left`` at ``y``: a segment per series with
    its percentage on a pill where it fits, or "not published" if any part is not."""
    parts = [vs[c] if c < len(vs) else None for _, vs in chart.series]
    if any(p is None or not math.isfinite(p) for p in parts):
        return [_text(left + 4, y + 16, "not published", size=VALUE_SIZE, fill=MUTED)]
    out, x = [], left
    for s, part in enumerate(parts):
        w = plot_w * part  # type: ignore[operator]
        out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h}" '
                   f'fill="{fills[s]}" stroke="#ffffff" stroke-width="1"/>')
        label = f"{100 * part:.0f}%"  # type: ignore[operator]
        if w > _pill_width(label) + 6:
            out.append(_pill(x + w / 2, y + bar_h / 2, label))
        x += w
    return out


def _stacked(chart_id: str, table: Table, chart: Chart) -> str:
    left, bar_h, gap = 10.0, 24.0, 12.0
    patterns = _Patterns(chart_id)
    fills = [patterns.fill(*style_for(name, s)) for s, (name, _) in enumerate(chart.series)]
    legend, y = _legend([(name, fill) for (name, _), fill in zip(chart.series, fills,
                                                                  strict=True)], 18)
    body = list(legend)
    body.append(_category_heading(table, y))
    y += 10
    plot_w = WIDTH - 2 * left
    for c, category in enumerate(chart.categories):
        for line in _wrap(category, 52):
            y += 18
            body.append(_text(left, y, line))
        y += 6
        body += _stacked_bar(chart, c, left, y, plot_w, bar_h, fills)
        y += bar_h + gap
    axis, y = _value_axis(left, plot_w, 0.0, 1.0, y, "percent", _axis_title(table, chart))
    return _frame(chart_id, table.title, chart, y, body + axis, patterns)


def _intervals(chart_id: str, table: Table, chart: Chart) -> str:
    left, right, row_h = 10.0, 64.0, 22.0
    patterns = _Patterns(chart_id)
    plot_w = WIDTH - left - right
    name, values = chart.series[0]
    highs = [h for h in chart.upper if h is not None] + [v for v in values if v is not None]
    span = _scale_max(highs, chart.unit)
    body = [_category_heading(table, 18.0)]
    y = 28.0
    top = y
    for c, category in enumerate(chart.categories):
        for line in _wrap(category):
            y += 18
            body.append(_text(left, y, line))
        value = values[c]
        lo = chart.lower[c] if c < len(chart.lower) else None
        hi = chart.upper[c] if c < len(chart.upper) else None
        mid = y + 14
        colour = style_for("", 0, category)[0] if category in BACKGROUND_STYLES else PALETTE[2]
        if value is None or lo is None or hi is None:
            body.append(_text(left + 4, mid + 4, "not published", size=VALUE_SIZE, fill=MUTED))
        else:
            x_lo, x_hi = left + plot_w * lo / span, left + plot_w * hi / span
            x_v = left + plot_w * value / span
            body.append(f'<line x1="{x_lo:.1f}" y1="{mid:.1f}" x2="{x_hi:.1f}" y2="{mid:.1f}" '
                        f'stroke="{colour}" stroke-width="2.5"/>')
            for xe in (x_lo, x_hi):
                body.append(f'<line x1="{xe:.1f}" y1="{mid - 6:.1f}" x2="{xe:.1f}" '
                            f'y2="{mid + 6:.1f}" stroke="{colour}" stroke-width="2.5"/>')
            body.append(f'<circle cx="{x_v:.1f}" cy="{mid:.1f}" r="5.5" fill="{colour}" '
                        f'stroke="#ffffff" stroke-width="1.5"/>')
            body.append(_text(x_hi + 6, mid + 5, _fmt(value, chart.unit), size=VALUE_SIZE))
        y += row_h + 8
    body.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{y:.1f}" '
                f'stroke="{TEXT}" stroke-width="1"/>')
    axis, y = _value_axis(left, plot_w, 0.0, span, y, chart.unit,
                          f"{_axis_title(table, chart)}; lines are 95% intervals")
    return _frame(chart_id, table.title, chart, y, body + axis, patterns)


def _lines(chart_id: str, table: Table, chart: Chart) -> str:
    patterns = _Patterns(chart_id)
    colours = [style_for(name, s)[0] for s, (name, _) in enumerate(chart.series)]
    legend, top = _legend(list(zip((name for name, _ in chart.series), colours, strict=True)),
                          18, markers=True)
    left, right, plot_h = 48.0, 24.0, 180.0
    plot_w = WIDTH - left - right
    values = [v for _, vs in chart.series for v in vs if v is not None]
    span = _scale_max(values, chart.unit)
    lowest = min(values + [0.0])
    y0 = top + 10
    body = list(legend)
    n = len(chart.categories)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        return y0 + plot_h * (1 - (v - lowest) / ((span - lowest) or 1))

    for tick in (lowest, (lowest + span) / 2, span):
        body.append(f'<line x1="{left:.1f}" y1="{py(tick):.1f}" x2="{left + plot_w:.1f}" '
                    f'y2="{py(tick):.1f}" stroke="{RULE}" stroke-width="1"/>')
        body.append(_text(left - 6, py(tick) + 4, _tick(tick, chart.unit), anchor="end",
                          size=VALUE_SIZE - 1, fill=MUTED))
    body.append(_text(12, y0 + plot_h / 2, _axis_title(table, chart), anchor="middle",
                      size=VALUE_SIZE).replace("<text ", f'<text transform="rotate(-90 12 '
                                                         f'{y0 + plot_h / 2:.1f})" ', 1))
    for i, category in enumerate(chart.categories):
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        body.append(_text(px(i), y0 + plot_h + 18, category, anchor=anchor, size=VALUE_SIZE - 1))
    body.append(_text(left + plot_w / 2, y0 + plot_h + 38, "Snapshot date", anchor="middle",
                      size=VALUE_SIZE))
    for s, (_name, vs) in enumerate(chart.series):
        colour = colours[s]
        segments: list[list[tuple[float, float]]] = []
        current: list[tuple[float, float]] = []
        for i, v in enumerate(vs):
            if v is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append((px(i), py(v)))
        if current:
            segments.append(current)
        for segment in segments:
            if len(segment) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                dash = ' stroke-dasharray="6 3"' if s % 2 else ""
                body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                            f'stroke-width="2.5"{dash}/>')
        for segment in segments:
            for x, y in segment:
                body.append(_marker(MARKERS[s % len(MARKERS)], x, y, colour))
    return _frame(chart_id, table.title, chart, y0 + plot_h + 48, body, patterns)


# --- compact: for print ------------------------------------------------------------------
# A printed page is wide and never a phone: category labels sit beside their bars, which
# halves a chart's height, and the legend runs along one line.

PRINT_WIDTH = 640
PRINT_LABEL_W = 190.0


def _print_legend(entries: list[tuple[str, str]], y: float) -> tuple[list[str], float]:
    parts, x = [], 10.0
    for name, fill in entries:
        parts.append(f'<rect x="{x:.1f}" y="{y - 12:.1f}" width="20" height="14" fill="{fill}" '
                     f'stroke="{TEXT}" stroke-width="0.5"/>')
        parts.append(_text(x + 26, y, name, size=VALUE_SIZE))
        x += 26 + 0.6 * VALUE_SIZE * len(name) + 22
    return parts, y + 22


def _print_rows(chart: Chart, y: float, draw_row) -> tuple[list[str], float, float]:
    """Each category's wrapped label at the left and its bars (``draw_row(c, y)`` → parts,
    height) beside it; returns the parts, the top of the plot and the bottom."""
    body: list[str] = []
    top = y
    for c, category in enumerate(chart.categories):
        lines = _wrap(category, 26)
        bars, height = draw_row(c, y)
        block = max(height, 16.0 * len(lines) + 4)
        if block > height:  # centre the bars on a label of several lines
            bars, _ = draw_row(c, y + (block - height) / 2)
        first = y + (block - 16.0 * len(lines)) / 2 + 12
        for i, line in enumerate(lines):
            body.append(_text(10, first + 16 * i, line, size=VALUE_SIZE))
        body += bars
        y += block + 8
    return body, top, y


def _bars_print(chart_id: str, table: Table, chart: Chart) -> str:
    left, right, bar_h = PRINT_LABEL_W + 10, 64.0, 16.0
    patterns = _Patterns(chart_id)
    names = [name for name, _ in chart.series]
    body: list[str] = []
    y = 18.0
    if len(names) > 1:
        legend, y = _print_legend(_series_fills(chart, patterns), y)
        body += legend
    body.append(_text(10, y, table.columns[0], weight="bold", size=VALUE_SIZE))
    y += 8
    plot_w = PRINT_WIDTH - left - right
    values = [v for _, vs in chart.series for v in vs if v is not None and math.isfinite(v)]
    reference = _reference(table)
    if reference:
        y += 14  # room for the line's label
    lowest = min(values + [0.0])
    span_max = _scale_max([abs(v) for v in values] + ([reference[0]] if reference else []),
                          chart.unit)
    scale = plot_w / (span_max - min(lowest, 0.0))
    zero_x = left + (-min(lowest, 0.0)) * scale

    def row(c: int, y: float) -> tuple[list[str], float]:
        return (_value_bars(chart, c, y, zero_x, scale, bar_h, patterns),
                bar_h * len(chart.series))

    rows, top, y = _print_rows(chart, y, row)
    body += rows
    body.append(f'<line x1="{zero_x:.1f}" y1="{top:.1f}" x2="{zero_x:.1f}" y2="{y:.1f}" '
                f'stroke="{TEXT}" stroke-width="1"/>')
    if reference:
        body += _reference_line(zero_x + reference[0] * scale, top, y, reference[1])
    axis, y = _value_axis(left, plot_w, min(lowest, 0.0), span_max, y, chart.unit,
                          _axis_title(table, chart))
    return _frame(chart_id, table.title, chart, y, body + axis, patterns, PRINT_WIDTH)


def _stacked_print(chart_id: str, table: Table, chart: Chart) -> str:
    left, right, bar_h = PRINT_LABEL_W + 10, 16.0, 22.0
    patterns = _Patterns(chart_id)
    fills = [patterns.fill(*style_for(name, s)) for s, (name, _) in enumerate(chart.series)]
    body, y = _print_legend([(name, fill) for (name, _), fill in zip(chart.series, fills,
                                                                      strict=True)], 18.0)
    body.append(_text(10, y, table.columns[0], weight="bold", size=VALUE_SIZE))
    y += 8
    plot_w = PRINT_WIDTH - left - right

    def row(c: int, y: float) -> tuple[list[str], float]:
        return _stacked_bar(chart, c, left, y, plot_w, bar_h, fills), bar_h

    rows, _top, y = _print_rows(chart, y, row)
    body += rows
    axis, y = _value_axis(left, plot_w, 0.0, 1.0, y, "percent", _axis_title(table, chart))
    return _frame(chart_id, table.title, chart, y, body + axis, patterns, PRINT_WIDTH)


_DRAW = {"bars": _bars, "stacked": _stacked, "intervals": _intervals, "lines": _lines}
_DRAW_PRINT = {**_DRAW, "bars": _bars_print, "stacked": _stacked_print}


def render_chart(table: Table, *, id_prefix: str = "chart", compact: bool = False) -> str:
    """The table's chart as SVG markup ("" if it has none). ``compact``: for a printed
    page, labels beside the bars rather than above them (bars and stacked bars)."""
    if table.chart is None or not table.chart.categories:
        return ""
    chart_id = f"{id_prefix}-{table.id}".replace("_", "-")
    return (_DRAW_PRINT if compact else _DRAW)[table.chart.kind](chart_id, table, table.chart)
