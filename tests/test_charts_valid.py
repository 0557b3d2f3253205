"""Every chart builder makes its figure without plotly's property checks (for speed), so here each
one's output is rebuilt with the checks on: a misspelt or misplaced property fails the test."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from wayahead.charts import ranked_bars, stacked_bars, trend_chart
from wayahead.charts.palette import TEMPLATE_NAME, contrast_ratio
from wayahead.charts.theme import figure
from wayahead.charts.tile_map import tile_map
from wayahead.charts.trends import area_trend, returns_status, sparkline
from wayahead.returns.london import AUTHORITIES
from wayahead.ui.meeting import for_projector

RANKING = pd.DataFrame(
    {
        "code": [a.code for a in AUTHORITIES],
        "name": [a.name for a in AUTHORITIES],
        "value": [None if i == 3 else i / 32 for i in range(33)],
    }
)
STACK = pd.DataFrame(
    [
        (f"{y}/{y % 100 + 1:02d}", c, 100.0 * i * (c != "Other"))
        for i, y in enumerate(range(2020, 2025))
        for c in ("Grants", "Contracts", "Other")
    ],
    columns=["x", "category", "value"],
)
LINES = pd.DataFrame(
    [(y, s, None if y == 2022 else 0.1 * (y - 2019)) for y in range(2020, 2025) for s in ("London", "Hackney")],
    columns=["year", "series", "value"],
)
AREAS = pd.DataFrame(
    [
        ("grant_share", y, a, 0.1 * (y - 2019) + k / 100)
        for y in range(2020, 2025)
        for k, a in enumerate(("Hackney", "East London", "London"))
    ],
    columns=["indicator", "year", "area", "value"],
)


def percent(v: float) -> str:
    return f"{v:.0%}"


BUILDERS = {
    "ranked_bars": lambda: ranked_bars(
        RANKING, "A long title that wraps over two lines of the chart title", "share", "Median", ["E09000012"]
    ),
    "ranked_bars_empty": lambda: ranked_bars(RANKING.iloc[:0], "Nothing", "count"),
    "stacked_bars": lambda: stacked_bars(STACK, "Money", "money", ["Grants", "Contracts", "Other"]),
    "stacked_bars_ordered_horizontal": lambda: stacked_bars(
        STACK, "Shares", "share", ["Grants", "Contracts"], ordered=True, horizontal=True
    ),
    "trend_chart": lambda: trend_chart(LINES, "Trend", "share"),
    "tile_map": lambda: tile_map(RANKING, "Map", percent, subtitle="finding", chosen=["E09000012", "E09000001"]),
    "tile_map_no_key": lambda: tile_map(RANKING, "Map", percent, colour_key=False),
    "area_trend": lambda: area_trend(
        AREAS, "grant_share", ["Hackney", "East London", "London"], "Title", "sub", percent
    ),
    "sparkline": lambda: sparkline(AREAS[AREAS["area"] == "London"], percent, title="London"),
    "returns_status": lambda: returns_status(pd.DataFrame({"year": [2023, 2024], "returned": [30, 31]}), 33),
    "for_projector": lambda: for_projector(area_trend(AREAS, "grant_share", ["London"], "Title", "sub", percent), 400),
}


def plain(value):
    """Arrays and tuples as lists, NaN as None: what reaches plotly.js, however it was stored."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_builder_output_passes_plotlys_checks_unchanged(name):
    fig = BUILDERS[name]()
    checked = go.Figure(fig.to_dict())  # validates every property; raises ValueError on a bad one
    assert pio.to_json(checked, validate=True)
    # and the checks change nothing: no shorthand (a title given as text) that only they would expand
    assert plain(fig.to_dict()) == plain(checked.to_dict())


def test_figure_checks_nothing_but_keeps_everything_it_is_given():
    fig = figure(
        [{"type": "bar", "x": ["a", "b"], "y": [1, math.nan], "name": "bars"}], {"title": {"text": "T"}, "height": 300}
    )
    assert fig.data[0].name == "bars" and list(fig.data[0].x) == ["a", "b"]
    assert fig.layout.title.text == "T" and fig.layout.height == 300
    assert fig.layout.template.layout.font.size == pio.templates[TEMPLATE_NAME].layout.font.size
    with pytest.raises(ValueError):
        go.Figure(figure([{"type": "bar", "not_a_property": 1}], {}).to_dict())


def test_stacked_bars_skip_a_category_empty_everywhere():
    fig = stacked_bars(STACK, "Money", "money", ["Grants", "Contracts", "Other"])
    assert [t.name for t in fig.data] == ["Grants", "Contracts"]


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_chart_sets_its_text_dark_itself_so_the_pages_theme_cannot_grey_it(name):
    """The page draws a chart in Streamlit's theme, which greys (3.7:1 on white) every label the
    figure leaves to its template; set on the figure, the colour holds 4.5:1 or more."""
    layout = BUILDERS[name]().layout
    colours = [
        layout.font.color,
        layout.title.font.color,
        layout.title.subtitle.font.color,
        layout.legend.font.color,
        layout.hoverlabel.font.color,
        layout.xaxis.tickfont.color,
        layout.yaxis.tickfont.color,
        layout.xaxis.title.font.color,
        layout.yaxis.title.font.color,
    ]
    assert all(colour is not None and contrast_ratio(colour) >= 4.5 for colour in colours), colours


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_reference_line_runs_behind_the_labels_never_across_one(name):
    """A median's or a total's line drawn over the bars crossed their value labels ('31' struck
    through on the overview's returns received): every line shape lies below the traces."""
    lines = [shape for shape in BUILDERS[name]().layout.shapes if shape.type == "line"]
    assert all(shape.layer == "below" for shape in lines), [shape.layer for shape in lines]
