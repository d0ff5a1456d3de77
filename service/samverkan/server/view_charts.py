"""Horizontal bar charts laid out on the server for inline SVG (the gap dashboard's pictures).

No JavaScript: each entry is a row of one or two bars (a figure, or a figure on two dates) with its
label and numbers, wrapped in a link to the rows behind it. The markup is written by a template, so
every label is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH, PLOT_WIDTH, NUMBER_WIDTH = 300, 380, 90
ROW_HEIGHT, BAR_GAP, TOP = 26, 2, 8
LABEL_CHARACTERS = 42


@dataclass(frozen=True)
class BarRow:
    label: str
    title: str
    values: tuple[int, ...]
    widths: tuple[float, ...]
    href: str
    y: float
    bar_height: float


@dataclass(frozen=True)
class Chart:
    chart_id: str
    title: str
    width: int
    height: int
    label_width: int
    rows: list[BarRow]
    series: tuple[str, ...]
    """Names of the bars in a row (one name, or the two dates)."""


def bar_chart(
    chart_id: str,
    title: str,
    entries: list[tuple[str, tuple[int, ...], str]],
    series: tuple[str, ...] = ("",),
) -> Chart:
    """A chart of (label, values, href) entries; every entry has one value per series."""
    largest = max((v for _, values, _ in entries for v in values), default=0) or 1
    bar_height = (ROW_HEIGHT - 6 - BAR_GAP * (len(series) - 1)) / len(series)
    rows = [
        BarRow(
            label=_short(label),
            title=f"{label}: {' / '.join(str(v) for v in values)}",
            values=values,
            widths=tuple(PLOT_WIDTH * v / largest for v in values),
            href=href,
            y=TOP + index * ROW_HEIGHT,
            bar_height=bar_height,
        )
        for index, (label, values, href) in enumerate(entries)
    ]
    height = TOP * 2 + ROW_HEIGHT * max(len(rows), 1)
    return Chart(chart_id, title, LABEL_WIDTH + PLOT_WIDTH + NUMBER_WIDTH, height, LABEL_WIDTH, rows, series)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
