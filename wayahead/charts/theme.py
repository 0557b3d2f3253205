"""What every chart shares: the 'wayahead' template, axis formats by unit, value labels."""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import plotly.graph_objects as go
import plotly.io as pio

from wayahead.charts.palette import FONT_SIZE, TEMPLATE_NAME, TEXT
from wayahead.figures.numbers import finite
from wayahead.words.formatting import format_value

STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)  # a tick step is one of these times a power of ten
CHARACTER_WIDTH = 0.55  # Arial's characters average about half their size in width; a little over, never under
LABEL_GAP = 4  # px between an axis's labels and the plot
BOTTOM_ROOM = FONT_SIZE + 17  # one line of x axis labels below their ticks
TITLE_WIDTH = 48  # characters to a title's line: at a phone's title size (ui.style), a line fits 390 wide


def _step(top: float) -> float:
    """A whole, round step giving about five ticks from 0 to `top` (1, 2, 5, 10, 20, 25, 50 …)."""
    rough = top / 5
    power = 10.0 ** math.floor(math.log10(rough))
    steps = (s * power for s in STEPS if not (power <= 1 and s == 2.5))
    return max(next(s for s in steps if s >= rough), 1.0)


def value_ticks(unit: str, top: object) -> dict[str, object]:
    """Whole-number ticks from 0 to `top` (the largest value drawn; 1 when there is none)
    written as the app writes the unit: '£50m', '£500k' (Plotly's own would be '£50M'), '12'."""
    ticks = _tick_values(top)
    return {"tickmode": "array", "tickvals": ticks, "ticktext": [format_value(unit, t) for t in ticks]}


def _tick_values(top: object) -> list[float]:
    highest = finite(top)
    highest = highest if highest is not None and highest > 0 else 1.0
    step = _step(highest)
    return [round(i * step, 6) for i in range(math.ceil(highest / step - 1e-9) + 1)]


def _value_labels(unit: str, top: object) -> list[str]:
    """The value axis's labels as drawn (a share's widest, '100%')."""
    if unit == "share":
        return ["100%"]
    if unit in ("money", "count"):
        return [format_value(unit, t) for t in _tick_values(top)]
    return [format_value(unit, finite(top) or 0)]


def _axis(unit: str, top: object) -> dict[str, object]:
    if unit == "share":
        return {"tickformat": ".0%", "rangemode": "tozero"}
    if unit in ("money", "count"):
        return value_ticks(unit, top) | {"rangemode": "tozero"}
    return {"tickformat": ",~f", "rangemode": "tozero"}


def literal(text: str) -> str:
    """Typed text for a chart's label, shown as typed: its <, > and & as entities, never read as markup."""
    return html.escape(text, quote=False)


def wrap(title: str, width: int) -> str:
    """A long title broken into lines of at most `width` characters (plotly does not wrap)."""
    return "<br>".join(textwrap.wrap(title, width)) or title


def figure(traces: Iterable[Mapping[str, Any]], layout: Mapping[str, Any], template: str = TEMPLATE_NAME) -> go.Figure:
    """A figure in `template` from plain trace and layout dicts, made in one step.

    Plotly checks each property as it is set, a millisecond or more a chart element: a page of
    ten charts spent more time checking than drawing. Built from dicts without those checks it
    takes about a millisecond; tests/test_charts_valid.py checks every builder's output instead.
    """
    return go.Figure(
        data=[dict(t) for t in traces],
        layout={"template": pio.templates[template], **layout} | _dark_text(layout),
        _validate=False,
    )


def _dark_text(layout: Mapping[str, Any]) -> dict[str, Any]:
    """The layout's text colours, set on the figure itself: the page draws a chart in Streamlit's
    theme, which puts its own template's grey (3.7:1 on white, under WCAG's 4.5:1) on every label
    the figure leaves to its template. Sizes and the rest of `layout` are kept."""

    def with_colour(part: Mapping[str, Any] | str | None, *path: str) -> dict[str, Any]:
        part = {"text": part} if isinstance(part, str) else dict(part or {})
        if not path:
            return part | {"color": part.get("color", TEXT)}
        return part | {path[0]: with_colour(part.get(path[0]), *path[1:])}

    dark: dict[str, Any] = {
        "font": with_colour(layout.get("font")),
        "legend": with_colour(with_colour(layout.get("legend"), "font"), "title", "font"),
        "hoverlabel": with_colour(layout.get("hoverlabel"), "font"),
        "title": with_colour(with_colour(layout.get("title"), "font"), "subtitle", "font"),
    }
    for axis in {"xaxis", "yaxis", *(key for key in layout if key.startswith(("xaxis", "yaxis")))}:
        dark[axis] = with_colour(with_colour(layout.get(axis), "tickfont"), "title", "font")
    return dark


def text_room(texts: Iterable[str], size: float) -> int:
    """About the pixels the widest of `texts` takes in Arial at `size` px, rounded up."""
    return math.ceil(max((len(text) for text in texts), default=0) * size * CHARACTER_WIDTH)


def titled_layout(
    title: str,
    unit: str,
    value_axis: Literal["x", "y"] = "y",
    height: int = 460,
    title_width: int = TITLE_WIDTH,
    other_axis: Mapping[str, Any] | None = None,
    top: object = None,
    categories: Sequence[str] = (),
) -> dict[str, Any]:
    """Layout with the (wrapped) title, the height it needs and the value axis format for
    `unit` (a share on the y axis runs 0–105%; money and counts are ticked up to `top`, the
    largest value drawn); `other_axis` styles the other axis, whose labels are `categories`.

    The margins are set to what the axis labels need, so Plotly draws the chart once: left to
    its automargin, it drew each chart, measured the labels and drew it again, which was a
    third of the browser's work when a filter changed (bench/README.md). Automargin stays on
    for a label wider than foreseen, which costs only that second drawing."""
    lines = wrap(title, title_width)
    breaks = lines.count("<br>")
    value = _axis(unit, top) | ({"range": [0, 1.05]} if unit == "share" and value_axis == "y" else {})
    category_axis = "y" if value_axis == "x" else "x"
    other = dict(other_axis or {})
    if value_axis == "y":
        left = text_room(_value_labels(unit, top), FONT_SIZE)
    else:
        left = text_room(categories, other.get("tickfont", {}).get("size", FONT_SIZE))
    return {
        "title": {"text": lines},
        "height": height + 26 * breaks,
        "margin": {"t": 70 + 26 * breaks, "l": left + LABEL_GAP, "b": BOTTOM_ROOM},
        f"{value_axis}axis": value,
        f"{category_axis}axis": other,
    }
