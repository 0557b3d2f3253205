"""What every chart shares: the 'wayahead' template, axis formats by unit, value labels."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import plotly.graph_objects as go
import plotly.io as pio

from wayahead.charts.palette import TEMPLATE_NAME


def _axis(unit: str) -> dict[str, object]:
    if unit == "share":
        return {"tickformat": ".0%", "rangemode": "tozero"}
    if unit == "money":
        return {"tickprefix": "£", "tickformat": "~s", "rangemode": "tozero"}
    return {"tickformat": ",~f", "rangemode": "tozero"}


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
        data=[dict(t) for t in traces], layout={"template": pio.templates[template], **layout}, _validate=False
    )


def titled_layout(
    title: str,
    unit: str,
    value_axis: Literal["x", "y"] = "y",
    height: int = 460,
    title_width: int = 80,
    other_axis: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Layout with the (wrapped) title, the height it needs and the value axis format for
    `unit` (a share on the y axis runs 0–105%); `other_axis` styles the other axis."""
    lines = wrap(title, title_width)
    breaks = lines.count("<br>")
    value = _axis(unit) | ({"range": [0, 1.05]} if unit == "share" and value_axis == "y" else {})
    category_axis = "y" if value_axis == "x" else "x"
    return {
        "title": {"text": lines},
        "height": height + 26 * breaks,
        "margin": {"t": 70 + 26 * breaks},
        f"{value_axis}axis": value,
        f"{category_axis}axis": dict(other_axis or {}),
    }
