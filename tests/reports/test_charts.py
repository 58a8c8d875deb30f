"""Charts: the same background looks the same in every chart, never by colour alone; every
value axis has ticks and a title; the drawing is narrow enough to read on a phone."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from upward.demo.synthetic_workforce import synthetic_snapshot
from upward.reports.charts import BACKGROUND_STYLES, WIDTH, render_chart
from upward.reports.workforce import analyse, trends

NS = "{http://www.w3.org/2000/svg}"
DAY = date(2025, 3, 31)


@pytest.fixture(scope="module")
def insights():
    return analyse(synthetic_snapshot(2000, seed=7, snapshot_date=DAY), k=10)


def _charted(insights):
    tables = [t for t in insights.tables if t.chart is not None]
    tables.append(trends([insights, analyse(synthetic_snapshot(
        2000, seed=8, snapshot_date=date(2024, 3, 31)), k=10)]))
    return tables


def _fills_by_label(svg: str) -> dict[str, set[str]]:
    """Legend entries: the fill of the swatch just before each legend text."""
    root = ET.fromstring(svg)
    found: dict[str, set[str]] = {}
    previous = None
    for element in root.iter():
        if element.tag == f"{NS}rect" and element.get("width") == "24":
            previous = element.get("fill")
        elif element.tag == f"{NS}text" and previous is not None:
            found.setdefault(element.text or "", set()).add(previous)
            previous = None
    return found


def _pattern_base_colour(svg: str, fill: str) -> str:
    """The colour a fill stands for: itself, or the base colour of the pattern it names."""
    if not fill.startswith("url(#"):
        return fill
    pid = fill[5:-1]
    root = ET.fromstring(svg)
    pattern = next(p for p in root.iter(f"{NS}pattern") if p.get("id") == pid)
    return pattern.find(f"{NS}rect").get("fill")


def test_each_background_has_one_colour_and_pattern_in_every_chart(insights):
    seen: dict[str, set[tuple[str, str]]] = {}
    for table in _charted(insights):
        svg = render_chart(table, id_prefix="t")
        for label, fills in _fills_by_label(svg).items():
            if label in BACKGROUND_STYLES:
                for fill in fills:
                    pattern = "solid" if not fill.startswith("url(") else "pattern"
                    seen.setdefault(label, set()).add((_pattern_base_colour(svg, fill), pattern))
    assert set(seen) >= {"Professional", "Intermediate", "Lower socio-economic"}
    for label, styles in seen.items():
        colour, pattern = BACKGROUND_STYLES[label]
        assert styles == {(colour, "solid" if pattern == "solid" else "pattern")}, label
    # The background profile's bars are coloured by their background, whatever the series.
    svg = render_chart(insights.table("background_profile"), id_prefix="t")
    bars = [r for r in ET.fromstring(svg).iter(f"{NS}rect") if r.get("height") == "14.0"]
    colours = [_pattern_base_colour(svg, r.get("fill")) for r in bars]
    assert colours[:2] == [BACKGROUND_STYLES["Professional"][0]] * 2
    assert colours[4:6] == [BACKGROUND_STYLES["Lower socio-economic"][0]] * 2


def test_colour_is_never_alone(insights):
    """Backgrounds differ by pattern as well as colour; every multi-series chart has a
    legend; every bar or point drawn carries its value as text."""
    patterns = {pattern for _colour, pattern in BACKGROUND_STYLES.values()}
    assert len(patterns) == len(BACKGROUND_STYLES)
    for table in _charted(insights):
        svg = render_chart(table, id_prefix="t")
        root = ET.fromstring(svg)
        names = [name for name, _ in table.chart.series]
        if len(names) > 1:
            texts = [t.text for t in root.iter(f"{NS}text")]
            assert all(name in texts for name in names), table.id
        if table.chart.kind == "bars":
            drawn = [r for r in root.iter(f"{NS}rect") if r.get("height") == "14.0"]
            values = [t for t in root.iter(f"{NS}text") if re.fullmatch(r"-?[\d.]+%", t.text)]
            assert len(values) >= len(drawn) > 0, table.id


def test_every_value_axis_has_ticks_and_a_title(insights):
    for table in _charted(insights):
        svg = render_chart(table, id_prefix="t")
        texts = [t.text for t in ET.fromstring(svg).iter(f"{NS}text")]
        ticks = [t for t in texts if re.fullmatch(r"\d+%", t or "")]
        assert len(ticks) >= 3, table.id
        assert "0%" in ticks, table.id
        titles = [t for t in texts if t and ("%" in t or "Percentage" in t) and " " in t
                  and not re.fullmatch(r"[\d.]+%", t)]
        assert titles, f"{table.id} has no axis title"
    grade = render_chart(insights.table("representation_by_grade_combined"), id_prefix="t")
    assert ">% of people with a classified background</text>" in grade
    assert ">Grade</text>" in grade  # the category axis is named too


def test_charts_are_drawn_narrow_with_large_text_and_unique_pattern_ids(insights):
    ids = []
    for table in _charted(insights):
        svg = render_chart(table, id_prefix="dashboard")
        root = ET.fromstring(svg)
        assert root.get("viewBox").split()[2] == str(WIDTH)
        sizes = {int(t.get("font-size")) for t in root.iter(f"{NS}text")}
        # Scaled to a 390 px phone's column (about 350 px), 12 units are still 10 px.
        assert min(sizes) >= 12 and WIDTH <= 440, table.id
        ids += [p.get("id") for p in root.iter(f"{NS}pattern")]
    assert ids and len(ids) == len(set(ids))
    assert all(i.startswith("dashboard-") for i in ids)


def test_print_charts_put_labels_beside_bars_and_stay_valid(insights):
    from upward.reports.charts import PRINT_WIDTH

    for table in _charted(insights):
        screen = render_chart(table, id_prefix="c")
        printed = render_chart(table, id_prefix="c", compact=True)
        root = ET.fromstring(printed)  # well-formed
        if table.chart.kind in ("bars", "stacked"):
            assert root.get("viewBox").split()[2] == str(PRINT_WIDTH), table.id
            # labels beside the bars: the drawing is shorter than the phone's
            assert float(root.get("height")) < float(ET.fromstring(screen).get("height"))
        else:
            assert printed == screen  # intervals and lines are drawn as for the screen
    # a value printed on a patterned bar sits on a white pill, not a stroke halo
    grade = render_chart(insights.table("representation_by_grade_combined"), id_prefix="t",
                         compact=True)
    assert "paint-order" not in grade and 'rx="4" fill="#ffffff"' in grade


def test_share_of_target_charts_mark_the_target_and_tick_past_100_percent():
    from upward.reports.tables import Cell, Chart, Table

    def table(table_id: str) -> Table:
        return Table(id=table_id, title="Progress", description="", columns=("KPI", "Share"),
                     kinds=("percent",), rows=(("Pupils", (Cell("245%", 2.45),)),),
                     chart=Chart(kind="bars", categories=("Pupils", "Hours"),
                                 series=(("Share", (2.447, 0.56)),), unit="percent"))

    for compact in (False, True):
        svg = render_chart(table("progress_gatsby_2026"), compact=compact)
        texts = [t.text for t in ET.fromstring(svg).iter(f"{NS}text")]
        assert [t for t in texts if re.fullmatch(r"\d+%", t or "")] == [
            "0%", "50%", "100%", "150%", "200%", "250%"]
        assert "Target" in texts and 'stroke-dasharray="5 3"' in svg
    assert "Target" not in render_chart(table("pay_gap"))
