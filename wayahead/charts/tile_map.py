"""The London tile map: each authority a square at its "London Squared" grid position.

Each tile carries a short name and the formatted value as text, so colour is never the only
signal; authorities without a value (no return, or the question left blank) are grey, hatched,
labelled "not answered" and explained by a legend entry "Not answered".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import make_colorscale, sample_colorscale, unlabel_rgb

from wayahead.charts.palette import GREY, SEQUENTIAL
from wayahead.charts.theme import figure
from wayahead.returns.london import AUTHORITIES, BY_CODE

SHORT_NAMES: dict[str, str] = {
    "E09000001": "CITY",
    "E09000002": "BARK",
    "E09000003": "BARN",
    "E09000004": "BEXL",
    "E09000005": "BREN",
    "E09000006": "BROM",
    "E09000007": "CAMD",
    "E09000008": "CROY",
    "E09000009": "EALI",
    "E09000010": "ENFI",
    "E09000011": "GWCH",
    "E09000012": "HACK",
    "E09000013": "HAMM",
    "E09000014": "HGEY",
    "E09000015": "HRRW",
    "E09000016": "HAVE",
    "E09000017": "HILL",
    "E09000018": "HNSL",
    "E09000019": "ISLI",
    "E09000020": "KENS",
    "E09000021": "KING",
    "E09000022": "LAMB",
    "E09000023": "LEWS",
    "E09000024": "MERT",
    "E09000025": "NEWH",
    "E09000026": "REDB",
    "E09000027": "RICH",
    "E09000028": "SWRK",
    "E09000029": "SUTT",
    "E09000030": "TOWH",
    "E09000031": "WALT",
    "E09000032": "WAND",
    "E09000033": "WSTM",
}
NO_RETURN = "not answered"
NOT_CHOSEN = "not chosen"
MISSING_FILL = "#e8e8e8"
OUTSIDE_FILL = "#ffffff"
MISSING_PATTERN = {"shape": "/", "fgcolor": "#9a9a9a", "bgcolor": MISSING_FILL, "size": 8, "solidity": 0.15}
LABEL_SIZE = 14  # the tiles' text: fits a tile on a 390-wide phone
_HALF = 0.47  # half a tile's side, in grid units: a thin gap between tiles
_BY_POSITION = {(a.x, a.y): a.code for a in AUTHORITIES}


def _text_colour(fill: str) -> str:
    """Black or white, whichever reads better on `fill` ('rgb(r, g, b)')."""
    r, g, b = (c / 255 for c in unlabel_rgb(fill))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.45 else "#ffffff"


def tile_colours(values: Mapping[str, float], colorscale: Any = SEQUENTIAL) -> dict[str, str]:
    """Each authority's fill: its value's place on the scale between the lowest and highest."""
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    span = high - low
    places = {code: (value - low) / span if span else 0.5 for code, value in values.items()}
    return {code: sample_colorscale(colorscale, [t], colortype="rgb")[0] for code, t in places.items()}


TILE_EDGE = {"color": "#c8c8c8", "width": 1}


def _tile_shape(code: str, fill: str) -> dict[str, Any]:
    """An authority's square, filled: a rectangle under the labels (one SVG path; a trace for
    each of the 33 made the map the slowest chart on a page to draw)."""
    a = BY_CODE[code]
    return {
        "type": "rect",
        "x0": a.x - _HALF,
        "x1": a.x + _HALF,
        "y0": a.y - _HALF,
        "y1": a.y + _HALF,
        "fillcolor": fill,
        "line": TILE_EDGE,
        "layer": "below",
    }


def _hatched_tiles(codes: Collection[str]) -> dict[str, Any]:
    """The squares with no figure, grey and hatched, as one trace (a rectangle cannot be hatched):
    each square is a closed run of the outline, the runs apart by a gap."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for code in codes:
        a = BY_CODE[code]
        xs += [a.x - _HALF, a.x + _HALF, a.x + _HALF, a.x - _HALF, a.x - _HALF, None]
        ys += [a.y - _HALF, a.y - _HALF, a.y + _HALF, a.y + _HALF, a.y - _HALF, None]
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "fill": "toself",
        "line": TILE_EDGE,
        "fillcolor": MISSING_FILL,
        "fillpattern": MISSING_PATTERN,
        "hoverinfo": "skip",
        "showlegend": False,
        "name": "no figure",
    }


def _two_lines(label: str) -> str:
    """A label without a figure ("not answered") on two lines, so it is no wider than its tile."""
    return label.replace(" ", "<br>", 1)


def _values(df: pd.DataFrame) -> dict[str, float]:
    known = df.dropna(subset=["value"])
    return {str(code): float(value) for code, value in zip(known["code"], known["value"]) if code in BY_CODE}


