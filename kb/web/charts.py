"""The events chart: events per year, stacked by agency, as inline SVG.

Drawn by hand because a few rectangles do not need a plotting library, and the
ones that draw SVG server-side (pygal, matplotlib) bring scripts or inline
styles that the page's Content-Security-Policy forbids.  The SVG is built with
ElementTree, so every label is escaped.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import Counter

from markupsafe import Markup

from kb.search import EventRow

WIDTH, HEIGHT = 720, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 40, 12, 40, 28
MAX_BAR_WIDTH = 56
# Okabe-Ito colours, told apart by colour-blind readers; one per agency, then the rest in turn.
COLOURS = {"OAS": "#0072b2", "IOM": "#009e73", "PAHO": "#d55e00", "UNDP": "#cc79a7"}
SPARE_COLOURS = ("#e69f00", "#56b4e9", "#666666", "#f0e442")


def colour_of(groups: list[str]) -> dict[str, str]:
    spare = iter(SPARE_COLOURS * (len(groups) // len(SPARE_COLOURS) + 1))
    return {g: COLOURS.get(g) or next(spare) for g in groups}


def nice_ceiling(value: int) -> tuple[int, int]:
    """The top of the y axis and its tick step: 7 -> (8, 2), 23 -> (25, 5)."""
    if value <= 4:
        return max(value, 1), 1
    magnitude = 10 ** int(math.log10(value))
    for step in (magnitude // 5 or 1, magnitude // 2 or 1, magnitude, magnitude * 2, magnitude * 5):
        if value / step <= 5:
            return math.ceil(value / step) * step, step
    return value, magnitude * 10


def events_chart(rows: list[EventRow], by: str = "agency", chart_id: str = "events-chart") -> Markup | None:
    """A stacked bar per year for the dated events in `rows`, or None when none is dated."""
    counts: Counter[tuple[int, str]] = Counter()
    for row in rows:
        if row.event.start is not None:
            counts[(row.event.start.year, row.agency if by == "agency" else row.event.kind)] += 1
    if not counts:
        return None
    first, last = min(y for y, _ in counts), max(y for y, _ in counts)
    years = list(range(first, last + 1))
    known = list(COLOURS)
    groups = sorted({g for _, g in counts}, key=lambda g: (known.index(g) if g in known else len(known), g))
    colours = colour_of(groups)
    totals = {y: sum(counts[(y, g)] for g in groups) for y in years}
    top, step = nice_ceiling(max(totals.values()))

    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    band = plot_w / len(years)
    bar_w = min(band * 0.6, MAX_BAR_WIDTH)
    y_of = lambda n: MARGIN_TOP + plot_h - n * plot_h / top  # noqa: E731

    noun = "agency" if by == "agency" else "kind"
    title = f"Events per year, by {noun}"
    desc = "; ".join(f"{y}: {totals[y]}" + (" (" + ", ".join(f"{g} {counts[(y, g)]}" for g in groups
                                                             if counts[(y, g)]) + ")" if totals[y] else "")
                     for y in years)
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {HEIGHT}", "class": "chart",
        "role": "img", "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
    })
    ET.SubElement(svg, "title", id=f"{chart_id}-title").text = title
    ET.SubElement(svg, "desc", id=f"{chart_id}-desc").text = f"Events per year: {desc}."

    axis = ET.SubElement(svg, "g", {"class": "axis"})
    for tick in range(0, top + 1, step):
        y = f"{y_of(tick):.1f}"
        ET.SubElement(axis, "line", x1=str(MARGIN_LEFT), x2=str(WIDTH - MARGIN_RIGHT), y1=y, y2=y,
                      **{"class": "grid" if tick else "baseline"})
        ET.SubElement(axis, "text", x=str(MARGIN_LEFT - 8), y=y, dy="0.32em",
                      **{"text-anchor": "end"}).text = str(tick)

    bars = ET.SubElement(svg, "g", {"class": "bars"})
    for i, year in enumerate(years):
        x = MARGIN_LEFT + band * i + (band - bar_w) / 2
        stacked = 0
        for group in groups:
            n = counts[(year, group)]
            if not n:
                continue
            rect = ET.SubElement(bars, "rect", x=f"{x:.1f}", y=f"{y_of(stacked + n):.1f}", width=f"{bar_w:.1f}",
                                 height=f"{y_of(stacked) - y_of(stacked + n):.1f}", fill=colours[group])
            ET.SubElement(rect, "title").text = f"{group}, {year}: {n} event{'s' if n != 1 else ''}"
            stacked += n
        centre = f"{x + bar_w / 2:.1f}"
        if stacked:
            ET.SubElement(bars, "text", x=centre, y=f"{y_of(stacked) - 5:.1f}",
                          **{"text-anchor": "middle", "class": "total"}).text = str(stacked)
        ET.SubElement(bars, "text", x=centre, y=str(HEIGHT - 8), **{"text-anchor": "middle"}).text = str(year)

    legend = ET.SubElement(svg, "g", {"class": "legend"})
    x = float(MARGIN_LEFT)
    for group in groups:
        ET.SubElement(legend, "rect", x=f"{x:.0f}", y="8", width="14", height="14", fill=colours[group])
        ET.SubElement(legend, "text", x=f"{x + 20:.0f}", y="15", dy="0.35em").text = group
        x += 34 + 8 * len(group)
    return Markup(ET.tostring(svg, encoding="unicode"))
