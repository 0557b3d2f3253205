"""Colours and the plotly template: Okabe-Ito (colour-blind safe), large type for projectors.

Okabe, M. and Ito, K. (2008) "Color Universal Design": eight colours that stay distinct for
the common forms of colour blindness. Charts never rely on colour alone (labels, patterns,
markers carry the same information).
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#767676"  # 4.5:1 on white, for reference lines and muted text
TEXT = "#1A1A1A"  # the charts' text: 17:1 on white

# Order used for categories: strongest contrasts first.
CATEGORICAL: tuple[str, ...] = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, SKY_BLUE, REDDISH_PURPLE, YELLOW, BLACK)

# Selected authorities against London: London is always black, selections take CATEGORICAL.
LONDON = BLACK
HIGHLIGHT = VERMILLION

# Sequential scale for maps (low → high), light to dark blue: readable in greyscale too.
SEQUENTIAL: tuple[str, ...] = ("#F2F7FB", "#C6DBEF", "#8DBBDF", "#56B4E9", "#2A88C6", "#0072B2", "#004D7A")

# Ordered scales (e.g. the social value ladder None → Embedded): light to dark, so order reads
# without colour names.
ORDERED: tuple[str, ...] = ("#D9D9D9", "#8DBBDF", "#2A88C6", "#004D7A")

# Fill patterns for stacked bars, so categories differ by more than colour.
PATTERNS: tuple[str, ...] = ("", "/", ".", "x", "\\", "+", "-", "|")

# WCAG 2.2 AA: text needs 4.5:1 against its background (1.4.3), a line or marker 3:1 (1.4.11).
TEXT_CONTRAST = 4.5


def _luminance(colour: str) -> float:
    """The relative luminance of '#RRGGBB' (WCAG 2.2's definition)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(colour: str, background: str = "#FFFFFF") -> float:
    """WCAG's contrast ratio of two '#RRGGBB' colours: 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(colour), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def on_white(colour: str) -> str:
    """`colour` as text on white: itself where it has 4.5:1, else the same hue darkened just enough
    (the one place a chart's coloured text is made readable: line-end labels, value labels)."""
    rgb = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    for step in range(101):
        shade = "#" + "".join(f"{round(c * (1 - step / 100)):02X}" for c in rgb)
        if contrast_ratio(shade) >= TEXT_CONTRAST:
            return shade
    return BLACK


FONT_SIZE = 18
TITLE_SIZE = 22
TEMPLATE_NAME = "wayahead"


def _template() -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font=dict(family="Arial, Helvetica, sans-serif", size=FONT_SIZE, color=TEXT),
            title=dict(font=dict(size=TITLE_SIZE), x=0, xanchor="left"),
            colorway=list(CATEGORICAL),
            paper_bgcolor="white",
            plot_bgcolor="white",
            xaxis=dict(showgrid=False, linecolor=GREY, ticks="outside", tickcolor=GREY, automargin=True),
            yaxis=dict(gridcolor="#E5E5E5", zerolinecolor=GREY, automargin=True),
            legend=dict(orientation="h", yanchor="top", y=-0.15, x=0, font=dict(size=FONT_SIZE - 2)),
            hoverlabel=dict(font=dict(size=FONT_SIZE - 2)),
            margin=dict(l=10, r=20, t=70, b=10),
            colorscale=dict(sequential=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)]),
        )
    )


pio.templates[TEMPLATE_NAME] = _template()