def tile_map(
    df: pd.DataFrame,
    title: str,
    value_format: Callable[[float], str] = "{:,.0f}".format,
    colorscale: Any = SEQUENTIAL,
    subtitle: str = "",
    label_size: int = LABEL_SIZE,
    colour_key: bool = True,
    chosen: Collection[str] | None = None,
    missing_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """The 33 authorities as tiles coloured by df's `value` (columns code, value); others grey.

    `label_size` is the tiles' text size (larger for a projector); `colour_key` shows the colour bar, under the map so the tiles have the width (leave
    it off when the labels say all there is, e.g. Yes/No); authorities outside
    `chosen` (the filters' area; all when None) are blank tiles labelled "not chosen"; a tile with
    no value says "not answered", or its entry in `missing_labels` ("not asked", "no return")."""
    inside = set(chosen) if chosen is not None else set(BY_CODE)
    values = {code: value for code, value in _values(df).items() if code in inside}
    colours = tile_colours(values, colorscale)
    shapes = [
        _tile_shape(a.code, colours.get(a.code, OUTSIDE_FILL))
        for a in AUTHORITIES
        if a.code in colours or a.code not in inside
    ]
    hatched = [a.code for a in AUTHORITIES if a.code in inside and a.code not in colours]
    traces = [_hatched_tiles(hatched)] if hatched else []
    labels = [
        value_format(values[a.code])
        if a.code in values
        else (missing_labels or {}).get(a.code, NO_RETURN)
        if a.code in inside
        else NOT_CHOSEN
        for a in AUTHORITIES
    ]
    traces.append(
        {
            "type": "scatter",
            "x": [a.x for a in AUTHORITIES],
            "y": [a.y for a in AUTHORITIES],
            "mode": "markers+text",
            "marker": {"symbol": "square", "size": 3 * label_size, "color": "rgba(0,0,0,0)"},
            "text": [
                f"<b>{SHORT_NAMES[a.code]}</b><br>{label if a.code in values else _two_lines(label)}"
                for a, label in zip(AUTHORITIES, labels)
            ],
            "textfont": {
                "color": [
                    _text_colour(colours[a.code]) if a.code in colours else "#000000" if a.code in inside else GREY
                    for a in AUTHORITIES
                ],
                "size": [label_size if a.code in values else round(label_size * 0.75) for a in AUTHORITIES],
            },
            "customdata": [[a.code, a.name, label] for a, label in zip(AUTHORITIES, labels)],
            "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<extra></extra>",
            "showlegend": False,
            "name": "authorities",
        }
    )
    if values and colour_key:
        traces.append(_colour_key(values, value_format, colorscale, label_size - 1))
    if hatched:
        said = sorted({label for a, label in zip(AUTHORITIES, labels) if a.code in hatched})
        traces.append(_not_answered_key(" or ".join(said).capitalize()))  # what those squares say
    return figure(
        traces,
        {
            "title": {"text": title, "subtitle": {"text": subtitle, "font": {"size": 16}}},
            "height": 560,
            "margin": {"l": 0, "r": 0, "t": 90, "b": _key_room(label_size - 1) if values and colour_key else 10},
            "plot_bgcolor": "#ffffff",
            "paper_bgcolor": "#ffffff",
            "hovermode": "closest",
            "dragmode": False,
            "showlegend": bool(hatched),
            "shapes": shapes,
            # In the map's empty top-left corner (no authority sits there), taking no width from the tiles.
            "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "top", "font": {"size": label_size}},
            "clickmode": "event+select",
            "xaxis": {"visible": False, "range": [-0.5, 7.5], "fixedrange": True},
            "yaxis": {"visible": False, "range": [6.5, -0.5], "fixedrange": True, "scaleanchor": "x"},
        },
        template=pio.templates.default,
    )


def _not_answered_key(name: str) -> dict[str, Any]:
    """A legend-only entry: the grey hatched swatch of a tile with no figure, named as those tiles
    are labelled ('Not answered', 'No return or not answered')."""
    return {
        "type": "bar",
        "x": [None],
        "y": [None],
        "name": name,
        "showlegend": True,
        "hoverinfo": "skip",
        "marker": {"color": MISSING_FILL, "pattern": MISSING_PATTERN, "line": {"color": "#9a9a9a", "width": 1}},
    }


COLOUR_KEY_THICKNESS = 14


def _key_room(text_size: int) -> int:
    """The space under the map for the colour key and its labels, set ahead so that Plotly
    draws the map once (see charts.theme.titled_layout)."""
    return COLOUR_KEY_THICKNESS + 2 * text_size + 12


def _colour_key(
    values: Mapping[str, float], value_format: Callable[[float], str], colorscale: Any, text_size: int
) -> dict[str, Any]:
    """An invisible trace whose colour bar explains the fills in the value's own format."""
    low, high = min(values.values()), max(values.values())
    ticks = [low + (high - low) * i / 4 for i in range(5)] if high > low else [low]
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "markers",
        "hoverinfo": "skip",
        "showlegend": False,
        "marker": {
            "colorscale": _pairs(colorscale),
            "cmin": low,
            "cmax": high if high > low else low + 1,
            "color": [low],
            "showscale": True,
            "colorbar": {
                "tickvals": ticks,
                "ticktext": [value_format(t) for t in ticks],
                "orientation": "h",
                "x": 0.5,
                "xanchor": "center",
                "y": 0,
                "yanchor": "top",
                "thickness": COLOUR_KEY_THICKNESS,
                "tickfont": {"size": text_size},
                "len": 0.7,
                "outlinewidth": 0,
            },
        },
    }


def _pairs(colorscale: Any) -> Any:
    """A list of colours as plotly.js wants a colour scale: [[0, first], …, [1, last]]."""
    if isinstance(colorscale, (list, tuple)) and all(isinstance(c, str) for c in colorscale):
        return make_colorscale(list(colorscale))
    return colorscale


def selected_code(selection: Any) -> str | None:
    """The authority code of the tile clicked, from st.plotly_chart's selection state, or None."""
    points = ((selection or {}).get("selection") or {}).get("points") or []
    for point in points:
        x, y = point.get("x"), point.get("y")
        if (
            isinstance(x, (int, float))
            and isinstance(y, (int, float))
            and float(x).is_integer()
            and float(y).is_integer()
        ):
            code = _BY_POSITION.get((int(x), int(y)))
            if code:
                return code
    return None
