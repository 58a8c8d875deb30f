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
"""

from __future__ import annotations

import math
from html import escape

from upward.reports.workforce import Chart, Table

__all__ = ["PALETTE", "render_chart"]

# Colour-blind-safe (Okabe-Ito) colours with at least 3:1 contrast on white.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8A6D00", "#56B4E9")
TEXT = "#1b1b1b"
MUTED = "#505a5f"
RULE = "#b1b4b6"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
WIDTH = 640


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 13,
          fill: str = TEXT, weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
            f'fill="{fill}" text-anchor="{anchor}" font-weight="{weight}">{escape(content)}</text>')


def _fmt(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{100 * value:.1f}%"
    if unit == "money":
        return f"£{value:,.2f}"
    return f"{value:,.0f}"


def _wrap(label: str, width: int = 22) -> list[str]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:3] or [""]


def _frame(chart_id: str, title: str, chart: Chart, height: float, body: list[str]) -> str:
    desc = (chart.summary + " " if chart.summary else "") + \
        "The numbers are in the table with this chart; values that are not published are not drawn."
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        + "".join(body) + "</svg>")


def _legend(series_names: list[str], y: float) -> tuple[list[str], float]:
    parts, x = [], 10.0
    for i, name in enumerate(series_names):
        width = 24 + 7.2 * len(name)
        if x + width > WIDTH - 10:
            x, y = 10.0, y + 20
        parts.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" '
                     f'fill="{PALETTE[i % len(PALETTE)]}"/>')
        parts.append(_text(x + 17, y, name, size=12))
        x += width + 12
    return parts, y + 14


def _scale_max(values: list[float], unit: str) -> float:
    top = max([v for v in values if v is not None and math.isfinite(v)] or [0.0])
    if unit == "percent":
        return max(0.1, min(1.0, math.ceil(top * 10 + 0.5) / 10)) if top <= 1 else top
    if top <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(top))
    return math.ceil(top / magnitude) * magnitude


def _bars(chart_id: str, title: str, chart: Chart) -> str:
    label_width, left_pad, bar_h, gap = 170.0, 10.0, 16.0, 14.0
    n_series = len(chart.series)
    legend, top = _legend([name for name, _ in chart.series], 18) if n_series > 1 else ([], 10.0)
    plot_x, plot_w = left_pad + label_width, WIDTH - label_width - left_pad - 70
    values = [v for _, vs in chart.series for v in vs if v is not None]
    lowest = min(values + [0.0])
    span_max = _scale_max([abs(v) for v in values], chart.unit)
    body = list(legend)
    y = top + 8
    group_h = n_series * bar_h + gap
    zero_x = plot_x + (plot_w * (-lowest) / (span_max - lowest) if lowest < 0 else 0)
    scale = plot_w / (span_max - min(lowest, 0.0))
    for c, category in enumerate(chart.categories):
        lines = _wrap(category)
        for li, line in enumerate(lines):
            body.append(_text(left_pad, y + 12 + li * 14, line, size=12))
        for s, (_name, vs) in enumerate(chart.series):
            value = vs[c] if c < len(vs) else None
            by = y + s * bar_h
            if value is None or not math.isfinite(value):
                body.append(_text(zero_x + 4, by + 12, "not published", size=11, fill=MUTED))
                continue
            x0 = zero_x if value >= 0 else zero_x + value * scale
            w = abs(value) * scale
            body.append(f'<rect x="{x0:.1f}" y="{by:.1f}" width="{max(w, 1):.1f}" '
                        f'height="{bar_h - 3:.1f}" fill="{PALETTE[s % len(PALETTE)]}"/>')
            body.append(_text(x0 + w + 4 if value >= 0 else x0 - 4, by + 11,
                              _fmt(value, chart.unit), size=11,
                              anchor="start" if value >= 0 else "end"))
        y += max(group_h, 14 * len(lines) + 6)
    body.append(f'<line x1="{zero_x:.1f}" y1="{top:.1f}" x2="{zero_x:.1f}" y2="{y:.1f}" '
                f'stroke="{TEXT}" stroke-width="1"/>')
    return _frame(chart_id, title, chart, y + 10, body)


def _stacked(chart_id: str, title: str, chart: Chart) -> str:
    label_width, left_pad, bar_h, gap = 170.0, 10.0, 22.0, 10.0
    legend, top = _legend([name for name, _ in chart.series], 18)
    plot_x, plot_w = left_pad + label_width, WIDTH - label_width - left_pad - 20
    body = list(legend)
    y = top + 6
    for c, category in enumerate(chart.categories):
        lines = _wrap(category)
        for li, line in enumerate(lines):
            body.append(_text(left_pad, y + 15 + li * 14, line, size=12))
        parts = [vs[c] if c < len(vs) else None for _, vs in chart.series]
        if any(p is None or not math.isfinite(p) for p in parts):
            body.append(_text(plot_x + 4, y + 15, "not published", size=12, fill=MUTED))
        else:
            x = plot_x
            for s, part in enumerate(parts):
                w = plot_w * part  # type: ignore[operator]
                body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h}" '
                            f'fill="{PALETTE[s % len(PALETTE)]}" stroke="#ffffff" '
                            'stroke-width="1"/>')
                if w > 38:
                    body.append(_text(x + w / 2, y + 15, f"{100 * part:.0f}%", anchor="middle",  # type: ignore[operator]
                                      size=11, fill="#ffffff", weight="bold"))
                x += w
        y += max(bar_h + gap, 14 * len(lines) + 8)
    return _frame(chart_id, title, chart, y + 6, body)


def _intervals(chart_id: str, title: str, chart: Chart) -> str:
    label_width, left_pad, row_h = 170.0, 10.0, 34.0
    plot_x, plot_w = left_pad + label_width, WIDTH - label_width - left_pad - 70
    name, values = chart.series[0]
    highs = [h for h in chart.upper if h is not None] + [v for v in values if v is not None]
    span = _scale_max(highs, chart.unit)
    body = []
    y = 10.0
    for c, category in enumerate(chart.categories):
        for li, line in enumerate(_wrap(category)):
            body.append(_text(left_pad, y + 14 + li * 14, line, size=12))
        value = values[c]
        lo = chart.lower[c] if c < len(chart.lower) else None
        hi = chart.upper[c] if c < len(chart.upper) else None
        mid = y + 10
        if value is None or lo is None or hi is None:
            body.append(_text(plot_x + 4, mid + 4, "not published", size=12, fill=MUTED))
        else:
            x_lo, x_hi = plot_x + plot_w * lo / span, plot_x + plot_w * hi / span
            x_v = plot_x + plot_w * value / span
            body.append(f'<line x1="{x_lo:.1f}" y1="{mid:.1f}" x2="{x_hi:.1f}" y2="{mid:.1f}" '
                        f'stroke="{PALETTE[0]}" stroke-width="2"/>')
            for xe in (x_lo, x_hi):
                body.append(f'<line x1="{xe:.1f}" y1="{mid - 6:.1f}" x2="{xe:.1f}" '
                            f'y2="{mid + 6:.1f}" stroke="{PALETTE[0]}" stroke-width="2"/>')
            body.append(f'<circle cx="{x_v:.1f}" cy="{mid:.1f}" r="5" fill="{PALETTE[1]}"/>')
            body.append(_text(x_hi + 6, mid + 4, _fmt(value, chart.unit), size=11))
        y += row_h
    body.append(f'<line x1="{plot_x:.1f}" y1="6" x2="{plot_x:.1f}" y2="{y:.1f}" '
                f'stroke="{TEXT}" stroke-width="1"/>')
    body.append(_text(plot_x, y + 14, "0", size=11, fill=MUTED, anchor="middle"))
    body.append(_text(plot_x + plot_w, y + 14, _fmt(span, chart.unit), size=11, fill=MUTED,
                      anchor="middle"))
    body.append(_text(plot_x + plot_w / 2, y + 14, f"{name}; bars are 95% intervals", size=11,
                      fill=MUTED, anchor="middle"))
    return _frame(chart_id, title, chart, y + 24, body)


def _lines(chart_id: str, title: str, chart: Chart) -> str:
    legend, top = _legend([name for name, _ in chart.series], 18)
    left, right, plot_h = 60.0, 30.0, 180.0
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
        body.append(_text(left - 6, py(tick) + 4, _fmt(tick, chart.unit), anchor="end", size=11,
                          fill=MUTED))
    for i, category in enumerate(chart.categories):
        body.append(_text(px(i), y0 + plot_h + 18, category, anchor="middle", size=11))
    for s, (_name, vs) in enumerate(chart.series):
        colour = PALETTE[s % len(PALETTE)]
        points = [(px(i), py(v)) for i, v in enumerate(vs) if v is not None]
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
                body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                            'stroke-width="2.5"/>')
        for x, y in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
    return _frame(chart_id, title, chart, y0 + plot_h + 30, body)


_DRAW = {"bars": _bars, "stacked": _stacked, "intervals": _intervals, "lines": _lines}


def render_chart(table: Table, *, id_prefix: str = "chart") -> str:
    """The table's chart as SVG markup ("" if it has none)."""
    if table.chart is None or not table.chart.categories:
        return ""
    chart_id = f"{id_prefix}-{table.id}".replace("_", "-")
    return _DRAW[table.chart.kind](chart_id, table.title, table.chart)
