"""Small trend charts for the overview and the borough profile (plotly, "wayahead" template)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import pandas as pd
import plotly.graph_objects as go

from wayahead.charts.palette import BLUE, BLUISH_GREEN, GREY, LONDON, REDDISH_PURPLE, VERMILLION, on_white
from wayahead.charts.theme import figure, value_ticks
from wayahead.returns.london import TOTAL, financial_year_label

# The areas on a profile chart (the authority, its sub-region, Inner or Outer London, London, the
# reader's group) differ by line style and marker as well as colour, and are named at their ends:
# each in its colour darkened to 4.5:1 on white (palette.on_white), so line and label match and
# the label is readable.
AREA_STYLES = (
    {"color": on_white(VERMILLION), "dash": "solid", "symbol": "circle", "width": 4},
    {"color": on_white(BLUE), "dash": "dash", "symbol": "square", "width": 3},
    {"color": on_white(BLUISH_GREEN), "dash": "longdash", "symbol": "triangle-up", "width": 3},
    {"color": on_white(LONDON), "dash": "dot", "symbol": "diamond", "width": 3},
    {"color": on_white(REDDISH_PURPLE), "dash": "dashdot", "symbol": "x", "width": 3},
)


def _years(frame: pd.DataFrame) -> list[str]:
    return [financial_year_label(int(y)) for y in frame["year"]]


def sparkline(series: pd.DataFrame, value_format: Callable[[float], str], title: str = "") -> go.Figure:
    """A small line of `value` by year (DataFrame[year, value]); gaps where a year has no figure."""
    values = series["value"].tolist()
    return figure(
        [
            {
                "type": "scatter",
                "x": _years(series),
                "y": values,
                "mode": "lines+markers",
                "line": {"color": BLUE, "width": 3},
                "marker": {"size": 7},
                "connectgaps": False,
                "text": [value_format(v) for v in values],
                "hovertemplate": "%{x}: %{text}<extra></extra>",
            }
        ],
        {
            "height": 110,
            "margin": {"l": 5, "r": 5, "t": 30 if title else 5, "b": 5},
            "title": {"text": title, "font": {"size": 14}},
            "showlegend": False,
            "xaxis": {"showticklabels": False, "ticks": "", "showline": False},
            "yaxis": {"showticklabels": False, "showgrid": False, "zeroline": False},
        },
    )


def spread(values: Sequence[float], gap: float) -> list[float]:
    """Label heights as near to `values` as they can be while at least `gap` apart (highest keeps its place)."""
    placed: dict[int, float] = {}
    below: float | None = None
    for k in sorted(range(len(values)), key=lambda k: -values[k]):
        placed[k] = values[k] if below is None else min(values[k], below - gap)
        below = placed[k]
    return [placed[k] for k in range(len(values))]


def area_trend(
    trends: pd.DataFrame,
    key: str,
    areas: Sequence[str],
    title: str,
    subtitle: str,
    value_format: Callable[[float], str],
    tick_format: str = ".0%",
    own: Collection[str] = (),
    own_format: Callable[[float], str] | None = None,
) -> go.Figure:
    """One indicator by year for each area (DataFrame[indicator, year, area, value]), each labelled
    at its end; the areas in `own` (single authorities) in `own_format`: 'Hackney: Yes', not 100%."""
    points: dict[str, list[tuple[int, float]]] = {}  # plain Python: a page draws six of these
    for indicator, year, area, value in zip(trends["indicator"], trends["year"], trends["area"], trends["value"]):
        if indicator == key:
            points.setdefault(area, []).append((int(year), value))
    traces = []
    ends = []
    formats = {area: own_format if area in own and own_format else value_format for area in areas}
    for area, style in zip(areas, AREA_STYLES):
        rows = sorted(points.get(area, []), key=lambda point: point[0])
        values = [value for _, value in rows]
        traces.append(
            {
                "type": "scatter",
                "x": [financial_year_label(year) for year, _ in rows],
                "y": values,
                "name": area,
                "mode": "lines+markers",
                "connectgaps": False,
                "line": {"color": style["color"], "dash": style["dash"], "width": style["width"]},
                "marker": {"symbol": style["symbol"], "size": 10, "color": style["color"]},
                "customdata": [formats[area](v) for v in values],
                "hovertemplate": f"{area}<br>%{{x}}: %{{customdata}}<extra></extra>",
            }
        )
        known = [(year, value) for year, value in rows if not pd.isna(value)]
        if known:
            ends.append((area, style["color"], financial_year_label(known[-1][0]), float(known[-1][1])))
    top = max([float(v) for rows in points.values() for _, v in rows if not pd.isna(v)] + [0.0]) * 1.1 or 1.0
    labels = [
        {
            "x": x,
            "y": y,
            "text": f"{area}: {formats[area](value)}",
            "showarrow": False,
            "xanchor": "left",
            "xshift": 10,
            "font": {"color": on_white(str(colour))},
        }
        for (area, colour, x, value), y in zip(ends, spread([e[3] for e in ends], top * 0.08))
    ]
    return figure(
        traces,
        {
            "height": 440,
            "title": {"text": title, "subtitle": {"text": subtitle, "font": {"size": 16}}},
            "yaxis": {"tickformat": tick_format, "range": [0, top]},
            "margin": {"r": 200, "t": 90},
            "legend": {"y": -0.4},  # below the year labels, even where a phone turns them upright
            "annotations": labels,
        },
    )


def returns_status(returned: pd.DataFrame, in_scope: int = TOTAL) -> go.Figure:
    """Bars of how many authorities returned each year (DataFrame[year, returned]), labelled 'n of N'."""
    counts = returned["returned"].tolist()
    latest = returned.iloc[-1] if len(returned) else None
    title = (
        "Returns received each year"
        if latest is None
        else (
            f"Returns received: {int(latest['returned'])} of {in_scope} for {financial_year_label(int(latest['year']))}"
        )
    )
    return figure(
        [
            {
                "type": "bar",
                "x": _years(returned),
                "y": counts,
                "marker": {"color": BLUE},
                "text": [str(n) for n in counts],
                "textposition": "outside",
                "textfont": {"size": 15, "shadow": "auto"},  # a white halo where the line of all N runs behind
                "hovertemplate": f"%{{x}}: %{{text}} of {in_scope} returned<extra></extra>",
            }
        ],
        {
            "title": {"text": title},
            "height": 360,
            "yaxis": {
                "range": [0, in_scope * 1.18],
                "title": {"text": "authorities"},
                **value_ticks("count", in_scope),
            },
            "shapes": [
                {
                    "type": "line",
                    "x0": 0,
                    "x1": 1,
                    "xref": "x domain",
                    "y0": in_scope,
                    "y1": in_scope,
                    "yref": "y",
                    "line": {"color": GREY, "dash": "dot"},
                    "layer": "below",  # behind the bars' labels, never across one
                }
            ],
        },
    )
