"""Bar charts: authorities ranked with the median marked, and stacked compositions."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from wayahead.charts.palette import BLUE, CATEGORICAL, GREY, HIGHLIGHT, ORDERED, PATTERNS, TEXT
from wayahead.charts.theme import figure, titled_layout
from wayahead.words.formatting import format_value

ROW_HEIGHT = 24
MEDIAN_BAND = 26  # px above the bars for the median's label
VALUE_ROOM = 1.35  # the value axis's length over the longest bar's: room for its label ("£22.2m"), 390 wide too


def ranked_bars(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    median_label: str = "London median",
    highlight: Sequence[str] = (),
) -> go.Figure:
    """Horizontal bars from frame[code, name, value], highest at the top, a dashed line at the
    median; highlighted authorities are orange with a hatch and a ▶ before their name."""
    rows = frame.dropna(subset=["value"]).sort_values("value")
    values = rows["value"].tolist()
    chosen = rows["code"].isin(list(highlight)).tolist()
    names = [f"▶ {n}" if c else n for n, c in zip(rows["name"], chosen)]
    bar = {
        "type": "bar",
        "x": values,
        "y": names,
        "orientation": "h",
        "marker": {
            "color": [HIGHLIGHT if c else BLUE for c in chosen],
            "pattern": _pattern(["/" if c else "" for c in chosen]),
        },
        "text": [format_value(unit, v) for v in values],
        "textposition": "outside",
        "textfont": {"shadow": "auto"},  # a white halo: the median's line runs behind some labels
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{text}<extra></extra>",
        "showlegend": False,
    }
    layout = titled_layout(
        title,
        unit,
        "x",
        max(360, 120 + ROW_HEIGHT * len(rows)),
        other_axis={"type": "category", "tickfont": {"size": 15}},
        top=max(values, default=None),
        categories=names,
    )
    if values:
        median = float(rows["value"].median())
        top = max(values)
        if min(values) >= 0 and top > 0:
            layout["xaxis"]["range"] = [0, top * VALUE_ROOM]  # the longest bar's value label fits
        layout["margin"]["t"] += MEDIAN_BAND
        layout["height"] += MEDIAN_BAND
        layout["shapes"] = [
            {
                "type": "line",
                "x0": median,
                "x1": median,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"color": GREY, "dash": "dash", "width": 2},
                "layer": "below",  # behind the bars and their value labels, never across a label
            }
        ]
        layout["annotations"] = [_median_note(f"{median_label} {format_value(unit, median)}", median, top)]
    return figure([bar], layout)


def _median_note(text: str, median: float, top: float) -> dict[str, object]:
    """The median line's label, in a band of its own above the bars (below the title), so it
    crosses no bar or value label; it runs from the line towards the middle, so it stays inside
    the chart whichever end the median is near."""
    right_half = top > 0 and median > top * VALUE_ROOM / 2
    return {
        "x": median,
        "y": 1,
        "yref": "paper",
        "yanchor": "bottom",
        "yshift": 4,
        "xanchor": "right" if right_half else "left",
        "showarrow": False,
        "text": text,
        "font": {"color": TEXT, "size": 14},
    }


def _text_colour(fill: str) -> str:
    """Black on light fills, white on dark ones (relative luminance, WCAG)."""
    channels = [int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000000" if luminance > 0.18 else "#FFFFFF"


def _pattern(shape: str | list[str]) -> dict[str, object]:
    """A light pattern laid over the fill colour, so segments differ by more than colour."""
    return dict(shape=shape, fillmode="overlay", fgcolor="#FFFFFF", fgopacity=0.4, size=9, solidity=0.3)


def stacked_bars(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    categories: Sequence[str],
    ordered: bool = False,
    horizontal: bool = False,
) -> go.Figure:
    """Stacked bars from frame[x, category, value]: one bar per x, one segment per category,
    each with its own pattern and its value written inside. `ordered` uses the light-to-dark
    scale for ordered categories (e.g. the social value ladder)."""
    colours = ORDERED if ordered and len(categories) <= len(ORDERED) else CATEGORICAL
    traces = []
    for i, category in enumerate(categories):
        rows = frame[frame["category"] == category]
        values = rows["value"].tolist()
        if not rows["value"].fillna(0).any():
            continue  # a category that is empty everywhere only clutters the legend
        x, y = (values, rows["x"].tolist()) if horizontal else (rows["x"].tolist(), values)
        traces.append(
            {
                "type": "bar",
                "x": x,
                "y": y,
                "name": str(category),
                "orientation": "h" if horizontal else "v",
                "marker": {
                    "color": colours[i % len(colours)],
                    "pattern": _pattern(PATTERNS[(i + i // len(colours)) % len(PATTERNS)]),
                    "line": {"color": "white", "width": 1},
                },
                "text": [format_value(unit, v) if v else "" for v in values],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textangle": 0,
                "textfont": {"color": _text_colour(colours[i % len(colours)]), "size": 15},
                "hovertemplate": f"{category}: %{{text}}<extra>%{{{'y' if horizontal else 'x'}}}</extra>",
            }
        )
    category_axis = {"type": "category", "autorange": "reversed"} if horizontal else {"type": "category"}
    top = frame.groupby("x")["value"].sum().max() if len(frame) else None
    layout = titled_layout(
        title,
        unit,
        "x" if horizontal else "y",
        other_axis=category_axis,
        top=top,
        categories=[str(x) for x in frame["x"].unique()] if len(frame) else [],
    )
    layout |= {"barmode": "stack", "legend": {"traceorder": "normal"}, "uniformtext": {"minsize": 12, "mode": "hide"}}
    return figure(traces, layout)
