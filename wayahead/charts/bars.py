"""Bar charts: authorities ranked with the median marked, and stacked compositions."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from wayahead.charts.theme import finish, format_value
from wayahead.palette import BLUE, CATEGORICAL, GREY, HIGHLIGHT, ORDERED, PATTERNS

ROW_HEIGHT = 24


def ranked_bars(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    median_label: str = "London median",
    highlight: Sequence[str] = (),
    title_width: int = 42,
) -> go.Figure:
    """Horizontal bars from frame[code, name, value], highest at the top, a dashed line at the
    median; highlighted authorities are orange with a hatch and a ▶ before their name.
    `title_width` is the title's line length in characters (narrow for a half-width column)."""
    rows = frame.dropna(subset=["value"]).sort_values("value")
    chosen = rows["code"].isin(list(highlight))
    names = [f"▶ {n}" if c else n for n, c in zip(rows["name"], chosen)]
    fig = go.Figure(
        go.Bar(
            x=rows["value"],
            y=names,
            orientation="h",
            marker=dict(color=[HIGHLIGHT if c else BLUE for c in chosen], pattern=_pattern(["/" if c else "" for c in chosen])),
            text=[format_value(unit, v) for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
            showlegend=False,
        )
    )
    if len(rows):
        median = float(rows["value"].median())
        fig.add_vline(x=median, line=dict(color=GREY, dash="dash", width=2))
        fig.add_annotation(
            x=median, y=1, yref="paper", yanchor="bottom", showarrow=False,
            text=f"{median_label} {format_value(unit, median)}", font=dict(color="#1A1A1A"),
        )
    fig.update_yaxes(type="category", tickfont=dict(size=15))
    return finish(fig, title, unit, value_axis="x", height=max(360, 120 + ROW_HEIGHT * len(rows)), title_width=title_width)


def _text_colour(fill: str) -> str:
    """Black on light fills, white on dark ones (relative luminance, WCAG)."""
    channels = [int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5)]
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
    fig = go.Figure()
    for i, category in enumerate(categories):
        rows = frame[frame["category"] == category]
        if not rows["value"].fillna(0).any():
            continue  # a category that is empty everywhere only clutters the legend
        text = [format_value(unit, v) if v else "" for v in rows["value"]]
        x, y = (rows["value"], rows["x"]) if horizontal else (rows["x"], rows["value"])
        fig.add_trace(
            go.Bar(
                x=x, y=y, name=str(category), orientation="h" if horizontal else "v",
                marker=dict(color=colours[i % len(colours)], pattern=_pattern(PATTERNS[(i + i // len(colours)) % len(PATTERNS)]),
                            line=dict(color="white", width=1)),
                text=text, textposition="inside", insidetextanchor="middle", textangle=0,
                textfont=dict(color=_text_colour(colours[i % len(colours)]), size=15),
                hovertemplate=f"{category}: %{{text}}<extra>%{{{'y' if horizontal else 'x'}}}</extra>",
            )
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal", uniformtext=dict(minsize=12, mode="hide"))
    fig.update_xaxes(type="category") if not horizontal else fig.update_yaxes(type="category", autorange="reversed")
    return finish(fig, title, unit, value_axis="x" if horizontal else "y")
