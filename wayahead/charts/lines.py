"""Trend lines over financial years: London in black, each other series its own colour,
marker shape and dash, with the latest value written at the end of each line."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from wayahead.charts.palette import CATEGORICAL, LONDON, on_white
from wayahead.charts.theme import figure, titled_layout
from wayahead.returns.london import financial_year_label
from wayahead.words.formatting import format_value

MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "hexagon")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
LONDON_SERIES = "London"


def trend_chart(frame: pd.DataFrame, title: str, unit: str) -> go.Figure:
    """Lines from frame[year, series, value] (series in order of first appearance)."""
    traces = []
    others = 0
    for series, rows in frame.groupby("series", sort=False):
        rows = rows.sort_values("year")
        if series == LONDON_SERIES or frame["series"].nunique() == 1:
            colour, marker, dash = LONDON, "circle", "solid"
        else:
            colour = CATEGORICAL[others % len(CATEGORICAL)]
            marker, dash = MARKERS[(others + 1) % len(MARKERS)], DASHES[(others + 1) % len(DASHES)]
            others += 1
        values = rows["value"].tolist()
        labels = [""] * (len(values) - 1) + [format_value(unit, values[-1])] if values else []
        traces.append(
            {
                "type": "scatter",
                "x": [financial_year_label(int(y)) for y in rows["year"]],
                "y": values,
                "name": str(series),
                "mode": "lines+markers+text",
                "line": {"color": colour, "width": 3, "dash": dash},
                "marker": {"symbol": marker, "size": 11, "color": colour},
                "text": labels,
                "textposition": "middle right",
                "cliponaxis": False,  # the end label runs past the plot's edge on a phone
                "textfont": {"color": on_white(colour)},  # text: 4.5:1 on white
                "connectgaps": False,
                "hovertemplate": "%{x}: %{customdata}<extra>" + str(series) + "</extra>",
                "customdata": [format_value(unit, v) for v in values],
            }
        )
    layout = titled_layout(title, unit, other_axis={"type": "category"}, top=frame["value"].max())
    layout["showlegend"] = frame["series"].nunique() > 1
    return figure(traces, layout)
