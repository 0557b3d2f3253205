"""What every chart shares: the 'wayahead' template, axis formats by unit, value labels."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Literal

import plotly.graph_objects as go

from wayahead import formatting
from wayahead.palette import TEMPLATE_NAME

FORMATTERS: dict[str, Callable[[float | None], str]] = {
    "share": formatting.percent,
    "money": formatting.money,
    "count": formatting.number,
    "ratio": formatting.number,
}


def format_value(unit: str, value: float | None) -> str:
    """A value as text in its unit: 34%, £1.2m, 12."""
    return FORMATTERS[unit](value)


def _axis(unit: str) -> dict[str, object]:
    if unit == "share":
        return {"tickformat": ".0%", "rangemode": "tozero"}
    if unit == "money":
        return {"tickprefix": "£", "tickformat": "~s", "rangemode": "tozero"}
    return {"tickformat": ",~f", "rangemode": "tozero"}


def wrap(title: str, width: int) -> str:
    """A long title broken into lines of at most `width` characters (plotly does not wrap)."""
    return "<br>".join(textwrap.wrap(title, width)) or title


def finish(
    fig: go.Figure, title: str, unit: str, value_axis: Literal["x", "y"] = "y", height: int = 460, title_width: int = 80
) -> go.Figure:
    """Apply the template, the (wrapped) title and the value axis format for `unit`."""
    lines = wrap(title, title_width)
    fig.update_layout(template=TEMPLATE_NAME, title_text=lines, height=height + 26 * lines.count("<br>"))
    fig.update_layout(margin_t=70 + 26 * lines.count("<br>"))
    if value_axis == "y":
        fig.update_yaxes(**_axis(unit))
    else:
        fig.update_xaxes(**_axis(unit))
    if unit == "share" and value_axis == "y":
        fig.update_layout(yaxis_range=[0, 1.05])  # trends of shares on the full 0–100% scale
    return fig
